"""Care plans: one per episode of care, kept as versions (draft, active, superseded).

The first version starts as a draft; ``activate_plan`` puts a draft in effect and supersedes the
version that was; ``new_version`` starts the next draft as a full copy of the active one, so the
history stays as it was. A draft changes freely; an active version only in its review date, its
goals' statuses, and the reviews and case conferences recorded against it
(``otdesk.services.care_plan_reviews``); a superseded one never (``CarePlanError`` says what to
do instead). Needs, goals and interventions change through the functions of
``otdesk.services.care_plan_parts``, offered here too. Every call is one audited unit of work,
refused when the caller's copy is stale (``ConflictError``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from otdesk.db.models import (
    CarePlan,
    CarePlanGoal,
    CarePlanIntervention,
    CarePlanNeed,
    CarePlanReview,
    CaseConference,
    Client,
    Episode,
    Staff,
)
from otdesk.domain.care_plans import (
    ACTIVE_PLAN_FIELDS,
    CarePlanError,
    Change,
    Item,
    change_of,
    pair_items,
)
from otdesk.domain.errors import FieldError, ValidationError
from otdesk.domain.fields import Field, validate
from otdesk.domain.records import RecordKind
from otdesk.domain.translation import N_, _, fill, format_date
from otdesk.domain.vocab import CarePlanStatus
from otdesk.services._records import (
    delete_audited,
    editing,
    insert_audited,
    load,
    update_audited,
)
from otdesk.services.care_plan_parts import (
    add_goal,
    add_intervention,
    add_need,
    client_of,
    plan_label,
    refuse_if_superseded,
    refuse_unless_draft,
    remove_goal,
    remove_intervention,
    remove_need,
    set_goal_status,
    update_goal,
    update_intervention,
    update_need,
)
from otdesk.services.care_plan_views import (
    ComparisonRow,
    GoalInfo,
    InterventionInfo,
    NeedInfo,
    PlanComparison,
    PlanInfo,
    PlanLine,
    plan_info,
)
from otdesk.services.context import Context
from otdesk.services.summaries import staff_name

__all__ = [
    "PlanComparison", "PlanInfo", "PlanLine", "activate_plan", "add_goal", "add_intervention",
    "add_need", "compare_plans", "create_plan", "current_plan", "get_plan", "list_plans",
    "new_version", "remove_draft", "remove_goal", "remove_intervention", "remove_need",
    "set_goal_status", "update_goal", "update_intervention", "update_need", "update_plan",
]

ENTITY = RecordKind.CARE_PLAN

PLAN_FIELDS: dict[str, Field] = {
    "summary": Field("longtext", max_length=10_000),
    "review_date": Field("date"),
    "effective_from": Field("date"),
    "share_with_family": Field("bool"),
    "share_with_partners": Field("bool"),
}
HAS_PLAN = N_("This episode already has a care plan (version {number}); open it, or start a "
              "new version of it.")
HAS_DRAFT = N_("Version {number} of this care plan is already a draft: finish or remove it "
               "before starting another version.")
ONLY_ACTIVE_COPIED = N_("Only the version in effect can be copied into a new version; version "
                        "{number} is {status}.")
NOT_DRAFT = N_("Version {number} is {status}, not a draft.")
NO_GOALS = N_("add at least one goal before putting the plan in effect")
NO_CONSENT_FAMILY = N_("the client has not consented to sharing with the family")
NO_CONSENT_PARTNERS = N_("the client has not consented to sharing with community partners")
NOT_THIS_CLIENTS = N_("{id} is not one of this client's episodes")
OTHER_EPISODE = N_("version {number} belongs to another episode of care")


# --- reading ------------------------------------------------------------------------------------


def get_plan(ctx: Context, *, plan_id: int) -> PlanInfo:
    """One version of a care plan with everything in it."""
    with ctx.db.reading() as session:
        return plan_info(session, load(session, CarePlan, ENTITY, plan_id))


def list_plans(ctx: Context, *, client_id: int, episode_id: int | None = None) -> list[PlanLine]:
    """A client's care-plan versions (of one episode, when given), the newest first."""
    with ctx.db.reading() as session:
        load(session, Client, RecordKind.CLIENT, client_id)
        goals = (select(CarePlanGoal.care_plan_id, func.count().label("n"))
                 .group_by(CarePlanGoal.care_plan_id).subquery())
        stmt = (select(CarePlan, Staff.given_name, Staff.family_name, goals.c.n)
                .outerjoin(Staff, Staff.id == CarePlan.author_id)
                .outerjoin(goals, goals.c.care_plan_id == CarePlan.id)
                .where(CarePlan.client_id == client_id))
        if episode_id is not None:
            stmt = stmt.where(CarePlan.episode_id == episode_id)
        rows = session.execute(stmt.order_by(CarePlan.episode_id.desc(),
                                             CarePlan.plan_version.desc())).all()
        scores = _latest_scores(session, [p.id for p, *_rest in rows])
        return [
            PlanLine(p.id, p.client_id, p.episode_id, p.plan_version, CarePlanStatus(p.status),
                     p.based_on_id, p.effective_from, p.review_date, staff_name(given, family),
                     n or 0, scores.get(p.id), p.updated_at, p.version)
            for p, given, family, n in rows
        ]


def _latest_scores(session: Session, plan_ids: list[int]) -> dict[int, float | None]:
    out: dict[int, float | None] = {}
    if not plan_ids:
        return out
    for pid, score in session.execute(
        select(CarePlanReview.care_plan_id, CarePlanReview.t_score)
        .where(CarePlanReview.care_plan_id.in_(plan_ids))
        .order_by(CarePlanReview.review_date, CarePlanReview.id)
    ):
        out[pid] = score
    return out


def current_plan(ctx: Context, *, episode_id: int) -> PlanInfo | None:
    """The episode's version in effect, else its newest draft, else None."""
    with ctx.db.reading() as session:
        row = _current(session, episode_id)
        return None if row is None else plan_info(session, row)


def _current(session: Session, episode_id: int) -> CarePlan | None:
    versions = list(session.scalars(select(CarePlan).where(CarePlan.episode_id == episode_id)
                                    .order_by(CarePlan.plan_version.desc())))
    active = [p for p in versions if p.status == CarePlanStatus.ACTIVE.value]
    drafts = [p for p in versions if p.status == CarePlanStatus.DRAFT.value]
    chosen = active or drafts
    return chosen[0] if chosen else None


def draft_of(session: Session, episode_id: int) -> CarePlan | None:
    """The episode's draft version, if it has one."""
    return session.scalar(select(CarePlan).where(
        CarePlan.episode_id == episode_id, CarePlan.status == CarePlanStatus.DRAFT.value))


# --- writing ------------------------------------------------------------------------------------


def _checked(session: Session, ctx: Context, client: Client, values: Mapping[str, Any], *,
             partial: bool) -> dict[str, Any]:
    clean = validate(PLAN_FIELDS, dict(values), today=ctx.today(), partial=partial)
    problems = []
    if clean.get("share_with_family") and not client.consent_family:
        problems.append(FieldError.of("share_with_family", NO_CONSENT_FAMILY))
    if clean.get("share_with_partners") and not client.consent_community:
        problems.append(FieldError.of("share_with_partners", NO_CONSENT_PARTNERS))
    if problems:
        raise ValidationError(problems)
    return clean


def create_plan(ctx: Context, *, client_id: int, episode_id: int,
                values: Mapping[str, Any] | None = None) -> PlanInfo:
    """Start an episode's first care plan, as a draft written by the acting staff member
    (fields of PLAN_FIELDS; sharing follows the client's consent unless given)."""
    with ctx.transaction() as session:
        client = client_of(session, client_id)
        episode = session.get(Episode, episode_id)
        if episode is None or episode.client_id != client_id:
            raise ValidationError(FieldError.of("episode_id", NOT_THIS_CLIENTS, id=episode_id))
        return plan_info(session, start_plan(session, ctx, client, episode_id, values or {}))


def start_plan(session: Session, ctx: Context, client: Client, episode_id: int,
               values: Mapping[str, Any]) -> CarePlan:
    """The first version of an episode's plan, inside the caller's unit of work."""
    clean = _checked(session, ctx, client, values, partial=True)
    existing = session.scalar(select(func.max(CarePlan.plan_version))
                              .where(CarePlan.episode_id == episode_id))
    if existing is not None:
        raise CarePlanError(fill(_(HAS_PLAN), number=existing))
    stored: dict[str, Any] = {
        "summary": "", "review_date": None, "effective_from": None,
        "share_with_family": client.consent_family,
        "share_with_partners": client.consent_community, **clean,
    }
    row = CarePlan(client_id=client.id, episode_id=episode_id, plan_version=1,
                   status=CarePlanStatus.DRAFT.value, author_id=ctx.actor_id, **stored)
    insert_audited(session, ctx, ENTITY, row, {**stored, "plan_version": 1, "status": "draft"},
                   client_id=client.id)
    return row


def new_version(ctx: Context, *, plan_id: int) -> PlanInfo:
    """Start the next version as a draft: a full copy of the active ``plan_id`` (its needs,
    goals and interventions, and the links between them)."""
    with ctx.transaction() as session:
        source = load(session, CarePlan, ENTITY, plan_id)
        return plan_info(session, copy_plan(session, ctx, source))


def copy_plan(session: Session, ctx: Context, source: CarePlan) -> CarePlan:
    """The next draft version copied from the active ``source``, in the caller's unit of
    work."""
    if source.status != CarePlanStatus.ACTIVE.value:
        raise CarePlanError(fill(_(ONLY_ACTIVE_COPIED), number=source.plan_version,
                                 status=CarePlanStatus(source.status).label))
    draft = draft_of(session, source.episode_id)
    if draft is not None:
        raise CarePlanError(fill(_(HAS_DRAFT), number=draft.plan_version))
    number = 1 + (session.scalar(select(func.max(CarePlan.plan_version))
                                 .where(CarePlan.episode_id == source.episode_id)) or 0)
    copied = {name: getattr(source, name) for name in PLAN_FIELDS if name != "effective_from"}
    row = CarePlan(client_id=source.client_id, episode_id=source.episode_id,
                   plan_version=number, status=CarePlanStatus.DRAFT.value,
                   based_on_id=source.id, author_id=ctx.actor_id, effective_from=None, **copied)
    insert_audited(session, ctx, ENTITY, row,
                   {**copied, "plan_version": number, "status": "draft",
                    "based_on_id": source.id}, client_id=source.client_id)
    _copy_parts(session, ctx, source, row)
    return row


_NEED_COPIED = ("position", "text", "symptom_or_barrier", "activity_limited", "source_kind",
                "source_id", "source_detail")
_GOAL_COPIED = ("position", "text", "measure", "baseline", "target_date", "domain",
                "gas_levels", "gas_weight", "status", "status_reason", "plain_language")
_INTERVENTION_COPIED = ("position", "description", "frequency", "discipline", "owner_name",
                        "plain_language")


def _copy_parts(session: Session, ctx: Context, source: CarePlan, target: CarePlan) -> None:
    needs: dict[int, int] = {}
    goals: dict[int, int] = {}
    now = ctx.now()
    stamp = {"created_at": now, "updated_at": now, "created_by_id": ctx.actor_id,
             "updated_by_id": ctx.actor_id, "care_plan_id": target.id}

    def rows(model: Any) -> list[Any]:
        return list(session.scalars(select(model).where(model.care_plan_id == source.id)
                                    .order_by(model.position, model.id)))

    for need in rows(CarePlanNeed):
        copy = CarePlanNeed(**{k: getattr(need, k) for k in _NEED_COPIED}, **stamp)
        session.add(copy)
        session.flush()
        needs[need.id] = copy.id
    for goal in rows(CarePlanGoal):
        values = {k: getattr(goal, k) for k in _GOAL_COPIED}
        copy_goal = CarePlanGoal(need_id=needs.get(goal.need_id) if goal.need_id else None,
                                 **values, **stamp)
        session.add(copy_goal)
        session.flush()
        goals[goal.id] = copy_goal.id
    for item in rows(CarePlanIntervention):
        session.add(CarePlanIntervention(
            goal_id=goals.get(item.goal_id) if item.goal_id else None,
            **{k: getattr(item, k) for k in _INTERVENTION_COPIED}, **stamp))
    session.flush()


def update_plan(ctx: Context, *, plan_id: int, version: int,
                values: Mapping[str, Any]) -> PlanInfo:
    """Change a version's own fields (PLAN_FIELDS): any of a draft's; only the review date of
    the version in effect."""
    with editing(ctx, CarePlan, ENTITY, plan_id, version, named=plan_label) as (session, row):
        refuse_if_superseded(row)
        clean = _checked(session, ctx, client_of(session, row.client_id), values, partial=True)
        if row.status == CarePlanStatus.ACTIVE.value:
            for name, value in clean.items():
                if name not in ACTIVE_PLAN_FIELDS and getattr(row, name) != value:
                    refuse_unless_draft(row, name)
        update_audited(session, ctx, ENTITY, row, clean, client_id=row.client_id)
        return plan_info(session, row)


def activate_plan(ctx: Context, *, plan_id: int, version: int) -> PlanInfo:
    """Put a draft in effect (from today, unless it names its start date); the version in
    effect until now is superseded."""
    with editing(ctx, CarePlan, ENTITY, plan_id, version, named=plan_label) as (session, row):
        if row.status != CarePlanStatus.DRAFT.value:
            raise CarePlanError(fill(_(NOT_DRAFT), number=row.plan_version,
                                     status=CarePlanStatus(row.status).label))
        goals = session.scalar(select(func.count()).where(CarePlanGoal.care_plan_id == row.id))
        if not goals:
            raise ValidationError(FieldError.of("goals", NO_GOALS))
        for older in session.scalars(select(CarePlan).where(
                CarePlan.episode_id == row.episode_id,
                CarePlan.status == CarePlanStatus.ACTIVE.value)):
            update_audited(session, ctx, ENTITY, older,
                           {"status": CarePlanStatus.SUPERSEDED.value},
                           client_id=older.client_id)
        session.flush()  # one active version per episode: the old one goes first
        update_audited(session, ctx, ENTITY, row,
                       {"status": CarePlanStatus.ACTIVE.value,
                        "effective_from": row.effective_from or ctx.today()},
                       client_id=row.client_id)
        return plan_info(session, row)


def remove_draft(ctx: Context, *, plan_id: int, version: int) -> None:
    """Delete a draft version with its contents (a version that was in effect stays)."""
    with editing(ctx, CarePlan, ENTITY, plan_id, version, named=plan_label) as (session, row):
        if row.status != CarePlanStatus.DRAFT.value:
            raise CarePlanError(fill(_(NOT_DRAFT), number=row.plan_version,
                                     status=CarePlanStatus(row.status).label))
        session.execute(update(CaseConference).where(CaseConference.new_plan_id == row.id)
                        .values(new_plan_id=None))
        for model in (CarePlanIntervention, CarePlanGoal, CarePlanNeed):
            session.execute(delete(model).where(model.care_plan_id == row.id))
        delete_audited(session, ctx, ENTITY, row, ("plan_version", "status", "summary"),
                       client_id=row.client_id)


# --- comparing two versions ---------------------------------------------------------------------


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def _need_item(n: NeedInfo) -> Item:
    shown = n.text
    if n.symptom_or_barrier or n.activity_limited:
        shown = fill(_("{need} (barrier: {barrier}; activity: {activity})"), need=n.text,
                     barrier=n.symptom_or_barrier or "-", activity=n.activity_limited or "-")
    return Item(n.position, n.text, shown)


def _goal_item(g: GoalInfo) -> Item:
    shown = fill(_("{goal} | measure: {measure} | target: {target} | weight: {weight} | "
                   "{status}"), goal=g.text, measure=g.measure or "-",
                 target=format_date(g.target_date) if g.target_date else "-",
                 weight=f"{g.gas_weight:g}", status=g.status.label)
    return Item(g.position, g.text, shown)


def _intervention_item(i: InterventionInfo, goals: dict[int, GoalInfo]) -> Item:
    goal = goals.get(i.goal_id) if i.goal_id else None
    shown = fill(_("{what} | {how_often} | {discipline} {who} | goal: {goal}"),
                 what=i.description, how_often=i.frequency or "-", discipline=i.discipline.label,
                 who=i.owner_name, goal=goal.text if goal else "-")
    return Item(i.position, i.description, " ".join(shown.split()))


def compare_plans(ctx: Context, *, older_id: int, newer_id: int) -> PlanComparison:
    """Two versions of one episode's plan side by side: the plan's own fields, then each need,
    goal and intervention as added, removed, changed or the same."""
    older, newer = get_plan(ctx, plan_id=older_id), get_plan(ctx, plan_id=newer_id)
    if older.episode_id != newer.episode_id:
        raise ValidationError(FieldError.of("newer_id", OTHER_EPISODE,
                                            number=newer.plan_version))
    rows: list[ComparisonRow] = []
    own = (
        (_("Summary"), older.summary, newer.summary),
        (_("Review date"), _date(older.review_date), _date(newer.review_date)),
        (_("Shared with the family"), _yes_no(older.share_with_family),
         _yes_no(newer.share_with_family)),
        (_("Shared with community partners"), _yes_no(older.share_with_partners),
         _yes_no(newer.share_with_partners)),
    )
    for label, old_text, new_text in own:
        rows.append(ComparisonRow("plan", label, old_text, new_text,
                                  Change.SAME if old_text == new_text else Change.CHANGED))
    old_goals = {g.id: g for g in older.goals}
    new_goals = {g.id: g for g in newer.goals}
    sections: tuple[tuple[str, str, list[Item], list[Item]], ...] = (
        ("need", _("Need"), [_need_item(n) for n in older.needs],
         [_need_item(n) for n in newer.needs]),
        ("goal", _("Goal"), [_goal_item(g) for g in older.goals],
         [_goal_item(g) for g in newer.goals]),
        ("intervention", _("Intervention"),
         [_intervention_item(i, old_goals) for i in older.interventions],
         [_intervention_item(i, new_goals) for i in newer.interventions]),
    )
    for section, label, before, after in sections:
        for number, (a, b) in enumerate(pair_items(before, after), start=1):
            rows.append(ComparisonRow(section, fill(_("{item} {number}"), item=label,
                                                    number=number),
                                      a.shown if a else "", b.shown if b else "",
                                      change_of(a, b)))
    return PlanComparison(older.id, newer.id, older.plan_version, newer.plan_version,
                          tuple(rows))


def _date(value: date | None) -> str:
    return format_date(value) if value else ""
