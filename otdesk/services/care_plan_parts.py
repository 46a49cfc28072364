"""The parts of a care-plan version: its needs, goals and interventions, changed one at a time.

A draft's parts change freely; an active version's only in its goals' statuses (a reworded
goal, a new need or intervention needs a new version, and the message says so); a superseded
version's never (``CarePlanError``). Each call checks the part's own ``version`` (a stale copy
is refused with ``ConflictError``), moves the plan's version on as well, and returns the whole
plan as it now is (a new part comes last in its list).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from otdesk.db.base import Tracked
from otdesk.db.models import (
    Assessment,
    CarePlan,
    CarePlanGoal,
    CarePlanIntervention,
    CarePlanNeed,
    Client,
    EnvironmentalChecklist,
    HomeModification,
)
from otdesk.domain.care_plans import DRAFT_ONLY, GAS_LEVELS, SUPERSEDED, CarePlanError
from otdesk.domain.errors import FieldError, ValidationError
from otdesk.domain.fields import Field, validate
from otdesk.domain.records import RecordKind
from otdesk.domain.translation import N_, NC_, _, fill, pgettext
from otdesk.domain.vocab import AuditAction, CarePlanStatus, Discipline, GoalStatus, NeedSource
from otdesk.services._records import (
    audit,
    delete_audited,
    editing,
    insert_audited,
    jsonable,
    load,
    update_audited,
)
from otdesk.services.care_plan_views import PlanInfo, plan_info
from otdesk.services.context import Context

ENTITY = RecordKind.CARE_PLAN
TEXT_MAX = 2000

NEED_FIELDS: dict[str, Field] = {
    "text": Field("longtext", required=True, max_length=TEXT_MAX),
    "symptom_or_barrier": Field("longtext", max_length=TEXT_MAX),
    "activity_limited": Field("longtext", max_length=TEXT_MAX),
    "source_kind": Field("choice", choices=NeedSource),
    "source_id": Field("ref"),
    "source_detail": Field("text", max_length=200),
}
GOAL_FIELDS: dict[str, Field] = {
    "need_id": Field("ref"),
    "text": Field("longtext", required=True, max_length=TEXT_MAX),
    "measure": Field("longtext", max_length=TEXT_MAX),
    "baseline": Field("longtext", max_length=TEXT_MAX),
    "target_date": Field("date"),
    "domain": Field("text", max_length=100),
}
GOAL_EXTRA = ("gas_levels", "gas_weight", "plain_language")  # checked here, not by validate
INTERVENTION_EXTRA = ("plain_language",)  # a family task's words for the handout
INTERVENTION_FIELDS: dict[str, Field] = {
    "goal_id": Field("ref"),
    "description": Field("longtext", required=True, max_length=TEXT_MAX),
    "frequency": Field("text", max_length=200),
    "discipline": Field("choice", required=True, choices=Discipline),
    "owner_name": Field("text", max_length=200),
}

# What a message says an active version cannot change ("... to change its goals").
_WHAT = "what an active care plan cannot change"
WHAT = {
    "summary": NC_(_WHAT, "summary"),
    "effective_from": NC_(_WHAT, "start date"),
    "share_with_family": NC_(_WHAT, "sharing with the family"),
    "share_with_partners": NC_(_WHAT, "sharing with community partners"),
    "needs": NC_(_WHAT, "needs"),
    "goals": NC_(_WHAT, "goals"),
    "interventions": NC_(_WHAT, "interventions"),
}
NOT_IN_PLAN = N_("{id} is not part of this care plan")
NOT_SOURCE = N_("no {kind} with id {id} belongs to this client")
SOURCE_PAIR = N_("give both the kind and the id of the record the need came from, or neither")
NOT_LEVEL_KEY = N_("'{value}' is not an attainment level (-2, -1, 0, 1 or 2)")
NOT_WEIGHT = N_("'{value}' is not a weight above 0 (such as 1 or 2.5)")
LEVELS_TEXT = N_("each attainment level is described in words")
PLAIN_TEXT = N_("give the goal's plain wording by language code, such as es or fr")
REASON_NEEDED = N_("say why the goal was discontinued")
WEIGHT_MAX = 100.0


# --- shared by the plan services ----------------------------------------------------------------


def plan_label(row: CarePlan) -> str:
    """A version as messages name it."""
    return fill(_("version {number}"), number=row.plan_version)


def refuse_unless_draft(row: CarePlan, what: str) -> None:
    """Refuse a content change (of ``what``, a key of ``WHAT`` or a field name) to a version
    that is no longer a draft."""
    if row.status == CarePlanStatus.SUPERSEDED.value:
        raise CarePlanError(fill(_(SUPERSEDED), number=row.plan_version))
    if row.status == CarePlanStatus.ACTIVE.value:
        words = pgettext(*WHAT[what]) if what in WHAT else what.replace("_", " ")
        raise CarePlanError(fill(_(DRAFT_ONLY), number=row.plan_version, what=words))


def refuse_if_superseded(row: CarePlan) -> None:
    """Refuse any change to a superseded version."""
    if row.status == CarePlanStatus.SUPERSEDED.value:
        raise CarePlanError(fill(_(SUPERSEDED), number=row.plan_version))


def touch(session: Session, ctx: Context, plan: CarePlan, change: dict[str, Any]) -> None:
    """Move the plan's version on and audit a change to one of its parts against it."""
    plan.updated_at = ctx.now()
    plan.updated_by_id = ctx.actor_id
    audit(session, ctx, AuditAction.UPDATE, ENTITY, plan, change, client_id=plan.client_id)


def next_position(session: Session, model: Any, plan_id: int) -> int:
    """The place after the last item of that kind in any version of the episode's plan:
    places are never reused, so a copied version keeps them and a comparison pairs items by
    them (a reworded goal is the same goal; a new one is new)."""
    episode = select(CarePlan.episode_id).where(CarePlan.id == plan_id).scalar_subquery()
    last = session.scalar(
        select(func.max(model.position)).join(CarePlan, CarePlan.id == model.care_plan_id)
        .where(CarePlan.episode_id == episode))
    return 0 if last is None else last + 1


def _in_plan(session: Session, model: type[Tracked], key: int | None, plan_id: int,
             field: str) -> None:
    if key is None:
        return
    row = session.get(model, key)
    if row is None or getattr(row, "care_plan_id", None) != plan_id:
        raise ValidationError(FieldError.of(field, NOT_IN_PLAN, id=key))


# Where each kind of source is stored, and how messages name it.
SOURCES: dict[NeedSource, tuple[type[Tracked], RecordKind]] = {
    NeedSource.ASSESSMENT: (Assessment, RecordKind.ASSESSMENT),
    # A battery result is an administration of one of the battery's instruments.
    NeedSource.BATTERY: (Assessment, RecordKind.ASSESSMENT),
    NeedSource.CHECKLIST: (EnvironmentalChecklist, RecordKind.CHECKLIST),
    NeedSource.MODIFICATION: (HomeModification, RecordKind.HOME_MODIFICATION),
}


def check_source(session: Session, client_id: int, kind: NeedSource | str | None,
                 key: int | None) -> None:
    """The record a need cites must be one of the client's."""
    if (kind is None) != (key is None):
        raise ValidationError(FieldError.of("source_id", SOURCE_PAIR))
    if kind is None or key is None:
        return
    model, record = SOURCES[NeedSource(kind)]
    row = session.get(model, key)
    if row is None or getattr(row, "client_id", None) != client_id:
        raise ValidationError(FieldError.of("source_id", NOT_SOURCE, kind=record.label, id=key))


def _stored(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v.value if hasattr(v, "value") else v for k, v in values.items()}


def _goal_extras(values: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if "gas_levels" in values:
        levels = values["gas_levels"] or {}
        if not isinstance(levels, Mapping):
            raise ValidationError(FieldError.of("gas_levels", LEVELS_TEXT))
        clean: dict[str, str] = {}
        for key, words in levels.items():
            if str(key).strip() not in {str(n) for n in GAS_LEVELS}:
                raise ValidationError(FieldError.of("gas_levels", NOT_LEVEL_KEY, value=str(key)))
            if not isinstance(words, str) or len(words) > TEXT_MAX:
                raise ValidationError(FieldError.of("gas_levels", LEVELS_TEXT))
            if words.strip():
                clean[str(int(key))] = words.strip()
        out["gas_levels"] = {k: clean[k] for k in sorted(clean, key=int)}
    if "gas_weight" in values:
        raw = values["gas_weight"]
        try:
            weight = float(raw)
        except (TypeError, ValueError):
            weight = float("nan")
        if isinstance(raw, bool) or not 0 < weight <= WEIGHT_MAX:
            raise ValidationError(FieldError.of("gas_weight", NOT_WEIGHT, value=str(raw)))
        out["gas_weight"] = weight
    if "plain_language" in values:
        wording = values["plain_language"] or {}
        if not isinstance(wording, Mapping) or not all(
            isinstance(k, str) and 2 <= len(k.split("-")[0]) <= 3 and isinstance(v, str)
            and len(v) <= TEXT_MAX for k, v in wording.items()
        ):
            raise ValidationError(FieldError.of("plain_language", PLAIN_TEXT))
        out["plain_language"] = {k.strip(): v.strip() for k, v in wording.items() if v.strip()}
    return out


def clean_values(specs: dict[str, Field], values: Mapping[str, Any], ctx: Context, *,
                 partial: bool, extra: tuple[str, ...] = ()) -> dict[str, Any]:
    """Checked values of a part as stored (``extra``: the kinds of value checked here rather
    than by ``validate``, such as a goal's levels or words for the family)."""
    plain = {k: v for k, v in values.items() if k not in extra}
    clean = _stored(validate(specs, plain, today=ctx.today(), partial=partial))
    if extra:
        clean.update(_goal_extras(values))
    return clean


def audit_form(values: Mapping[str, Any]) -> dict[str, Any]:
    """Values as the audit trail holds them."""
    return {k: jsonable(v) for k, v in values.items()}


# --- needs --------------------------------------------------------------------------------------


def add_need(ctx: Context, *, plan_id: int, version: int, values: Mapping[str, Any]) -> PlanInfo:
    """Add a need (fields of NEED_FIELDS) to a draft."""
    clean = clean_values(NEED_FIELDS, values, ctx, partial=False)
    with editing(ctx, CarePlan, ENTITY, plan_id, version, named=plan_label) as (session, plan):
        refuse_unless_draft(plan, "needs")
        check_source(session, plan.client_id, clean.get("source_kind"), clean.get("source_id"))
        row = CarePlanNeed(care_plan_id=plan.id,
                           position=next_position(session, CarePlanNeed, plan.id), **clean)
        insert_audited(session, ctx, RecordKind.CARE_PLAN_NEED, row, clean,
                       client_id=plan.client_id)
        touch(session, ctx, plan, {"need": [None, audit_form(clean)]})
        return plan_info(session, plan)


def update_need(ctx: Context, *, need_id: int, version: int,
                values: Mapping[str, Any]) -> PlanInfo:
    """Change some fields of a draft's need."""
    clean = clean_values(NEED_FIELDS, values, ctx, partial=True)
    with editing(ctx, CarePlanNeed, RecordKind.CARE_PLAN_NEED, need_id, version) as (session, row):
        plan = load(session, CarePlan, ENTITY, row.care_plan_id)
        refuse_unless_draft(plan, "needs")
        kind = clean.get("source_kind", row.source_kind)
        key = clean.get("source_id", row.source_id)
        check_source(session, plan.client_id, kind, key)
        changed = update_audited(session, ctx, RecordKind.CARE_PLAN_NEED, row, clean,
                                 client_id=plan.client_id)
        if changed:
            touch(session, ctx, plan, {"need": changed})
        return plan_info(session, plan)


def remove_need(ctx: Context, *, need_id: int, version: int) -> PlanInfo:
    """Take a need off a draft (its goals stay, addressing no need)."""
    with editing(ctx, CarePlanNeed, RecordKind.CARE_PLAN_NEED, need_id, version) as (session, row):
        plan = load(session, CarePlan, ENTITY, row.care_plan_id)
        refuse_unless_draft(plan, "needs")
        session.execute(update(CarePlanGoal).where(CarePlanGoal.need_id == row.id)
                        .values(need_id=None))
        delete_audited(session, ctx, RecordKind.CARE_PLAN_NEED, row, NEED_FIELDS,
                       client_id=plan.client_id)
        touch(session, ctx, plan, {"need": [row.text, None]})
        return plan_info(session, plan)


# --- goals --------------------------------------------------------------------------------------


def add_goal(ctx: Context, *, plan_id: int, version: int, values: Mapping[str, Any]) -> PlanInfo:
    """Add a goal (fields of GOAL_FIELDS, and ``gas_levels`` {"-2".."2": words},
    ``gas_weight`` above 0, ``plain_language`` {language: words}) to a draft."""
    clean = {"gas_weight": 1.0, "gas_levels": {}, "plain_language": {},
             **clean_values(GOAL_FIELDS, values, ctx, partial=False, extra=GOAL_EXTRA)}
    with editing(ctx, CarePlan, ENTITY, plan_id, version, named=plan_label) as (session, plan):
        refuse_unless_draft(plan, "goals")
        _in_plan(session, CarePlanNeed, clean.get("need_id"), plan.id, "need_id")
        row = CarePlanGoal(care_plan_id=plan.id, status=GoalStatus.ACTIVE.value,
                           status_reason="",
                           position=next_position(session, CarePlanGoal, plan.id), **clean)
        insert_audited(session, ctx, RecordKind.CARE_PLAN_GOAL, row, clean,
                       client_id=plan.client_id)
        touch(session, ctx, plan, {"goal": [None, audit_form(clean)]})
        return plan_info(session, plan)


def update_goal(ctx: Context, *, goal_id: int, version: int,
                values: Mapping[str, Any]) -> PlanInfo:
    """Change some fields of a draft's goal (its status changes through ``set_goal_status``)."""
    clean = clean_values(GOAL_FIELDS, values, ctx, partial=True, extra=GOAL_EXTRA)
    with editing(ctx, CarePlanGoal, RecordKind.CARE_PLAN_GOAL, goal_id, version) as (session, row):
        plan = load(session, CarePlan, ENTITY, row.care_plan_id)
        refuse_unless_draft(plan, "goals")
        _in_plan(session, CarePlanNeed, clean.get("need_id"), plan.id, "need_id")
        changed = update_audited(session, ctx, RecordKind.CARE_PLAN_GOAL, row, clean,
                                 client_id=plan.client_id)
        if changed:
            touch(session, ctx, plan, {"goal": changed})
        return plan_info(session, plan)


def remove_goal(ctx: Context, *, goal_id: int, version: int) -> PlanInfo:
    """Take a goal off a draft (its interventions stay, tied to no goal)."""
    with editing(ctx, CarePlanGoal, RecordKind.CARE_PLAN_GOAL, goal_id, version) as (session, row):
        plan = load(session, CarePlan, ENTITY, row.care_plan_id)
        refuse_unless_draft(plan, "goals")
        session.execute(update(CarePlanIntervention)
                        .where(CarePlanIntervention.goal_id == row.id).values(goal_id=None))
        delete_audited(session, ctx, RecordKind.CARE_PLAN_GOAL, row, GOAL_FIELDS,
                       client_id=plan.client_id)
        touch(session, ctx, plan, {"goal": [row.text, None]})
        return plan_info(session, plan)


def set_goal_status(ctx: Context, *, goal_id: int, version: int, status: GoalStatus | str,
                    reason: str = "") -> PlanInfo:
    """Mark a goal active, achieved or discontinued (which needs a reason), on a draft or on
    the version in effect."""
    clean = validate({"status": Field("choice", required=True, choices=GoalStatus),
                      "reason": Field("longtext", max_length=TEXT_MAX)},
                     {"status": status, "reason": reason}, today=ctx.today())
    chosen = GoalStatus(clean["status"])
    why = str(clean.get("reason") or "").strip()
    if chosen is GoalStatus.DISCONTINUED and not why:
        raise ValidationError(FieldError.of("reason", REASON_NEEDED))
    with editing(ctx, CarePlanGoal, RecordKind.CARE_PLAN_GOAL, goal_id, version) as (session, row):
        plan = load(session, CarePlan, ENTITY, row.care_plan_id)
        refuse_if_superseded(plan)
        changed = update_audited(session, ctx, RecordKind.CARE_PLAN_GOAL, row,
                                 {"status": chosen.value, "status_reason": why},
                                 client_id=plan.client_id)
        if changed:
            touch(session, ctx, plan, {"goal_status": changed})
        return plan_info(session, plan)


# --- interventions ------------------------------------------------------------------------------


def add_intervention(ctx: Context, *, plan_id: int, version: int,
                     values: Mapping[str, Any]) -> PlanInfo:
    """Add an intervention (fields of INTERVENTION_FIELDS: what, how often, which discipline,
    who; and for a family task ``plain_language`` {language: words}) to a draft."""
    clean = {"plain_language": {}, **clean_values(
        INTERVENTION_FIELDS, {"discipline": Discipline.OT.value, **values}, ctx,
        partial=False, extra=INTERVENTION_EXTRA)}
    with editing(ctx, CarePlan, ENTITY, plan_id, version, named=plan_label) as (session, plan):
        refuse_unless_draft(plan, "interventions")
        _in_plan(session, CarePlanGoal, clean.get("goal_id"), plan.id, "goal_id")
        row = CarePlanIntervention(
            care_plan_id=plan.id, position=next_position(session, CarePlanIntervention, plan.id),
            **clean)
        insert_audited(session, ctx, RecordKind.CARE_PLAN_INTERVENTION, row, clean,
                       client_id=plan.client_id)
        touch(session, ctx, plan, {"intervention": [None, audit_form(clean)]})
        return plan_info(session, plan)


def update_intervention(ctx: Context, *, intervention_id: int, version: int,
                        values: Mapping[str, Any]) -> PlanInfo:
    """Change some fields of a draft's intervention."""
    clean = clean_values(INTERVENTION_FIELDS, values, ctx, partial=True, extra=INTERVENTION_EXTRA)
    with editing(ctx, CarePlanIntervention, RecordKind.CARE_PLAN_INTERVENTION, intervention_id,
                 version) as (session, row):
        plan = load(session, CarePlan, ENTITY, row.care_plan_id)
        refuse_unless_draft(plan, "interventions")
        _in_plan(session, CarePlanGoal, clean.get("goal_id"), plan.id, "goal_id")
        changed = update_audited(session, ctx, RecordKind.CARE_PLAN_INTERVENTION, row, clean,
                                 client_id=plan.client_id)
        if changed:
            touch(session, ctx, plan, {"intervention": changed})
        return plan_info(session, plan)


def remove_intervention(ctx: Context, *, intervention_id: int, version: int) -> PlanInfo:
    """Take an intervention off a draft."""
    with editing(ctx, CarePlanIntervention, RecordKind.CARE_PLAN_INTERVENTION, intervention_id,
                 version) as (session, row):
        plan = load(session, CarePlan, ENTITY, row.care_plan_id)
        refuse_unless_draft(plan, "interventions")
        delete_audited(session, ctx, RecordKind.CARE_PLAN_INTERVENTION, row,
                       INTERVENTION_FIELDS, client_id=plan.client_id)
        touch(session, ctx, plan, {"intervention": [row.description, None]})
        return plan_info(session, plan)


def client_of(session: Session, client_id: int) -> Client:
    """The client a plan is for."""
    return load(session, Client, RecordKind.CLIENT, client_id)


__all__ = [
    "add_goal", "add_intervention", "add_need", "remove_goal", "remove_intervention",
    "remove_need", "set_goal_status", "update_goal", "update_intervention", "update_need",
]
