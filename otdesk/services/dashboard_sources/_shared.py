"""Pieces the dashboard sources share: client columns and names, selecting records with their
client, counting, clinic intervals, and making a line from a row.

This module registers no source of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Row, Select, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from otdesk.db.models import Client, ClinicSettings
from otdesk.domain.records import RecordKind
from otdesk.domain.translation import Plural, _, fill
from otdesk.services.dashboard import DueItem, RecordRef, SourceQuery, Urgency

AnyRow = Row[*tuple[Any, ...]]
TOTAL_LABEL = "dashboard_total_rows"

# Labelled so a row's client columns never clash with the record's own ``id``.
CLIENT_COLUMNS = (
    Client.id.label("client_id"),
    Client.record_number.label("record_number"),
    Client.given_name.label("given_name"),
    Client.family_name.label("family_name"),
    Client.preferred_name.label("preferred_name"),
)


def client_name(given: str, family: str, preferred: str) -> str:
    """A client's name as the caseload shows it: "Family, Given (Preferred)"."""
    pref = f" ({preferred})" if preferred else ""
    return f"{family}, {given}{pref}"


def with_client(*columns: Any, client_id: InstrumentedAttribute[int]) -> Select[*tuple[Any, ...]]:
    """SELECT ``columns`` of a record and its client's ``CLIENT_COLUMNS``, joined on
    ``client_id`` (the record's client column)."""
    return select(*columns, *CLIENT_COLUMNS).join(Client, Client.id == client_id)


def assigned_only(stmt: Select[*tuple[Any, ...]], query: SourceQuery) -> Select[*tuple[Any, ...]]:
    """``stmt`` kept to the clients assigned to the dashboard's staff member, if it is one's."""
    if query.staff_id is None:
        return stmt
    return stmt.where(Client.assigned_ot_id == query.staff_id)


def total_and_first(
    session: Session, stmt: Select[*tuple[Any, ...]], limit: int
) -> tuple[int, list[AnyRow]]:
    """The number of rows ``stmt`` matches (counted in SQL) and its first ``limit`` rows.

    The count rides along as a window function, so the database finds the matching rows once
    for both the total and the page.
    """
    if limit <= 0:
        counted = select(func.count()).select_from(stmt.order_by(None).subquery())
        return session.scalar(counted) or 0, []
    paged = stmt.add_columns(func.count().over().label(TOTAL_LABEL)).limit(limit)
    rows = list(session.execute(paged).all())
    return (getattr(rows[0], TOTAL_LABEL) if rows else 0), rows


def clinic_interval(session: Session, column: InstrumentedAttribute[int], default: int) -> int:
    """One of the clinic's intervals (e.g. reassessment days), or its default if none is saved."""
    value = session.scalar(select(column).order_by(ClinicSettings.id).limit(1))
    return default if value is None else int(value)


@dataclass(frozen=True)
class Wording:
    """How a source words a date relative to today: passed, today, or in some days."""

    overdue: Plural
    today: str
    due_in: Plural


def dated_line(
    row: AnyRow,
    due: date,
    today: date,
    wording: Wording,
    *,
    entity: RecordKind,
    record_id: int,
    **names: str,
) -> DueItem:
    """A dashboard line for something due on ``due``: overdue, due today, or due in some days
    (in the interface language, the number of days filled in, and ``names`` in the wording's
    other places, such as the instrument)."""
    days = (due - today).days
    if days < 0:
        summary, urgency = wording.overdue.text(-days), Urgency.OVERDUE
    elif days == 0:
        summary, urgency = _(wording.today), Urgency.DUE
    else:
        summary, urgency = wording.due_in.text(days), Urgency.DUE
    return due_item(row, summary=fill(summary, days=abs(days), **names), due_date=due,
                    urgency=urgency, entity=entity, record_id=record_id)


def due_item(
    row: AnyRow,
    *,
    summary: str,
    due_date: date | None,
    urgency: Urgency,
    entity: RecordKind,
    record_id: int,
) -> DueItem:
    """A dashboard line for a row that carries ``CLIENT_COLUMNS``, saying ``summary`` (in the
    interface language)."""
    return DueItem(
        client_id=row.client_id,
        record_number=row.record_number,
        client_name=client_name(row.given_name, row.family_name, row.preferred_name),
        summary=summary,
        due_date=due_date,
        urgency=urgency,
        target=RecordRef(entity, record_id, row.client_id),
    )
