"""Dashboard: family-session notes left unsigned longer than the clinic allows.

For one staff member the list holds the notes they wrote and the notes about clients assigned
to them (the OT answers for their clients' records, including an assistant's drafts).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import or_
from sqlalchemy.orm import Session

from otdesk.db.models import Client, ClinicSettings, FamilySession
from otdesk.domain.records import RecordKind
from otdesk.domain.translation import NC_, fill, ngettext
from otdesk.domain.vocab import SessionStatus
from otdesk.services.context import Context
from otdesk.services.dashboard import DueItem, SourceQuery, Urgency, source
from otdesk.services.dashboard_sources._shared import (
    clinic_interval,
    due_item,
    total_and_first,
    with_client,
)

DEFAULT_HOURS = 24


def as_of(ctx: Context, query: SourceQuery) -> datetime:
    """The moment the dashboard describes: now, moved by whole days when asked about another day."""
    return ctx.now() + timedelta(days=(query.today - ctx.today()).days)


def age_wording(created: datetime, now: datetime) -> str:
    """The summary saying how long ago a note was started: in days (or hours, under two
    days)."""
    age = now - created
    hours = int(age.total_seconds() // 3600)
    if hours < 48:
        text = ngettext("Unsigned note from {hours} hour ago",
                        "Unsigned note from {hours} hours ago", hours)
        return fill(text, hours=hours)
    text = ngettext("Unsigned note from {days} day ago",
                    "Unsigned note from {days} days ago", age.days)
    return fill(text, days=age.days)


@source("unsigned_notes", title=NC_("dashboard section", "Unsigned family-session notes"), order=30)
def unsigned_notes(session: Session, ctx: Context, query: SourceQuery) -> tuple[int, list[DueItem]]:
    """Draft notes older than the clinic's signing window, the oldest first."""
    hours = clinic_interval(session, ClinicSettings.unsigned_note_hours, DEFAULT_HOURS)
    now = as_of(ctx, query)
    window = timedelta(hours=hours)
    stmt = with_client(
        FamilySession.id.label("session_id"),
        FamilySession.created_at,
        client_id=FamilySession.client_id,
    ).where(
        FamilySession.status == SessionStatus.DRAFT.value,
        FamilySession.created_at < now - window,
    )
    if query.staff_id is not None:
        stmt = stmt.where(
            or_(
                FamilySession.author_id == query.staff_id,
                Client.assigned_ot_id == query.staff_id,
            )
        )
    stmt = stmt.order_by(FamilySession.created_at, FamilySession.id)
    total, rows = total_and_first(session, stmt, query.limit)
    items = []
    for row in rows:
        items.append(
            due_item(
                row,
                summary=age_wording(row.created_at, now),
                due_date=(row.created_at + window).astimezone().date(),
                urgency=Urgency.OVERDUE,
                entity=RecordKind.FAMILY_SESSION,
                record_id=row.session_id,
            )
        )
    return total, items
