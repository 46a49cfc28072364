"""Reviews and joint case conferences of a care plan.

A review rates each goal of the version in effect on the Goal Attainment Scaling levels
(-2..+2) and stores the T-score they give with the goals' weights at that moment
(``otdesk.domain.care_plans.review_t_score``), so a later change of weights never rewrites an
old score. A case conference records who took part by discipline, the client's and the family's
view, what was decided and when the team meets again (which becomes the plan's review date),
and may start the next version as a draft copy.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from otdesk.db.models import (
    CarePlan,
    CarePlanGoal,
    CarePlanReview,
    CarePlanReviewGoal,
    CaseConference,
)
from otdesk.domain import messages
from otdesk.domain.care_plans import GAS_LEVELS, CarePlanError, review_t_score
from otdesk.domain.errors import FieldError, ValidationError
from otdesk.domain.fields import Field, validate
from otdesk.domain.records import RecordKind
from otdesk.domain.text import LONG_MAX
from otdesk.domain.translation import N_, _, fill
from otdesk.domain.vocab import CarePlanStatus, Discipline
from otdesk.services._records import insert_audited, jsonable, load, note, update_audited
from otdesk.services.care_plan_parts import refuse_if_superseded
from otdesk.services.care_plan_views import (
    ConferenceInfo,
    ReviewInfo,
    conference_info,
    review_info,
)
from otdesk.services.care_plans import copy_plan
from otdesk.services.context import Context

__all__ = ["ConferenceInfo", "ReviewInfo", "TScorePoint", "record_conference", "record_review",
           "t_score_history"]

REVIEWED_DRAFT = N_("Version {number} is still a draft: put it in effect before reviewing it.")
NOT_A_GOAL = N_("goal {id} is not a goal of this version of the plan")
NOT_A_LEVEL = N_("'{value}' is not an attainment level (-2, -1, 0, 1 or 2)")
NO_LEVELS = N_("rate at least one goal")
ONE_OF_EITHER = N_("give the client or the episode of care")
NOT_ATTENDEE = N_("each attendee is a discipline and a name")
REVIEW_BEFORE = N_("is before the day of the conference ({date})")

CONFERENCE_FIELDS: dict[str, Field] = {
    "held_on": Field("date", required=True),
    "client_view": Field("longtext", max_length=LONG_MAX),
    "family_view": Field("longtext", max_length=LONG_MAX),
    "decisions": Field("longtext", max_length=LONG_MAX),
    "next_review_date": Field("date"),
}


@dataclass(frozen=True)
class TScorePoint:
    """One review's T-score, for a chart over time."""

    review_id: int
    care_plan_id: int
    plan_version: int
    review_date: date
    t_score: float | None
    goals_rated: int


def _levels(session: Session, plan: CarePlan,
            levels: Mapping[int, int]) -> list[tuple[CarePlanGoal, int]]:
    if not levels:
        raise ValidationError(FieldError.of("levels", NO_LEVELS))
    goals = {g.id: g for g in session.scalars(
        select(CarePlanGoal).where(CarePlanGoal.care_plan_id == plan.id))}
    rated: list[tuple[CarePlanGoal, int]] = []
    problems: list[FieldError] = []
    for key, level in levels.items():
        goal = goals.get(int(key))
        if goal is None:
            problems.append(FieldError.of("levels", NOT_A_GOAL, id=key))
        elif isinstance(level, bool) or not isinstance(level, int) or level not in GAS_LEVELS:
            problems.append(FieldError.of(f"levels[{key}]", NOT_A_LEVEL, value=str(level)))
        else:
            rated.append((goal, level))
    if problems:
        raise ValidationError(problems)
    return sorted(rated, key=lambda pair: pair[0].position)


def record_review(
    ctx: Context, *, plan_id: int, review_date: date, levels: Mapping[int, int],
    notes: str = "", goal_notes: Mapping[int, str] | None = None,
) -> ReviewInfo:
    """Record a review of the version in effect: ``levels`` gives each rated goal's level by
    goal id; the T-score is worked out with the goals' weights and kept with the review."""
    clean = validate({"review_date": Field("date", required=True),
                      "notes": Field("longtext", max_length=LONG_MAX)},
                     {"review_date": review_date, "notes": notes}, today=ctx.today())
    if clean["review_date"] > ctx.today():
        raise ValidationError(FieldError.of("review_date", messages.IN_FUTURE))
    remarks = {int(k): str(v).strip()[:LONG_MAX] for k, v in (goal_notes or {}).items()}
    with ctx.transaction() as session:
        plan = load(session, CarePlan, RecordKind.CARE_PLAN, plan_id)
        refuse_if_superseded(plan)
        if plan.status == CarePlanStatus.DRAFT.value:
            raise CarePlanError(fill(_(REVIEWED_DRAFT), number=plan.plan_version))
        rated = _levels(session, plan, levels)
        for goal_id in remarks:
            if goal_id not in {g.id for g, _level in rated}:
                raise ValidationError(FieldError.of("goal_notes", NOT_A_GOAL, id=goal_id))
        score = review_t_score((level, goal.gas_weight) for goal, level in rated)
        row = CarePlanReview(care_plan_id=plan.id, review_date=clean["review_date"],
                             reviewer_id=ctx.actor_id, t_score=score, notes=clean.get("notes", ""))
        insert_audited(session, ctx, RecordKind.CARE_PLAN_REVIEW, row, {
            "care_plan_id": plan.id, "review_date": row.review_date, "t_score": score,
            "levels": {str(g.id): level for g, level in rated}, "notes": row.notes,
        }, client_id=plan.client_id)
        for goal, level in rated:
            session.add(CarePlanReviewGoal(review_id=row.id, goal_id=goal.id, level=level,
                                           note=remarks.get(goal.id, ""), created_at=ctx.now(),
                                           updated_at=ctx.now(), created_by_id=ctx.actor_id,
                                           updated_by_id=ctx.actor_id))
        session.flush()
        # Announced as a change of the plan too: a screen showing it refreshes on that alone.
        note(session, RecordKind.CARE_PLAN, [plan.id], clients=[plan.client_id])
        return review_info(session, row)


def t_score_history(
    ctx: Context, *, client_id: int | None = None, episode_id: int | None = None
) -> list[TScorePoint]:
    """Every review's T-score of a client's (or one episode's) care plans, oldest first."""
    if (client_id is None) == (episode_id is None):
        raise ValidationError(FieldError.of("client_id", ONE_OF_EITHER))
    with ctx.db.reading() as session:
        stmt = select(CarePlanReview, CarePlan.plan_version).join(
            CarePlan, CarePlan.id == CarePlanReview.care_plan_id)
        if client_id is not None:
            stmt = stmt.where(CarePlan.client_id == client_id)
        else:
            stmt = stmt.where(CarePlan.episode_id == episode_id)
        rows = session.execute(stmt.order_by(CarePlanReview.review_date,
                                             CarePlanReview.id)).all()
        counts: dict[int, int] = {}
        ids = [r.id for r, _v in rows]
        if ids:
            for review_id in session.scalars(select(CarePlanReviewGoal.review_id)
                                             .where(CarePlanReviewGoal.review_id.in_(ids))):
                counts[review_id] = counts.get(review_id, 0) + 1
        return [TScorePoint(r.id, r.care_plan_id, number, r.review_date, r.t_score,
                            counts.get(r.id, 0)) for r, number in rows]


def _attendees(raw: Any) -> list[dict[str, str]]:
    if raw is None:
        return []
    if not isinstance(raw, list | tuple):
        raise ValidationError(FieldError.of("attendees", NOT_ATTENDEE))
    out: list[dict[str, str]] = []
    for n, entry in enumerate(raw, start=1):
        if hasattr(entry, "discipline") and hasattr(entry, "name"):
            entry = {"discipline": entry.discipline, "name": entry.name}
        if not isinstance(entry, Mapping):
            raise ValidationError(FieldError.of(f"attendees[{n}]", NOT_ATTENDEE))
        clean = validate({"discipline": Field("choice", required=True, choices=Discipline),
                          "name": Field("text", max_length=200)},
                         {"discipline": entry.get("discipline"), "name": entry.get("name", "")},
                         today=date.max)
        out.append({"discipline": Discipline(clean["discipline"]).value,
                    "name": str(clean.get("name", "")).strip()})
    return out


def record_conference(
    ctx: Context, *, plan_id: int, values: Mapping[str, Any], start_new_version: bool = False,
) -> ConferenceInfo:
    """Record a joint case conference about a plan (fields of CONFERENCE_FIELDS, and
    ``attendees`` as [{"discipline": code, "name": ...}]); its next joint review date becomes
    the plan's review date. With ``start_new_version`` it starts the next version as a draft
    copy of the version in effect, named by the conference's ``new_plan_id``."""
    given = dict(values)
    attendees = _attendees(given.pop("attendees", None))
    clean = validate(CONFERENCE_FIELDS, given, today=ctx.today())
    if clean["held_on"] > ctx.today():
        raise ValidationError(FieldError.of("held_on", messages.IN_FUTURE))
    following = clean.get("next_review_date")
    if following is not None and following < clean["held_on"]:
        raise ValidationError(FieldError.of("next_review_date", REVIEW_BEFORE,
                                            date=clean["held_on"].isoformat()))
    with ctx.transaction() as session:
        plan = load(session, CarePlan, RecordKind.CARE_PLAN, plan_id)
        refuse_if_superseded(plan)
        stored = {"client_view": "", "family_view": "", "decisions": "",
                  "next_review_date": None, **clean}
        row = CaseConference(care_plan_id=plan.id, author_id=ctx.actor_id, attendees=attendees,
                             starts_new_version=start_new_version, new_plan_id=None, **stored)
        insert_audited(session, ctx, RecordKind.CASE_CONFERENCE, row,
                       {**{k: jsonable(v) for k, v in clean.items()}, "attendees": attendees,
                        "care_plan_id": plan.id, "starts_new_version": start_new_version},
                       client_id=plan.client_id)
        if following is not None:
            update_audited(session, ctx, RecordKind.CARE_PLAN, plan,
                           {"review_date": following}, client_id=plan.client_id)
        if start_new_version:
            draft = copy_plan(session, ctx, plan)
            update_audited(session, ctx, RecordKind.CASE_CONFERENCE, row,
                           {"new_plan_id": draft.id}, client_id=plan.client_id)
        note(session, RecordKind.CARE_PLAN, [plan.id], clients=[plan.client_id])
        return conference_info(session, row)
