"""Care plans, versioned per episode: needs, goals, interventions, reviews, case conferences.

An episode has at most one active version (a partial unique index, migration 0005); a new
version is a copy of the one it is ``based_on``. A review records each goal's attainment level
(-2..+2) and the GAS T-score computed from them; a case conference is the joint review of the
plan by every discipline, and may start its next version.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from otdesk.db.base import Base, Tracked
from otdesk.db.models._columns import vocab_column
from otdesk.domain.vocab import CarePlanStatus, Discipline, GoalStatus, NeedSource

ONE_ACTIVE = "status = 'active'"


class CarePlan(Tracked, Base):
    """One version of a client's care plan for an episode."""

    __tablename__ = "care_plans"
    __table_args__ = (
        UniqueConstraint("episode_id", "plan_version"),
        # The episode is one of this client's: the pair must be a row of episodes.
        ForeignKeyConstraint(
            ["episode_id", "client_id"], ["episodes.id", "episodes.client_id"], ondelete="CASCADE"
        ),
        # At most one active version per episode.
        Index(
            "uq_care_plans_one_active_per_episode", "episode_id", unique=True,
            sqlite_where=text(ONE_ACTIVE), postgresql_where=text(ONE_ACTIVE),
        ),
    )

    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    episode_id: Mapped[int] = mapped_column(index=True)
    plan_version: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = vocab_column(CarePlanStatus, default=CarePlanStatus.DRAFT, index=True)
    based_on_id: Mapped[int | None] = mapped_column(ForeignKey("care_plans.id"))
    effective_from: Mapped[date | None]
    review_date: Mapped[date | None] = mapped_column(index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    summary: Mapped[str] = mapped_column(Text, default="")
    # What may be shared, as the client's consent allows for this version.
    share_with_family: Mapped[bool] = mapped_column(Boolean, default=False)
    share_with_partners: Mapped[bool] = mapped_column(Boolean, default=False)


class CarePlanNeed(Tracked, Base):
    """A need: which symptom or barrier limits which activity, and the finding it came from."""

    __tablename__ = "care_plan_needs"
    __table_args__ = (
        CheckConstraint(
            "(source_kind IS NULL) = (source_id IS NULL)", name="ck_care_plan_needs_source_pair"
        ),
    )

    care_plan_id: Mapped[int] = mapped_column(
        ForeignKey("care_plans.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)  # the need in a sentence
    symptom_or_barrier: Mapped[str] = mapped_column(Text, default="")
    activity_limited: Mapped[str] = mapped_column(Text, default="")
    # The record it came from (an assessment, battery result, modification or checklist): the
    # kind and that table's id; which finding in it (an item key, a score) in source_detail.
    source_kind: Mapped[str | None] = vocab_column(NeedSource, nullable=True)
    source_id: Mapped[int | None] = mapped_column(Integer)
    source_detail: Mapped[str] = mapped_column(String(200), default="")


class CarePlanGoal(Tracked, Base):
    """A measurable goal with Goal Attainment Scaling levels and a family-friendly wording."""

    __tablename__ = "care_plan_goals"
    __table_args__ = (CheckConstraint("gas_weight > 0", name="ck_care_plan_goals_weight_positive"),)

    care_plan_id: Mapped[int] = mapped_column(
        ForeignKey("care_plans.id", ondelete="CASCADE"), index=True
    )
    need_id: Mapped[int | None] = mapped_column(
        ForeignKey("care_plan_needs.id", ondelete="SET NULL")
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)  # the specific wording
    measure: Mapped[str] = mapped_column(Text, default="")
    # The goal in plain words for the family, by language code: {"es": "..."}.
    plain_language: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    domain: Mapped[str] = mapped_column(String(100), default="")
    baseline: Mapped[str] = mapped_column(Text, default="")
    target_date: Mapped[date | None]
    # What each attainment level means, keyed "-2" .. "2".
    gas_levels: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    gas_weight: Mapped[float] = mapped_column(Float, default=1.0)
    status: Mapped[str] = vocab_column(GoalStatus, default=GoalStatus.ACTIVE)
    status_reason: Mapped[str] = mapped_column(Text, default="")


class CarePlanIntervention(Tracked, Base):
    """What someone does, how often, and which discipline is responsible."""

    __tablename__ = "care_plan_interventions"

    care_plan_id: Mapped[int] = mapped_column(
        ForeignKey("care_plans.id", ondelete="CASCADE"), index=True
    )
    goal_id: Mapped[int | None] = mapped_column(
        ForeignKey("care_plan_goals.id", ondelete="SET NULL")
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    description: Mapped[str] = mapped_column(Text)
    frequency: Mapped[str] = mapped_column(String(200), default="")
    discipline: Mapped[str] = vocab_column(Discipline, default=Discipline.OT, length=30)
    owner_name: Mapped[str] = mapped_column(String(200), default="")  # who exactly
    # A family's task in plain words for the handout, by language code: {"es": "..."}.
    plain_language: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)


class CarePlanReview(Tracked, Base):
    """A review of a plan version: each goal's attainment level and the T-score they give."""

    __tablename__ = "care_plan_reviews"

    care_plan_id: Mapped[int] = mapped_column(
        ForeignKey("care_plans.id", ondelete="CASCADE"), index=True
    )
    review_date: Mapped[date]
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    t_score: Mapped[float | None] = mapped_column(Float)  # GAS T-score over the goals rated
    notes: Mapped[str] = mapped_column(Text, default="")


class CarePlanReviewGoal(Tracked, Base):
    """One goal's attainment level at a review."""

    __tablename__ = "care_plan_review_goals"
    __table_args__ = (
        UniqueConstraint("review_id", "goal_id"),
        CheckConstraint("level BETWEEN -2 AND 2", name="ck_care_plan_review_goals_level_range"),
    )

    review_id: Mapped[int] = mapped_column(
        ForeignKey("care_plan_reviews.id", ondelete="CASCADE"), index=True
    )
    goal_id: Mapped[int] = mapped_column(
        ForeignKey("care_plan_goals.id", ondelete="CASCADE"), index=True
    )
    level: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")


class CaseConference(Tracked, Base):
    """A joint review of the plan by the disciplines, the client and the family."""

    __tablename__ = "case_conferences"

    care_plan_id: Mapped[int] = mapped_column(
        ForeignKey("care_plans.id", ondelete="CASCADE"), index=True
    )
    held_on: Mapped[date]
    author_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    # Who took part: [{"discipline": "psychiatry", "name": "..."}], disciplines by code.
    attendees: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    client_view: Mapped[str] = mapped_column(Text, default="")
    family_view: Mapped[str] = mapped_column(Text, default="")
    decisions: Mapped[str] = mapped_column(Text, default="")
    next_review_date: Mapped[date | None] = mapped_column(index=True)
    starts_new_version: Mapped[bool] = mapped_column(Boolean, default=False)
    # The version it started, once made.
    new_plan_id: Mapped[int | None] = mapped_column(ForeignKey("care_plans.id"))
