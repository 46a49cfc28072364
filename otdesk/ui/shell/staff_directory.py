"""Active staff for the desktop's pickers, read once and kept for a short while.

Every record opened fills an "Assigned OT" picker and its care team's picker from the staff
list, and the main window and the caseload have pickers of their own. Read afresh each time,
a clinic with a thousand staff paid about 20 ms for every record opened. The directory keeps
each list until a staff member changes on this workstation (the "records changed" signal) or
``KEEP_SECONDS`` pass, so a change made at another workstation still shows soon, as the
caseload's own answers do.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from otdesk.domain.records import Changes, RecordKind
from otdesk.ui.shell.events import Events

if TYPE_CHECKING:
    from otdesk.domain.vocab import StaffRole
    from otdesk.services.context import Context
    from otdesk.services.summaries import StaffMember

class StaffDirectory:
    """Active staff members by name, optionally of some roles only (each list kept apart)."""

    KEEP_SECONDS = 30.0

    def __init__(self, events: Events, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lists: dict[tuple[StaffRole, ...], tuple[float, tuple[StaffMember, ...]]] = {}
        events.records_changed.connect(self._records_changed)

    def members(self, ctx: Context, roles: tuple[StaffRole, ...] = ()) -> list[StaffMember]:
        """The active staff members (of ``roles``, when given), by family and given name."""
        key = tuple(sorted(roles, key=lambda r: r.value))
        now = self._clock()
        kept = self._lists.get(key)
        if kept is not None and now - kept[0] < self.KEEP_SECONDS:
            return list(kept[1])
        from otdesk.services import staff

        found = tuple(staff.list_staff(ctx, roles=key))
        self._lists[key] = (now, found)
        return list(found)

    def forget(self) -> None:
        """Read the lists afresh when next asked."""
        self._lists.clear()

    def _records_changed(self, changes: Changes) -> None:
        if changes.touches(RecordKind.STAFF_MEMBER):
            self.forget()
