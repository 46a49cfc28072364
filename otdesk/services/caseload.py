"""The caseload: which clients a view shows, in what order, and their lines in batches.

A view asks once for the ordered ids that match its search and filters (cheap even at
50,000 clients) and then for the lines it actually paints, a batch at a time.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select

from otdesk.db.models import CarePlan, Client
from otdesk.domain.vocab import CarePlanStatus, ClientStatus, Priority
from otdesk.services import client_search
from otdesk.services.client_search import search_filter
from otdesk.services.clients import ASSIGNED_OT, summary_select
from otdesk.services.context import Context
from otdesk.services.summaries import CaseloadFilter, ClientSummary, SortKey, summary_from_row

REVIEW_SOON_DAYS = 14
ALL_CLIENTS = CaseloadFilter()


_PRIORITY_RANK = {Priority.URGENT.value: 0, Priority.SOON.value: 1, Priority.ROUTINE.value: 2}
_STATUS_RANK = {s.value: i for i, s in enumerate(ClientStatus)}


def _order(sort: SortKey) -> list[Any]:
    from sqlalchemy import case

    if sort is SortKey.RECORD_NUMBER:
        return [Client.record_number]
    if sort is SortKey.DATE_OF_BIRTH:
        return [Client.date_of_birth, Client.sort_name]
    if sort is SortKey.STATUS:
        return [case(_STATUS_RANK, value=Client.status, else_=99), Client.sort_name]
    if sort is SortKey.PRIORITY:
        return [case(_PRIORITY_RANK, value=Client.priority, else_=99), Client.sort_name]
    if sort is SortKey.ASSIGNED_OT:
        return [ASSIGNED_OT.family_name, ASSIGNED_OT.given_name, Client.sort_name]
    if sort is SortKey.LANGUAGE:
        return [Client.preferred_language, Client.sort_name]
    return [Client.sort_name]


def find_ids(
    ctx: Context,
    *,
    where: CaseloadFilter = ALL_CLIENTS,
    sort: SortKey = SortKey.NAME,
    descending: bool = False,
) -> list[int]:
    """The ids of the clients matching ``where``, in display order."""
    query = select(Client.id)
    if sort is SortKey.ASSIGNED_OT:
        query = query.outerjoin(ASSIGNED_OT, ASSIGNED_OT.id == Client.assigned_ot_id)
    text_clause = search_filter(where.text)
    if text_clause is not None:
        query = query.where(text_clause)
    if where.statuses:
        query = query.where(Client.status.in_([s.value for s in where.statuses]))
    if where.unassigned_only:
        query = query.where(Client.assigned_ot_id.is_(None))
    elif where.assigned_ot_id is not None:
        query = query.where(Client.assigned_ot_id == where.assigned_ot_id)
    if where.priority is not None:
        query = query.where(Client.priority == where.priority.value)
    if where.review_due:
        horizon = ctx.today() + timedelta(days=REVIEW_SOON_DAYS)
        due = select(CarePlan.client_id).where(
            CarePlan.status == CarePlanStatus.ACTIVE.value, CarePlan.review_date <= horizon
        )
        query = query.where(Client.id.in_(due))
    order = _order(sort)
    if descending:
        order = [o.desc() for o in order]
    query = query.order_by(*order, Client.id.desc() if descending else Client.id)
    with ctx.db.reading() as session:
        return list(session.scalars(query))


def matching_ids(ctx: Context, text: str) -> set[int]:
    """The ids of the clients a search ``text`` finds, in no order.

    A view that already holds the whole list in some order narrows it with these, keeping
    that order, faster than asking ``find_ids`` to search and sort again.
    """
    with ctx.db.reading() as session:
        return client_search.matching_ids(session, text)


def rows(ctx: Context, *, ids: Sequence[int]) -> list[ClientSummary]:
    """Caseload lines for ``ids`` (in the order given; ids no longer present are skipped)."""
    if not ids:
        return []
    by_id: dict[int, ClientSummary] = {}
    with ctx.db.reading() as session:
        # Batches keep the IN list well under every database's parameter limit.
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            for r in session.execute(summary_select().where(Client.id.in_(chunk))):
                s = summary_from_row(r)
                by_id[s.id] = s
    return [by_id[i] for i in ids if i in by_id]


def status_counts(ctx: Context) -> dict[ClientStatus, int]:
    """How many clients are in each status."""
    with ctx.db.reading() as session:
        query = select(Client.status, func.count()).group_by(Client.status)
        got = dict(session.execute(query).all())
    return {s: int(got.get(s.value, 0)) for s in ClientStatus}
