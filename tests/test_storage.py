"""Storage: connection settings, migrations, backups before upgrades, timestamps, the audit guard,
and how a database target is named."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select, text
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


def test_fresh_engine_connection_is_durable_and_enforces_foreign_keys(db: Database) -> None:
    db.engine.dispose()  # the next connection is a brand-new one
    with db.engine.connect() as first, db.engine.connect() as second:
        _assert_safe(_pragmas(first))
        _assert_safe(_pragmas(second))


def test_session_connection_has_the_same_settings(db: Database) -> None:
    with db.transaction() as session:
        _assert_safe(_pragmas(session))
    with db.reading() as session:
        _assert_safe(_pragmas(session))


def test_foreign_keys_are_enforced(db: Database) -> None:
    with pytest.raises(DBAPIError), db.engine.begin() as conn:
        conn.execute(text("INSERT INTO client_search_terms (client_id, term) VALUES (999999, 'x')"))


# --- migrations ---------------------------------------------------------------------------------


def test_empty_database_is_upgraded_to_head(tmp_path: Path) -> None:
    database = open_database(tmp_path / "new.sqlite")
    try:
        assert current_revision(database) == head_revision()
        with database.reading() as session:
            assert session.scalar(select(Client.id)) is None  # tables exist and are empty
    finally:
        database.dispose()


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


def test_audit_guard_triggers_are_installed(db: Database) -> None:
    with db.engine.connect() as conn:
        triggers = set(
            conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars()
        )
    assert {"audit_events_no_update", "audit_events_no_delete"} <= triggers


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


def test_database_from_a_newer_otdesk_is_refused_clearly(db_path: Path) -> None:
    # A laptop still on an older otdesk opens a file a newer version already upgraded: the
    # user needs a plain "update otdesk" message, not an Alembic traceback.
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()
    with pytest.raises(StorageError):
        open_database(db_path)


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
