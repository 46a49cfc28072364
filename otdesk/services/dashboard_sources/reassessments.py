"""Dashboard: clients in active care whose assessment is out of date, or who have none yet.

With a discharge-readiness battery named (``otdesk.services.battery``), each of its instruments
counts on its own: a client is due when the latest finalised (or signed) result of one of them
is older than that instrument's repeat interval, or when there is none and their open episode
started (or, lacking a start date, was referred) more than 30 days ago. The line names the
instrument due first and how many others are due too.

Without a battery, evidence of an assessment is a finalised (or signed) administration of any
instrument, or an externally scored result, and the clinic's one reassessment interval applies.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy import ColumnElement, exists, func, or_, select
from sqlalchemy.orm import Session

from otdesk.db.models import Assessment, BatteryInstrument, Client, ClinicSettings, Episode
from otdesk.domain.records import RecordKind
from otdesk.domain.translation import N_, NC_, N_plural, Plural, _, current_language, fill
from otdesk.domain.vocab import ClientStatus, RecordStatus
from otdesk.services.context import Context
from otdesk.services.dashboard import DueItem, SourceQuery, Urgency, source
from otdesk.services.dashboard_sources._shared import (
    CLIENT_COLUMNS,
    AnyRow,
    clinic_interval,
    due_item,
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


@dataclass(frozen=True)
class _Wording:
    """The summaries of one kind of assessment: overdue, due today, due in some days."""

    overdue: Plural
    today: str
    due_in: Plural


REASSESSMENT = _Wording(
    N_plural("Reassessment overdue by {days} day", "Reassessment overdue by {days} days"),
    N_("Reassessment due today"),
    N_plural("Reassessment due in {days} day", "Reassessment due in {days} days"),
)
FIRST_ASSESSMENT = _Wording(
    N_plural("First assessment overdue by {days} day", "First assessment overdue by {days} days"),
    N_("First assessment due today"),
    N_plural("First assessment due in {days} day", "First assessment due in {days} days"),
)


def _line(
    row: AnyRow, due: date, today: date, wording: _Wording, **names: str
) -> tuple[date, str, DueItem]:
    """A client due an assessment on ``due``, with what the dashboard sorts it by (``names``
    fill the wording's other places: the instrument)."""
    days = abs((due - today).days)
    if due < today:
        summary, urgency = wording.overdue.text(days), Urgency.OVERDUE
    elif due == today:
        summary, urgency = _(wording.today), Urgency.DUE
    else:
        summary, urgency = wording.due_in.text(days), Urgency.DUE
    item = due_item(
        row,
        summary=fill(summary, days=days, **names),
        due_date=due,
        urgency=urgency,
        entity=RecordKind.CLIENT,
        record_id=row.client_id,
    )
    return due, item.client_name, item


BATTERY_REASSESSMENT = _Wording(
    N_plural("{instrument}: reassessment overdue by {days} day",
             "{instrument}: reassessment overdue by {days} days"),
    N_("{instrument}: reassessment due today"),
    N_plural("{instrument}: reassessment due in {days} day",
             "{instrument}: reassessment due in {days} days"),
)
BATTERY_FIRST = _Wording(
    N_plural("{instrument}: first assessment overdue by {days} day",
             "{instrument}: first assessment overdue by {days} days"),
    N_("{instrument}: first assessment due today"),
    N_plural("{instrument}: first assessment due in {days} day",
             "{instrument}: first assessment due in {days} days"),
)
ALSO_DUE = N_plural("{summary} (and {count} other instrument)",
                    "{summary} (and {count} other instruments)")
_FINALISED = (RecordStatus.FINAL.value, RecordStatus.SIGNED.value)


def _instrument_title(definition_id: str) -> str:
    from otdesk.services.definitions import library

    lib = library()
    if definition_id in lib:
        return lib.get(definition_id).title.text(current_language())
    return definition_id


def _battery_due(
    session: Session, query: SourceQuery, battery: list[tuple[str, int]]
) -> tuple[int, list[DueItem]]:
    # One row per client in care: when their open episode started, and the day of each battery
    # instrument's latest finalised result (correlated subqueries on the client index).
    started = (
        select(func.min(func.coalesce(Episode.start_date, Episode.referral_date)))
        .where(Episode.client_id == Client.id, Episode.actual_discharge_date.is_(None))
        .scalar_subquery()
    )
    latest = [
        select(func.max(Assessment.administered_on))
        .where(Assessment.client_id == Client.id, Assessment.instrument_id == definition_id,
               Assessment.status.in_(_FINALISED))
        .scalar_subquery()
        for definition_id, _days in battery
    ]
    stmt = select(*CLIENT_COLUMNS, started.label("started"),
                  *(col.label(f"latest_{n}") for n, col in enumerate(latest)))
    stmt = stmt.where(*_in_care(query))
    soon = query.today + timedelta(days=SOON_DAYS)
    found: list[tuple[date, str, DueItem]] = []
    for row in session.execute(stmt):
        due: list[tuple[date, int, bool]] = []  # (due on, battery position, first time)
        for n, (_definition_id, days) in enumerate(battery):
            last = getattr(row, f"latest_{n}")
            if last is not None:
                due.append((last + timedelta(days=days), n, False))
            elif row.started is not None:
                due.append((row.started + timedelta(days=FIRST_ASSESSMENT_DAYS), n, True))
        due = sorted(d for d in due if d[0] <= soon)
        if not due:
            continue
        on, n, first = due[0]
        wording = BATTERY_FIRST if first else BATTERY_REASSESSMENT
        when, name, item = _line(row, on, query.today, wording,
                                 instrument=_instrument_title(battery[n][0]))
        if len(due) > 1:
            summary = fill(ALSO_DUE.text(len(due) - 1), summary=item.summary,
                           count=len(due) - 1)
            item = replace(item, summary=summary)
        found.append((when, name, item))
    found.sort(key=lambda line: (line[0], line[1]))
    return len(found), [item for _due, _name, item in found[: max(query.limit, 0)]]


def _battery(session: Session) -> list[tuple[str, int]]:
    return [
        (r.definition_id, r.repeat_days)
        for r in session.execute(
            select(BatteryInstrument.definition_id, BatteryInstrument.repeat_days)
            .where(BatteryInstrument.active.is_(True))
            .order_by(BatteryInstrument.position, BatteryInstrument.id))
    ]


@source("reassessments", title=NC_("dashboard section", "Assessments due"), order=20)
def reassessments_due(
    session: Session, ctx: Context, query: SourceQuery
) -> tuple[int, list[DueItem]]:
    """Clients due an assessment, the one due longest first."""
    battery = _battery(session)
    if battery:
        return _battery_due(session, query, battery)
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
