"""Dashboard: open episodes whose planned discharge date has passed or is two weeks away.

A planned discharge that has passed with the episode still open asks for a decision: discharge
the client, or move the plan. Episodes already closed (an actual discharge date) are left out.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session

from otdesk.db.models import Client, Episode
from otdesk.domain.records import RecordKind
from otdesk.domain.translation import N_, NC_, N_plural
from otdesk.domain.vocab import ClientStatus
from otdesk.services.context import Context
from otdesk.services.dashboard import DueItem, SourceQuery, source
from otdesk.services.dashboard_sources._shared import (
    Wording,
    assigned_only,
    dated_line,
    total_and_first,
    with_client,
)

WINDOW_DAYS = 14
WORDING = Wording(
    N_plural("Planned discharge passed {days} day ago", "Planned discharge passed {days} days ago"),
    N_("Planned discharge today"),
    N_plural("Planned discharge in {days} day", "Planned discharge in {days} days"),
)


@source("planned_discharges", title=NC_("dashboard section", "Planned discharges"), order=15)
def planned_discharges(
    session: Session, ctx: Context, query: SourceQuery
) -> tuple[int, list[DueItem]]:
    """Passed planned discharges first (the longest passed at the top), then those coming up."""
    horizon = query.today + timedelta(days=WINDOW_DAYS)
    stmt = with_client(
        Episode.id.label("episode_id"), Episode.planned_discharge_date,
        client_id=Episode.client_id,
    ).where(
        Episode.actual_discharge_date.is_(None),
        Episode.planned_discharge_date <= horizon,
        Client.status != ClientStatus.DISCHARGED.value,
    )
    stmt = assigned_only(stmt, query).order_by(
        Episode.planned_discharge_date, Client.sort_name, Episode.id
    )
    total, rows = total_and_first(session, stmt, query.limit)
    return total, [
        dated_line(row, row.planned_discharge_date, query.today, WORDING,
                   entity=RecordKind.EPISODE, record_id=row.episode_id)
        for row in rows
    ]
