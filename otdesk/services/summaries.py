"""The plain result types that lists and pickers show: caseload lines and staff members.

They live apart from the services that read them: plain values, which a front end can hold
without the storage stack.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from otdesk.domain.vocab import ClientStatus, Priority, StaffRole


def staff_name(given: str | None, family: str | None) -> str:
    """How a staff member is named in lists."""
    return f"{given} {family}" if given else ""


@dataclass(frozen=True)
class ClientSummary:
    """One caseload line."""

    id: int
    record_number: str
    given_name: str
    family_name: str
    preferred_name: str
    date_of_birth: date
    status: ClientStatus
    priority: Priority
    preferred_language: str
    interpreter_needed: bool
    assigned_ot_id: int | None
    assigned_ot: str
    version: int

    @property
    def display_name(self) -> str:
        """"Family, Given (Preferred)" as a caseload shows it."""
        pref = f" ({self.preferred_name})" if self.preferred_name else ""
        return f"{self.family_name}, {self.given_name}{pref}"


def summary_from_row(r: Any) -> ClientSummary:
    """A caseload line from a row of ``clients.summary_select``'s columns, in that order."""
    return ClientSummary(
        id=r[0],
        record_number=r[1],
        given_name=r[2],
        family_name=r[3],
        preferred_name=r[4],
        date_of_birth=r[5],
        status=ClientStatus(r[6]),
        priority=Priority(r[7]),
        preferred_language=r[8],
        interpreter_needed=r[9],
        assigned_ot_id=r[10],
        assigned_ot=staff_name(r[11], r[12]),
        version=r[13],
    )


@dataclass(frozen=True)
class StaffMember:
    """A staff member as lists and forms show them."""

    id: int
    username: str
    given_name: str
    family_name: str
    role: StaffRole
    credentials: str
    phone: str
    email: str
    organisation: str
    active: bool
    version: int

    @property
    def display_name(self) -> str:
        """Given and family name."""
        return f"{self.given_name} {self.family_name}"


class SortKey(StrEnum):
    """Columns the caseload can be ordered by."""

    NAME = "name"
    RECORD_NUMBER = "record_number"
    DATE_OF_BIRTH = "date_of_birth"
    STATUS = "status"
    PRIORITY = "priority"
    ASSIGNED_OT = "assigned_ot"
    LANGUAGE = "language"


@dataclass(frozen=True)
class CaseloadFilter:
    """What a caseload view is asking for."""

    text: str = ""
    statuses: tuple[ClientStatus, ...] = ()
    assigned_ot_id: int | None = None
    unassigned_only: bool = False
    priority: Priority | None = None
    review_due: bool = False


def pick_acting(active: Sequence[tuple[int, StaffRole]], last_staff_id: int | None) -> int | None:
    """Whom the desktop acts as when no user is named, from the active staff (id, role) in
    name order: the one who used it last, else the first OT, else the first administrator,
    else the first of all; None when there is nobody."""
    for staff_id, _role in active:
        if staff_id == last_staff_id:
            return staff_id
    for wanted in (StaffRole.OT, StaffRole.ADMINISTRATOR):
        for staff_id, role in active:
            if role is wanted:
                return staff_id
    return active[0][0] if active else None
