"""Episodes of care, the care team, and assessments (which belong to an episode)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from otdesk.db.base import Base, Tracked
from otdesk.db.models._columns import vocab_column
from otdesk.domain.vocab import Discipline, RecordStatus


class Episode(Tracked, Base):
    """One stretch of care from referral to discharge."""

    __tablename__ = "episodes"
    # At most one open episode per client, enforced by the database so two workstations
    # opening one at the same moment cannot both succeed.
    __table_args__ = (
        Index(
            "uq_episodes_one_open_per_client",
            "client_id",
            unique=True,
            sqlite_where=text("actual_discharge_date IS NULL"),
            postgresql_where=text("actual_discharge_date IS NULL"),
        ),
        # What a record naming both an episode and a client refers to, so that the two cannot
        # disagree (see CarePlan).
        UniqueConstraint("id", "client_id"),
    )

    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    referral_source: Mapped[str] = mapped_column(String(200), default="")
    referral_date: Mapped[date] = mapped_column(index=True)
    referral_reason: Mapped[str] = mapped_column(Text, default="")
    start_date: Mapped[date | None]
    planned_discharge_date: Mapped[date | None]
    actual_discharge_date: Mapped[date | None]
    discharge_destination: Mapped[str] = mapped_column(String(200), default="")
    outcome: Mapped[str] = mapped_column(Text, default="")


class CareTeamMember(Tracked, Base):
    """Someone on the client's care team for an episode: a staff member or an outside partner."""

    __tablename__ = "care_team_members"

    episode_id: Mapped[int] = mapped_column(
        ForeignKey("episodes.id", ondelete="CASCADE"), index=True
    )
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    name: Mapped[str] = mapped_column(String(200), default="")
    discipline: Mapped[str] = vocab_column(Discipline, length=30)
    role_in_team: Mapped[str] = mapped_column(String(200), default="")
    organisation: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(100), default="")
    start_date: Mapped[date | None]
    end_date: Mapped[date | None]


class Assessment(Tracked, Base):
    """One administration of an instrument: its answers, computed scores and band.

    Once its status is final or signed the row is read-only, kept so by the database itself
    (triggers made by migration 0004 refuse UPDATE and DELETE of such a row). A correction is
    a new administration whose ``corrects_id`` names the one it corrects.
    """

    __tablename__ = "assessments"

    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    episode_id: Mapped[int | None] = mapped_column(
        ForeignKey("episodes.id", ondelete="SET NULL"), index=True
    )
    instrument_id: Mapped[str] = mapped_column(String(100))
    instrument_version: Mapped[str] = mapped_column(String(40))
    administered_on: Mapped[date] = mapped_column(index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    status: Mapped[str] = vocab_column(RecordStatus, default=RecordStatus.DRAFT)
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    scores: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    band: Mapped[str] = mapped_column(String(100), default="")
    # For instruments we may not reproduce: the externally scored result only.
    external_total: Mapped[str] = mapped_column(String(40), default="")
    comment: Mapped[str] = mapped_column(Text, default="")
    finalised_at: Mapped[datetime | None]
    finalised_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("assessments.id"), index=True)
