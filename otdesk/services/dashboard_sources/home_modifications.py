"""Dashboard: recommended home modifications still open after their due date."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from otdesk.db.models import Client, HomeModification
from otdesk.domain.records import RecordKind
from otdesk.domain.translation import NC_, _, fill
from otdesk.domain.vocab import ModificationStatus
from otdesk.services.context import Context
from otdesk.services.dashboard import DueItem, SourceQuery, Urgency, source
from otdesk.services.dashboard_sources._shared import (
    assigned_only,
    due_item,
    total_and_first,
    with_client,
)

OPEN_STATUSES = tuple(s.value for s in ModificationStatus if s.is_open)
_TEXT_MAX = 80


def describe(recommendation: str, area: str, due: date) -> str:
    """The summary naming a modification and when it was due.

    The name is the recommendation's first line, with the area unless the line already
    names it; a modification with neither is just "Home modification".
    """
    lines = recommendation.strip().splitlines()
    text = lines[0].strip() if lines else ""
    if len(text) > _TEXT_MAX:
        text = text[: _TEXT_MAX - 1].rstrip() + "…"
    area = area.strip()
    if area and area.casefold() not in text.casefold():
        if text:
            # TRANSLATORS: {what} and {area} are the record's own text: "Grab rails in Bathroom".
            return fill(_("{what} in {area}: due {date}"), what=text, area=area, date=due)
        text = area
    if text:
        return fill(_("{what}: due {date}"), what=text, date=due)
    return fill(_("Home modification: due {date}"), date=due)


@source(
    "home_modifications", title=NC_("dashboard section", "Overdue home modifications"), order=40
)
def overdue_home_modifications(
    session: Session, ctx: Context, query: SourceQuery
) -> tuple[int, list[DueItem]]:
    """Open modifications past their due date, the longest overdue first."""
    stmt = with_client(
        HomeModification.id.label("modification_id"),
        HomeModification.recommendation,
        HomeModification.area,
        HomeModification.due_date,
        client_id=HomeModification.client_id,
    ).where(
        HomeModification.status.in_(OPEN_STATUSES),
        HomeModification.due_date < query.today,
    )
    stmt = assigned_only(stmt, query).order_by(
        HomeModification.due_date, Client.sort_name, HomeModification.id
    )
    total, rows = total_and_first(session, stmt, query.limit)
    items = []
    for row in rows:
        items.append(
            due_item(
                row,
                summary=describe(row.recommendation, row.area, row.due_date),
                due_date=row.due_date,
                urgency=Urgency.OVERDUE,
                entity=RecordKind.HOME_MODIFICATION,
                record_id=row.modification_id,
            )
        )
    return total, items
