"""Care plans, versioned per episode: needs, goals and interventions."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import (
    JSON,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from otdesk.db.base import Base, Tracked
from otdesk.db.models._columns import vocab_column
from otdesk.domain.vocab import CarePlanStatus, Discipline, GoalStatus


class CarePlan(Tracked, Base):
    """One version of a client's care plan for an episode."""

    __tablename__ = "care_plans"
    __table_args__ = (
        UniqueConstraint("episode_id", "plan_version"),
        # The episode is one of this client's: the pair must be a row of episodes.
        ForeignKeyConstraint(
            ["episode_id", "client_id"], ["episodes.id", "episodes.client_id"], ondelete="CASCADE"
        ),
    )

    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    episode_id: Mapped[int] = mapped_column(index=True)
    plan_version: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = vocab_column(CarePlanStatus, default=CarePlanStatus.DRAFT, index=True)
    effective_from: Mapped[date | None]
    review_date: Mapped[date | None] = mapped_column(index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    summary: Mapped[str] = mapped_column(Text, default="")
    # What may be shared, and with whom (family, community partners), as chosen for this version.
    sharing: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class CarePlanNeed(Tracked, Base):
    """A need or problem, optionally linked to the assessment or checklist finding behind it."""

    __tablename__ = "care_plan_needs"

    care_plan_id: Mapped[int] = mapped_column(
        ForeignKey("care_plans.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    source_type: Mapped[str] = mapped_column(String(40), default="")
    source_uuid: Mapped[str] = mapped_column(String(36), default="")
    source_detail: Mapped[str] = mapped_column(String(200), default="")


class CarePlanGoal(Tracked, Base):
    """A measurable goal with Goal Attainment Scaling levels and a family-friendly wording."""

    __tablename__ = "care_plan_goals"

    care_plan_id: Mapped[int] = mapped_column(
        ForeignKey("care_plans.id", ondelete="CASCADE"), index=True
    )
    need_id: Mapped[int | None] = mapped_column(
        ForeignKey("care_plan_needs.id", ondelete="SET NULL")
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    family_text: Mapped[str] = mapped_column(Text, default="")
    domain: Mapped[str] = mapped_column(String(100), default="")
    baseline: Mapped[str] = mapped_column(Text, default="")
    target_date: Mapped[date | None]
    gas_levels: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    gas_weight: Mapped[float] = mapped_column(Float, default=1.0)
    attainment: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = vocab_column(GoalStatus, default=GoalStatus.ACTIVE)


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
    responsible: Mapped[str] = mapped_column(String(200), default="")
