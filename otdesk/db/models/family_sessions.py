"""Family session notes: attendees, action items, signatures and addenda.

A note's content is fixed when its author signs it (status ``awaiting_cosignature`` when the
author is an OT assistant or student, else ``signed``); from then on the database refuses any
change to the note, its attendees and its action items (except marking an action item done),
and the only change to a note awaiting co-signature is becoming signed. Signatures and addenda
are append-only rows: corrections are added, never written over (migration 0005).
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from otdesk.db.base import Base, Tracked
from otdesk.db.models._columns import vocab_column
from otdesk.domain.vocab import DiscussionMode, NoteFormat, SessionStatus, SignatureKind


class FamilySession(Tracked, Base):
    """A session with the client's family or caregivers."""

    __tablename__ = "family_sessions"

    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    episode_id: Mapped[int | None] = mapped_column(
        ForeignKey("episodes.id", ondelete="SET NULL"), index=True
    )
    session_date: Mapped[date]
    start_time: Mapped[time | None]  # local wall-clock time the session began
    duration_minutes: Mapped[int] = mapped_column(Integer, default=60)
    mode: Mapped[str] = vocab_column(DiscussionMode, default=DiscussionMode.CLINIC)
    # The client's consent covers what was discussed, and with whom.
    consent_confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    # The note template (resources/note_templates/<code>.json) and its sections' text by key.
    note_format: Mapped[str] = vocab_column(NoteFormat, default=NoteFormat.DAP)
    note_sections: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    topics: Mapped[list[str]] = mapped_column(JSON, default=list)  # session-topic codes
    # Answers kept on the note before check-ins were assessments (read only, never written).
    caregiver_checkin: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    checkin_assessment_id: Mapped[int | None] = mapped_column(ForeignKey("assessments.id"))
    handouts_given: Mapped[list[str]] = mapped_column(JSON, default=list)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    status: Mapped[str] = vocab_column(SessionStatus, default=SessionStatus.DRAFT, index=True)
    needs_cosign: Mapped[bool] = mapped_column(Boolean, default=False)
    signed_at: Mapped[datetime | None]  # the author's signature
    signed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    # SHA-256 (hex) of the canonical JSON of what the author signed.
    content_hash: Mapped[str] = mapped_column(String(128), default="")


class SessionAttendee(Tracked, Base):
    """Who was there: a family member on file, a staff member, or someone named by hand."""

    __tablename__ = "session_attendees"

    session_id: Mapped[int] = mapped_column(
        ForeignKey("family_sessions.id", ondelete="CASCADE"), index=True
    )
    family_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("family_members.id", ondelete="SET NULL")
    )
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(100), default="")


class SessionActionItem(Tracked, Base):
    """Who will do what, by when."""

    __tablename__ = "session_action_items"

    session_id: Mapped[int] = mapped_column(
        ForeignKey("family_sessions.id", ondelete="CASCADE"), index=True
    )
    who: Mapped[str] = mapped_column(String(200))
    what: Mapped[str] = mapped_column(Text)
    due_date: Mapped[date | None]
    # Whether it was done, and when, may still be recorded after the note is signed.
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    done_on: Mapped[date | None]


class SessionSignature(Tracked, Base):
    """A signature or co-signature over the note's content hash (append-only)."""

    __tablename__ = "session_signatures"

    session_id: Mapped[int] = mapped_column(
        ForeignKey("family_sessions.id", ondelete="CASCADE"), index=True
    )
    signer_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    kind: Mapped[str] = vocab_column(SignatureKind, default=SignatureKind.AUTHOR)
    signed_at: Mapped[datetime]
    content_hash: Mapped[str] = mapped_column(String(128))


class SessionAddendum(Tracked, Base):
    """A correction or addition to a signed note (append-only)."""

    __tablename__ = "session_addenda"

    session_id: Mapped[int] = mapped_column(
        ForeignKey("family_sessions.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    reason: Mapped[str] = mapped_column(String(500))
    text: Mapped[str] = mapped_column(Text)
