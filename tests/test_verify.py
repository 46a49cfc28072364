"""``verify``: each check holds on a sound database and fails honestly on a damaged one, on
SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text

from otdesk.db.engine import Database, open_database
from otdesk.db.migrate import head_revision
from otdesk.services import integrity
from otdesk.services.clients import ClientDetail

MakeClient = Callable[..., ClientDetail]
AUDIT_GUARD = {  # per engine: a trigger of the guard, and how to drop it
    "sqlite": ("audit_events_no_delete", "DROP TRIGGER audit_events_no_delete"),
    "postgresql": (
        "audit_events_append_only", "DROP TRIGGER audit_events_append_only ON audit_events"
    ),
}


def _results(db: Database) -> dict[str, integrity.CheckResult]:
    return {r.name: r for r in integrity.verify(db)}


def _damage(db: Database, target: str, *statements: str) -> Database:
    """Run raw SQL behind the services' back; return the database reopened, not upgraded."""
    with db.engine.connect() as conn:
        if db.is_sqlite:  # let a broken reference be written (outside any transaction)
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.commit()
        with conn.begin():
            for sql in statements:
                conn.execute(text(sql))
    db.dispose()
    return open_database(target, migrate=False)


def test_sound_database_passes_every_check(db: Database, make_client: MakeClient) -> None:
    make_client(given_name="Zoë")
    results = integrity.verify(db)
    assert [r.name for r in results] == [
        "storage integrity", "foreign keys", "schema at head", "audit trail append-only",
        "search index complete", "signed family-session notes unchanged",
    ]
    assert all(r.ok for r in results), results
    assert head_revision() in _results(db)["schema at head"].detail
    details = {r.name: r.detail for r in results}
    assert "1 client indexed" in details["search index complete"]
    if not db.is_sqlite:  # SQLite's own checks have nothing to look at on a server
        assert "not applicable" in details["storage integrity"]
        assert "not applicable" in details["foreign keys"]


@pytest.mark.engines("sqlite")  # PostgreSQL refuses a broken reference; nothing to find there
def test_broken_reference_fails(db: Database, db_path: Path, make_client: MakeClient) -> None:
    make_client()
    broken = _damage(db, str(db_path), "UPDATE clients SET assigned_ot_id = 999")
    try:
        result = _results(broken)["foreign keys"]
    finally:
        broken.dispose()
    assert not result.ok
    assert "clients row 1 -> staff" in result.detail


def _older_revision() -> str | None:
    from alembic.script import ScriptDirectory

    from otdesk.db.migrate import alembic_config

    head = ScriptDirectory.from_config(alembic_config()).get_revision(head_revision())
    down = head.down_revision if head is not None else None
    return down if isinstance(down, str) else None


@pytest.mark.skipif(_older_revision() is None, reason="this otdesk ships a single migration")
def test_schema_behind_fails(db: Database, db_target: str) -> None:
    older = _older_revision()
    behind = _damage(db, db_target, f"UPDATE alembic_version SET version_num = '{older}'")
    try:
        result = _results(behind)["schema at head"]
    finally:
        behind.dispose()
    assert not result.ok
    assert f"{older}" in result.detail and "otdesk init" in result.detail


def test_unknown_schema_is_a_newer_otdesks(db: Database, db_target: str) -> None:
    newer = _damage(db, db_target, "UPDATE alembic_version SET version_num = '9999'")
    try:
        result = _results(newer)["schema at head"]
    finally:
        newer.dispose()
    assert not result.ok
    assert "made by a newer version of otdesk" in result.detail
    assert "otdesk init" not in result.detail


def test_missing_audit_guard_fails(db: Database, db_target: str, engine: str) -> None:
    trigger, drop = AUDIT_GUARD[engine]
    unguarded = _damage(db, db_target, drop)
    try:
        result = _results(unguarded)["audit trail append-only"]
    finally:
        unguarded.dispose()
    assert not result.ok and trigger in result.detail


def test_stale_search_index_fails(
    db: Database, db_target: str, make_client: MakeClient
) -> None:
    c = make_client(given_name="Zoë", record_number="MH-9")
    stale = _damage(db, db_target, f"DELETE FROM client_search_terms WHERE client_id = {c.id} "
                                 "AND term = 'zoe'")
    try:
        result = _results(stale)["search index complete"]
    finally:
        stale.dispose()
    assert not result.ok and "MH-9" in result.detail


def test_a_check_that_cannot_run_is_a_failure(empty_target: str) -> None:
    empty = open_database(empty_target, migrate=False)
    try:
        results = _results(empty)
    finally:
        empty.dispose()
    assert not results["schema at head"].ok
    assert not results["search index complete"].ok
    assert "could not be checked" in results["search index complete"].detail


def test_extension_point_runs_registered_checks(db: Database) -> None:
    @integrity.check("always fails")
    def always_fails(_db: Database) -> integrity.CheckResult:
        return integrity.CheckResult("always fails", False, "on purpose")

    try:
        assert not _results(db)["always fails"].ok
    finally:
        integrity.CHECKS.remove(("always fails", always_fails))
    assert "always fails" not in _results(db)
