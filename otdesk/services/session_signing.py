"""Signing family-session notes: the author's signature, an OT's co-signature, addenda, and
the ``verify`` check that every signed note still holds what was signed.

The author signs; a note by an OT assistant or student then waits for an occupational
therapist's co-signature (``awaiting_cosignature``), any other note is ``signed``. Either way
its content is fixed from the author's signature, and the database refuses to change it
(migration 0005). What a signature covers is ``signed_content``: the note's fields, its
attendees and its action items as agreed (not whether they were done since), the author and
the time of signing; its SHA-256 is kept on the note and on the author's signature row.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from otdesk.db.engine import Database
from otdesk.db.models import (
    Client,
    FamilySession,
    SessionActionItem,
    SessionAddendum,
    SessionAttendee,
    SessionSignature,
    Staff,
)
from otdesk.domain.errors import FieldError, PermissionDeniedError, ValidationError
from otdesk.domain.fields import Field, validate
from otdesk.domain.session_notes import NoteLockedError, content_hash, cosignature_hash
from otdesk.domain.text import LONG_MAX
from otdesk.domain.translation import N_, _, fill, ngettext
from otdesk.domain.vocab import AuditAction, SessionStatus, SignatureKind, StaffRole
from otdesk.services._records import audit, editing, insert_audited, jsonable, load
from otdesk.services.context import Context
from otdesk.services.family_sessions import ENTITY, note_label, refuse_if_locked
from otdesk.services.integrity import CheckResult, check
from otdesk.services.session_views import SessionInfo
from otdesk.services.session_views import session_info as _info

LOCKED_STATUSES = (SessionStatus.AWAITING_COSIGNATURE.value, SessionStatus.SIGNED.value)
ADDENDUM_FIELDS: dict[str, Field] = {
    "reason": Field("text", required=True, max_length=500),
    "text": Field("longtext", required=True, max_length=LONG_MAX),
}
NOT_AUTHOR = N_("Only the author of a note can sign it.")
NOT_AN_OT = N_("Only an occupational therapist can co-sign a note.")
OWN_NOTE = N_("The author of a note cannot co-sign it.")
NOT_AWAITING = N_("This note is not waiting for a co-signature.")
NO_CONSENT = N_("confirm that the client's consent covers what was discussed, and with whom")
EMPTY_NOTE = N_("the note is empty: write at least one section before signing")
NOT_SIGNED = N_("The family session of {date} is a draft: change the note itself rather "
                "than adding an addendum.")
SIGNED_HASHES = N_("signed family-session notes unchanged")


def _at(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def signed_content(session: Session, row: FamilySession) -> dict[str, Any]:
    """What the author's signature covers, as plain JSON values."""
    attendees = session.scalars(select(SessionAttendee).where(SessionAttendee.session_id == row.id)
                                .order_by(SessionAttendee.id))
    actions = session.scalars(select(SessionActionItem)
                              .where(SessionActionItem.session_id == row.id)
                              .order_by(SessionActionItem.id))
    return {
        "session": str(row.uuid), "client_id": row.client_id, "episode_id": row.episode_id,
        "session_date": row.session_date.isoformat(),
        "start_time": row.start_time.strftime("%H:%M") if row.start_time else None,
        "duration_minutes": row.duration_minutes, "mode": row.mode,
        "consent_confirmed": bool(row.consent_confirmed), "note_format": row.note_format,
        "note_sections": dict(row.note_sections or {}), "topics": list(row.topics or []),
        "checkin_assessment_id": row.checkin_assessment_id,
        "handouts_given": list(row.handouts_given or []), "author_id": row.author_id,
        "attendees": [{"family_member_id": a.family_member_id, "staff_id": a.staff_id,
                       "name": a.name, "role": a.role} for a in attendees],
        "action_items": [{"who": a.who, "what": a.what, "due_date": jsonable(a.due_date)}
                         for a in actions],
        "signed_by_id": row.signed_by_id, "signed_at": _at(row.signed_at),
    }


def sign(ctx: Context, *, session_id: int, expected_version: int) -> SessionInfo:
    """Sign a draft note as its author: its content is fixed from now on. A note by an OT
    assistant or student then awaits an OT's co-signature."""
    with editing(ctx, FamilySession, ENTITY, session_id, expected_version,
                 named=note_label) as (session, row):
        refuse_if_locked(row)
        if ctx.actor_id is None or row.author_id != ctx.actor_id:
            raise PermissionDeniedError(_(NOT_AUTHOR))
        problems = []
        if not row.consent_confirmed:
            problems.append(FieldError.of("consent_confirmed", NO_CONSENT))
        if not any(str(v).strip() for v in (row.note_sections or {}).values()):
            problems.append(FieldError.of("note_sections", EMPTY_NOTE))
        if problems:
            raise ValidationError(problems)
        author = load(session, Staff, "staff member", ctx.actor_id)
        needs_cosign = StaffRole(author.role).needs_cosignature
        now = ctx.now()
        row.signed_at, row.signed_by_id, row.needs_cosign = now, ctx.actor_id, needs_cosign
        digest = content_hash(signed_content(session, row))
        # The signature row first: once the note is signed no signature may be added.
        signature = SessionSignature(session_id=row.id, signer_id=ctx.actor_id,
                                     kind=SignatureKind.AUTHOR.value, signed_at=now,
                                     content_hash=digest)
        insert_audited(session, ctx, ENTITY, signature, {}, client_id=row.client_id)
        status = (SessionStatus.AWAITING_COSIGNATURE if needs_cosign else SessionStatus.SIGNED)
        row.status, row.content_hash = status.value, digest
        row.updated_at, row.updated_by_id = now, ctx.actor_id
        audit(session, ctx, AuditAction.UPDATE, ENTITY, row,
              {"status": [SessionStatus.DRAFT.value, status.value],
               "content_hash": [None, digest]}, client_id=row.client_id)
        return _info(session, row)


def cosign(ctx: Context, *, session_id: int, expected_version: int) -> SessionInfo:
    """Co-sign a note awaiting co-signature, as an occupational therapist other than its
    author: the note becomes signed."""
    with editing(ctx, FamilySession, ENTITY, session_id, expected_version,
                 named=note_label) as (session, row):
        if row.status != SessionStatus.AWAITING_COSIGNATURE.value:
            raise ValidationError(FieldError("status", _(NOT_AWAITING)))
        signer = session.get(Staff, ctx.actor_id) if ctx.actor_id else None
        if signer is None or signer.role != StaffRole.OT.value or not signer.active:
            raise PermissionDeniedError(_(NOT_AN_OT))
        if signer.id == row.author_id:
            raise PermissionDeniedError(_(OWN_NOTE))
        now = ctx.now()
        digest = cosignature_hash(row.content_hash, signer.id, now.isoformat())
        signature = SessionSignature(session_id=row.id, signer_id=signer.id,
                                     kind=SignatureKind.COSIGNER.value, signed_at=now,
                                     content_hash=digest)
        insert_audited(session, ctx, ENTITY, signature, {}, client_id=row.client_id)
        row.status = SessionStatus.SIGNED.value
        row.updated_at, row.updated_by_id = now, signer.id
        audit(session, ctx, AuditAction.UPDATE, ENTITY, row,
              {"status": [SessionStatus.AWAITING_COSIGNATURE.value, SessionStatus.SIGNED.value],
               "cosigned_by": [None, signer.id]}, client_id=row.client_id)
        return _info(session, row)


def add_addendum(ctx: Context, *, session_id: int, reason: str, text: str) -> SessionInfo:
    """Append a correction or addition (why, and what) to a signed note, by the acting staff
    member, now. Addenda are never changed or removed."""
    clean = validate(ADDENDUM_FIELDS, {"reason": reason, "text": text}, today=ctx.today())
    with ctx.transaction() as session:
        row = load(session, FamilySession, ENTITY, session_id)
        if row.status not in LOCKED_STATUSES:
            raise NoteLockedError(fill(_(NOT_SIGNED), date=row.session_date.isoformat()))
        if ctx.actor_id is None:
            raise PermissionDeniedError(_(NOT_AUTHOR))
        addendum = SessionAddendum(session_id=row.id, author_id=ctx.actor_id, **clean)
        insert_audited(session, ctx, ENTITY, addendum, {"addendum": clean},
                       client_id=row.client_id)
        return _info(session, row)


# --- verify -------------------------------------------------------------------------------------


def tampered(db: Database) -> list[str]:
    """Each signed note whose content or signatures no longer match their hashes, named by
    record number, date and id."""
    found = []
    with db.reading() as session:
        rows = session.execute(
            select(FamilySession, Client.record_number)
            .join(Client, Client.id == FamilySession.client_id)
            .where(FamilySession.status.in_(LOCKED_STATUSES)).order_by(FamilySession.id)
        ).all()
        for row, record_number in rows:
            digest = content_hash(signed_content(session, row))
            signatures = session.scalars(select(SessionSignature)
                                         .where(SessionSignature.session_id == row.id)).all()
            good = digest == row.content_hash and any(
                s.kind == SignatureKind.AUTHOR.value and s.content_hash == digest
                for s in signatures)
            for s in signatures:
                if s.kind == SignatureKind.COSIGNER.value and s.content_hash != cosignature_hash(
                        row.content_hash, s.signer_id, s.signed_at.isoformat()):
                    good = False
            if row.status == SessionStatus.SIGNED.value and row.needs_cosign and not any(
                    s.kind == SignatureKind.COSIGNER.value for s in signatures):
                good = False
            if not good:
                found.append(fill(_("family session {id} ({record}, {date})"), id=row.id,
                                  record=record_number, date=row.session_date.isoformat()))
    return found


@check(SIGNED_HASHES)
def signed_notes_unchanged(db: Database) -> CheckResult:
    """Every signed note still hashes to what was signed."""
    found = tampered(db)
    if not found:
        return CheckResult(_(SIGNED_HASHES), True, _("every signed note matches its signature"))
    text = ngettext("{count} note no longer matches what was signed: {notes}",
                    "{count} notes no longer match what was signed: {notes}", len(found))
    shown = ", ".join(found[:5])
    if len(found) > 5:
        shown = fill(_("{items} and {count} more"), items=shown, count=len(found) - 5)
    return CheckResult(_(SIGNED_HASHES), False, fill(text, count=len(found), notes=shown))
