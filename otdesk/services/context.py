"""Who is acting, on which database, at what time; and the unit of work that says what it
changed."""

from __future__ import annotations

import platform
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from sqlalchemy.orm import Session

from otdesk.db.database import Database
from otdesk.domain.dates import utcnow
from otdesk.domain.records import ChangeLog, Changes

ChangeListener = Callable[[Changes], None]
_CHANGES = "otdesk.changes"  # where a session being written keeps its ChangeLog


@dataclass(frozen=True)
class Context:
    """The acting staff member and the database a service call works on.

    ``actor_id`` is None only for system work (creating the database, loading demo data).
    ``clock`` is replaceable so demo data and tests are reproducible. ``on_change`` hears
    what each committed unit of work changed (the desktop publishes it to its screens).
    """

    db: Database
    actor_id: int | None = None
    workstation: str = field(default_factory=platform.node)
    clock: Callable[[], datetime] = field(default=utcnow)
    on_change: ChangeListener | None = field(default=None, compare=False)

    def now(self) -> datetime:
        """The current time, timezone-aware (UTC)."""
        return self.clock()

    def today(self) -> date:
        """Today's date at the clinic (local calendar date of the workstation)."""
        return self.clock().astimezone().date()

    def acting_as(self, staff_id: int | None) -> Context:
        """The same context for another staff member."""
        return replace(self, actor_id=staff_id)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commit on success, roll back on any error; once committed, tell
        ``on_change`` what it changed (as the audited writes noted it: ``changes_of``)."""
        log = ChangeLog()
        with self.db.transaction() as session:
            session.info[_CHANGES] = log
            try:
                yield session
            finally:
                session.info.pop(_CHANGES, None)
        changes = log.freeze()
        if changes and self.on_change is not None:
            self.on_change(changes)


def changes_of(session: Session) -> ChangeLog:
    """The change log of the unit of work ``session`` writes for (a throwaway one when the
    session was not opened by ``Context.transaction``, which then announces nothing)."""
    log = session.info.get(_CHANGES)
    if log is None:
        log = session.info[_CHANGES] = ChangeLog()
    return log
