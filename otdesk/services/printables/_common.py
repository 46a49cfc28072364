"""What the document builders share: the client's identification, the letterhead, names."""

from __future__ import annotations

from sqlalchemy.orm import Session

from otdesk.db.models import Client, ClinicSettings, Staff
from otdesk.db.models.clinic import SETTINGS_ID
from otdesk.domain.errors import NotFoundError
from otdesk.domain.records import RecordKind
from otdesk.reports.letterhead import Letterhead
from otdesk.reports.page import ClientLine
from otdesk.services.summaries import staff_name


def client_by_ref(session: Session, ref: str) -> Client:
    """The client whose record number is ``ref`` (``NotFoundError`` naming it if none)."""
    from sqlalchemy import select

    number = ref.strip()
    row = session.scalar(select(Client).where(Client.record_number == number))
    if row is None:
        raise NotFoundError(RecordKind.CLIENT, number)
    return row


def client_line(row: Client) -> ClientLine:
    """The client as every page's header names them."""
    preferred = f" ({row.preferred_name})" if row.preferred_name else ""
    return ClientLine(f"{row.given_name}{preferred} {row.family_name}", row.record_number,
                      row.date_of_birth)


def letterhead(session: Session) -> Letterhead:
    """The clinic's letterhead from its settings (empty until someone fills them in)."""
    row = session.get(ClinicSettings, SETTINGS_ID)
    if row is None:
        return Letterhead("")
    return Letterhead(row.name, row.address, row.phone, row.letterhead_text, row.logo_path)


def person(session: Session, staff_id: int | None) -> str:
    """A staff member's name ("" when none)."""
    row = session.get(Staff, staff_id) if staff_id else None
    return staff_name(row.given_name, row.family_name) if row else ""
