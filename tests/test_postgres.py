"""The same models, migrations and services on a real PostgreSQL server.

Clinics with several workstations share one PostgreSQL database through ``--db URL``. These
tests start a throwaway PostgreSQL cluster (see ``pg_server.py``; skipped with the reason when
no server or no psycopg is available) and run the application's own code against it: as a
login that is not a superuser and owns its database (as a clinic's would), on a server whose
default collation is linguistic (ICU en-US) and whose time zone is not UTC.

Each test gets its own database, copied from a template migrated once per session.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from pg_server import PostgresServer, PostgresUnavailableError, running_server
from sqlalchemy import event, func, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, StatementError
from sqlalchemy.orm.exc import StaleDataError

import otdesk.db.models  # noqa: F401  (registers every table on the metadata)
from otdesk.db.base import Base
from otdesk.db.engine import Database, open_database
from otdesk.db.migrate import current_revision, head_revision, upgrade_to_head
from otdesk.db.models import AuditEvent, Client, Episode
from otdesk.domain.errors import ConflictError, ValidationError
from otdesk.services import clients, demo, family_members, integrity, staff
from otdesk.services import episodes as ep
from otdesk.services.context import Context

ROOT = Path(__file__).resolve().parents[1]
APP_ROLE = "otdesk_app"  # the clinic's login: owns its database, is not a superuser
TEMPLATE = "otdesk_template"
SERVER_TIMEZONE = "Australia/Sydney"  # the server's own zone is deliberately not UTC
_names = itertools.count(1)


# --- the server and a fresh database per test ---------------------------------------------------


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    """A throwaway PostgreSQL server for this test session (one per xdist worker)."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg is not installed (pip install 'psycopg[binary]'), so otdesk "
                    "cannot talk to PostgreSQL here")
    with contextlib.ExitStack() as stack:
        try:
            server = stack.enter_context(running_server({"timezone": SERVER_TIMEZONE}))
        except PostgresUnavailableError as exc:
            pytest.skip(f"no PostgreSQL server to test against: {exc}")
        with server.connect() as admin:
            admin.execute(f"CREATE ROLE {APP_ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE")
        yield server


def _create_database(server: PostgresServer, template: str) -> str:
    name = f"otdesk_test_{next(_names)}"
    with server.connect() as admin:
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}" OWNER {APP_ROLE}')
    return name


def _drop_database(server: PostgresServer, name: str) -> None:
    with server.connect() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _url(server: PostgresServer, name: str) -> str:
    return server.url(name, username=APP_ROLE).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def pg_template(pg_server: PostgresServer) -> str:
    """A database migrated to head by the application, copied for each test."""
    with pg_server.connect() as admin:
        admin.execute(f'CREATE DATABASE "{TEMPLATE}" TEMPLATE template1 OWNER {APP_ROLE}')
    db = open_database(_url(pg_server, TEMPLATE))
    db.dispose()  # a template may have no open connections while it is copied
    return TEMPLATE


@pytest.fixture
def empty_url(pg_server: PostgresServer) -> Iterator[str]:
    """The URL of a new, empty database owned by the application's login."""
    name = _create_database(pg_server, "template1")
    yield _url(pg_server, name)
    _drop_database(pg_server, name)


@pytest.fixture
def pg_url(pg_server: PostgresServer, pg_template: str) -> Iterator[str]:
    """The URL of this test's own database, already at head."""
    name = _create_database(pg_server, pg_template)
    yield _url(pg_server, name)
    _drop_database(pg_server, name)


@pytest.fixture
def pg_db(pg_url: str) -> Iterator[Database]:
    database = open_database(pg_url)
    yield database
    database.dispose()


@pytest.fixture
def pg_ctx(pg_db: Database) -> Context:
    """A workstation acting as the built-in administrator."""
    system = Context(pg_db, workstation="workstation-1")
    return system.acting_as(staff.ensure_administrator(system).id)


@pytest.fixture
def second_workstation(pg_url: str, pg_ctx: Context) -> Iterator[Context]:
    """The same database opened by another workstation (its own engine and connections)."""
    other = open_database(pg_url)
    yield Context(other, actor_id=pg_ctx.actor_id, workstation="workstation-2")
    other.dispose()


MakeClient = Callable[..., clients.ClientDetail]


@pytest.fixture
def make_client(pg_ctx: Context) -> MakeClient:
    counter = itertools.count(1)

    def make(**overrides: Any) -> clients.ClientDetail:
        n = next(counter)
        values: dict[str, Any] = {
            "record_number": f"PG-{n:05d}",
            "given_name": f"Given{n}",
            "family_name": f"Family{n}",
            "date_of_birth": date(1980, 1, 1),
            "preferred_language": "en",
            "status": "active",
        }
        return clients.create_client(pg_ctx, **(values | overrides))

    return make


def _scalar(db: Database, sql: str, **params: Any) -> Any:
    with db.engine.connect() as conn:
        return conn.execute(text(sql), params).scalar()


# --- migrations and schema ----------------------------------------------------------------------


def test_open_database_migrates_an_empty_database_to_head(empty_url: str) -> None:
    db = open_database(empty_url)
    try:
        assert (db.engine.dialect.name, db.engine.dialect.driver) == ("postgresql", "psycopg")
        assert not db.is_sqlite
        assert current_revision(db) == head_revision()
        assert set(Base.metadata.tables) <= set(inspect(db.engine).get_table_names())
        with db.reading() as session:
            assert session.scalar(select(Client.id)) is None  # the tables exist and are empty
        assert upgrade_to_head(db) is None  # already at head: nothing done, no file copied
        admin = staff.ensure_administrator(Context(db))
        assert staff.get_staff(Context(db), staff_id=admin.id).username == admin.username
    finally:
        db.dispose()
    reopened = open_database(empty_url)
    try:
        assert current_revision(reopened) == head_revision()
    finally:
        reopened.dispose()


def test_models_and_migrations_agree(pg_db: Database) -> None:
    with pg_db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_schema_has_what_the_services_rely_on(pg_db: Database) -> None:
    # The search index compares prefixes in code-point order, whatever the server's locale.
    collation = _scalar(
        pg_db,
        "SELECT collation_name FROM information_schema.columns "
        "WHERE table_name = 'client_search_terms' AND column_name = 'term'",
    )
    assert collation == "C"
    # Every timestamp keeps its time zone.
    with pg_db.engine.connect() as conn:
        kinds = dict(conn.execute(text(
            "SELECT table_name || '.' || column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = 'public' AND data_type LIKE 'timestamp%'"
        )).all())
    assert kinds["clients.created_at"] == "timestamp with time zone"
    assert kinds["audit_events.occurred_at"] == "timestamp with time zone"
    assert set(kinds.values()) == {"timestamp with time zone"}
    # At most one open episode per client, enforced by the database itself.
    definition = _scalar(
        pg_db, "SELECT indexdef FROM pg_indexes WHERE indexname = 'uq_episodes_one_open_per_client'"
    )
    assert definition.startswith("CREATE UNIQUE INDEX")
    assert "WHERE (actual_discharge_date IS NULL)" in definition


# --- the audit trail is append-only -------------------------------------------------------------


@pytest.fixture
def audited_client(make_client: MakeClient) -> int:
    return make_client(record_number="AUD-1", given_name="Ana", family_name="Audit",
                       status="discharged").id


def _actions(db: Database, client_id: int) -> list[str]:
    with db.reading() as session:
        return list(session.scalars(
            select(AuditEvent.action).where(AuditEvent.client_id == client_id)
        ))


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_events SET action = 'delete' WHERE client_id = :cid",
        "DELETE FROM audit_events WHERE client_id = :cid",
        "DELETE FROM audit_events",
    ],
)
def test_audit_events_refuse_update_and_delete(
    pg_db: Database, audited_client: int, sql: str
) -> None:
    with pytest.raises(DBAPIError, match="append-only"), pg_db.engine.begin() as conn:
        conn.execute(text(sql), {"cid": audited_client})
    assert _actions(pg_db, audited_client) == ["create"]


def test_audit_events_refuse_orm_delete(pg_db: Database, audited_client: int) -> None:
    with pytest.raises(DBAPIError, match="append-only"), pg_db.transaction() as session:
        session.delete(session.scalars(
            select(AuditEvent).where(AuditEvent.client_id == audited_client)
        ).one())
        session.flush()
    assert _actions(pg_db, audited_client) == ["create"]


def test_audit_events_refuse_truncate(pg_db: Database, audited_client: int) -> None:
    with contextlib.suppress(DBAPIError), pg_db.engine.begin() as conn:
        conn.execute(text("TRUNCATE audit_events"))
    assert _actions(pg_db, audited_client) == ["create"]


# --- timestamps ---------------------------------------------------------------------------------


def test_timestamps_are_aware_and_round_trip_in_utc(
    pg_ctx: Context, pg_url: str, make_client: MakeClient
) -> None:
    assert _scalar(pg_ctx.db, "SHOW TimeZone") == SERVER_TIMEZONE
    saved_at = datetime(2026, 3, 1, 7, 30, tzinfo=timezone(timedelta(hours=-5)))
    made = clients.create_client(
        replace(pg_ctx, clock=lambda: saved_at),
        record_number="TZ-1", given_name="Ana", family_name="Time", date_of_birth="1990-05-05",
        preferred_language="en", status="active",
    )
    expected = datetime(2026, 3, 1, 12, 30, tzinfo=UTC)
    got = clients.get_client(pg_ctx, client_id=made.id)
    assert got.created_at == got.updated_at == expected
    assert got.created_at.utcoffset() == timedelta(0)
    with pg_ctx.db.reading() as session:
        event_at = session.scalar(
            select(AuditEvent.occurred_at).where(AuditEvent.client_id == made.id)
        )
    assert event_at == expected and event_at.utcoffset() == timedelta(0)
    # The instant itself is stored, not a wall-clock reading.
    stored = _scalar(
        pg_ctx.db, "SELECT created_at AT TIME ZONE 'UTC' FROM clients WHERE id = :id", id=made.id
    )
    assert stored == datetime(2026, 3, 1, 12, 30)

    # A workstation whose session runs in another time zone reads the same instant, in UTC.
    elsewhere = make_url(pg_url).update_query_dict({"options": "-c TimeZone=Asia/Kolkata"})
    other = open_database(elsewhere.render_as_string(hide_password=False))
    try:
        assert _scalar(other, "SHOW TimeZone") == "Asia/Kolkata"
        seen = clients.get_client(Context(other), client_id=made.id).created_at
        assert seen == expected and seen.utcoffset() == timedelta(0)
    finally:
        other.dispose()


def test_naive_datetime_is_refused(pg_db: Database) -> None:
    with pytest.raises(StatementError, match="naive"), pg_db.transaction() as session:
        session.add(AuditEvent(
            occurred_at=datetime(2026, 1, 1, 9, 0),  # naive: the point of the test
            action="create", entity_type="test", changes={}, workstation="",
        ))
        session.flush()
    with pg_db.reading() as session:
        assert session.scalar(select(AuditEvent.id).where(AuditEvent.entity_type == "test")) is None


# --- clients: accents, word prefixes, the linguistic server collation ---------------------------


def _found(ctx: Context, typed: str) -> set[str]:
    return {c.record_number for c in clients.search_clients(ctx, text=typed)}


def test_search_finds_accented_names_by_word_prefix(
    pg_ctx: Context, make_client: MakeClient
) -> None:
    zoe = make_client(record_number="MH-0001", given_name="Zoë", family_name="Martín-López",
                      date_of_birth="1985-04-12", preferred_language="es")
    make_client(record_number="MH-0002", given_name="Zoey", family_name="Marsh")
    make_client(record_number="MH-0003", given_name="Martina", family_name="Rossi")
    make_client(record_number="MH-0004", given_name="Ana", family_name="Smart")  # "mart" inside
    make_client(record_number="MH-0005", given_name="Łukasz", family_name="Öztürk")

    assert _found(pg_ctx, "zoe") == {"MH-0001", "MH-0002"}
    assert _found(pg_ctx, "ZOË") == {"MH-0001", "MH-0002"}
    assert _found(pg_ctx, "mart") == {"MH-0001", "MH-0003"}  # a word prefix, not a substring
    assert _found(pg_ctx, "zoe mart") == {"MH-0001"}
    assert _found(pg_ctx, "lopez") == {"MH-0001"}
    assert _found(pg_ctx, "Martín-Ló") == {"MH-0001"}
    assert _found(pg_ctx, "luk oztu") == {"MH-0005"}
    assert _found(pg_ctx, "1985-04-12") == {"MH-0001"}
    assert _found(pg_ctx, "mh-0001") == {"MH-0001"}
    assert _found(pg_ctx, "zz") == set()

    got = clients.get_client(pg_ctx, client_id=zoe.id)
    assert (got.given_name, got.family_name) == ("Zoë", "Martín-López")  # stored as typed
    changed = clients.update_client(
        pg_ctx, client_id=zoe.id, expected_version=got.version, family_name="Núñez-García"
    )
    assert changed.version == got.version + 1
    assert _found(pg_ctx, "lopez") == set()
    assert _found(pg_ctx, "nunez garc") == {"MH-0001"}
    assert _found(pg_ctx, "zoe") == {"MH-0001", "MH-0002"}
    assert all(r.ok for r in integrity.verify(pg_ctx.db) if r.name == "search index complete")


def test_caseload_sorts_by_family_name_then_given_name(
    pg_ctx: Context, make_client: MakeClient
) -> None:
    provider, collation = _scalar_row(
        pg_ctx.db,
        "SELECT datlocprovider, datcollate FROM pg_database WHERE datname = current_database()",
    )
    if provider == "c" and collation in ("C", "POSIX", "C.UTF-8", "C.utf8"):
        pytest.skip("the server's default collation is code-point order: nothing to show here")
    make_client(record_number="S-1", given_name="Ann", family_name="Leeb")
    make_client(record_number="S-2", given_name="Zoe", family_name="Lee")
    order = [c.display_name for c in clients.search_clients(pg_ctx, text="lee")]
    assert order == ["Lee, Zoe", "Leeb, Ann"]


def test_next_record_number_on_the_server(pg_ctx: Context, make_client: MakeClient) -> None:
    # LIKE is case-sensitive here and text sorts by the server's collation; the offer is the
    # same as on SQLite.
    make_client(record_number="OT-0416")
    make_client(record_number="ot-9999")
    make_client(record_number="OT-042x")
    make_client(record_number="OT-0009")
    assert clients.suggest_record_number(pg_ctx) == "OT-0417"

def _scalar_row(db: Database, sql: str) -> tuple[Any, ...]:
    with db.engine.connect() as conn:
        return tuple(conn.execute(text(sql)).one())


# --- two workstations saving the same record ----------------------------------------------------


def test_second_save_of_a_stale_copy_is_a_conflict(
    pg_ctx: Context, second_workstation: Context, make_client: MakeClient
) -> None:
    c = make_client(phone="000")
    mine = clients.get_client(pg_ctx, client_id=c.id)
    theirs = clients.get_client(second_workstation, client_id=c.id)
    saved = clients.update_client(
        pg_ctx, client_id=c.id, expected_version=mine.version, phone="111", alerts="First"
    )
    with pytest.raises(ConflictError) as info:
        clients.update_client(
            second_workstation, client_id=c.id, expected_version=theirs.version, phone="222"
        )
    assert (info.value.expected_version, info.value.actual_version) == (1, 2)
    final = clients.get_client(second_workstation, client_id=c.id)
    assert final == saved
    assert (final.phone, final.alerts, final.version) == ("111", "First", 2)


def test_save_racing_between_version_check_and_write_is_a_conflict(
    pg_ctx: Context, second_workstation: Context, make_client: MakeClient
) -> None:
    c = make_client(phone="000")
    raced: list[str] = []

    def other_saves_first(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        # Our version check has passed; just before our UPDATE, the other workstation commits.
        if statement.lstrip().upper().startswith("UPDATE CLIENTS") and not raced:
            raced.append(statement)
            clients.update_client(
                second_workstation, client_id=c.id, expected_version=1, phone="other"
            )

    event.listen(pg_ctx.db.engine, "before_cursor_execute", other_saves_first)
    try:
        with pytest.raises(ConflictError) as info:
            clients.update_client(pg_ctx, client_id=c.id, expected_version=1, phone="mine")
    finally:
        event.remove(pg_ctx.db.engine, "before_cursor_execute", other_saves_first)
    assert raced, "the competing save never ran"
    assert isinstance(info.value.__cause__, StaleDataError)
    final = clients.get_client(pg_ctx, client_id=c.id)
    assert (final.phone, final.version) == ("other", 2)
    with pg_ctx.db.reading() as session:
        updates = list(session.scalars(select(AuditEvent.workstation).where(
            AuditEvent.entity_type == "client", AuditEvent.entity_id == c.id,
            AuditEvent.action == "update",
        )))
    assert updates == ["workstation-2"]  # the refused save left no audit event


# --- one open episode per client ----------------------------------------------------------------


def _open_episodes(db: Database, client_id: int) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count(Episode.id)).where(
            Episode.client_id == client_id, Episode.actual_discharge_date.is_(None)
        )) or 0


def test_second_open_episode_is_refused(pg_ctx: Context, make_client: MakeClient) -> None:
    client = make_client(status="discharged")
    referred = pg_ctx.today() - timedelta(days=30)
    ep.open_episode(pg_ctx, client_id=client.id, referral_date=referred)
    with pytest.raises(ValidationError) as info:
        ep.open_episode(pg_ctx, client_id=client.id, referral_date=pg_ctx.today())
    assert info.value.for_field("referral_date")
    # A past episode, already closed, may still be entered (the index covers open ones only).
    ep.open_episode(
        pg_ctx, client_id=client.id, referral_date=referred - timedelta(days=400),
        actual_discharge_date=referred - timedelta(days=100),
    )
    assert _open_episodes(pg_ctx.db, client.id) == 1
    assert len(ep.list_episodes(pg_ctx, client_id=client.id)) == 2


def test_episodes_opened_at_the_same_moment_leave_one_open(
    pg_ctx: Context, second_workstation: Context, make_client: MakeClient
) -> None:
    client = make_client(status="discharged")
    theirs, ours = pg_ctx.today() - timedelta(days=10), pg_ctx.today() - timedelta(days=9)
    raced: list[str] = []

    def other_opens_first(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        # Our "no open episode yet" check has passed; the other workstation opens one now.
        if statement.lstrip().upper().startswith("INSERT INTO EPISODES") and not raced:
            raced.append(statement)
            ep.open_episode(second_workstation, client_id=client.id, referral_date=theirs)

    event.listen(pg_ctx.db.engine, "before_cursor_execute", other_opens_first)
    try:
        with pytest.raises(ValidationError, match="a moment ago"):
            ep.open_episode(pg_ctx, client_id=client.id, referral_date=ours)
    finally:
        event.remove(pg_ctx.db.engine, "before_cursor_execute", other_opens_first)
    assert raced, "the competing episode was never opened"
    assert [e.referral_date for e in ep.list_episodes(pg_ctx, client_id=client.id)] == [theirs]


# --- the demo clinic, integrity checks, id sequences ---------------------------------------------


@pytest.fixture
def demo_ctx(pg_ctx: Context) -> Context:
    summary = demo.populate(pg_ctx, clients=200, seed=1)
    assert summary.clients == 200
    return pg_ctx


def test_demo_clinic_loads_and_verifies(demo_ctx: Context) -> None:
    assert clients.count_clients(demo_ctx) == 200
    results = integrity.verify(demo_ctx.db)
    assert [r.name for r in results] == [name for name, _ in integrity.CHECKS]
    assert all(r.ok for r in results), results
    details = {r.name: r.detail for r in results}
    assert "not applicable" in details["storage integrity"]  # SQLite's own checks
    assert "not applicable" in details["foreign keys"]
    assert details["search index complete"] == "200 clients indexed"
    assert "audit_events_append_only" in details["audit trail append-only"]
    found = clients.search_clients(demo_ctx, text="DEMO-000007")
    assert [c.record_number for c in found] == ["DEMO-000007"]


def test_ids_continue_after_the_demo_bulk_insert(demo_ctx: Context) -> None:
    db = demo_ctx.db
    # Every id sequence stands at or past the highest id the demo wrote directly.
    with db.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            if "id" not in table.c or not table.c.id.primary_key:
                continue
            top = conn.execute(text(f"SELECT MAX(id) FROM {table.name}")).scalar()
            if top is None:
                continue
            seq = conn.execute(
                text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table.name}
            ).scalar()
            last, called = conn.execute(text(f"SELECT last_value, is_called FROM {seq}")).one()
            next_id = last + 1 if called else last
            assert next_id > top, table.name

    top_client = _scalar(db, "SELECT MAX(id) FROM clients")
    made = clients.create_client(
        demo_ctx, record_number="NEW-1", given_name="Zoë", family_name="Nueva",
        date_of_birth="1991-02-03", preferred_language="es", status="referred",
    )
    assert made.id > top_client
    ot = staff.create_staff(demo_ctx, username="new.ot", given_name="Noor", family_name="Nur",
                            role="ot")
    family_members.add_family_member(
        demo_ctx, client_id=made.id, given_name="Rosa", relationship_to_client="mother"
    )
    [opened] = ep.list_episodes(demo_ctx, client_id=made.id)  # a referred client's episode
    ep.add_care_team_member(demo_ctx, episode_id=opened.id, staff_id=ot.id, discipline="ot")
    clients.update_client(demo_ctx, client_id=made.id, expected_version=1, assigned_ot_id=ot.id)
    assert _found(demo_ctx, "zoe nue") == {"NEW-1"}
    assert all(r.ok for r in integrity.verify(db))


# --- the command line with a PostgreSQL URL -----------------------------------------------------


def _otdesk(url: str, data_home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("OTDESK_", "PG"))}
    env.update(PYTHONPATH=str(ROOT), XDG_DATA_HOME=str(data_home), PYTHONIOENCODING="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "otdesk", "--db", url, *args],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=120, check=False,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def test_command_line_accepts_a_postgresql_url(empty_url: str, tmp_path: Path) -> None:
    # As a clinic would type it: plain postgresql://, the socket folder as the host parameter.
    url = make_url(empty_url).set(drivername="postgresql")
    typed = url.render_as_string(hide_password=False)
    assert typed.startswith("postgresql://")

    init = _otdesk(typed, tmp_path, "init")
    assert init.returncode == 0, init.stderr
    assert "Created the clinic's tables." in init.stdout
    assert not list(tmp_path.rglob("*.sqlite"))  # no SQLite file was made instead

    db = open_database(empty_url)
    try:
        ctx = Context(db).acting_as(staff.ensure_administrator(Context(db)).id)
        clients.create_client(
            ctx, record_number="CLI-1", given_name="Zoë", family_name="Martín-López",
            date_of_birth="1985-04-12", preferred_language="es", status="active",
        )
    finally:
        db.dispose()

    listed = _otdesk(typed, tmp_path, "clients", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert [(r["record_number"], r["given_name"], r["family_name"]) for r in rows] == [
        ("CLI-1", "Zoë", "Martín-López")
    ]
