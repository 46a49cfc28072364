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
from otdesk.domain.fields import FAMILY_MEMBER_FIELDS
from otdesk.domain.records import RecordKind
from otdesk.domain.text import fold
from otdesk.domain.vocab import ConsentScope
from otdesk.services import records
from otdesk.services._records import jsonable, load, update_audited
from otdesk.services.context import Context
from otdesk.services.records import RecordType, mapping

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


def _sort_key(m: FamilyMemberInfo) -> tuple[bool, str, str, int]:
    return (not m.primary_caregiver, fold(m.family_name), fold(m.given_name), m.id)


def _fill_blanks(
    session: Session, ctx: Context, row: FamilyMember, clean: dict[str, Any], adding: bool
) -> dict[str, Any]:
    """Give blank optional choices their meaning: blank language is the client's, blank consent
    shares nothing."""
    out = dict(clean)
    if (adding or "preferred_language" in out) and not out.get("preferred_language"):
        client = session.get(Client, row.client_id)
        out["preferred_language"] = client.preferred_language if client else "en"
    if "consent_scope" in out and out["consent_scope"] is None:
        out["consent_scope"] = ConsentScope.NONE
    return out


def _one_primary(session: Session, ctx: Context, row: FamilyMember) -> None:
    """A client has at most one primary caregiver: naming one clears the flag on the others
    (each audited like any edit)."""
    if not row.primary_caregiver:
        return
    others = session.scalars(
        select(FamilyMember).where(
            FamilyMember.client_id == row.client_id,
            FamilyMember.primary_caregiver.is_(True),
            FamilyMember.id != row.id,
        )
    ).all()
    for other in others:
        update_audited(session, ctx, ENTITY, other, {"primary_caregiver": False},
                       client_id=row.client_id)


FAMILY_MEMBERS: RecordType[FamilyMember, FamilyMemberInfo] = RecordType(
    kind=ENTITY,
    model=FamilyMember,
    fields=FAMILY_MEMBER_FIELDS,
    info=mapping(FamilyMemberInfo),
    client_of=lambda _session, row: row.client_id,
    label=lambda row: f"{row.given_name} {row.family_name}".strip(),
    parent="client_id",
    parent_model=Client,
    parent_kind=CLIENT_ENTITY,
    prepare=_fill_blanks,
    after_write=_one_primary,
)


def list_family_members(ctx: Context, *, client_id: int) -> list[FamilyMemberInfo]:
    """A client's family members and caregivers: the primary caregiver first, then by name."""
    with ctx.db.reading() as session:
        load(session, Client, CLIENT_ENTITY, client_id)
        rows = session.scalars(select(FamilyMember).where(FamilyMember.client_id == client_id))
        return sorted((FAMILY_MEMBERS.info(session, m) for m in rows), key=_sort_key)


def get_family_member(ctx: Context, *, member_id: int) -> FamilyMemberInfo:
    """One family member by id."""
    return records.get(ctx, FAMILY_MEMBERS, member_id)


def add_family_member(ctx: Context, *, client_id: int, **values: Any) -> FamilyMemberInfo:
    """Add a family member or caregiver to a client (fields of FAMILY_MEMBER_FIELDS).

    A blank language means the client's own; a blank consent scope means nothing is shared.
    """
    return records.create(ctx, FAMILY_MEMBERS, owner=client_id, values=values)


def update_family_member(
    ctx: Context, *, member_id: int, expected_version: int, **changes: Any
) -> FamilyMemberInfo:
    """Change some fields of a family member; refuse a stale copy with ``ConflictError``."""
    return records.update(ctx, FAMILY_MEMBERS, key=member_id, expected_version=expected_version,
                          changes=changes)


def remove_family_member(ctx: Context, *, member_id: int, expected_version: int) -> None:
    """Delete a family member; the audit trail keeps the values that were removed."""
    records.remove(ctx, FAMILY_MEMBERS, key=member_id, expected_version=expected_version)
