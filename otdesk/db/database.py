"""The handle every service works through: an engine and a factory for short sessions.

This module imports no SQLAlchemy of its own, so a handle can exist before the storage stack
has loaded. The desktop relies on that: it paints its first screen from a plain SQLite read and
hands out a *deferred* handle, which opens the real engine the first time any service uses it,
on whichever thread gets there first.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.engine import URL
    from sqlalchemy.orm import Session, sessionmaker


class Database:
    """An open database, or one that opens on first use (see ``deferred``)."""

    def __init__(self, engine: Engine, sessions: sessionmaker[Session]) -> None:
        self._setup((engine, sessions), None, "")

    def _setup(
        self,
        parts: tuple[Engine, sessionmaker[Session]] | None,
        opener: Callable[[], Database] | None,
        location: str,
    ) -> None:
        self._parts = parts
        self._opener = opener
        self._lock = threading.Lock()
        self._location = location

    @classmethod
    def deferred(cls, opener: Callable[[], Database], *, location: str) -> Database:
        """A handle whose database ``opener`` opens when a service first needs it.

        ``location`` says where the records are until then. If opening fails, the error
        reaches that first caller and the next use tries again.
        """
        handle = cls.__new__(cls)
        handle._setup(None, opener, location)
        return handle

    @property
    def is_open(self) -> bool:
        """True once the engine exists (always, unless deferred and not yet used)."""
        return self._parts is not None

    def open(self) -> None:
        """Open a deferred database now (a no-op when it is open)."""
        self._open()

    def _open(self) -> tuple[Engine, sessionmaker[Session]]:
        parts = self._parts
        if parts is None:
            with self._lock:
                if self._parts is None:
                    assert self._opener is not None
                    real = self._opener()
                    self._parts = (real.engine, real.sessions)
                parts = self._parts
        return parts

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine."""
        return self._open()[0]

    @property
    def sessions(self) -> sessionmaker[Session]:
        """The session factory."""
        return self._open()[1]

    @property
    def url(self) -> URL:
        """Where the records live."""
        return self.engine.url

    @property
    def location(self) -> str:
        """Where the records live, for people: a file path, or a server URL without password."""
        if self._location:
            return self._location
        url = self.url
        return str(url.database) if url.get_backend_name() == "sqlite" else url.render_as_string()

    @property
    def is_sqlite(self) -> bool:
        """True for the embedded SQLite store."""
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commit on success, roll back on any error."""
        with self.sessions.begin() as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only session (nothing is committed)."""
        with self.sessions() as session:
            yield session

    def dispose(self) -> None:
        """Close every pooled connection (needed before copying or deleting the file)."""
        if self._parts is not None:
            self._parts[0].dispose()
