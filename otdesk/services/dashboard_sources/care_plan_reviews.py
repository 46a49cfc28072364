"""Dashboard: active care plans whose review date has passed or falls in the next two weeks.

Plans of discharged clients are left out: their review no longer needs anyone to act, and an
old active plan would otherwise stay on the dashboard for ever.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session

from otdesk.db.models import CarePlan, Client
from otdesk.domain.records import RecordKind
from otdesk.domain.translation import NC_, _, fill, ngettext
from otdesk.domain.vocab import CarePlanStatus, ClientStatus
from otdesk.services.context import Context
from otdesk.services.dashboard import DueItem, SourceQuery, Urgency, source
from otdesk.services.dashboard_sources._shared import (
    assigned_only,
    due_item,
    total_and_first,
    with_client,
)

REVIEW_WINDOW_DAYS = 14


@source("care_plan_reviews", title=NC_("dashboard section", "Care-plan reviews"), order=10)
def care_plan_reviews(
    session: Session, ctx: Context, query: SourceQuery
) -> tuple[int, list[DueItem]]:
    """Overdue reviews first (the longest overdue at the top), then those coming up."""
    horizon = query.today + timedelta(days=REVIEW_WINDOW_DAYS)
    stmt = with_client(
        CarePlan.id.label("plan_id"), CarePlan.review_date, client_id=CarePlan.client_id
    ).where(
        CarePlan.status == CarePlanStatus.ACTIVE.value,
        CarePlan.review_date <= horizon,
        Client.status != ClientStatus.DISCHARGED.value,
    )
    stmt = assigned_only(stmt, query).order_by(CarePlan.review_date, Client.sort_name, CarePlan.id)
    total, rows = total_and_first(session, stmt, query.limit)
    items = []
    for row in rows:
        days = (row.review_date - query.today).days
        if days < 0:
            summary = ngettext("Care-plan review overdue by {days} day",
                               "Care-plan review overdue by {days} days", -days)
            urgency = Urgency.OVERDUE
        elif days == 0:
            summary, urgency = _("Care-plan review due today"), Urgency.DUE
        else:
            summary = ngettext("Review due in {days} day", "Review due in {days} days", days)
            urgency = Urgency.DUE
        items.append(
            due_item(
                row,
                summary=fill(summary, days=abs(days)),
                due_date=row.review_date,
                urgency=urgency,
                entity=RecordKind.CARE_PLAN,
                record_id=row.plan_id,
            )
        )
    return total, items
