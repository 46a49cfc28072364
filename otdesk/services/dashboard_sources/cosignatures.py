"""Dashboard: family-session notes an OT assistant or student signed, awaiting an occupational
therapist's co-signature, the longest waiting first.

Any OT may co-sign, so an OT's dashboard lists every such note; anyone else's lists those about
the clients assigned to them.
"""

from __future__ import annotations

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session

from otdesk.db.models import Client, FamilySession, Staff
from otdesk.domain.records import RecordKind
from otdesk.domain.translation import N_, NC_, N_plural
from otdesk.domain.vocab import SessionStatus, StaffRole
from otdesk.services.context import Context
from otdesk.services.dashboard import DueItem, SourceQuery, source
from otdesk.services.dashboard_sources._shared import (
    Wording,
    dated_line,
    total_and_first,
    with_client,
)

WORDING = Wording(
    N_plural("Awaiting co-signature for {days} day", "Awaiting co-signature for {days} days"),
    N_("Signed today, awaiting co-signature"),
    N_plural("Awaiting co-signature", "Awaiting co-signature"),  # a signature is never ahead
)


@source("cosignatures", title=NC_("dashboard section", "Notes awaiting co-signature"), order=31)
def cosignatures(session: Session, ctx: Context, query: SourceQuery) -> tuple[int, list[DueItem]]:
    """Notes awaiting co-signature, the longest waiting first."""
    stmt = with_client(
        FamilySession.id.label("session_id"), FamilySession.signed_at,
        client_id=FamilySession.client_id,
    ).where(FamilySession.status == SessionStatus.AWAITING_COSIGNATURE.value)
    if query.staff_id is not None:
        is_ot = exists(select(Staff.id).where(Staff.id == query.staff_id,
                                              Staff.role == StaffRole.OT.value))
        stmt = stmt.where(or_(is_ot, Client.assigned_ot_id == query.staff_id))
    stmt = stmt.order_by(FamilySession.signed_at, FamilySession.id)
    total, rows = total_and_first(session, stmt, query.limit)
    return total, [
        dated_line(row, row.signed_at.astimezone().date(), query.today, WORDING,
                   entity=RecordKind.FAMILY_SESSION, record_id=row.session_id)
        for row in rows
    ]
