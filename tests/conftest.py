"""Shared fixtures: a fresh migrated database per test, a service context, sample records."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from otdesk.db.engine import Database, open_database
from otdesk.services import clients, staff
from otdesk.services.context import Context


def pytest_configure(config: pytest.Config) -> None:
    """The tests read otdesk in English: the developer's own locale must not change what they
    read (the command line, and the processes the tests start, choose their language from
    these variables)."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        os.environ.pop(variable, None)
    os.environ["LANG"] = "C.UTF-8"


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database migrated to head once per test run; tests get copies of it."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    db = open_database(path)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    return path


@pytest.fixture
def db_path(template_db: Path, tmp_path: Path) -> Path:
    """The path of this test's own migrated database file."""
    path = tmp_path / "otdesk.sqlite"
    shutil.copyfile(template_db, path)
    return path


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    """This test's own open database."""
    database = open_database(db_path)
    yield database
    database.dispose()


@pytest.fixture
def ctx(db: Database) -> Context:
    """A context acting as the built-in administrator."""
    system = Context(db, workstation="test-workstation")
    admin = staff.ensure_administrator(system)
    return system.acting_as(admin.id)


@pytest.fixture
def ot(ctx: Context) -> staff.StaffMember:
    """An active occupational therapist."""
    return staff.create_staff(
        ctx, username="ot.test", given_name="Tess", family_name="Example-OT", role="ot"
    )


@pytest.fixture
def make_client(ctx: Context) -> Callable[..., clients.ClientDetail]:
    """Create a client with sensible fictional defaults; keyword arguments override them."""
    counter = iter(range(1, 1_000_000))

    def make(**overrides: Any) -> clients.ClientDetail:
        n = next(counter)
        values: dict[str, Any] = {
            "record_number": f"TEST-{n:05d}",
            "given_name": f"Given{n}",
            "family_name": f"Family{n}",
            "date_of_birth": date(1980, 1, 1),
            "preferred_language": "en",
            "status": "active",
        }
        values.update(overrides)
        return clients.create_client(ctx, **values)

    return make


@pytest.fixture
def episode_for(ctx: Context) -> Callable[..., Any]:
    """A client's open episode with ``values``: the one a client in care was added with
    (updated), or a new one for a client out of care."""
    from otdesk.services import episodes

    def give(client_id: int, **values: Any) -> episodes.EpisodeInfo:
        current = [e for e in episodes.list_episodes(ctx, client_id=client_id) if e.is_open]
        if not current:
            return episodes.open_episode(ctx, client_id=client_id, **values)
        if current[0].start_date is not None and "referral_date" in values:
            values.setdefault("start_date", values["referral_date"])
        return episodes.update_episode(
            ctx, episode_id=current[0].id, expected_version=current[0].version, **values
        )

    return give
