"""What the care-plan services hand out: one version of a plan with its needs, goals,
interventions, reviews and case conferences (``PlanInfo``, with what the at-a-glance view
needs), a line of the version history (``PlanLine``), a side-by-side comparison of two versions
(``PlanComparison``), and the row-to-dataclass mappings."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from otdesk.db.models import (
    CarePlan,
    CarePlanGoal,
    CarePlanIntervention,
    CarePlanNeed,
    CarePlanReview,
    CarePlanReviewGoal,
    CaseConference,
    Staff,
)
from otdesk.domain.care_plans import Change
from otdesk.domain.vocab import CarePlanStatus, Discipline, GoalStatus, NeedSource
from otdesk.services._records import jsonable
from otdesk.services.summaries import staff_name


@dataclass(frozen=True)
class NeedInfo:
    """A need: which symptom or barrier limits which activity, and where it was found."""

    id: int
    care_plan_id: int
    position: int
    text: str
    symptom_or_barrier: str
    activity_limited: str
    source_kind: NeedSource | None  # the kind of record it came from (open it by source_id)
    source_id: int | None
    source_detail: str  # which finding in that record (an item key, a score key)
    version: int
    # The finding in words ("Readiness of 1 Dec 2026: Overall 61"), filled by
    # care_plan_links.needs_in_words; "" when not looked up or no longer there.
    found_in: str = ""


@dataclass(frozen=True)
class GoalInfo:
    """A measurable goal with its attainment levels in words and its family wording."""

    id: int
    care_plan_id: int
    need_id: int | None
    position: int
    text: str
    measure: str
    baseline: str
    target_date: date | None
    domain: str
    gas_levels: dict[str, str]  # "-2" .. "2" -> what that level looks like
    gas_weight: float
    status: GoalStatus
    status_reason: str
    plain_language: dict[str, str]  # language code -> the goal in plain words
    version: int


@dataclass(frozen=True)
class InterventionInfo:
    """What someone does for a goal, how often, and which discipline is responsible."""

    id: int
    care_plan_id: int
    goal_id: int | None
    position: int
    description: str
    frequency: str
    discipline: Discipline
    owner_name: str
    version: int
    plain_language: dict[str, str]  # language code -> a family task in plain words


@dataclass(frozen=True)
class ReviewGoalInfo:
    """One goal's attainment level at a review."""

    goal_id: int
    level: int
    note: str


@dataclass(frozen=True)
class ReviewInfo:
    """A review: each goal's attainment level and the GAS T-score they give."""

    id: int
    care_plan_id: int
    review_date: date
    reviewer_id: int | None
    reviewer_name: str
    t_score: float | None
    notes: str
    levels: tuple[ReviewGoalInfo, ...]
    version: int

    def level_of(self, goal_id: int) -> int | None:
        """The level given to a goal at this review (None: not rated)."""
        return next((g.level for g in self.levels if g.goal_id == goal_id), None)


@dataclass(frozen=True)
class ConferenceAttendee:
    """Someone at a case conference, by discipline."""

    discipline: Discipline
    name: str


@dataclass(frozen=True)
class ConferenceInfo:
    """A joint case conference about the plan."""

    id: int
    care_plan_id: int
    held_on: date
    author_id: int | None
    author_name: str
    attendees: tuple[ConferenceAttendee, ...]
    client_view: str
    family_view: str
    decisions: str
    next_review_date: date | None
    starts_new_version: bool
    new_plan_id: int | None  # the version it started
    version: int


@dataclass(frozen=True)
class PlanInfo:
    """One version of a care plan with everything in it."""

    id: int
    uuid: uuid.UUID
    client_id: int
    episode_id: int
    plan_version: int
    status: CarePlanStatus
    based_on_id: int | None
    effective_from: date | None
    review_date: date | None
    summary: str
    share_with_family: bool
    share_with_partners: bool
    author_id: int | None
    author_name: str
    updated_at: datetime
    version: int
    needs: tuple[NeedInfo, ...]
    goals: tuple[GoalInfo, ...]
    interventions: tuple[InterventionInfo, ...]
    reviews: tuple[ReviewInfo, ...]  # oldest first
    conferences: tuple[ConferenceInfo, ...]  # oldest first

    @property
    def editable(self) -> bool:
        """Whether its content may change (a draft)."""
        return self.status is CarePlanStatus.DRAFT

    @property
    def read_only(self) -> bool:
        """Whether nothing about it may change any more (superseded)."""
        return self.status is CarePlanStatus.SUPERSEDED

    def need(self, need_id: int) -> NeedInfo | None:
        """The need of that id in this version."""
        return next((n for n in self.needs if n.id == need_id), None)

    def goal(self, goal_id: int) -> GoalInfo | None:
        """The goal of that id in this version."""
        return next((g for g in self.goals if g.id == goal_id), None)

    def goals_of(self, need_id: int) -> tuple[GoalInfo, ...]:
        """The goals that address a need."""
        return tuple(g for g in self.goals if g.need_id == need_id)

    def interventions_of(self, goal_id: int | None) -> tuple[InterventionInfo, ...]:
        """The interventions for a goal (None: those tied to no goal)."""
        return tuple(i for i in self.interventions if i.goal_id == goal_id)

    def interventions_by_discipline(self) -> dict[Discipline, tuple[InterventionInfo, ...]]:
        """What each discipline does, in the order of the disciplines (those with none left
        out)."""
        return {d: found for d in Discipline
                if (found := tuple(i for i in self.interventions if i.discipline is d))}

    def barriers_of(self, goal_id: int) -> tuple[str, ...]:
        """The symptoms or barriers a goal addresses (its need's, else the need itself)."""
        goal = self.goal(goal_id)
        need = self.need(goal.need_id) if goal is not None and goal.need_id else None
        if need is None:
            return ()
        return (need.symptom_or_barrier or need.text,)

    @property
    def latest_review(self) -> ReviewInfo | None:
        """The most recent review."""
        return self.reviews[-1] if self.reviews else None

    @property
    def next_joint_review(self) -> date | None:
        """When the team next reviews the plan together: the latest case conference's date
        for it, else the plan's review date."""
        for conference in reversed(self.conferences):
            if conference.next_review_date is not None:
                return conference.next_review_date
        return self.review_date

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dictionary."""
        out: dict[str, Any] = _json(self)
        return out


@dataclass(frozen=True)
class PlanLine:
    """A version of a plan as the history lists it."""

    id: int
    client_id: int
    episode_id: int
    plan_version: int
    status: CarePlanStatus
    based_on_id: int | None
    effective_from: date | None
    review_date: date | None
    author_name: str
    goals: int
    latest_t_score: float | None
    updated_at: datetime
    version: int

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dictionary."""
        return {k: jsonable(v) for k, v in self.__dict__.items()}


@dataclass(frozen=True)
class ComparisonRow:
    """One line of a side-by-side comparison: an item of a section in each version."""

    section: str  # "plan", "need", "goal" or "intervention"
    label: str  # what the line is about, in the interface language
    older: str  # the item in the older version ("" when added)
    newer: str  # the item in the newer version ("" when removed)
    change: Change


@dataclass(frozen=True)
class PlanComparison:
    """Two versions of a plan side by side."""

    older_id: int
    newer_id: int
    older_version: int
    newer_version: int
    rows: tuple[ComparisonRow, ...]

    def changed(self) -> tuple[ComparisonRow, ...]:
        """Only the lines that differ."""
        return tuple(r for r in self.rows if r.change is not Change.SAME)


# --- reading ------------------------------------------------------------------------------------


def _json(value: Any) -> Any:
    if hasattr(value, "__dataclass_fields__"):
        return {k: _json(v) for k, v in value.__dict__.items()}
    if isinstance(value, tuple | list):
        return [_json(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json(v) for k, v in value.items()}
    return jsonable(value)


def _name(session: Session, staff_id: int | None) -> str:
    person = session.get(Staff, staff_id) if staff_id else None
    return staff_name(person.given_name, person.family_name) if person else ""


def need_info(row: CarePlanNeed) -> NeedInfo:
    """A stored need as handed out."""
    return NeedInfo(row.id, row.care_plan_id, row.position, row.text, row.symptom_or_barrier,
                    row.activity_limited, NeedSource(row.source_kind) if row.source_kind else None,
                    row.source_id, row.source_detail, row.version)


def goal_info(row: CarePlanGoal) -> GoalInfo:
    """A stored goal as handed out."""
    return GoalInfo(
        row.id, row.care_plan_id, row.need_id, row.position, row.text, row.measure,
        row.baseline, row.target_date, row.domain,
        {str(k): str(v) for k, v in (row.gas_levels or {}).items()}, float(row.gas_weight),
        GoalStatus(row.status), row.status_reason,
        {str(k): str(v) for k, v in (row.plain_language or {}).items()}, row.version,
    )


def intervention_info(row: CarePlanIntervention) -> InterventionInfo:
    """A stored intervention as handed out."""
    return InterventionInfo(row.id, row.care_plan_id, row.goal_id, row.position,
                            row.description, row.frequency, Discipline(row.discipline),
                            row.owner_name, row.version,
                            {str(k): str(v) for k, v in (row.plain_language or {}).items()})


def review_info(session: Session, row: CarePlanReview) -> ReviewInfo:
    """A stored review with its goals' levels."""
    levels = session.scalars(select(CarePlanReviewGoal)
                             .where(CarePlanReviewGoal.review_id == row.id)
                             .order_by(CarePlanReviewGoal.id))
    return ReviewInfo(row.id, row.care_plan_id, row.review_date, row.reviewer_id,
                      _name(session, row.reviewer_id), row.t_score, row.notes,
                      tuple(ReviewGoalInfo(g.goal_id, g.level, g.note) for g in levels),
                      row.version)


def conference_info(session: Session, row: CaseConference) -> ConferenceInfo:
    """A stored case conference."""
    attendees = tuple(ConferenceAttendee(Discipline(a.get("discipline", "other")),
                                         str(a.get("name", "")))
                      for a in (row.attendees or []))
    return ConferenceInfo(row.id, row.care_plan_id, row.held_on, row.author_id,
                          _name(session, row.author_id), attendees, row.client_view,
                          row.family_view, row.decisions, row.next_review_date,
                          row.starts_new_version, row.new_plan_id, row.version)


def _rows(session: Session, model: Any, plan_id: int, *order: Any) -> list[Any]:
    return list(session.scalars(select(model).where(model.care_plan_id == plan_id)
                                .order_by(*order, model.id)))


def plan_info(session: Session, row: CarePlan) -> PlanInfo:
    """A stored plan version with everything in it."""
    session.flush()
    pid = row.id
    convert: Callable[[Any], Any]
    parts: dict[str, tuple[Any, ...]] = {}
    for name, model, convert in (
        ("needs", CarePlanNeed, need_info),
        ("goals", CarePlanGoal, goal_info),
        ("interventions", CarePlanIntervention, intervention_info),
    ):
        parts[name] = tuple(convert(r) for r in _rows(session, model, pid, model.position))
    reviews = tuple(review_info(session, r) for r in
                    _rows(session, CarePlanReview, pid, CarePlanReview.review_date))
    conferences = tuple(conference_info(session, r) for r in
                        _rows(session, CaseConference, pid, CaseConference.held_on))
    return PlanInfo(
        id=pid, uuid=row.uuid, client_id=row.client_id, episode_id=row.episode_id,
        plan_version=row.plan_version, status=CarePlanStatus(row.status),
        based_on_id=row.based_on_id, effective_from=row.effective_from,
        review_date=row.review_date, summary=row.summary,
        share_with_family=row.share_with_family, share_with_partners=row.share_with_partners,
        author_id=row.author_id, author_name=_name(session, row.author_id),
        updated_at=row.updated_at, version=row.version, needs=parts["needs"],
        goals=parts["goals"], interventions=parts["interventions"], reviews=reviews,
        conferences=conferences,
    )
