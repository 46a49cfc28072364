"""Who is acting, on which database, at what time."""

from __future__ import annotations

import platform
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from otdesk.db.database import Database
from otdesk.domain.dates import utcnow


@dataclass(frozen=True)
class Context:
    """The acting staff member and the database a service call works on.

    ``actor_id`` is None only for system work (creating the database, loading demo data).
    ``clock`` is replaceable so demo data and tests are reproducible.
    """

    db: Database
    actor_id: int | None = None
    workstation: str = field(default_factory=platform.node)
    clock: Callable[[], datetime] = field(default=utcnow)

    def now(self) -> datetime:
        """The current time, timezone-aware (UTC)."""
        return self.clock()

    def today(self) -> date:
        """Today's date at the clinic (local calendar date of the workstation)."""
        return self.clock().astimezone().date()

    def acting_as(self, staff_id: int | None) -> Context:
        """The same context for another staff member."""
        return replace(self, actor_id=staff_id)
