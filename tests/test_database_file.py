"""The edges of the database file: only otdesk's files are opened, checks never write, files
are private to their owner, and a server's password is never shown."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from otdesk.cli.main import main
from otdesk.db.engine import backup_sqlite, describe, open_database, to_url
from otdesk.domain.errors import StorageError

PASSWORD = "S3cret-PASSWORD"
UNREACHABLE = f"postgresql://clinic:{PASSWORD}@127.0.0.1:59999/records"
posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX permissions")


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _other_programs_file(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, title TEXT)")
    conn.execute("INSERT INTO recipes (title) VALUES ('soup')")
    conn.commit()
    conn.close()
    return path


def _journal_mode(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA journal_mode").fetchone()[0])
    finally:
        conn.close()


@pytest.mark.parametrize("command", [
    ["clients", "list"], ["verify"], ["init"], ["demo", "--clients", "1"],
    ["import-clients", "x.csv"],
])
def test_an_unreachable_server_is_one_line_without_the_password(
    capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    code, out, err = _cli(capsys, "--db", UNREACHABLE, *command)
    assert code == 1
    assert PASSWORD not in out + err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("otdesk: cannot connect to the database server")
    assert "127.0.0.1:59999" in lines[0] and "check that the server is running" in lines[0]


def test_a_server_url_is_described_without_its_password() -> None:
    shown = describe(to_url(UNREACHABLE))
    assert PASSWORD not in shown
    assert shown == "postgresql://clinic:***@127.0.0.1:59999/records"


@pytest.mark.parametrize("command", [
    ["clients", "list"], ["clients", "show", "X-1"], ["verify"],
    ["export-client", "X-1", "--out", "out.json"],
])
def test_an_empty_file_is_no_database_and_stays_empty(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    command: list[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    empty = tmp_path / "e.sqlite"
    empty.touch()
    code, _out, err = _cli(capsys, "--db", str(empty), *command)
    assert code == 1
    assert f"there is no database at {empty}" in err
    assert empty.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["e.sqlite"]


def test_init_makes_a_clinic_of_an_empty_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    empty = tmp_path / "e.sqlite"
    empty.touch()
    code, out, _err = _cli(capsys, "--db", str(empty), "init")
    assert code == 0 and "Created the clinic's tables." in out
    assert _cli(capsys, "--db", str(empty), "clients", "list")[0] == 0


def test_another_programs_database_is_refused_and_left_unchanged(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    other = _other_programs_file(tmp_path / "recipes.sqlite")
    before = _digest(other)
    for command in (["clients", "list"], ["verify"], ["demo"], ["init"]):
        code, _out, err = _cli(capsys, "--db", str(other), *command)
        assert code == 1, command
        assert f"{other} is a SQLite database, but not an otdesk one" in err
    assert _digest(other) == before
    assert _journal_mode(other) == "delete"
    assert "--add-to-other-database" in _cli(capsys, "--db", str(other), "init")[2]


def test_init_adds_to_another_programs_database_only_when_told(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    other = _other_programs_file(tmp_path / "shared.sqlite")
    code, out, _err = _cli(capsys, "--db", str(other), "init", "--add-to-other-database")
    assert code == 0 and "Created the clinic's tables." in out
    conn = sqlite3.connect(other)
    try:
        assert conn.execute("SELECT title FROM recipes").fetchall() == [("soup",)]
        assert conn.execute("SELECT count(*) FROM staff").fetchone()[0] == 1
    finally:
        conn.close()
    # From now on it is an otdesk database like any other.
    assert _cli(capsys, "--db", str(other), "clients", "list")[0] == 0


def test_a_file_that_is_not_sqlite_is_refused_unchanged(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    notes = tmp_path / "notes.sqlite"
    notes.write_text("not a database\n")
    code, _out, err = _cli(capsys, "--db", str(notes), "init")
    assert code == 1 and f"{notes} is not a SQLite database" in err
    assert notes.read_text() == "not a database\n"


def _clinic(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    db = open_database(path)
    db.dispose()
    return path


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_verify_leaves_the_database_byte_for_byte_unchanged(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, journal: str
) -> None:
    path = _clinic(tmp_path, f"{journal}.sqlite")
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA journal_mode={journal}")
    conn.close()
    assert _journal_mode(path) == journal
    before = _digest(path)
    code, out, _err = _cli(capsys, "--db", str(path), "verify")
    assert code == 0 and "All 6 checks passed." in out
    assert _digest(path) == before
    assert _journal_mode(path) == journal


def test_verify_never_writes_through_its_connection(tmp_path: Path) -> None:
    path = _clinic(tmp_path, "ro.sqlite")
    db = open_database(path, read_only=True)
    try:
        with pytest.raises(Exception, match="readonly"), db.engine.begin() as conn:
            conn.exec_driver_sql("DELETE FROM staff")
    finally:
        db.dispose()


def test_a_newer_otdesks_database_is_named_as_such(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = _clinic(tmp_path, "newer.sqlite")
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    code, out, _err = _cli(capsys, "--db", str(path), "verify")
    assert code == 1
    line = next(x for x in out.splitlines() if "schema at head" in x)
    assert line.startswith("FAILED")
    assert "made by a newer version of otdesk" in line and "must not change it" in line
    assert "otdesk init" not in line
    code, _out, err = _cli(capsys, "--db", str(path), "clients", "list")
    assert code == 1 and "made by a newer version of otdesk" in err
    assert "must not change it" in err


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@posix_only
def test_new_database_files_are_readable_by_their_owner_only(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    old_umask = os.umask(0o022)
    try:
        path = tmp_path / "clinic.sqlite"
        assert _cli(capsys, "--db", str(path), "init")[0] == 0
        db = open_database(path)
        try:
            with db.engine.connect() as conn:  # keeps the WAL and shared-memory files open
                conn.exec_driver_sql("SELECT count(*) FROM staff").scalar()
                for name in ("clinic.sqlite", "clinic.sqlite-wal", "clinic.sqlite-shm"):
                    assert _mode(tmp_path / name) == 0o600, name
            copy = backup_sqlite(db, "pre-upgrade-test")
        finally:
            db.dispose()
        assert copy is not None and _mode(copy) == 0o600
    finally:
        os.umask(old_umask)


@posix_only
def test_an_existing_database_readable_by_others_is_made_private(tmp_path: Path) -> None:
    path = _clinic(tmp_path, "shared.sqlite")
    path.chmod(0o644)
    open_database(path).dispose()
    assert _mode(path) == 0o600


def test_opening_for_reading_does_not_create_a_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing.sqlite"
    with pytest.raises(StorageError, match="there is no database"):
        open_database(missing, read_only=True)
    with pytest.raises(StorageError, match="there is no database"):
        open_database(missing, create=False)
    assert not missing.exists()
