"""Shared mechanics of the services: loading with a version check, applying changes, auditing.

A service writes a record in one of three audited ways (``insert_audited``,
``update_audited``, ``delete_audited``), and edits or removes an existing one inside
``editing``: a transaction that refuses a stale copy with ``ConflictError``, whether the
version check catches it or another workstation's commit does.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any, TypeVar

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from otdesk.db.base import Tracked
from otdesk.db.models import AuditEvent
from otdesk.domain.errors import ConflictError, NotFoundError
from otdesk.domain.records import RecordKind
from otdesk.domain.translation import _
from otdesk.domain.vocab import AuditAction
from otdesk.services.context import Context, changes_of

T = TypeVar("T", bound=Tracked)


def jsonable(value: Any) -> Any:
    """A value as it appears in the audit trail and in exports."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date | datetime | time):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, Decimal):
        return str(value)
    return value


def load(session: Session, model: type[T], entity: str, key: int) -> T:
    """Fetch a row by id or raise ``NotFoundError`` naming the record type."""
    row = session.get(model, key)
    if row is None:
        raise NotFoundError(entity, _("id {id}").format(id=key))
    return row


def check_version(row: Tracked, entity: str, label: object, expected: int) -> None:
    """Refuse a write based on a stale copy of the row."""
    if row.version != expected:
        raise ConflictError(entity, label, expected, row.version)


def stamp_new(row: Tracked, ctx: Context) -> None:
    """Fill in who created the row and when."""
    now = ctx.now()
    row.created_at = now
    row.updated_at = now
    row.created_by_id = ctx.actor_id
    row.updated_by_id = ctx.actor_id


def apply_changes(row: Tracked, ctx: Context, values: Mapping[str, Any]) -> dict[str, Any]:
    """Set the values that differ; return ``{field: [old, new]}`` for the audit trail."""
    changed: dict[str, Any] = {}
    for name, new in values.items():
        new_value = new.value if isinstance(new, Enum) else new
        old = getattr(row, name)
        if old != new_value:
            changed[name] = [jsonable(old), jsonable(new_value)]
            setattr(row, name, new_value)
    if changed:
        row.updated_at = ctx.now()
        row.updated_by_id = ctx.actor_id
    return changed


def audit_values(
    ctx: Context,
    action: AuditAction,
    entity: str,
    row: Tracked,
    changes: Mapping[str, Any],
    *,
    client_id: int | None = None,
) -> dict[str, Any]:
    """One audit event as column values (for ``audit`` and for bulk inserts)."""
    return {
        "occurred_at": ctx.now(),
        "actor_id": ctx.actor_id,
        "action": action.value,
        "entity_type": entity,
        "entity_id": row.id,
        "entity_uuid": row.uuid,
        "client_id": client_id,
        "changes": dict(changes),
        "workstation": ctx.workstation[:200],
    }


def audit(
    session: Session,
    ctx: Context,
    action: AuditAction,
    entity: str,
    row: Tracked,
    changes: Mapping[str, Any],
    *,
    client_id: int | None = None,
) -> None:
    """Append one event to the audit trail (inside the caller's transaction), and note the
    change for the unit of work to announce once committed."""
    session.flush()
    session.add(AuditEvent(**audit_values(ctx, action, entity, row, changes, client_id=client_id)))
    if action in _WRITES:
        note(session, entity, [row.id], clients=[client_id])


_WRITES = (AuditAction.CREATE, AuditAction.UPDATE, AuditAction.DELETE)


def note(
    session: Session, entity: str, ids: Iterable[int] = (), *,
    clients: Iterable[int | None] = (),
) -> None:
    """Note that records of ``entity`` changed, for writes audited in bulk (``audit_values``)."""
    changes_of(session).add(RecordKind.of(entity), ids, clients=clients)


def snapshot(values: Mapping[str, Any]) -> dict[str, Any]:
    """The audit form of a newly created record's values."""
    return {k: [None, jsonable(v)] for k, v in values.items()}


def saved_version(ctx: Context, model: type[Tracked], key: int) -> int | None:
    """The version of row ``key`` as saved now (None when it no longer exists)."""
    with ctx.db.reading() as session:
        row = session.get(model, key)
        return None if row is None else row.version


@contextmanager
def stale_as_conflict(
    entity: str,
    label: object,
    expected: int,
    saved: Callable[[], int | None] | None = None,
) -> Iterator[None]:
    """Report a write another workstation overtook (SQLAlchemy's ``StaleDataError`` at flush or
    commit) as ``ConflictError``, like a failed version check; ``saved`` reads the version
    that won, once the failed transaction is over."""
    try:
        yield
    except StaleDataError as exc:
        raise ConflictError(entity, label, expected, saved() if saved else None) from exc


@contextmanager
def editing(
    ctx: Context,
    model: type[T],
    entity: str,
    key: int,
    expected: int,
    *,
    named: Callable[[T], object] | None = None,
) -> Iterator[tuple[Session, T]]:
    """A transaction holding row ``key`` of ``model`` at version ``expected``.

    Raises ``NotFoundError`` when there is no such row, and ``ConflictError`` when its version
    is not ``expected`` or another workstation saves it before this transaction commits; both
    name the row as ``named(row)`` does (else by its id) and give the version that was saved.
    """
    label: list[object] = [_("id {id}").format(id=key)]
    try:
        with ctx.transaction() as session:
            row = load(session, model, entity, key)
            if named is not None:
                label[0] = named(row)
            check_version(row, entity, label[0], expected)
            yield session, row
    except StaleDataError as exc:
        raise ConflictError(entity, label[0], expected, saved_version(ctx, model, key)) from exc


def insert_audited(
    session: Session,
    ctx: Context,
    entity: str,
    row: Tracked,
    values: Mapping[str, Any],
    *,
    client_id: int | None = None,
) -> None:
    """Add a new row (stamped with who and when) and audit its ``values`` as created."""
    stamp_new(row, ctx)
    session.add(row)
    session.flush()
    audit(session, ctx, AuditAction.CREATE, entity, row, snapshot(values), client_id=client_id)


def update_audited(
    session: Session,
    ctx: Context,
    entity: str,
    row: Tracked,
    values: Mapping[str, Any],
    *,
    client_id: int | None = None,
) -> dict[str, Any]:
    """Set the ``values`` that differ and audit them, if any; return them as ``apply_changes``."""
    changed = apply_changes(row, ctx, values)
    if changed:
        session.flush()
        audit(session, ctx, AuditAction.UPDATE, entity, row, changed, client_id=client_id)
    return changed


def delete_audited(
    session: Session,
    ctx: Context,
    entity: str,
    row: Tracked,
    fields: Iterable[str],
    *,
    client_id: int | None = None,
) -> None:
    """Delete a row; the audit trail keeps the values of its ``fields`` that were removed."""
    removed = {name: [jsonable(getattr(row, name)), None] for name in fields}
    audit(session, ctx, AuditAction.DELETE, entity, row, removed, client_id=client_id)
    session.delete(row)
    session.flush()
