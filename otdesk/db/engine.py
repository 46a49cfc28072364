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

from otdesk.db.database import Database, describe
from otdesk.db.sqlite_file import (
    FileState,
    connect_read_only,
    create_private,
    file_state,
    has_otdesk_tables,
    make_private,
    new_private_file,
)
from otdesk.domain.errors import StorageError
from otdesk.domain.translation import _

__all__ = ["Database", "backup_sqlite", "create_db_engine", "describe", "has_tables",
           "open_database", "to_url"]

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


def _set_read_only_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        # Never the journal mode: switching a file to WAL rewrites its header.
        for name, value in SQLITE_PRAGMAS:
            if name != "journal_mode":
                cursor.execute(f"PRAGMA {name}={value}")
    finally:
        cursor.close()


def create_db_engine(target: str | Path, *, read_only: bool = False) -> Engine:
    """Create an engine for ``target`` with otdesk's connection settings.

    ``read_only`` opens a SQLite file with ``mode=ro`` (nothing is ever written to it) and a
    PostgreSQL session whose transactions are read-only.
    """
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
        if read_only:
            path = Path(str(url.database))
            engine = create_engine(url, creator=lambda: connect_read_only(path))
            event.listen(engine, "connect", _set_read_only_pragmas)
            return engine
        engine = create_engine(url, connect_args={"timeout": 10})
        event.listen(engine, "connect", _set_sqlite_pragmas)
        return engine
    if read_only:
        return create_engine(
            url, pool_pre_ping=True,
            connect_args={"options": "-c default_transaction_read_only=on"},
        )
    return create_engine(url, pool_pre_ping=True)


def _no_database(where: str) -> StorageError:
    return StorageError(
        _("there is no database at {path}; create one with 'otdesk init' or "
          "'otdesk demo'.").format(path=where)
    )


def _check_sqlite_file(path: Path, *, create: bool, read_only: bool,
                       allow_other: bool) -> None:
    """Refuse what otdesk must not open (or create) at ``path`` before anything touches it."""
    if path.is_dir():
        raise StorageError(_("{path} is a folder, not a database file.").format(path=path))
    state = file_state(path)
    if state in (FileState.MISSING, FileState.EMPTY):
        if not create or read_only:
            raise _no_database(str(path))
        create_private(path)
    elif state is FileState.NOT_SQLITE:
        raise StorageError(
            _("{path} is not a SQLite database; otdesk left it unchanged.").format(path=path)
        )
    elif state is FileState.OTHER_SQLITE and not (create and allow_other):
        refusal = _("{path} is a SQLite database, but not an otdesk one; otdesk left it "
                    "unchanged.").format(path=path)
        if create:
            refusal += " " + _("To add otdesk's tables to it anyway, run 'otdesk init "
                               "--add-to-other-database'.")
        raise StorageError(refusal)
    elif not read_only:
        make_private(path)


def _connection_failure(url: URL, exc: DBAPIError) -> StorageError:
    """One line: what could not be reached, why, and what to check."""
    if url.get_backend_name() == "sqlite":
        reason = str(exc.orig).splitlines()[0] if str(exc.orig) else type(exc.orig).__name__
        return StorageError(
            _("Cannot open the database {target}: {problem}.").format(
                target=describe(url), problem=reason
            )
        )
    first = (str(exc.orig).strip().splitlines() or [""])[0]
    # psycopg: 'connection failed: connection to server at "h", port 5432 failed: REASON'
    reason = first.rsplit("failed:", 1)[-1].strip()
    reason = " ".join(reason.removeprefix("FATAL:").split()).rstrip(".") or "no reason given"
    return StorageError(
        _("cannot connect to the database server {server} ({problem}); check that the server "
          "is running and that the URL's host, port, database, user and password are "
          "right.").format(server=describe(url), problem=reason)
    )


def open_database(
    target: str | Path,
    *,
    migrate: bool = True,
    create: bool = True,
    read_only: bool = False,
    allow_other: bool = False,
) -> Database:
    """Open the database at ``target`` and bring its schema to head (unless ``migrate`` is off).

    Without ``create``, a missing or empty database is an error rather than a new one (a
    mistyped path must not quietly start a second clinic). A file that is not SQLite, or a
    database holding another program's tables and no otdesk schema, is refused and left
    unchanged (``allow_other`` with ``create`` adds otdesk's tables to the latter).
    ``read_only`` never writes: no upgrade, no journal-mode switch.
    """
    url = to_url(target)
    is_file = (url.get_backend_name() == "sqlite" and bool(url.database)
               and url.database != ":memory:")
    if is_file:
        path = Path(str(url.database))
        if Path(path).parent.is_dir():
            _check_sqlite_file(path, create=create, read_only=read_only,
                               allow_other=allow_other)
    engine = create_db_engine(target, read_only=read_only)
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
            tables = set(inspect(conn).get_table_names()) if not is_file else None
    except DBAPIError as exc:
        engine.dispose()
        raise _connection_failure(url, exc) from exc
    if tables is not None:  # a server database: the same rules as for a file
        if not tables and (not create or read_only):
            engine.dispose()
            raise _no_database(describe(url))
        if tables and not has_otdesk_tables(tables) and not (create and allow_other):
            engine.dispose()
            raise StorageError(
                _("the database {server} holds another program's tables, not otdesk's; otdesk "
                  "left it unchanged.").format(server=describe(url))
            )
    db = Database(engine, sessionmaker(engine, expire_on_commit=False))
    if migrate and not read_only:
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
    new_private_file(target)
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
