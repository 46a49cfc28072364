"""Dashboard: action items agreed in family sessions that are not done, overdue or due within
a week, each line opening the session it was agreed in.

For one staff member: the items of the notes they wrote and of their clients' notes.
"""

from __future__ import annotations

import dataclasses
from datetime import timedelta

from sqlalchemy import or_
from sqlalchemy.orm import Session

from otdesk.db.models import Client, FamilySession, SessionActionItem
from otdesk.domain.records import RecordKind
from otdesk.domain.translation import N_, NC_, N_plural, _, fill
from otdesk.services.context import Context
from otdesk.services.dashboard import DueItem, SourceQuery, source
from otdesk.services.dashboard_sources._shared import (
    Wording,
    dated_line,
    total_and_first,
    with_client,
)

WINDOW_DAYS = 7
WORDING = Wording(
    N_plural("overdue by {days} day", "overdue by {days} days"),
    N_("due today"),
    N_plural("due in {days} day", "due in {days} days"),
)
LINE = N_("{who}: {what} ({when})")
WHAT_MAX = 60  # characters of the action a line shows


@source("action_items", title=NC_("dashboard section", "Family-session action items"), order=35)
def action_items(session: Session, ctx: Context, query: SourceQuery) -> tuple[int, list[DueItem]]:
    """Open action items, the earliest due first."""
    stmt = with_client(
        FamilySession.id.label("session_id"), SessionActionItem.id.label("item_id"),
        SessionActionItem.who, SessionActionItem.what, SessionActionItem.due_date,
        client_id=FamilySession.client_id,
    ).join(SessionActionItem, SessionActionItem.session_id == FamilySession.id).where(
        SessionActionItem.done.is_(False),
        SessionActionItem.due_date <= query.today + timedelta(days=WINDOW_DAYS),
    )
    if query.staff_id is not None:
        stmt = stmt.where(or_(FamilySession.author_id == query.staff_id,
                              Client.assigned_ot_id == query.staff_id))
    stmt = stmt.order_by(SessionActionItem.due_date, SessionActionItem.id)
    total, rows = total_and_first(session, stmt, query.limit)
    items = []
    for row in rows:
        item = dated_line(row, row.due_date, query.today, WORDING,
                          entity=RecordKind.FAMILY_SESSION, record_id=row.session_id)
        what = " ".join(row.what.split())
        if len(what) > WHAT_MAX:
            what = what[: WHAT_MAX - 1] + "…"
        items.append(dataclasses.replace(
            item, summary=fill(_(LINE), who=row.who, what=what, when=item.summary)))
    return total, items
