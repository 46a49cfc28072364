"""The one place that opens databases: URL or path in, a ready, migrated ``Database`` out.

SQLite is the embedded default; a PostgreSQL URL works through the same call. Later,
encryption keys slot in here without touching the services.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.orm import sessionmaker

from otdesk.db.database import Database

__all__ = ["Database", "backup_sqlite", "create_db_engine", "has_tables", "open_database",
           "to_url"]
from otdesk.domain.errors import StorageError
from otdesk.domain.translation import _

SQLITE_PRAGMAS = (
    ("journal_mode", "WAL"),
    ("synchronous", "FULL"),
    ("foreign_keys", "ON"),
    ("busy_timeout", "10000"),
    # Read through memory-mapped pages and keep up to 32 MiB of them per connection: a
    # one-letter search at 50,000 clients touches thousands of rows, and without these the
    # first such search after a while re-reads them through system calls (measured: 37 ms
    # against 18 ms for a cold search for "a", 14 against 13 warm).
    ("mmap_size", str(256 * 1024 * 1024)),
    ("cache_size", str(-32 * 1024)),
)


def to_url(target: str | Path) -> URL:
    """Turn a file path or a database URL into a SQLAlchemy URL."""
    text = str(target)
    if "://" not in text:
        path = Path(text).expanduser().resolve()
        return URL.create("sqlite+pysqlite", database=str(path))
    try:
        url = make_url(text)
    except ArgumentError as exc:
        raise StorageError(
            _("'{target}' is not a database URL or file path.").format(target=text)
        ) from exc
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise StorageError(
            _("otdesk stores records in SQLite or PostgreSQL, not '{driver}'.").format(
                driver=url.drivername
            )
        )
    return url


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        for name, value in SQLITE_PRAGMAS:
            cursor.execute(f"PRAGMA {name}={value}")
    finally:
        cursor.close()


def create_db_engine(target: str | Path) -> Engine:
    """Create an engine for ``target`` with otdesk's connection settings."""
    url = to_url(target)
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            folder = Path(url.database).parent
            if not folder.is_dir():
                raise StorageError(
                    _("The folder {folder} for the database does not exist.").format(
                        folder=folder
                    )
                )
        engine = create_engine(url, connect_args={"timeout": 10})
        event.listen(engine, "connect", _set_sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def open_database(target: str | Path, *, migrate: bool = True) -> Database:
    """Open (creating if needed) the database at ``target`` and bring its schema to head."""
    engine = create_db_engine(target)
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
    except DBAPIError as exc:
        engine.dispose()
        raise StorageError(
            _("Cannot open the database {target}: {problem}").format(
                target=target, problem=exc.orig
            )
        ) from exc
    db = Database(engine, sessionmaker(engine, expire_on_commit=False))
    if migrate:
        from otdesk.db.migrate import upgrade_to_head

        try:
            upgrade_to_head(db)
        except BaseException:
            db.dispose()
            raise
    return db


def backup_sqlite(db: Database, reason: str) -> Path | None:
    """Copy a SQLite database aside with SQLite's online backup API; return the copy's path."""
    if not db.is_sqlite or not db.url.database or db.url.database == ":memory:":
        return None
    source_path = Path(db.url.database)
    if not source_path.exists() or source_path.stat().st_size == 0:
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    target = source_path.with_name(f"{source_path.stem}.{reason}-{stamp}{source_path.suffix}")
    src = sqlite3.connect(source_path)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return target


def has_tables(db: Database) -> bool:
    """True when the database already holds any table."""
    return bool(inspect(db.engine).get_table_names())
