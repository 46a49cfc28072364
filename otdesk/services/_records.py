"""Shared mechanics of the services: loading with a version check, applying changes, auditing."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from otdesk.db.base import Tracked
from otdesk.db.models import AuditEvent
from otdesk.domain.errors import ConflictError, NotFoundError
from otdesk.domain.vocab import AuditAction
from otdesk.services.context import Context

T = TypeVar("T", bound=Tracked)


def jsonable(value: Any) -> Any:
    """A value as it appears in the audit trail and in exports."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date | datetime):
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
        raise NotFoundError(entity, f"id {key}")
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
    """Append one event to the audit trail (inside the caller's transaction)."""
    session.flush()
    session.add(AuditEvent(**audit_values(ctx, action, entity, row, changes, client_id=client_id)))


def snapshot(values: Mapping[str, Any]) -> dict[str, Any]:
    """The audit form of a newly created record's values."""
    return {k: [None, jsonable(v)] for k, v in values.items()}
