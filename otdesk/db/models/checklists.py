"""Environmental (home, work, community) checklists and the modifications they recommend."""

from __future__ import annotations

import uuid as uuid_
from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from otdesk.db.base import Base, Tracked
from otdesk.db.models._columns import vocab_column
from otdesk.db.types import Cents, whole_cents
from otdesk.domain.dates import utcnow
from otdesk.domain.vocab import (
    ChecklistSetting,
    HazardAnswer,
    ModificationOwner,
    ModificationStatus,
    Priority,
    RecordStatus,
)


class EnvironmentalChecklist(Tracked, Base):
    """One visit's checklist, answered from a versioned definition (``template_id`` and
    ``template_version`` name it in the definitions library).

    Once final or signed, the checklist and its answers are read-only, kept so by the database
    (triggers made by migration 0004).
    """

    __tablename__ = "environmental_checklists"

    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    episode_id: Mapped[int | None] = mapped_column(
        ForeignKey("episodes.id", ondelete="SET NULL"), index=True
    )
    template_id: Mapped[str] = mapped_column(String(100))
    template_version: Mapped[str] = mapped_column(String(40))
    setting: Mapped[str] = vocab_column(ChecklistSetting, default=ChecklistSetting.HOME)
    visit_date: Mapped[date]
    author_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    status: Mapped[str] = vocab_column(RecordStatus, default=RecordStatus.DRAFT)
    summary: Mapped[str] = mapped_column(Text, default="")
    finalised_at: Mapped[datetime | None]


class ChecklistAnswer(Tracked, Base):
    """The answer to one checklist item: the option's ``code`` in the definition's scale, and
    what it means for the home (``answer``: hazard, no hazard or not applicable)."""

    __tablename__ = "checklist_answers"
    __table_args__ = (UniqueConstraint("checklist_id", "item_key"),)

    checklist_id: Mapped[int] = mapped_column(
        ForeignKey("environmental_checklists.id", ondelete="CASCADE"), index=True
    )
    area: Mapped[str] = mapped_column(String(100))
    item_key: Mapped[str] = mapped_column(String(100))
    answer: Mapped[str] = vocab_column(HazardAnswer)
    code: Mapped[str] = mapped_column(String(32), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class HomeModification(Tracked, Base):
    """A recommended change to the environment, tracked until it is verified or declined.

    ``status`` is the latest of its ``ModificationStep`` rows; ``owner`` says which party sees
    it through, ``owner_name`` who exactly (free text).
    """

    __tablename__ = "home_modifications"
    __table_args__ = (
        CheckConstraint(
            whole_cents("estimated_cost_cents"), name="ck_home_modifications_estimated_cost_cents"
        ),
    )

    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    checklist_id: Mapped[int | None] = mapped_column(
        ForeignKey("environmental_checklists.id", ondelete="SET NULL"), index=True
    )
    item_key: Mapped[str] = mapped_column(String(100), default="")
    area: Mapped[str] = mapped_column(String(100), default="")
    recommendation: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(64), default="")
    priority: Mapped[str] = vocab_column(Priority, default=Priority.ROUTINE)
    owner: Mapped[str] = vocab_column(
        ModificationOwner, default=ModificationOwner.CLIENT, length=30
    )
    owner_name: Mapped[str] = mapped_column(String(200), default="")
    estimated_cost_cents: Mapped[int | None] = mapped_column(Cents)
    funding_source: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = vocab_column(
        ModificationStatus, default=ModificationStatus.RECOMMENDED, index=True
    )
    due_date: Mapped[date | None] = mapped_column(index=True)
    completed_on: Mapped[date | None]
    notes: Mapped[str] = mapped_column(Text, default="")


class ModificationStep(Base):
    """One status a home modification reached: when it happened, who did it, who recorded it.

    Every change of status is one step, the first one "recommended". Steps are only ever
    added; the modification's ``status`` is its latest step's.
    """

    __tablename__ = "modification_steps"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[uuid_.UUID] = mapped_column(Uuid, unique=True, default=uuid_.uuid4)
    modification_id: Mapped[int] = mapped_column(
        ForeignKey("home_modifications.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = vocab_column(ModificationStatus)
    on_date: Mapped[date]
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    who: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")
