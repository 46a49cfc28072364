"""Family sessions: the note of a session with the client's family or caregivers, written as a
draft, then signed and locked (``otdesk.services.session_signing``).

A draft's fields, attendees, topics and action items change through the functions here, each
one audited unit of work refused when the caller's copy is stale (``ConflictError``: the
session's ``version``, which every change to the draft or its rows moves on). Every change to
a signed note is refused with ``NoteLockedError``; only an action item's done/not done may
still be recorded.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, time
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from otdesk.db.models import (
    Assessment,
    Client,
    Episode,
    FamilyMember,
    FamilySession,
    SessionActionItem,
    SessionAddendum,
    SessionAttendee,
    Staff,
)
from otdesk.domain import messages
from otdesk.domain.errors import FieldError, ValidationError
from otdesk.domain.fields import Field, validate
from otdesk.domain.records import RecordKind
from otdesk.domain.session_notes import NoteLockedError
from otdesk.domain.text import LONG_MAX
from otdesk.domain.translation import N_, _, fill
from otdesk.domain.vocab import (
    AuditAction,
    DiscussionMode,
    NoteFormat,
    SessionStatus,
)
from otdesk.services import session_catalogues
from otdesk.services._records import (
    audit,
    delete_audited,
    editing,
    insert_audited,
    jsonable,
    load,
    update_audited,
)
from otdesk.services.context import Context
from otdesk.services.session_views import (
    CLIENT_ROLE,
    ActionItemInfo,
    AddendumInfo,
    AttendeeInfo,
    SessionInfo,
    SessionLine,
    SignatureInfo,
    session_info,
)
from otdesk.services.summaries import staff_name

__all__ = [
    "ActionItemInfo", "AddendumInfo", "AttendeeInfo", "SessionInfo", "SessionLine",
    "SignatureInfo", "add_action_item", "add_attendee", "create_session", "get_session",
    "list_sessions", "mark_action_item", "remove_action_item", "remove_attendee",
    "remove_draft", "update_session",
]

ENTITY = RecordKind.FAMILY_SESSION

SESSION_FIELDS: dict[str, Field] = {
    "session_date": Field("date", required=True),
    "start_time": Field("text", max_length=5),
    "duration_minutes": Field("int", minimum=1, maximum=720),
    "mode": Field("choice", choices=DiscussionMode),
    "consent_confirmed": Field("bool"),
    "note_format": Field("choice", choices=NoteFormat),
    "episode_id": Field("ref"),
    "checkin_assessment_id": Field("ref"),
}
ACTION_FIELDS: dict[str, Field] = {
    "who": Field("text", required=True, max_length=200),
    "what": Field("longtext", required=True, max_length=LONG_MAX),
    "due_date": Field("date"),
}
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
NOT_TIME = N_("{value} is not a time of day (write it as 14:30)")
NOT_TOPIC = N_("{value} is not a session topic")
NOT_SECTION = N_("{value} is not a section of the {name} template")
NOT_THIS_CLIENTS = N_("{id} is not one of this client's records")
ONE_ATTENDEE = N_("name a family member, a staff member or someone else, one at a time")
LOCKED = N_("The family session of {date} was signed and can no longer be changed; "
            "add an addendum to correct it.")


# --- reading ------------------------------------------------------------------------------------


def get_session(ctx: Context, *, session_id: int) -> SessionInfo:
    """One family session with its attendees, action items, signatures and addenda."""
    with ctx.db.reading() as session:
        return session_info(session, load(session, FamilySession, ENTITY, session_id))


def list_sessions(ctx: Context, *, client_id: int) -> list[SessionLine]:
    """A client's family sessions, the latest first."""
    with ctx.db.reading() as session:
        load(session, Client, RecordKind.CLIENT, client_id)
        counts = (select(SessionAddendum.session_id, func.count().label("n"))
                  .group_by(SessionAddendum.session_id).subquery())
        open_items = (select(SessionActionItem.session_id, func.count().label("n"))
                      .where(SessionActionItem.done.is_(False))
                      .group_by(SessionActionItem.session_id).subquery())
        rows = session.execute(
            select(FamilySession, Staff.given_name, Staff.family_name, counts.c.n,
                   open_items.c.n)
            .outerjoin(Staff, Staff.id == FamilySession.author_id)
            .outerjoin(counts, counts.c.session_id == FamilySession.id)
            .outerjoin(open_items, open_items.c.session_id == FamilySession.id)
            .where(FamilySession.client_id == client_id)
            .order_by(FamilySession.session_date.desc(), FamilySession.start_time.desc(),
                      FamilySession.id.desc())
        ).all()
        return [
            SessionLine(
                id=s.id, session_date=s.session_date, start_time=s.start_time,
                mode=DiscussionMode(s.mode), note_format=NoteFormat(s.note_format),
                status=SessionStatus(s.status), author_name=staff_name(given, family),
                topics=tuple(s.topics or ()), addenda=n or 0, version=s.version,
                open_actions=todo or 0,
            )
            for s, given, family, n, todo in rows
        ]


# --- writing a draft ----------------------------------------------------------------------------


def refuse_if_locked(row: FamilySession) -> None:
    """Raise ``NoteLockedError`` when the note was signed."""
    if row.status != SessionStatus.DRAFT.value:
        raise NoteLockedError(fill(_(LOCKED), date=row.session_date.isoformat()))


def note_label(row: FamilySession) -> str:
    return row.session_date.isoformat()


def _parse_time(value: Any) -> time | None:
    if value is None or value == "" or isinstance(value, time):
        return value or None
    match = _TIME.match(str(value).strip())
    if match is None:
        raise ValidationError(FieldError.of("start_time", NOT_TIME, value=str(value)))
    return time(int(match.group(1)), int(match.group(2)))


def _check_topics(codes: Any) -> list[str]:
    known = {t.code for t in session_catalogues.topics()}
    if not isinstance(codes, list | tuple):
        raise ValidationError(FieldError.of("topics", NOT_TOPIC, value=str(codes)))
    out: list[str] = []
    for code in codes:
        if code not in known:
            raise ValidationError(FieldError.of("topics", NOT_TOPIC, value=str(code)))
        if code not in out:
            out.append(code)
    return out


def _check_sections(sections: Any, note_format: NoteFormat) -> dict[str, str]:
    template = session_catalogues.template(note_format)
    if not isinstance(sections, dict):
        raise ValidationError(FieldError.of("note_sections", messages.REQUIRED))
    out: dict[str, str] = {}
    for key, value in sections.items():
        if key not in template.keys:
            raise ValidationError(FieldError.of("note_sections", NOT_SECTION, value=str(key),
                                                name=template.name("en")))
        text = "" if value is None else str(value)
        if len(text) > LONG_MAX:
            raise ValidationError(FieldError.of(key, messages.AT_MOST, maximum=LONG_MAX))
        out[key] = text
    return out


def _check_handouts(handouts: Any) -> list[str]:
    if not isinstance(handouts, list | tuple) or not all(isinstance(h, str) for h in handouts):
        raise ValidationError(FieldError.of("handouts_given", messages.REQUIRED))
    return [h.strip()[:200] for h in handouts if h.strip()]


def _stored(session: Session, row: FamilySession, values: dict[str, Any]) -> dict[str, Any]:
    """Checked values as stored, the client's own records only."""
    clean = validate(SESSION_FIELDS, {k: v for k, v in values.items() if k in SESSION_FIELDS},
                     today=date.max, partial=row.id is not None)
    if "start_time" in values:
        clean["start_time"] = _parse_time(values["start_time"])
    note_format = NoteFormat(clean.get("note_format") or row.note_format or NoteFormat.DAP)
    if "note_sections" in values:
        clean["note_sections"] = _check_sections(values["note_sections"], note_format)
    elif "note_format" in clean and row.note_sections:
        clean["note_sections"] = _check_sections(row.note_sections, note_format)
    if "topics" in values:
        clean["topics"] = _check_topics(values["topics"])
    if "handouts_given" in values:
        clean["handouts_given"] = _check_handouts(values["handouts_given"])
    for name, model in (("episode_id", Episode), ("checkin_assessment_id", Assessment)):
        ref = clean.get(name)
        if ref is not None:
            owner = session.scalar(select(model.client_id).where(model.id == ref))
            if owner is None or owner != row.client_id:
                raise ValidationError(FieldError.of(name, NOT_THIS_CLIENTS, id=ref))
    unknown = set(values) - set(SESSION_FIELDS) - {"note_sections", "topics", "handouts_given"}
    if unknown:
        raise ValidationError([FieldError.of(n, messages.UNKNOWN_FIELD) for n in sorted(unknown)])
    return {k: v.value if hasattr(v, "value") else v for k, v in clean.items()}


def create_session(ctx: Context, *, client_id: int, **values: Any) -> SessionInfo:
    """Start a draft note for a client, written by the acting staff member (fields of
    SESSION_FIELDS, and ``note_sections`` by template section key, ``topics`` codes,
    ``handouts_given`` titles)."""
    with ctx.transaction() as session:
        load(session, Client, RecordKind.CLIENT, client_id)
        row = FamilySession(client_id=client_id, author_id=ctx.actor_id,
                            status=SessionStatus.DRAFT.value)
        given = _stored(session, row, values)
        stored: dict[str, Any] = {
            "duration_minutes": 60, "mode": DiscussionMode.CLINIC.value,
            "note_format": NoteFormat.DAP.value, "consent_confirmed": False,
            "note_sections": {}, "topics": [], "handouts_given": [], "caregiver_checkin": {},
            "content_hash": "", "needs_cosign": False, "start_time": None, "episode_id": None,
            "checkin_assessment_id": None,
        }
        stored.update({k: v for k, v in given.items() if v is not None})
        for name, value in stored.items():
            setattr(row, name, value)
        insert_audited(session, ctx, ENTITY, row, {**stored, "author_id": ctx.actor_id},
                       client_id=client_id)
        return session_info(session, row)


def update_session(
    ctx: Context, *, session_id: int, expected_version: int, **changes: Any
) -> SessionInfo:
    """Change some fields of a draft note; a signed one is refused (``NoteLockedError``)."""
    with editing(ctx, FamilySession, ENTITY, session_id, expected_version,
                 named=note_label) as (session, row):
        refuse_if_locked(row)
        stored = _stored(session, row, changes)
        update_audited(session, ctx, ENTITY, row, stored, client_id=row.client_id)
        return session_info(session, row)


def remove_draft(ctx: Context, *, session_id: int, expected_version: int) -> None:
    """Delete a draft note (a signed one stays: ``NoteLockedError``)."""
    with editing(ctx, FamilySession, ENTITY, session_id, expected_version,
                 named=note_label) as (session, row):
        refuse_if_locked(row)
        delete_audited(session, ctx, ENTITY, row, ("session_date", "status", "note_sections"),
                       client_id=row.client_id)


def _touch(session: Session, ctx: Context, row: FamilySession, change: dict[str, Any]) -> None:
    """Move the draft's version on and audit a change to one of its rows."""
    row.updated_at = ctx.now()
    row.updated_by_id = ctx.actor_id
    audit(session, ctx, AuditAction.UPDATE, ENTITY, row, change, client_id=row.client_id)


def add_attendee(
    ctx: Context, *, session_id: int, expected_version: int, client: bool = False,
    family_member_id: int | None = None, staff_id: int | None = None, name: str = "",
    role: str = "",
) -> SessionInfo:
    """Add one attendee to a draft: the client, a family member from the client's list (their
    relationship is the role), a staff member, or someone named by hand."""
    chosen = [bool(client), family_member_id is not None, staff_id is not None]
    if sum(chosen) > 1 or (not any(chosen) and not name.strip()):
        raise ValidationError(FieldError.of("attendee", ONE_ATTENDEE))
    with editing(ctx, FamilySession, ENTITY, session_id, expected_version,
                 named=note_label) as (session, row):
        refuse_if_locked(row)
        attendee = SessionAttendee(session_id=row.id, name=name.strip()[:200],
                                   role=role.strip()[:100])
        if client:
            person = load(session, Client, RecordKind.CLIENT, row.client_id)
            attendee.name = f"{person.given_name} {person.family_name}".strip()
            attendee.role = CLIENT_ROLE
        elif family_member_id is not None:
            member = session.get(FamilyMember, family_member_id)
            if member is None or member.client_id != row.client_id:
                raise ValidationError(FieldError.of("family_member_id", NOT_THIS_CLIENTS,
                                                    id=family_member_id))
            attendee.family_member_id = member.id
            attendee.name = f"{member.given_name} {member.family_name}".strip()
            attendee.role = attendee.role or member.relationship_to_client
        elif staff_id is not None:
            person_ = load(session, Staff, RecordKind.STAFF_MEMBER, staff_id)
            attendee.staff_id = person_.id
            attendee.name = staff_name(person_.given_name, person_.family_name)
        insert_audited(session, ctx, ENTITY, attendee, {}, client_id=row.client_id)
        _touch(session, ctx, row, {"attendee": [None, {"name": attendee.name,
                                                       "role": attendee.role}]})
        return session_info(session, row)


def remove_attendee(
    ctx: Context, *, session_id: int, expected_version: int, attendee_id: int
) -> SessionInfo:
    """Take an attendee off a draft."""
    return _remove_part(ctx, session_id, expected_version, SessionAttendee, attendee_id,
                        field="attendee_id", change="attendee", describe=lambda a: {"name": a.name})


def add_action_item(
    ctx: Context, *, session_id: int, expected_version: int, **values: Any
) -> SessionInfo:
    """Add an action item (who, what, by when) to a draft."""
    clean = validate(ACTION_FIELDS, values, today=ctx.today())
    with editing(ctx, FamilySession, ENTITY, session_id, expected_version,
                 named=note_label) as (session, row):
        refuse_if_locked(row)
        item = SessionActionItem(session_id=row.id, done=False, **clean)
        session.add(item)
        _touch(session, ctx, row, {"action_item": [None, {k: jsonable(v)
                                                          for k, v in clean.items()}]})
        return session_info(session, row)


def remove_action_item(
    ctx: Context, *, session_id: int, expected_version: int, item_id: int
) -> SessionInfo:
    """Take an action item off a draft."""
    return _remove_part(ctx, session_id, expected_version, SessionActionItem, item_id,
                        field="item_id", change="action_item", describe=lambda i: {"what": i.what})


def _remove_part(
    ctx: Context,
    session_id: int,
    expected_version: int,
    model: type[SessionAttendee] | type[SessionActionItem],
    part_id: int,
    *,
    field: str,
    change: str,
    describe: Callable[[Any], dict[str, Any]],
) -> SessionInfo:
    """Delete one attendee or action item of a draft, noting what it was on the note's trail."""
    with editing(ctx, FamilySession, ENTITY, session_id, expected_version,
                 named=note_label) as (session, row):
        refuse_if_locked(row)
        part: Any = session.get(model, part_id)
        if part is None or part.session_id != row.id:
            raise ValidationError(FieldError.of(field, NOT_THIS_CLIENTS, id=part_id))
        _touch(session, ctx, row, {change: [describe(part), None]})
        session.delete(part)
        return session_info(session, row)


def mark_action_item(
    ctx: Context, *, item_id: int, expected_version: int, done: bool = True,
    done_on: date | None = None,
) -> ActionItemInfo:
    """Record that an action item was done (on ``done_on``, today when left out), or not:
    allowed on signed notes too, since what was agreed does not change."""
    with editing(ctx, SessionActionItem, ENTITY, item_id, expected_version) as (session, item):
        note = load(session, FamilySession, ENTITY, item.session_id)
        when = (done_on or ctx.today()) if done else None
        if when is not None and when > ctx.today():
            raise ValidationError(FieldError.of("done_on", messages.IN_FUTURE))
        update_audited(session, ctx, ENTITY, item, {"done": done, "done_on": when},
                       client_id=note.client_id)
        session.flush()
        return ActionItemInfo(item.id, item.who, item.what, item.due_date, item.done,
                              item.done_on, item.version)

