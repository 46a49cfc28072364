"""Dashboard: active care plans whose review date has passed or falls in the next two weeks.

Plans of discharged clients are left out: their review no longer needs anyone to act, and an
old active plan would otherwise stay on the dashboard for ever.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session

from otdesk.db.models import CarePlan, Client
from otdesk.domain.records import RecordKind
from otdesk.domain.translation import N_, NC_, N_plural
from otdesk.domain.vocab import CarePlanStatus, ClientStatus
from otdesk.services.context import Context
from otdesk.services.dashboard import DueItem, SourceQuery, source
from otdesk.services.dashboard_sources._shared import (
    Wording,
    assigned_only,
    dated_line,
    total_and_first,
    with_client,
)

REVIEW_WINDOW_DAYS = 14
WORDING = Wording(
    N_plural("Care-plan review overdue by {days} day", "Care-plan review overdue by {days} days"),
    N_("Care-plan review due today"),
    N_plural("Review due in {days} day", "Review due in {days} days"),
)


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
    return total, [
        dated_line(row, row.review_date, query.today, WORDING,
                   entity=RecordKind.CARE_PLAN, record_id=row.plan_id)
        for row in rows
    ]
