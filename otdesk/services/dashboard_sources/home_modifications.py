"""Dashboard: recommended home modifications still open after their due date."""

from __future__ import annotations

from sqlalchemy.orm import Session

from otdesk.db.models import Client, HomeModification
from otdesk.domain.vocab import ModificationStatus
from otdesk.services.context import Context
from otdesk.services.dashboard import DueItem, SourceQuery, Urgency, source
from otdesk.services.dashboard_sources import _messages as msg
from otdesk.services.dashboard_sources._shared import (
    assigned_only,
    due_item,
    total_and_first,
    with_client,
)

OPEN_STATUSES = tuple(s.value for s in ModificationStatus if s.is_open)
_TEXT_MAX = 80


def describe(recommendation: str, area: str) -> tuple[str, dict[str, object]]:
    """The summary template naming a modification, and its values (the due date aside).

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
            return msg.MODIFICATION_IN_AREA_DUE, {"what": text, "area": area}
        text = area
    if text:
        return msg.MODIFICATION_DUE, {"what": text}
    return msg.UNNAMED_MODIFICATION_DUE, {}


@source("home_modifications", title="Overdue home modifications", order=40)
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
        template, params = describe(row.recommendation, row.area)
        items.append(
            due_item(
                row,
                template=template,
                params={**params, "date": row.due_date},
                due_date=row.due_date,
                urgency=Urgency.OVERDUE,
                entity="home_modification",
                record_id=row.modification_id,
            )
        )
    return total, items
