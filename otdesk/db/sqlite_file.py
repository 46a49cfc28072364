"""The SQLite file itself: what a path holds, kept private to its owner, opened read-only.

Before otdesk lets SQLAlchemy (and its connection settings, which switch a file to WAL) near a
file, it looks at the file with a plain read-only connection: a missing or 0-byte file is no
database yet, a file that is not SQLite or that holds another program's tables is left alone.
Files otdesk creates (the database, and the copies made before an upgrade) are made readable
by their owner only; SQLite gives the WAL and shared-memory files the database file's mode.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from enum import Enum
from pathlib import Path

# The first 16 bytes of every SQLite 3 database file.
SQLITE_MAGIC = b"SQLite format 3\x00"
# Tables every otdesk database has had since its first schema: together they mark a file as
# otdesk's (another Alembic-managed program has an alembic_version table too).
OTDESK_TABLES = frozenset({"alembic_version", "clients", "staff", "audit_events"})
PRIVATE_MODE = 0o600
_SIDE_FILES = ("-wal", "-shm", "-journal")


class FileState(Enum):
    """What a path holds, as far as otdesk is concerned."""

    MISSING = "missing"  # nothing there
    EMPTY = "empty"  # a 0-byte file, or a SQLite file without a single table
    OTDESK = "otdesk"  # an otdesk database (of any schema version)
    OTHER_SQLITE = "other SQLite"  # a SQLite database holding some other program's tables
    NOT_SQLITE = "not SQLite"  # some other kind of file


def read_only_uri(path: Path) -> str:
    """The SQLite URI that opens ``path`` read-only (never creating or changing it)."""
    return f"{path.resolve().as_uri()}?mode=ro"


def connect_read_only(path: Path, *, timeout: float = 10.0) -> sqlite3.Connection:
    """A plain read-only connection to an existing SQLite file."""
    return sqlite3.connect(read_only_uri(path), uri=True, timeout=timeout,
                           check_same_thread=False)


def table_names(path: Path) -> set[str]:
    """The tables of the SQLite file at ``path``, read without writing anything."""
    conn = connect_read_only(path)
    try:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    finally:
        conn.close()
    return {str(name) for (name,) in rows}


def file_state(path: Path) -> FileState:
    """Look at ``path`` without changing it and say what it holds."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return FileState.MISSING
    if not stat.S_ISREG(info.st_mode):
        return FileState.NOT_SQLITE
    if info.st_size == 0:
        return FileState.EMPTY
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            return FileState.NOT_SQLITE
    try:
        tables = table_names(path)
    except sqlite3.DatabaseError:
        return FileState.NOT_SQLITE
    if not tables:
        return FileState.EMPTY
    return FileState.OTDESK if has_otdesk_tables(tables) else FileState.OTHER_SQLITE


def has_otdesk_tables(tables: set[str]) -> bool:
    """True when ``tables`` are those of an otdesk database (on any engine)."""
    return tables >= OTDESK_TABLES


def create_private(path: Path) -> None:
    """Make ``path`` an empty file readable and writable by its owner only (kept if it exists,
    its mode narrowed)."""
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, PRIVATE_MODE)
    os.close(fd)
    make_private(path)


def make_private(path: Path) -> None:
    """Narrow the database file and its WAL, shared-memory and journal files to their owner.

    Only on POSIX, and only files this user owns (another user's file keeps its mode). On
    Windows a file takes the access rules of its folder (see the README).
    """
    if os.name != "posix":
        return
    for candidate in (path, *(path.with_name(path.name + s) for s in _SIDE_FILES)):
        with contextlib.suppress(FileNotFoundError, PermissionError):
            info = candidate.stat()
            if info.st_uid == os.getuid() and info.st_mode & 0o077:
                candidate.chmod(stat.S_IMODE(info.st_mode) & 0o700)


def new_private_file(path: Path) -> None:
    """Create ``path`` for writing, owner-only, refusing to replace anything already there."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_MODE)
    os.close(fd)
