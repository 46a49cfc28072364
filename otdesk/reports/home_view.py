"""What the home-modification report prints: plain data, built by
``otdesk.services.home_report`` and read by ``otdesk.reports.home_modifications``.

Labels are already in the document's language; dates are dates and amounts are text written
the document's language's way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class ModificationLine:
    """One modification as the report lists it."""

    recommendation: str
    priority: str
    owner: str  # who sees it through: the owner's label, with a name when one is given
    status: str
    status_on: date | None  # the day it reached its status
    due_date: date | None
    overdue: bool
    cost: str  # "" when no estimate
    funding: str
    notes: str


@dataclass(frozen=True)
class RoomGroup:
    """The modifications of one room or area of the home."""

    room: str
    lines: tuple[ModificationLine, ...]
    cost: str  # the room's estimated cost, declined changes left out ("" when none)


@dataclass(frozen=True)
class VisitLine:
    """One checklist visit the modifications came from."""

    visit_date: date
    checklist: str  # the checklist's title
    setting: str
    status: str
    hazards: int
    summary: str


@dataclass(frozen=True)
class ChecklistSource:
    """Where a checklist's wording comes from and under what licence."""

    title: str
    version: str
    edition: str
    attribution: str
    licence: str
    label_note: str


@dataclass(frozen=True)
class HomeReport:
    """The home-modification report of one client."""

    address: str
    rooms: tuple[RoomGroup, ...]
    status_counts: tuple[tuple[str, int], ...]  # (status label, how many), statuses in order
    total_cost: str  # all estimates except declined changes
    open_cost: str  # estimates of the changes still open
    overdue: int
    visits: tuple[VisitLine, ...]
    sources: tuple[ChecklistSource, ...]

    @property
    def count(self) -> int:
        """How many modifications the report lists."""
        return sum(len(room.lines) for room in self.rooms)
