"""Family members and caregivers kept with a client: who they are, their language, and consent.

A client has at most one primary caregiver; naming a new one clears the flag on the others, and
each of those changes is audited like any other edit.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from otdesk.db.models import Client, FamilyMember
from otdesk.domain.fields import FAMILY_MEMBER_FIELDS, validate
from otdesk.domain.records import RecordKind
from otdesk.domain.text import fold
from otdesk.domain.vocab import AuditAction, ConsentScope
from otdesk.services._records import (
    audit,
    delete_audited,
    editing,
    jsonable,
    load,
    snapshot,
    stamp_new,
    update_audited,
)
from otdesk.services.context import Context

ENTITY = RecordKind.FAMILY_MEMBER
CLIENT_ENTITY = RecordKind.CLIENT


@dataclass(frozen=True)
class FamilyMemberInfo:
    """A family member or caregiver as lists and forms show them."""

    id: int
    uuid: uuid.UUID
    client_id: int
    given_name: str
    family_name: str
    relationship_to_client: str
    preferred_language: str
    interpreter_needed: bool
    phone: str
    email: str
    address: str
    consent_scope: ConsentScope
    primary_caregiver: bool
    notes: str
    version: int

    @property
    def display_name(self) -> str:
        """Given and family name (family name may be blank)."""
        return f"{self.given_name} {self.family_name}".strip()

    def editable_values(self) -> dict[str, Any]:
        """The values a form edits, in the form ``update_family_member`` takes them."""
        return {name: getattr(self, name) for name in FAMILY_MEMBER_FIELDS}

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dictionary."""
        return {k: jsonable(v) for k, v in self.__dict__.items()}


def _dto(m: FamilyMember) -> FamilyMemberInfo:
    return FamilyMemberInfo(
        id=m.id,
        uuid=m.uuid,
        client_id=m.client_id,
        given_name=m.given_name,
        family_name=m.family_name,
        relationship_to_client=m.relationship_to_client,
        preferred_language=m.preferred_language,
        interpreter_needed=m.interpreter_needed,
        phone=m.phone,
        email=m.email,
        address=m.address,
        consent_scope=ConsentScope(m.consent_scope),
        primary_caregiver=m.primary_caregiver,
        notes=m.notes,
        version=m.version,
    )


def _sort_key(m: FamilyMemberInfo) -> tuple[bool, str, str, int]:
    return (not m.primary_caregiver, fold(m.family_name), fold(m.given_name), m.id)


def _fill_blanks(clean: dict[str, Any], client: Client) -> dict[str, Any]:
    """Give blank optional choices their meaning: blank language is the client's, blank consent
    shares nothing."""
    out = dict(clean)
    if "preferred_language" in out and not out["preferred_language"]:
        out["preferred_language"] = client.preferred_language
    if "consent_scope" in out and out["consent_scope"] is None:
        out["consent_scope"] = ConsentScope.NONE
    return {k: getattr(v, "value", v) for k, v in out.items()}


def _clear_other_primaries(session: Session, ctx: Context, client_id: int, keep_id: int) -> None:
    others = session.scalars(
        select(FamilyMember).where(
            FamilyMember.client_id == client_id,
            FamilyMember.primary_caregiver.is_(True),
            FamilyMember.id != keep_id,
        )
    ).all()
    unset = {"primary_caregiver": False}
    for other in others:  # each was a primary caregiver, so each one changes
        update_audited(session, ctx, ENTITY, other, unset, client_id=client_id)


def list_family_members(ctx: Context, *, client_id: int) -> list[FamilyMemberInfo]:
    """A client's family members and caregivers: the primary caregiver first, then by name."""
    with ctx.db.reading() as session:
        load(session, Client, CLIENT_ENTITY, client_id)
        rows = session.scalars(select(FamilyMember).where(FamilyMember.client_id == client_id))
        return sorted((_dto(m) for m in rows), key=_sort_key)


def get_family_member(ctx: Context, *, member_id: int) -> FamilyMemberInfo:
    """One family member by id."""
    with ctx.db.reading() as session:
        return _dto(load(session, FamilyMember, ENTITY, member_id))


def add_family_member(ctx: Context, *, client_id: int, **values: Any) -> FamilyMemberInfo:
    """Add a family member or caregiver to a client (fields of FAMILY_MEMBER_FIELDS).

    A blank language means the client's own; a blank consent scope means nothing is shared.
    """
    clean = validate(FAMILY_MEMBER_FIELDS, values, today=ctx.today())
    with ctx.transaction() as session:
        client = load(session, Client, CLIENT_ENTITY, client_id)
        stored = _fill_blanks(clean, client)
        stored.setdefault("preferred_language", client.preferred_language)
        row = FamilyMember(client_id=client_id, **stored)
        stamp_new(row, ctx)
        session.add(row)
        session.flush()
        if row.primary_caregiver:
            _clear_other_primaries(session, ctx, client_id, row.id)
        audit(session, ctx, AuditAction.CREATE, ENTITY, row, snapshot(stored), client_id=client_id)
        return _dto(row)


def update_family_member(
    ctx: Context, *, member_id: int, expected_version: int, **changes: Any
) -> FamilyMemberInfo:
    """Change some fields of a family member; refuse a stale copy with ``ConflictError``."""
    clean = validate(FAMILY_MEMBER_FIELDS, changes, today=ctx.today(), partial=True)
    with editing(ctx, FamilyMember, ENTITY, member_id, expected_version) as (session, row):
        client = load(session, Client, CLIENT_ENTITY, row.client_id)
        stored = _fill_blanks(clean, client)
        update_audited(session, ctx, ENTITY, row, stored, client_id=row.client_id)
        if clean.get("primary_caregiver") is True:
            _clear_other_primaries(session, ctx, row.client_id, row.id)
        return _dto(row)


def remove_family_member(ctx: Context, *, member_id: int, expected_version: int) -> None:
    """Delete a family member; the audit trail keeps the values that were removed."""
    with editing(ctx, FamilyMember, ENTITY, member_id, expected_version) as (session, row):
        delete_audited(session, ctx, ENTITY, row, FAMILY_MEMBER_FIELDS, client_id=row.client_id)
