"""Storage: connection settings, migrations, backups before upgrades, timestamps, the audit guard,
and how a database target is named; on SQLite and on PostgreSQL (see ``conftest.py``)."""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, StatementError

import otdesk.db.models  # noqa: F401  (registers every table on the metadata)
from otdesk import paths
from otdesk.db.base import Base
from otdesk.db.engine import Database, open_database, to_url
from otdesk.db.migrate import alembic_config, current_revision, head_revision, upgrade_to_head
from otdesk.db.models import AuditEvent, Client
from otdesk.domain.errors import StorageError
from otdesk.services import clients
from otdesk.services.context import Context

EXPECTED_PRAGMAS = {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1}


def _pragmas(conn: object) -> dict[str, object]:
    execute = conn.execute  # type: ignore[attr-defined]
    return {
        name: execute(text(f"PRAGMA {name}")).scalar()
        for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
    }


def _assert_safe(pragmas: dict[str, object]) -> None:
    assert {k: pragmas[k] for k in EXPECTED_PRAGMAS} == EXPECTED_PRAGMAS
    # Another workstation's write waits instead of failing at once with "database is locked".
    assert isinstance(pragmas["busy_timeout"], int)
    assert pragmas["busy_timeout"] >= 1000


# --- connection settings ------------------------------------------------------------------------


@pytest.mark.engines("sqlite")  # PostgreSQL's durability and foreign keys need no settings
def test_fresh_engine_connection_is_durable_and_enforces_foreign_keys(db: Database) -> None:
    db.engine.dispose()  # the next connection is a brand-new one
    with db.engine.connect() as first, db.engine.connect() as second:
        _assert_safe(_pragmas(first))
        _assert_safe(_pragmas(second))


@pytest.mark.engines("sqlite")
def test_session_connection_has_the_same_settings(db: Database) -> None:
    with db.transaction() as session:
        _assert_safe(_pragmas(session))
    with db.reading() as session:
        _assert_safe(_pragmas(session))


def test_foreign_keys_are_enforced(db: Database) -> None:
    with pytest.raises(DBAPIError), db.engine.begin() as conn:
        conn.execute(text("INSERT INTO client_search_terms (client_id, term) VALUES (999999, 'x')"))


# --- migrations ---------------------------------------------------------------------------------


def test_empty_database_is_upgraded_to_head(empty_target: str, engine: str) -> None:
    database = open_database(empty_target)
    try:
        assert database.engine.dialect.name == engine
        assert database.is_sqlite == (engine == "sqlite")
        assert current_revision(database) == head_revision()
        assert set(Base.metadata.tables) <= set(inspect(database.engine).get_table_names())
        with database.reading() as session:
            assert session.scalar(select(Client.id)) is None  # tables exist and are empty
        assert upgrade_to_head(database) is None  # already at head: nothing done
    finally:
        database.dispose()
    reopened = open_database(empty_target)
    try:
        assert current_revision(reopened) == head_revision()
    finally:
        reopened.dispose()


@pytest.mark.engines("postgresql")
def test_a_postgresql_url_is_driven_by_psycopg(db: Database) -> None:
    assert (db.engine.dialect.name, db.engine.dialect.driver) == ("postgresql", "psycopg")


def test_no_backup_is_made_for_a_new_or_current_database(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    database = open_database(path)
    try:
        assert upgrade_to_head(database) is None  # already at head: nothing to do
    finally:
        database.dispose()
    assert sorted(p.name for p in tmp_path.glob("*.sqlite")) == ["new.sqlite"]


def test_models_and_migrations_agree(db: Database) -> None:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


AUDIT_TRIGGERS = {
    "sqlite": (
        "SELECT name FROM sqlite_master WHERE type = 'trigger'",
        {"audit_events_no_update", "audit_events_no_delete"},
    ),
    "postgresql": (
        "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal",
        {"audit_events_append_only", "audit_events_no_truncate"},
    ),
}


def test_audit_guard_triggers_are_installed(db: Database, engine: str) -> None:
    query, expected = AUDIT_TRIGGERS[engine]
    with db.engine.connect() as conn:
        triggers = set(conn.execute(text(query)).scalars())
    assert expected <= triggers


def test_at_most_one_open_episode_is_an_index_of_the_database(db: Database, engine: str) -> None:
    (index,) = [
        i for i in inspect(db.engine).get_indexes("episodes")
        if i["name"] == "uq_episodes_one_open_per_client"
    ]
    assert index["unique"] and index["column_names"] == ["client_id"]
    where = str(index.get("dialect_options", {}).get(f"{engine}_where"))
    assert "actual_discharge_date IS NULL" in where


@pytest.mark.engines("postgresql")
def test_postgresql_columns_are_what_the_services_rely_on(db: Database) -> None:
    with db.engine.connect() as conn:
        # The search index compares prefixes in code-point order, whatever the server's locale.
        collation = conn.execute(text(
            "SELECT collation_name FROM information_schema.columns "
            "WHERE table_name = 'client_search_terms' AND column_name = 'term'"
        )).scalar()
        # Every timestamp keeps its time zone.
        kinds = dict(conn.execute(text(
            "SELECT table_name || '.' || column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = 'public' AND data_type LIKE 'timestamp%'"
        )).all())
    assert collation == "C"
    assert kinds["clients.created_at"] == "timestamp with time zone"
    assert kinds["audit_events.occurred_at"] == "timestamp with time zone"
    assert set(kinds.values()) == {"timestamp with time zone"}


def _is_sqlite_with(path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_unversioned_database_is_backed_up_before_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "clinic.sqlite"
    # Another program keeps the file open in WAL mode, so its last commit is still only in the
    # -wal file: a plain file copy would lose it; SQLite's backup API does not.
    keeper = sqlite3.connect(path)
    try:
        keeper.execute("PRAGMA journal_mode=WAL")
        keeper.execute("CREATE TABLE legacy_notes (body TEXT)")
        keeper.execute("INSERT INTO legacy_notes VALUES ('Zoë: keep me')")
        keeper.commit()
        assert Path(f"{path}-wal").stat().st_size > 0

        # As 'otdesk init --add-to-other-database' opens it: told to, otdesk adds its tables.
        database = open_database(path, migrate=False, allow_other=True)
        try:
            backup = upgrade_to_head(database)
            assert current_revision(database) == head_revision()
        finally:
            database.dispose()
    finally:
        keeper.close()

    assert backup is not None
    assert backup.exists()
    assert backup.parent == path.parent
    assert backup != path
    assert "pre-upgrade" in backup.name
    assert _is_sqlite_with(backup, "SELECT body FROM legacy_notes") == [("Zoë: keep me",)]
    # The backup is the old schema, untouched by the upgrade.
    assert (
        _is_sqlite_with(
            backup, "SELECT name FROM sqlite_master WHERE name IN ('clients', 'alembic_version')"
        )
        == []
    )
    # The upgraded database still holds the old data.
    assert _is_sqlite_with(path, "SELECT body FROM legacy_notes") == [("Zoë: keep me",)]


def test_older_revision_is_backed_up_when_opened(db_path: Path) -> None:
    database = open_database(db_path)
    try:
        with database.engine.begin() as conn:
            conn.execute(text("CREATE TABLE clinic_extras (note TEXT)"))
            conn.execute(text("INSERT INTO clinic_extras VALUES ('survives the upgrade')"))
        command.downgrade(alembic_config(database), "-1")
        older = current_revision(database)
    finally:
        database.dispose()

    # The application's own path: backup, then upgrade. Taken back to no schema at all, the
    # file holds only the extra table, so it is opened as 'init --add-to-other-database' does.
    reopened = open_database(db_path, allow_other=older is None)
    try:
        assert current_revision(reopened) == head_revision()
    finally:
        reopened.dispose()
    backups = [p for p in db_path.parent.glob("*.sqlite") if p != db_path]
    assert len(backups) == 1
    assert "pre-upgrade" in backups[0].name
    rows = _is_sqlite_with(backups[0], "SELECT note FROM clinic_extras")
    assert rows == [("survives the upgrade",)]


def test_older_revision_is_upgraded_when_opened(db_target: str) -> None:
    database = open_database(db_target)
    try:
        command.downgrade(alembic_config(database), "-1")
        assert current_revision(database) not in (None, head_revision())
    finally:
        database.dispose()
    reopened = open_database(db_target)
    try:
        assert current_revision(reopened) == head_revision()
        with reopened.reading() as session:
            assert session.scalar(select(Client.id)) is None
    finally:
        reopened.dispose()


def test_database_from_a_newer_otdesk_is_refused_clearly(db_target: str) -> None:
    # A laptop still on an older otdesk opens a file a newer version already upgraded: the
    # user needs a plain "update otdesk" message, not an Alembic traceback.
    database = open_database(db_target)
    try:
        with database.engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    finally:
        database.dispose()
    with pytest.raises(StorageError, match="newer version of otdesk"):
        open_database(db_target)


def test_a_folder_is_not_a_database(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="is a folder, not a database file"):
        open_database(tmp_path)


# --- timestamps ---------------------------------------------------------------------------------


def test_timestamps_come_back_timezone_aware_utc(ctx: Context) -> None:
    tz_plus_10 = timezone(timedelta(hours=10))
    local_noon = datetime(2026, 3, 1, 12, 0, tzinfo=tz_plus_10)
    at_noon = replace(ctx, clock=lambda: local_noon)
    made = clients.create_client(
        at_noon,
        record_number="TZ-1",
        given_name="Ana",
        family_name="Time",
        date_of_birth="1990-05-05",
        preferred_language="en",
        status="active",
    )
    again = clients.get_client(ctx, client_id=made.id)
    assert again.created_at.tzinfo is not None
    assert again.created_at.utcoffset() == timedelta(0)
    assert again.created_at == local_noon
    assert again.created_at == datetime(2026, 3, 1, 2, 0, tzinfo=UTC)
    with ctx.db.reading() as session:
        event = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        assert event is not None
        assert event.occurred_at.utcoffset() == timedelta(0)


@pytest.mark.engines("postgresql")
def test_timestamps_are_instants_whatever_the_server_or_session_time_zone(
    ctx: Context, db_target: str
) -> None:
    with ctx.db.engine.connect() as conn:
        assert conn.execute(text("SHOW TimeZone")).scalar() != "UTC"  # the server's own zone
    saved_at = datetime(2026, 3, 1, 7, 30, tzinfo=timezone(timedelta(hours=-5)))
    made = clients.create_client(
        replace(ctx, clock=lambda: saved_at),
        record_number="TZ-1", given_name="Ana", family_name="Time", date_of_birth="1990-05-05",
        preferred_language="en", status="active",
    )
    expected = datetime(2026, 3, 1, 12, 30, tzinfo=UTC)
    with ctx.db.engine.connect() as conn:
        stored = conn.execute(
            text("SELECT created_at AT TIME ZONE 'UTC' FROM clients WHERE id = :id"),
            {"id": made.id},
        ).scalar()
    assert stored == datetime(2026, 3, 1, 12, 30)  # the instant, not a wall-clock reading

    # A workstation whose session runs in another time zone reads the same instant, in UTC.
    elsewhere = make_url(db_target).update_query_dict({"options": "-c TimeZone=Asia/Kolkata"})
    other = open_database(elsewhere.render_as_string(hide_password=False))
    try:
        with other.engine.connect() as conn:
            assert conn.execute(text("SHOW TimeZone")).scalar() == "Asia/Kolkata"
        seen = clients.get_client(Context(other), client_id=made.id).created_at
        assert seen == expected and seen.utcoffset() == timedelta(0)
    finally:
        other.dispose()


def test_naive_datetime_is_refused(db: Database) -> None:
    with pytest.raises(StatementError, match="naive"), db.transaction() as session:
        session.add(
            AuditEvent(
                occurred_at=datetime(2026, 1, 1, 9, 0),  # naive: the point of the test
                action="create",
                entity_type="test",
                changes={},
                workstation="",
            )
        )
        session.flush()
    with db.reading() as session:
        assert session.scalar(select(AuditEvent.id).where(AuditEvent.entity_type == "test")) is None


# --- the audit trail is append-only -------------------------------------------------------------


@pytest.fixture
def audited_client(ctx: Context) -> int:
    made = clients.create_client(
        ctx,
        record_number="AUD-1",
        given_name="Ana",
        family_name="Audit",
        date_of_birth="1990-05-05",
        preferred_language="en",
        status="discharged",  # no episode: the client's one audit event is its creation
    )
    return made.id


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_events SET action = 'delete' WHERE client_id = :cid",
        "DELETE FROM audit_events WHERE client_id = :cid",
        "DELETE FROM audit_events",
    ],
)
def test_audit_events_refuse_update_and_delete(db: Database, audited_client: int, sql: str) -> None:
    with pytest.raises(DBAPIError, match="append-only"), db.engine.begin() as conn:
        conn.execute(text(sql), {"cid": audited_client})
    with db.reading() as session:
        actions = session.scalars(
            select(AuditEvent.action).where(AuditEvent.client_id == audited_client)
        ).all()
    assert actions == ["create"]


def test_audit_events_refuse_orm_delete(db: Database, audited_client: int) -> None:
    with pytest.raises(DBAPIError, match="append-only"), db.transaction() as session:
        event = session.scalars(
            select(AuditEvent).where(AuditEvent.client_id == audited_client)
        ).one()
        session.delete(event)
        session.flush()
    with db.reading() as session:
        assert session.scalar(select(AuditEvent.id).where(AuditEvent.client_id == audited_client))


@pytest.mark.engines("postgresql")  # SQLite has no TRUNCATE (its DELETE is refused above)
def test_audit_events_refuse_truncate(db: Database, audited_client: int) -> None:
    with contextlib.suppress(DBAPIError), db.engine.begin() as conn:
        conn.execute(text("TRUNCATE audit_events"))
    with db.reading() as session:
        actions = session.scalars(
            select(AuditEvent.action).where(AuditEvent.client_id == audited_client)
        ).all()
    assert actions == ["create"]


# --- naming the database ------------------------------------------------------------------------


def test_to_url_turns_a_path_into_an_absolute_sqlite_url(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    url = to_url("clinic.sqlite")
    assert url.drivername == "sqlite+pysqlite"
    assert url.database == str(tmp_path.resolve() / "clinic.sqlite")
    spaced = to_url(tmp_path / "a b" / "x.sqlite")
    assert spaced.database == str(tmp_path.resolve() / "a b" / "x.sqlite")


def test_to_url_expands_the_home_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    assert to_url("~/otdesk.sqlite").database == str(tmp_path.resolve() / "otdesk.sqlite")


def test_to_url_keeps_sqlite_urls() -> None:
    url = to_url("sqlite:////srv/clinic/otdesk.sqlite")
    assert url.get_backend_name() == "sqlite"
    assert url.database == "/srv/clinic/otdesk.sqlite"


@pytest.mark.parametrize("scheme", ["postgresql", "postgres"])
def test_to_url_maps_postgresql_to_psycopg(scheme: str) -> None:
    url = to_url(f"{scheme}://ot:s3cret@db.clinic.local:5433/otdesk")
    assert url.drivername == "postgresql+psycopg"
    assert (url.username, url.password, url.host, url.port, url.database) == (
        "ot",
        "s3cret",
        "db.clinic.local",
        5433,
        "otdesk",
    )


@pytest.mark.parametrize(
    "target", ["mysql://u:p@host/otdesk", "mssql+pyodbc://host/db", "oracle://h/db"]
)
def test_to_url_refuses_other_databases(target: str) -> None:
    with pytest.raises(StorageError, match="SQLite or PostgreSQL"):
        to_url(target)


def test_to_url_refuses_a_malformed_url() -> None:
    with pytest.raises(StorageError):
        to_url("://nothing")


def test_missing_folder_is_a_clear_storage_error(tmp_path: Path) -> None:
    missing = tmp_path / "no such folder"
    with pytest.raises(StorageError) as info:
        open_database(missing / "otdesk.sqlite")
    message = str(info.value)
    assert str(missing) in message
    assert "does not exist" in message
    assert not missing.exists()  # nothing was created behind the user's back


def test_a_file_that_is_not_a_database_is_a_storage_error(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.sqlite"
    bogus.write_bytes(b"These are not the records you are looking for. " * 100)
    with pytest.raises(StorageError):
        open_database(bogus)


def test_database_target_prefers_command_line_then_environment_then_default(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    data = tmp_path / "data" / "otdesk"
    monkeypatch.setattr(paths, "data_dir", lambda: data)
    monkeypatch.setenv(paths.DB_ENV, "postgresql://ot@server/otdesk")

    assert paths.database_target("/media/usb/clinic.sqlite") == "/media/usb/clinic.sqlite"
    assert paths.database_target(None) == "postgresql://ot@server/otdesk"
    assert paths.database_target("") == "postgresql://ot@server/otdesk"

    monkeypatch.setenv(paths.DB_ENV, "   ")
    assert paths.database_target(None) == str(data / "otdesk.sqlite")
    monkeypatch.delenv(paths.DB_ENV)
    assert paths.database_target() == str(data / "otdesk.sqlite")
    assert data.is_dir()  # the default folder is made so the first start can create the file


def test_default_target_opens(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(paths, "data_dir", lambda: tmp_path / "fresh")
    monkeypatch.delenv(paths.DB_ENV, raising=False)
    database = open_database(paths.database_target())
    try:
        assert make_url(str(database.url)).database == str(tmp_path / "fresh" / "otdesk.sqlite")
        assert current_revision(database) == head_revision()
    finally:
        database.dispose()


def test_schema_head_constant_matches_the_migration_scripts() -> None:
    # Start-up skips loading Alembic when a database is at SCHEMA_HEAD; a new migration
    # that forgot to move the constant would leave databases un-upgraded.
    from otdesk.db.schema_head import SCHEMA_HEAD

    assert head_revision() == SCHEMA_HEAD
