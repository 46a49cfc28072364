"""Shared fixtures: both storage engines, a fresh migrated database per test, a service context,
sample records.

The database and service tests run once on each engine otdesk stores records in: SQLite (the
embedded default) and PostgreSQL (clinics with several workstations). A test that uses the
``db``, ``ctx`` or ``db_target`` fixtures is collected twice, as ``test_x[sqlite]`` and
``test_x[postgresql]``, unless:

- it is marked ``@pytest.mark.engines("sqlite")`` (or ``"postgresql"``) because what it checks
  exists on one engine only (say why in the test);
- it asks for ``db_path`` (a SQLite file) or ``template_db``, which only SQLite has;
- it is a desktop test under ``tests/ui``: the screens sit on the services, which the tests
  here already run on both engines, so the desktop tests use SQLite alone.

The PostgreSQL half runs on a throwaway server (``pg_server.py``), one per test session (per
xdist worker), as a login that owns its databases but is not a superuser, on a server whose
time zone is not UTC. Each test gets its own database, copied from a template migrated once.
Where no server can be run, the PostgreSQL tests are skipped with the reason, and the end of
the run says plainly that the PostgreSQL half did not run (``OTDESK_REQUIRE_POSTGRESQL=1``
turns that into a failure, as CI wants).
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import os
import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from engine_report import EngineReport
from pg_server import PostgresServer, PostgresUnavailableError, check_available, running_server
from sqlalchemy.engine import make_url

from otdesk.db.engine import Database, open_database
from otdesk.services import clients, staff
from otdesk.services.context import Context

ENGINES = ("sqlite", "postgresql")
UI_TESTS = Path(__file__).parent / "ui"
REQUIRE_POSTGRESQL = "OTDESK_REQUIRE_POSTGRESQL"
APP_ROLE = "otdesk_app"  # the clinic's login: owns its database, is not a superuser
SERVER_TIMEZONE = "Australia/Sydney"  # deliberately not UTC
PG_TEMPLATE = "otdesk_template"


# --- which engines a test runs on ---------------------------------------------------------------


def pytest_configure(config: pytest.Config) -> None:
    # The tests read otdesk in English: the developer's own locale must not change what they
    # read (the command line, and the processes the tests start, choose their language from
    # these variables).
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        os.environ.pop(variable, None)
    os.environ["LANG"] = "C.UTF-8"
    config.addinivalue_line(
        "markers",
        "engines(*names): run this database test only on these engines ('sqlite', "
        "'postgresql'); say in the test why the other engine has nothing to show",
    )
    if not hasattr(config, "workerinput"):  # the xdist controller, or a run without xdist
        config.pluginmanager.register(EngineReport(), "otdesk-engine-report")


def _engines_for(metafunc: pytest.Metafunc) -> tuple[str, ...]:
    marker = metafunc.definition.get_closest_marker("engines")
    if marker is not None:
        unknown = set(marker.args) - set(ENGINES)
        if unknown or not marker.args:
            raise pytest.UsageError(
                f"{metafunc.definition.nodeid}: @pytest.mark.engines takes one or more of "
                f"{', '.join(ENGINES)}, not {marker.args}"
            )
        return tuple(marker.args)
    if {"db_path", "template_db"} & set(metafunc.fixturenames):
        return ("sqlite",)
    return ENGINES


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "engine" not in metafunc.fixturenames or UI_TESTS in metafunc.definition.path.parents:
        return
    # Module scope: each module's tests run on one engine, then on the other, so module-wide
    # fixtures are made once per engine.
    metafunc.parametrize("engine", _engines_for(metafunc), indirect=True, scope="module")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Carried on every report (also across xdist workers) for the per-engine summary.
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec is not None and "engine" in callspec.params:
            item.user_properties.append(("engine", callspec.params["engine"]))


@functools.cache
def _why_no_postgresql() -> str | None:
    """Why no PostgreSQL server can be run here (None when one can)."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install 'psycopg[binary]')"
    try:
        check_available()
    except PostgresUnavailableError as exc:
        return str(exc)
    return None


def _postgresql_unavailable(reason: str) -> None:
    message = f"{EngineReport.PG_SKIPPED}: {reason}"
    if os.environ.get(REQUIRE_POSTGRESQL, "") not in ("", "0"):
        pytest.fail(f"{message} ({REQUIRE_POSTGRESQL} is set)", pytrace=False)
    pytest.skip(message)


def pytest_runtest_setup(item: pytest.Item) -> None:
    # Skipped here rather than in a fixture, so the run's summary folds the skips into one
    # line with one reason instead of one line per test.
    if dict(item.user_properties).get("engine") == "postgresql":
        reason = _why_no_postgresql()
        if reason is not None:
            _postgresql_unavailable(reason)


@pytest.fixture(scope="module")
def engine(request: pytest.FixtureRequest) -> str:
    """The storage engine of this test: "sqlite" or "postgresql"."""
    return str(getattr(request, "param", "sqlite"))


# --- databases on each engine -------------------------------------------------------------------


class Databases:
    """Makes and drops this session's test databases on one engine (targets: path or URL)."""

    def __init__(self, template: Path | None = None, server: PostgresServer | None = None):
        self._template = template
        self._server = server
        self._names = itertools.count(1)

    def new(self, folder: Path, *, migrated: bool = True) -> str:
        """A new database (at head unless ``migrated`` is False) and its target."""
        if self._server is None:
            path = folder / f"otdesk-{next(self._names)}.sqlite"
            if migrated:
                assert self._template is not None
                shutil.copyfile(self._template, path)
            return str(path)
        name = f"otdesk_test_{next(self._names)}"
        template = PG_TEMPLATE if migrated else "template1"
        with self._server.connect() as admin:
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}" OWNER {APP_ROLE}')
        return pg_url(self._server, name)

    def drop(self, target: str) -> None:
        """Remove a database made by ``new``."""
        if self._server is None:
            for suffix in ("", "-wal", "-shm"):
                Path(target + suffix).unlink(missing_ok=True)
            return
        name = make_url(target).database
        with self._server.connect() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def pg_url(server: PostgresServer, name: str) -> str:
    """The URL the application's login uses for database ``name`` on ``server``."""
    return server.url(name, username=APP_ROLE).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite database migrated to head once per test run; tests get copies of it."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    db = open_database(path)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    return path


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    """A throwaway PostgreSQL server with the clinic's login and a migrated template."""
    with contextlib.ExitStack() as stack:
        try:
            server = stack.enter_context(running_server({"timezone": SERVER_TIMEZONE}))
        except PostgresUnavailableError as exc:
            _postgresql_unavailable(str(exc))
        with server.connect() as admin:
            admin.execute(f"CREATE ROLE {APP_ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE")
            admin.execute(f'CREATE DATABASE "{PG_TEMPLATE}" TEMPLATE template1 OWNER {APP_ROLE}')
        # Migrated by the application itself, as the clinic's login.
        open_database(pg_url(server, PG_TEMPLATE)).dispose()  # no connection left: copyable
        yield server


@pytest.fixture(scope="session")
def sqlite_databases(template_db: Path) -> Databases:
    return Databases(template=template_db)


@pytest.fixture(scope="session")
def pg_databases(pg_server: PostgresServer) -> Databases:
    return Databases(server=pg_server)


@pytest.fixture(scope="module")
def databases(engine: str, request: pytest.FixtureRequest) -> Databases:
    """Where this test's databases come from, on its engine."""
    name = "pg_databases" if engine == "postgresql" else "sqlite_databases"
    return request.getfixturevalue(name)  # type: ignore[no-any-return]


@pytest.fixture
def db_target(databases: Databases, tmp_path: Path) -> Iterator[str]:
    """This test's own database, migrated to head: a SQLite file path or a PostgreSQL URL."""
    target = databases.new(tmp_path)
    yield target
    databases.drop(target)


@pytest.fixture
def empty_target(databases: Databases, tmp_path: Path) -> Iterator[str]:
    """A database with no tables yet (a SQLite path not yet created, or an empty database)."""
    target = databases.new(tmp_path, migrated=False)
    yield target
    databases.drop(target)


@pytest.fixture
def db_path(db_target: str, engine: str) -> Path:
    """This test's own migrated SQLite file (asking for it makes a test SQLite-only)."""
    assert engine == "sqlite", "db_path is a SQLite file; use db_target on both engines"
    return Path(db_target)


@pytest.fixture
def db(db_target: str) -> Iterator[Database]:
    """This test's own open database."""
    database = open_database(db_target)
    yield database
    database.dispose()


@pytest.fixture
def ctx(db: Database) -> Context:
    """A context acting as the built-in administrator."""
    system = Context(db, workstation="test-workstation")
    admin = staff.ensure_administrator(system)
    return system.acting_as(admin.id)


@pytest.fixture
def second_workstation(db_target: str, ctx: Context) -> Iterator[Context]:
    """The same database opened again (its own engine and connections), as another
    workstation would, acting as the same person."""
    other = open_database(db_target)
    yield Context(other, actor_id=ctx.actor_id, workstation="other-workstation")
    other.dispose()


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
