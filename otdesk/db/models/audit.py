"""The append-only audit trail, and drafts of unsaved forms."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from otdesk.db.base import Base
from otdesk.db.models._columns import vocab_column
from otdesk.domain.dates import utcnow
from otdesk.domain.vocab import AuditAction


class AuditEvent(Base):
    """Who did what to which record, and when. Rows are never updated or deleted.

    The migration installs triggers that refuse UPDATE and DELETE on this table.
    """

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    action: Mapped[str] = vocab_column(AuditAction)
    entity_type: Mapped[str] = mapped_column(String(60))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    entity_uuid: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    client_id: Mapped[int | None] = mapped_column(Integer, index=True)
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    workstation: Mapped[str] = mapped_column(String(200), default="")


class Draft(Base):
    """Unsaved contents of a form, kept so that a crash or kill loses no typing."""

    __tablename__ = "drafts"
    __table_args__ = (UniqueConstraint("draft_key", "staff_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    draft_key: Mapped[str] = mapped_column(String(300))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(300), default="")
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    saved_at: Mapped[datetime] = mapped_column(default=utcnow)
    base_version: Mapped[int | None] = mapped_column(Integer)
