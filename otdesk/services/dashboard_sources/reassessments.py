"""Dashboard: clients in active care whose assessment is out of date, or who have none yet.

Evidence of an assessment is a finalised (or signed) administration of any instrument, or an
externally scored result. A client is due when their latest evidence is older than the clinic's
reassessment interval, or when they have none and their open episode started (or, lacking a
start date, was referred) more than 30 days ago.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import ColumnElement, exists, func, or_, select
from sqlalchemy.orm import Session

from otdesk.db.models import Assessment, Client, ClinicSettings, Episode
from otdesk.domain.records import RecordKind
from otdesk.domain.translation import N_, NC_, N_plural
from otdesk.domain.vocab import ClientStatus, RecordStatus
from otdesk.services.context import Context
from otdesk.services.dashboard import DueItem, SourceQuery, source
from otdesk.services.dashboard_sources._shared import (
    CLIENT_COLUMNS,
    AnyRow,
    Wording,
    clinic_interval,
    dated_line,
    total_and_first,
)

DEFAULT_DAYS = 180
FIRST_ASSESSMENT_DAYS = 30
SOON_DAYS = 14  # an assessment falling due within two weeks is shown before it is late
IN_CARE = (ClientStatus.ACTIVE.value, ClientStatus.ON_HOLD.value)
EXTERNAL_INSTRUMENT = "external"

_EVIDENCE = or_(
    Assessment.status.in_((RecordStatus.FINAL.value, RecordStatus.SIGNED.value)),
    Assessment.instrument_id == EXTERNAL_INSTRUMENT,
    Assessment.external_total != "",
)


def _in_care(query: SourceQuery) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [Client.status.in_(IN_CARE)]
    if query.staff_id is not None:
        where.append(Client.assigned_ot_id == query.staff_id)
    return where


def _stale(session: Session, query: SourceQuery, days: int) -> tuple[int, list[AnyRow]]:
    # Driven from the clients (status or assigned-OT index), then each one's assessments by the
    # client index: one pass, and few rows when the dashboard is one OT's. Grouping by the
    # primary key alone is enough: the other client columns depend on it (SQL:1999, PostgreSQL).
    last_on = func.max(Assessment.administered_on)
    stmt = (
        select(last_on.label("last_on"), *CLIENT_COLUMNS)
        .join(Assessment, Assessment.client_id == Client.id)
        .where(*_in_care(query), _EVIDENCE)
        .group_by(Client.id)
        .having(last_on < query.today - timedelta(days=days - SOON_DAYS))
        .order_by(last_on, Client.sort_name, Client.id)
    )
    return total_and_first(session, stmt, query.limit)


def _never(session: Session, query: SourceQuery) -> tuple[int, list[AnyRow]]:
    started = func.min(func.coalesce(Episode.start_date, Episode.referral_date))
    assessed = exists().where(Assessment.client_id == Client.id, _EVIDENCE)
    stmt = (
        select(started.label("started"), *CLIENT_COLUMNS)
        .join(Episode, Episode.client_id == Client.id)
        .where(*_in_care(query), Episode.actual_discharge_date.is_(None), ~assessed)
        .group_by(Client.id)
        .having(started < query.today - timedelta(days=FIRST_ASSESSMENT_DAYS - SOON_DAYS))
        .order_by(started, Client.sort_name, Client.id)
    )
    return total_and_first(session, stmt, query.limit)


REASSESSMENT = Wording(
    N_plural("Reassessment overdue by {days} day", "Reassessment overdue by {days} days"),
    N_("Reassessment due today"),
    N_plural("Reassessment due in {days} day", "Reassessment due in {days} days"),
)
FIRST_ASSESSMENT = Wording(
    N_plural("First assessment overdue by {days} day", "First assessment overdue by {days} days"),
    N_("First assessment due today"),
    N_plural("First assessment due in {days} day", "First assessment due in {days} days"),
)


def _line(row: AnyRow, due: date, today: date, wording: Wording) -> tuple[date, str, DueItem]:
    """A client due an assessment on ``due``, with what the dashboard sorts it by."""
    item = dated_line(row, due, today, wording, entity=RecordKind.CLIENT, record_id=row.client_id)
    return due, item.client_name, item


@source("reassessments", title=NC_("dashboard section", "Assessments due"), order=20)
def reassessments_due(
    session: Session, ctx: Context, query: SourceQuery
) -> tuple[int, list[DueItem]]:
    """Clients due an assessment, the one due longest first."""
    days = clinic_interval(session, ClinicSettings.reassessment_days, DEFAULT_DAYS)
    stale_total, stale = _stale(session, query, days)
    never_total, never = _never(session, query)
    lines: list[tuple[date, str, DueItem]] = []
    for row in stale:
        due = row.last_on + timedelta(days=days)
        lines.append(_line(row, due, query.today, REASSESSMENT))
    for row in never:
        due = row.started + timedelta(days=FIRST_ASSESSMENT_DAYS)
        lines.append(_line(row, due, query.today, FIRST_ASSESSMENT))
    lines.sort(key=lambda line: (line[0], line[1]))
    return stale_total + never_total, [item for _due, _name, item in lines[: query.limit]]
