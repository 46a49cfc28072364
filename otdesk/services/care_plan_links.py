"""From findings to the care plan, and back.

``suggest_from`` turns a finding (an assessment's or a battery result's banded score or
recommendation, an environmental checklist's hazard, a home modification) into a suggested need
and goal; ``add_to_plan`` adds them to the episode's draft (starting the first version, or the
next one when only the version in effect exists); ``plan_links`` says which versions cite each
record, so a finding can show that it is in the plan. The need keeps the record's kind and id
(``source_kind``, ``source_id``) and which finding in it (``source_detail``), so the plan can
open it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from otdesk.db.models import CarePlan, CarePlanGoal, CarePlanNeed, Client, Episode
from otdesk.domain.definitions import recommendations
from otdesk.domain.errors import FieldError, NotFoundError, ValidationError
from otdesk.domain.records import RecordKind
from otdesk.domain.translation import (
    N_,
    _,
    current_language,
    fill,
    format_date,
    format_number,
)
from otdesk.domain.vocab import CarePlanStatus, GoalStatus, NeedSource
from otdesk.services import assessments, care_plans, checklists, modifications
from otdesk.services._records import insert_audited, load
from otdesk.services.care_plan_parts import (
    GOAL_EXTRA,
    GOAL_FIELDS,
    NEED_FIELDS,
    audit_form,
    check_source,
    clean_values,
    next_position,
    touch,
)
from otdesk.services.care_plan_views import NeedInfo, PlanInfo, need_info, plan_info
from otdesk.services.care_plans import copy_plan, draft_of, start_plan
from otdesk.services.context import Context

__all__ = ["PlanCitation", "Suggestion", "add_to_plan", "finding_of", "plan_links",
           "suggest_from"]

NO_FINDING = N_("{name} has no finding to add to a care plan")
NOT_A_FINDING = N_("'{value}' is not a score or recommendation of {name}")
NO_EPISODE = N_("the client has no open episode of care to plan for")


@dataclass(frozen=True)
class Suggestion:
    """A need and a goal suggested by one finding, for the clinician to word as they see fit."""

    source_kind: NeedSource
    source_id: int
    source_detail: str  # which finding in the record (a score key, an item key)
    client_id: int
    episode_id: int | None
    finding: str  # the finding in words, as the source record names it
    need_text: str
    symptom_or_barrier: str
    activity_limited: str
    goal_text: str
    domain: str

    def need_values(self) -> dict[str, Any]:
        """The suggested need as ``add_need`` takes it."""
        return {"text": self.need_text, "symptom_or_barrier": self.symptom_or_barrier,
                "activity_limited": self.activity_limited,
                "source_kind": self.source_kind.value, "source_id": self.source_id,
                "source_detail": self.source_detail}

    def goal_values(self) -> dict[str, Any]:
        """The suggested goal as ``add_goal`` takes it."""
        return {"text": self.goal_text, "domain": self.domain}


@dataclass(frozen=True)
class PlanCitation:
    """A need of a care-plan version that cites a record."""

    source_id: int
    plan_id: int
    plan_version: int
    status: CarePlanStatus
    need_id: int
    need_text: str
    source_detail: str


# --- suggestions --------------------------------------------------------------------------------


def suggest_from(ctx: Context, *, source_kind: NeedSource | str, source_id: int,
                 detail: str = "") -> Suggestion:
    """The need and goal a finding suggests: ``detail`` names the score or item (else the
    total's band, or the first recommendation or hazard)."""
    kind = NeedSource(source_kind)
    if kind in (NeedSource.ASSESSMENT, NeedSource.BATTERY):
        return _from_assessment(ctx, kind, source_id, detail)
    if kind is NeedSource.CHECKLIST:
        return _from_checklist(ctx, source_id, detail)
    return _from_modification(ctx, source_id)


def finding_of(ctx: Context, *, source_kind: NeedSource | str, source_id: int,
               detail: str = "") -> str:
    """The finding a need cites, in words (the record, its date and the score or item), or
    "" when the record or that finding is no longer there."""
    try:
        return suggest_from(ctx, source_kind=source_kind, source_id=source_id,
                            detail=detail).finding
    except (NotFoundError, ValidationError):
        return ""


def needs_in_words(ctx: Context, *, plan_id: int) -> list[NeedInfo]:
    """A plan version's needs, each with the finding it cites in words (``found_in``)."""
    return [replace(n, found_in=finding_of(ctx, source_kind=n.source_kind,
                                           source_id=n.source_id, detail=n.source_detail))
            if n.source_kind is not None and n.source_id is not None else n
            for n in care_plans.get_plan(ctx, plan_id=plan_id).needs]


def _from_assessment(ctx: Context, kind: NeedSource, source_id: int, detail: str) -> Suggestion:
    info = assessments.get_assessment(ctx, source_id)
    definition = assessments.find_definition(info.definition_id, info.definition_version)
    language = current_language()
    day = format_date(info.administered_on)
    base: dict[str, Any] = {"source_kind": kind, "source_id": info.id,
                            "client_id": info.client_id, "episode_id": info.episode_id}
    if definition is not None:
        for rec in recommendations(definition, info.answers):
            if detail in ("", rec.item_key):
                item = definition.item(rec.item_key).text.text(language)
                area = definition.section_of(rec.item_key).title.text(language)
                return Suggestion(
                    **base, source_detail=rec.item_key,
                    finding=fill(_("{title} of {date}: {item}"), title=info.title, date=day,
                                 item=item),
                    need_text=fill(_("{area}: {item}"), area=area, item=item),
                    symptom_or_barrier=item, activity_limited=area,
                    goal_text=rec.text.text(language), domain=area)
    scores = info.result.scores if info.result is not None else {}
    total = definition.total_rule() if definition is not None else None
    if detail:
        chosen = scores.get(detail)
        if chosen is None:
            raise ValidationError(FieldError.of("detail", NOT_A_FINDING, value=detail,
                                                name=info.title))
    else:
        # The total's band, else any band, else the total, else the first score.
        valued = [s for s in scores.values() if s.value is not None]
        banded = [s for s in valued if s.band is not None]
        totals = [s for s in valued if total is not None and s.key == total.key]
        order = ([s for s in banded if s in totals] + banded + totals + valued)
        chosen = order[0] if order else None
    if chosen is None or chosen.value is None:
        raise ValidationError(FieldError.of("source_id", NO_FINDING, name=info.title))
    label = chosen.label.text(language)
    value = format_number(chosen.value)
    band = chosen.band.label.text(language) if chosen.band is not None else ""
    plain = chosen.band.plain.text(language) if chosen.band is not None else ""
    finding = (fill(_("{title} of {date}: {score} {value} ({band})"), title=info.title,
                    date=day, score=label, value=value, band=band) if band else
               fill(_("{title} of {date}: {score} {value}"), title=info.title, date=day,
                    score=label, value=value))
    return Suggestion(
        **base, source_detail=chosen.key, finding=finding,
        need_text=fill(_("{score}: {plain}"), score=label, plain=plain or band or value),
        symptom_or_barrier=band or value, activity_limited=label,
        goal_text=fill(_("{score} improves on {value} by the next review"), score=label,
                       value=value),
        domain=label)


def _from_checklist(ctx: Context, source_id: int, detail: str) -> Suggestion:
    info = checklists.get_checklist(ctx, checklist_id=source_id)
    found = checklists.hazard_recommendations(ctx, checklist_id=source_id)
    chosen = next((r for r in found if detail in ("", r.item_key)), None)
    if chosen is None:
        if detail:
            raise ValidationError(FieldError.of("detail", NOT_A_FINDING, value=detail,
                                                name=info.title))
        raise ValidationError(FieldError.of("source_id", NO_FINDING, name=info.title))
    return Suggestion(
        NeedSource.CHECKLIST, info.id, chosen.item_key, info.client_id, info.episode_id,
        fill(_("{title} of {date}: {item}"), title=info.title, date=format_date(info.visit_date),
             item=chosen.item_text),
        fill(_("{area}: {item}"), area=chosen.area, item=chosen.item_text),
        chosen.item_text, chosen.area, chosen.text, chosen.area)


def _from_modification(ctx: Context, source_id: int) -> Suggestion:
    info = modifications.get_modification(ctx, modification_id=source_id)
    with ctx.db.reading() as session:
        episode = _open_episode(session, info.client_id)
    return Suggestion(
        NeedSource.MODIFICATION, info.id, info.item_key, info.client_id, episode,
        fill(_("Home modification: {what} ({status})"), what=info.recommendation,
             status=info.status.label),
        fill(_("A hazard at home ({area}) limits safe daily routines"), area=info.area),
        info.area, _("Moving safely around the home"),
        fill(_("{what} is in place and used safely"), what=info.recommendation),
        info.area)


# --- adding to the plan -------------------------------------------------------------------------


def _open_episode(session: Session, client_id: int) -> int | None:
    return session.scalar(select(Episode.id).where(
        Episode.client_id == client_id, Episode.actual_discharge_date.is_(None))
        .order_by(Episode.referral_date.desc(), Episode.id.desc()).limit(1))


def _draft_for(session: Session, ctx: Context, client: Client, episode_id: int) -> CarePlan:
    draft = draft_of(session, episode_id)
    if draft is not None:
        return draft
    active = session.scalar(select(CarePlan).where(
        CarePlan.episode_id == episode_id, CarePlan.status == CarePlanStatus.ACTIVE.value))
    if active is not None:
        return copy_plan(session, ctx, active)
    return start_plan(session, ctx, client, episode_id, {})


def add_to_plan(
    ctx: Context, *, client_id: int, source_kind: NeedSource | str, source_id: int,
    need: Mapping[str, Any] | None = None, goal: Mapping[str, Any] | None = None,
    detail: str = "", with_goal: bool = True,
) -> tuple[PlanInfo, NeedInfo]:
    """Add a finding to the client's care plan as a need (the suggestion, or ``need``'s fields
    over it) with a goal for it (likewise ``goal``; none when ``with_goal`` is False), in the
    draft of the finding's episode: the one there is, else a new version of the one in effect,
    else the first version."""
    suggestion = suggest_from(ctx, source_kind=source_kind, source_id=source_id, detail=detail)
    if suggestion.client_id != client_id:
        raise ValidationError(FieldError.of("source_id", N_("{id} is not one of this client's "
                                                            "records"), id=source_id))
    need_values = clean_values(NEED_FIELDS, {**suggestion.need_values(), **(need or {}),
                                       "source_kind": suggestion.source_kind.value,
                                       "source_id": suggestion.source_id}, ctx, partial=False)
    goal_values = ({"gas_weight": 1.0, "gas_levels": {}, "plain_language": {},
                    **clean_values(GOAL_FIELDS, {**suggestion.goal_values(), **(goal or {})}, ctx,
                             partial=False, extra=GOAL_EXTRA)} if with_goal else None)
    with ctx.transaction() as session:
        client = load(session, Client, RecordKind.CLIENT, client_id)
        episode_id = suggestion.episode_id or _open_episode(session, client_id)
        if episode_id is None:
            raise ValidationError(FieldError.of("episode_id", NO_EPISODE))
        plan = _draft_for(session, ctx, client, episode_id)
        check_source(session, client_id, need_values["source_kind"], need_values["source_id"])
        row = CarePlanNeed(care_plan_id=plan.id,
                           position=next_position(session, CarePlanNeed, plan.id), **need_values)
        insert_audited(session, ctx, RecordKind.CARE_PLAN_NEED, row, need_values,
                       client_id=client_id)
        change: dict[str, Any] = {"need": [None, audit_form(need_values)]}
        if goal_values is not None:
            target = CarePlanGoal(care_plan_id=plan.id, need_id=row.id,
                                  status=GoalStatus.ACTIVE.value, status_reason="",
                                  position=next_position(session, CarePlanGoal, plan.id),
                                  **{k: v for k, v in goal_values.items() if k != "need_id"})
            insert_audited(session, ctx, RecordKind.CARE_PLAN_GOAL, target, goal_values,
                           client_id=client_id)
            change["goal"] = [None, audit_form(goal_values)]
        touch(session, ctx, plan, change)
        return plan_info(session, plan), need_info(row)


# --- which plans cite a record ------------------------------------------------------------------


def plan_links(ctx: Context, *, source_kind: NeedSource | str,
               source_ids: Iterable[int]) -> dict[int, tuple[PlanCitation, ...]]:
    """For each record id, the plan versions whose needs cite it, the newest version first
    (ids no plan cites are left out). An assessment and a battery result are one record."""
    kind = NeedSource(source_kind)
    kinds = ([NeedSource.ASSESSMENT.value, NeedSource.BATTERY.value]
             if kind in (NeedSource.ASSESSMENT, NeedSource.BATTERY) else [kind.value])
    ids = sorted(set(source_ids))
    out: dict[int, list[PlanCitation]] = {}
    if not ids:
        return {}
    with ctx.db.reading() as session:
        rows = session.execute(
            select(CarePlanNeed, CarePlan.plan_version, CarePlan.status)
            .join(CarePlan, CarePlan.id == CarePlanNeed.care_plan_id)
            .where(CarePlanNeed.source_kind.in_(kinds), CarePlanNeed.source_id.in_(ids))
            .order_by(CarePlan.plan_version.desc(), CarePlanNeed.position))
        for need, number, status in rows:
            assert need.source_id is not None
            out.setdefault(need.source_id, []).append(PlanCitation(
                need.source_id, need.care_plan_id, number, CarePlanStatus(status), need.id,
                need.text, need.source_detail))
    return {k: tuple(v) for k, v in out.items()}

