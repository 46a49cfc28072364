"""What the family-session services hand out: a note with its attendees, action items,
signatures and addenda (``SessionInfo``), a line of the list (``SessionLine``), and the one
row-to-dataclass mapping."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from otdesk.db.models import (
    FamilySession,
    SessionActionItem,
    SessionAddendum,
    SessionAttendee,
    SessionSignature,
    Staff,
)
from otdesk.domain.vocab import DiscussionMode, NoteFormat, SessionStatus, SignatureKind
from otdesk.services._records import jsonable
from otdesk.services.summaries import staff_name

CLIENT_ROLE = "client"  # the role of the attendee who is the client


@dataclass(frozen=True)
class AttendeeInfo:
    """Someone who took part: the client, a family member, a staff member, or another person."""

    id: int
    family_member_id: int | None
    staff_id: int | None
    name: str
    role: str  # the relationship of a family member, the staff member's part, in words

    @property
    def is_client(self) -> bool:
        """Whether this attendee is the client."""
        return self.role == CLIENT_ROLE and self.family_member_id is None and not self.staff_id


@dataclass(frozen=True)
class ActionItemInfo:
    """Who will do what, by when; and whether it was done."""

    id: int
    who: str
    what: str
    due_date: date | None
    done: bool
    done_on: date | None
    version: int


@dataclass(frozen=True)
class SignatureInfo:
    """A signature (the author's) or a co-signature, over its own hash."""

    id: int
    kind: SignatureKind
    signer_id: int
    signer_name: str
    signed_at: datetime
    content_hash: str


@dataclass(frozen=True)
class AddendumInfo:
    """A correction or addition to a signed note: who, when, why, what."""

    id: int
    author_id: int
    author_name: str
    written_at: datetime
    reason: str
    text: str


@dataclass(frozen=True)
class SessionInfo:
    """A family session with everything on its note."""

    id: int
    uuid: uuid.UUID
    client_id: int
    episode_id: int | None
    session_date: date
    start_time: time | None
    duration_minutes: int
    mode: DiscussionMode
    consent_confirmed: bool
    note_format: NoteFormat
    note_sections: dict[str, str]
    topics: tuple[str, ...]
    checkin_assessment_id: int | None
    handouts_given: tuple[str, ...]
    author_id: int | None
    author_name: str
    status: SessionStatus
    needs_cosign: bool
    signed_at: datetime | None
    signed_by_id: int | None
    content_hash: str
    created_at: datetime
    version: int
    attendees: tuple[AttendeeInfo, ...]
    action_items: tuple[ActionItemInfo, ...]
    signatures: tuple[SignatureInfo, ...]
    addenda: tuple[AddendumInfo, ...]

    @property
    def locked(self) -> bool:
        """Whether the author signed it (its content can no longer change)."""
        return self.status is not SessionStatus.DRAFT

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dictionary."""
        out: dict[str, Any] = {}
        for key, value in self.__dict__.items():
            if isinstance(value, tuple) and value and hasattr(value[0], "__dataclass_fields__"):
                out[key] = [{k: jsonable(v) for k, v in item.__dict__.items()} for item in value]
            elif isinstance(value, tuple):
                out[key] = list(value)
            elif isinstance(value, time):
                out[key] = value.strftime("%H:%M")
            else:
                out[key] = jsonable(value)
        return out


@dataclass(frozen=True)
class SessionLine:
    """A family session as a list shows it."""

    id: int
    session_date: date
    start_time: time | None
    mode: DiscussionMode
    note_format: NoteFormat
    status: SessionStatus
    author_name: str
    topics: tuple[str, ...]
    addenda: int
    version: int
    open_actions: int = 0  # action items agreed and not yet done

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dictionary."""
        out = {k: jsonable(v) for k, v in self.__dict__.items()}
        out["topics"] = list(self.topics)
        out["start_time"] = self.start_time.strftime("%H:%M") if self.start_time else None
        return out


# --- reading ------------------------------------------------------------------------------------


def _name(session: Session, staff_id: int | None) -> str:
    person = session.get(Staff, staff_id) if staff_id else None
    return staff_name(person.given_name, person.family_name) if person else ""


def session_info(session: Session, row: FamilySession) -> SessionInfo:
    """A stored session as the dataclass the services hand out."""
    sid = row.id
    attendees = session.scalars(select(SessionAttendee).where(SessionAttendee.session_id == sid)
                                .order_by(SessionAttendee.id))
    actions = session.scalars(select(SessionActionItem)
                              .where(SessionActionItem.session_id == sid)
                              .order_by(SessionActionItem.id))
    signatures = session.scalars(select(SessionSignature)
                                 .where(SessionSignature.session_id == sid)
                                 .order_by(SessionSignature.id))
    addenda = session.scalars(select(SessionAddendum).where(SessionAddendum.session_id == sid)
                              .order_by(SessionAddendum.created_at, SessionAddendum.id))
    return SessionInfo(
        id=sid, uuid=row.uuid, client_id=row.client_id, episode_id=row.episode_id,
        session_date=row.session_date, start_time=row.start_time,
        duration_minutes=row.duration_minutes, mode=DiscussionMode(row.mode),
        consent_confirmed=row.consent_confirmed, note_format=NoteFormat(row.note_format),
        note_sections={str(k): str(v) for k, v in (row.note_sections or {}).items()},
        topics=tuple(row.topics or ()), checkin_assessment_id=row.checkin_assessment_id,
        handouts_given=tuple(row.handouts_given or ()), author_id=row.author_id,
        author_name=_name(session, row.author_id), status=SessionStatus(row.status),
        needs_cosign=row.needs_cosign, signed_at=row.signed_at, signed_by_id=row.signed_by_id,
        content_hash=row.content_hash, created_at=row.created_at, version=row.version,
        attendees=tuple(AttendeeInfo(a.id, a.family_member_id, a.staff_id, a.name, a.role)
                        for a in attendees),
        action_items=tuple(ActionItemInfo(a.id, a.who, a.what, a.due_date, a.done, a.done_on,
                                          a.version) for a in actions),
        signatures=tuple(SignatureInfo(s.id, SignatureKind(s.kind), s.signer_id,
                                       _name(session, s.signer_id), s.signed_at, s.content_hash)
                         for s in signatures),
        addenda=tuple(AddendumInfo(a.id, a.author_id, _name(session, a.author_id), a.created_at,
                                   a.reason, a.text) for a in addenda),
    )
