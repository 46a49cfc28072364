"""Dashboard: new referrals and the waitlist.

Both lists are clinic-wide even on one staff member's dashboard: referred and waitlisted
clients usually have no assigned OT yet, and coordinators triage them for the whole clinic, so
``query.staff_id`` is deliberately ignored here.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from otdesk.db.models import Client, Episode
from otdesk.domain.records import RecordKind
from otdesk.domain.translation import NC_, _, fill, ngettext
from otdesk.domain.vocab import ClientStatus
from otdesk.services.context import Context
from otdesk.services.dashboard import DueItem, SourceQuery, Urgency, source
from otdesk.services.dashboard_sources._shared import (
    CLIENT_COLUMNS,
    due_item,
    total_and_first,
    with_client,
)

RECENT_DAYS = 14
WAIT_TARGET_DAYS = 28
WAITING_STATUSES = (ClientStatus.REFERRED.value, ClientStatus.WAITLIST.value)


@source("recent_referrals", title=NC_("dashboard section", "New referrals"), order=60)
def recent_referrals(
    session: Session, ctx: Context, query: SourceQuery
) -> tuple[int, list[DueItem]]:
    """Episodes referred in the last two weeks, the newest first."""
    stmt = (
        with_client(
            Episode.id.label("episode_id"),
            Episode.referral_date,
            Episode.referral_source,
            client_id=Episode.client_id,
        )
        .where(
            Episode.referral_date >= query.today - timedelta(days=RECENT_DAYS),
            Episode.referral_date <= query.today,
        )
        .order_by(Episode.referral_date.desc(), Episode.id.desc())
    )
    total, rows = total_and_first(session, stmt, query.limit)
    items = []
    for row in rows:
        by = row.referral_source.strip()
        if by:
            # TRANSLATORS: {source} is the referral source as recorded ("GP", "Crisis team").
            summary = fill(_("Referred {date} by {source}"), date=row.referral_date, source=by)
        else:
            summary = fill(_("Referred {date}"), date=row.referral_date)
        items.append(
            due_item(
                row,
                summary=summary,
                due_date=None,
                urgency=Urgency.INFO,
                entity=RecordKind.EPISODE,
                record_id=row.episode_id,
            )
        )
    return total, items


@source("waitlist", title=NC_("dashboard section", "Waitlist"), order=50)
def waitlist(session: Session, ctx: Context, query: SourceQuery) -> tuple[int, list[DueItem]]:
    """Referred and waitlisted clients, the longest waiting first (by their open referral)."""
    referred_on = (
        select(func.min(Episode.referral_date))
        .where(Episode.client_id == Client.id, Episode.actual_discharge_date.is_(None))
        .correlate(Client)
        .scalar_subquery()
        .label("referred_on")
    )
    stmt = (
        select(referred_on, *CLIENT_COLUMNS)
        .where(Client.status.in_(WAITING_STATUSES))
        .order_by(referred_on.is_(None), referred_on, Client.sort_name, Client.id)
    )
    total, rows = total_and_first(session, stmt, query.limit)
    items = []
    for row in rows:
        if row.referred_on is None:
            summary, due, urgency = _("Waiting; no open referral is recorded"), None, Urgency.INFO
        else:
            waited = (query.today - row.referred_on).days
            summary = fill(
                ngettext("Waiting {days} day since referral on {date}",
                         "Waiting {days} days since referral on {date}", waited),
                days=waited, date=row.referred_on,
            )
            due = row.referred_on + timedelta(days=WAIT_TARGET_DAYS)
            urgency = Urgency.DUE if waited > WAIT_TARGET_DAYS else Urgency.INFO
        items.append(
            due_item(
                row,
                summary=summary,
                due_date=due,
                urgency=urgency,
                entity=RecordKind.CLIENT,
                record_id=row.client_id,
            )
        )
    return total, items
