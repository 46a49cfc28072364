"""The quick start's plain-SQLite read gives exactly what the services give, or steps aside.

The desktop paints its first caseload page from ``services.first_page`` before SQLAlchemy has
loaded; if that read ever disagreed with the services, the first screen would show a list the
next refresh silently changes. These tests hold the two to the same answer.
"""

from __future__ import annotations

import shutil
import sqlite3
import threading
from pathlib import Path

import pytest

from otdesk.db.database import Database
from otdesk.db.engine import open_database
from otdesk.services import caseload, clients, demo, staff
from otdesk.services.context import Context
from otdesk.services.first_page import read_first_page
from otdesk.services.summaries import SortKey, pick_acting


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fictional clinic of 450 clients (names repeat, so ties in the order are exercised)."""
    path = tmp_path_factory.mktemp("first-page") / "demo.sqlite"
    db = open_database(path)
    system = Context(db, workstation="test-workstation")
    demo.populate(system, clients=450, seed=3)
    db.dispose()
    return path


@pytest.fixture
def demo_ctx(demo_file: Path) -> Context:
    db = open_database(demo_file)
    admin = staff.ensure_administrator(Context(db))
    return Context(db, workstation="test-workstation").acting_as(admin.id)


@pytest.mark.parametrize("descending", [False, True])
def test_first_page_is_the_services_first_page(demo_file, demo_ctx, descending) -> None:
    first = read_first_page(str(demo_file), descending=descending, limit=120)
    assert first is not None and first.caseload is not None
    ids = caseload.find_ids(demo_ctx, sort=SortKey.NAME, descending=descending)
    assert first.caseload.ids == ids[:120]
    assert list(first.caseload.rows) == caseload.rows(demo_ctx, ids=ids[:120])
    assert first.caseload.total == clients.count_clients(demo_ctx) == len(ids) == 450
    assert (first.caseload.sort, first.caseload.descending) == (SortKey.NAME, descending)


def test_acting_staff_member_is_chosen_as_the_full_start_chooses(demo_file, demo_ctx) -> None:
    active = staff.list_staff(demo_ctx)
    expected_default = pick_acting([(m.id, m.role) for m in active], None)
    first = read_first_page(str(demo_file))
    assert first is not None and first.acting.id == expected_default
    assert first.acting == next(m for m in active if m.id == expected_default)

    someone = active[-1]
    first = read_first_page(str(demo_file), last_staff_id=someone.id)
    assert first is not None and first.acting == someone

    named = staff.find_staff(demo_ctx, username=active[2].username)
    first = read_first_page(str(demo_file), username=named.username)
    assert first is not None and first.acting == named


def test_pick_acting_prefers_last_user_then_first_ot_then_administrator() -> None:
    from otdesk.domain.vocab import StaffRole

    people = [(5, StaffRole.COORDINATOR), (7, StaffRole.ADMINISTRATOR), (9, StaffRole.OT)]
    assert pick_acting(people, 5) == 5
    assert pick_acting(people, 42) == 9  # gone or inactive: the first OT
    assert pick_acting(people[:2], None) == 7
    assert pick_acting(people[:1], None) == 5
    assert pick_acting([], None) is None


def test_other_sorts_leave_the_caseload_to_the_services(demo_file) -> None:
    first = read_first_page(str(demo_file), sort=SortKey.PRIORITY)
    assert first is not None and first.caseload is None  # the window still starts quickly


@pytest.mark.parametrize(
    "target",
    ["postgresql://clinic@server/otdesk", "sqlite:///somewhere.sqlite", "does/not/exist.sqlite"],
)
def test_not_a_local_file_means_no_quick_start(target) -> None:
    assert read_first_page(target) is None


def test_unknown_user_name_means_full_start(demo_file) -> None:
    # The full start tells the user the name is unknown; the quick read must not guess.
    assert read_first_page(str(demo_file), username="nobody.here") is None


def test_database_without_staff_or_at_another_schema_means_full_start(
    db_path: Path, tmp_path: Path, demo_file: Path
) -> None:
    assert read_first_page(str(db_path)) is None  # migrated, but nobody works here yet

    older = tmp_path / "older.sqlite"
    shutil.copyfile(demo_file, older)
    with sqlite3.connect(older) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0000'")
    assert read_first_page(str(older)) is None  # an upgrade (and its backup) comes first

    garbage = tmp_path / "notes.sqlite"
    garbage.write_bytes(b"this is not a database" * 100)
    assert read_first_page(str(garbage)) is None


def test_reading_the_first_page_changes_nothing(demo_file: Path) -> None:
    before = demo_file.read_bytes()
    assert read_first_page(str(demo_file)) is not None
    assert demo_file.read_bytes() == before


def test_deferred_database_opens_once_on_first_use_from_any_thread(db_path: Path) -> None:
    opened: list[Database] = []

    def opener() -> Database:
        db = open_database(db_path)
        opened.append(db)
        return db

    handle = Database.deferred(opener, location=str(db_path))
    assert not handle.is_open and handle.location == str(db_path)
    handle.dispose()  # nothing to close yet; must not open it
    assert not opened

    errors: list[BaseException] = []

    def use() -> None:
        try:
            assert clients.count_clients(Context(handle)) == 0
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=use) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(opened) == 1 and handle.is_open
    assert handle.is_sqlite and handle.location == str(db_path)
    handle.dispose()


def test_deferred_database_that_fails_to_open_reports_it_and_tries_again(db_path) -> None:
    attempts: list[int] = []

    def opener() -> Database:
        attempts.append(1)
        if len(attempts) == 1:
            raise OSError("the file is busy")
        return open_database(db_path)

    handle = Database.deferred(opener, location=str(db_path))
    with pytest.raises(OSError, match="busy"):
        handle.open()
    assert not handle.is_open
    handle.open()
    assert handle.is_open and len(attempts) == 2
    handle.dispose()
