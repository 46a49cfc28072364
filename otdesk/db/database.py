"""The handle every service works through: an engine and a factory for short sessions."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session, sessionmaker


def describe(url: URL) -> str:
    """Where the records live, for people: a file path, or a server URL with no password."""
    if url.get_backend_name() == "sqlite":
        return str(url.database)
    return url.set(drivername=url.get_backend_name()).render_as_string(hide_password=True)


class Database:
    """An open database: its engine, and sessions made from it (never shared across threads)."""

    def __init__(self, engine: Engine, sessions: sessionmaker[Session]) -> None:
        self.engine = engine
        self.sessions = sessions

    @property
    def url(self) -> URL:
        """Where the records live."""
        return self.engine.url

    @property
    def location(self) -> str:
        """Where the records live, for people: a file path, or a server URL without password."""
        return describe(self.url)

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
        self.engine.dispose()
