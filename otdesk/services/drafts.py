"""Drafts: what was typed into a form and not yet saved, kept so nothing typed is lost.

A draft is committed to the database (WAL, synchronous=FULL) each time it is saved, so it
survives a crash or a killed process and is offered back on the next start.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select

from otdesk.db.models import Draft
from otdesk.domain.errors import ValidationError
from otdesk.domain.translation import N_
from otdesk.services.context import Context


@dataclass(frozen=True)
class DraftInfo:
    """A saved draft of one form."""

    key: str
    title: str
    payload: dict[str, Any]
    saved_at: datetime
    base_version: int | None


def _dto(d: Draft) -> DraftInfo:
    return DraftInfo(d.draft_key, d.title, dict(d.payload), d.saved_at, d.base_version)


def save_draft(
    ctx: Context,
    *,
    key: str,
    title: str,
    payload: dict[str, Any],
    base_version: int | None = None,
) -> DraftInfo:
    """Keep (or replace) the acting staff member's draft of the form named ``key``."""
    if not key or len(key) > 300:
        raise ValidationError.single("key", N_("must be 1 to 300 characters"))
    with ctx.transaction() as session:
        row = session.scalar(
            select(Draft).where(Draft.draft_key == key, _mine(ctx))
        )
        if row is None:
            row = Draft(draft_key=key, staff_id=ctx.actor_id)
            session.add(row)
        row.title = title[:300]
        row.payload = payload
        row.base_version = base_version
        row.saved_at = ctx.now()
        session.flush()
        return _dto(row)


def _mine(ctx: Context) -> Any:
    if ctx.actor_id is None:
        return Draft.staff_id.is_(None)
    return Draft.staff_id == ctx.actor_id


def get_draft(ctx: Context, *, key: str) -> DraftInfo | None:
    """The acting staff member's draft of ``key``, if one was left."""
    with ctx.db.reading() as session:
        row = session.scalar(select(Draft).where(Draft.draft_key == key, _mine(ctx)))
        return _dto(row) if row else None


def list_drafts(ctx: Context) -> list[DraftInfo]:
    """Every draft the acting staff member left, newest first."""
    with ctx.db.reading() as session:
        rows = session.scalars(select(Draft).where(_mine(ctx)).order_by(Draft.saved_at.desc()))
        return [_dto(d) for d in rows]


def discard_draft(ctx: Context, *, key: str) -> None:
    """Forget a draft (after it was saved for real, or the user chose to drop it)."""
    with ctx.transaction() as session:
        session.execute(delete(Draft).where(Draft.draft_key == key, _mine(ctx)))
