"""Dashboard: active care plans whose review date has passed or falls in the next two weeks.

Plans of discharged clients are left out: their review no longer needs anyone to act, and an
old active plan would otherwise stay on the dashboard for ever.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session

from otdesk.db.models import CarePlan, Client
from otdesk.domain.vocab import CarePlanStatus, ClientStatus
from otdesk.services.context import Context
from otdesk.services.dashboard import DueItem, SourceQuery, Urgency, source
from otdesk.services.dashboard_sources import _messages as msg
from otdesk.services.dashboard_sources._shared import (
    assigned_only,
    due_item,
    total_and_first,
    with_client,
)

REVIEW_WINDOW_DAYS = 14


@source("care_plan_reviews", title="Care-plan reviews", order=10)
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
            template = msg.by_count(-days, msg.REVIEW_OVERDUE_DAY, msg.REVIEW_OVERDUE_DAYS)
            urgency = Urgency.OVERDUE
        elif days == 0:
            template, urgency = msg.REVIEW_DUE_TODAY, Urgency.DUE
        else:
            template = msg.by_count(days, msg.REVIEW_DUE_IN_DAY, msg.REVIEW_DUE_IN_DAYS)
            urgency = Urgency.DUE
        items.append(
            due_item(
                row,
                template=template,
                params={"days": abs(days)},
                due_date=row.review_date,
                urgency=urgency,
                entity="care_plan",
                record_id=row.plan_id,
            )
        )
    return total, items
