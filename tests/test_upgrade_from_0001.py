"""A clinic's database made at schema 0001 comes forward to the rules of 0002 with every row,
on SQLite and PostgreSQL; one holding rows those rules refuse is left as it was, with the rows
named.

The 0001 database is the demo clinic taken back to 0001 by the migration's downgrade, after
checking that the schema it leaves is the one 0001 itself makes.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from alembic import command
from sqlalchemy import Engine, inspect, text

from otdesk.db.base import Base
from otdesk.db.engine import Database, open_database
from otdesk.db.migrate import alembic_config, current_revision, head_revision
from otdesk.domain.errors import StorageError
from otdesk.domain.translation import _
from otdesk.services import demo, integrity, settings, staff
from otdesk.services.context import Context

if TYPE_CHECKING:
    from conftest import Databases

# What 0002 renamed, as (table, column at 0001, column at 0002).
RENAMED = [
    ("assessments", "administered_by_id", "author_id"),
    ("environmental_checklists", "completed_by_id", "author_id"),
    ("session_signatures", "staff_id", "signer_id"),
]


def _schema(engine: Engine) -> dict[str, Any]:
    """Everything about the tables a migration decides (column order aside)."""
    inspector = inspect(engine)
    shape: dict[str, Any] = {}
    for table in sorted(inspector.get_table_names()):
        shape[table] = {
            "columns": sorted(
                (c["name"], str(c["type"]), c["nullable"]) for c in inspector.get_columns(table)
            ),
            "foreign keys": sorted(
                (f["name"], tuple(f["constrained_columns"]), f["referred_table"],
                 tuple(f["referred_columns"]), f["options"].get("ondelete"))
                for f in inspector.get_foreign_keys(table)
            ),
            "indexes": sorted(
                (i["name"], tuple(i["column_names"]), bool(i["unique"]))
                for i in inspector.get_indexes(table)
            ),
            "unique": sorted(
                (u["name"], tuple(u["column_names"]))
                for u in inspector.get_unique_constraints(table)
            ),
            "checks": sorted(c["name"] for c in inspector.get_check_constraints(table)),
        }
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            query = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
        else:
            query = "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
        shape["triggers"] = sorted(conn.execute(text(query)).scalars())
    return shape


# Tables later migrations made: a database taken back to 0001 has lost their rows.
NEWER_THAN_0001 = {
    "modification_steps", "battery_instruments", "care_plan_reviews", "care_plan_review_goals",
    "case_conferences",
}


def _counts(db: Database) -> dict[str, int]:
    """Rows per table, for the tables 0001 already had."""
    with db.engine.connect() as conn:
        return {
            t: conn.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar_one()
            for t in Base.metadata.tables if t not in NEWER_THAN_0001
        }


def _column(db: Database, table: str, column: str) -> list[Any]:
    with db.engine.connect() as conn:
        return list(conn.execute(text(f"SELECT {column} FROM {table} ORDER BY id")).scalars())


@pytest.fixture
def at_0001(
    databases: Databases, tmp_path: Path, db_target: str, ctx: Context
) -> Iterator[tuple[str, dict[str, Any]]]:
    """This test's database holding the demo clinic, at schema 0001; and what it held at head."""
    demo.populate(ctx, clients=60, seed=5)
    held = {
        "counts": _counts(ctx.db),
        "costs": _column(ctx.db, "home_modifications", "estimated_cost_cents"),
        "authors": {t: _column(ctx.db, t, new) for t, _old, new in RENAMED},
    }
    assert held["costs"] and held["authors"]["assessments"]
    command.downgrade(alembic_config(ctx.db), "0001")
    assert current_revision(ctx.db) == "0001"

    # The same schema as 0001 makes by itself.
    fresh = databases.new(tmp_path, migrated=False)
    made = open_database(fresh, migrate=False)
    try:
        command.upgrade(alembic_config(made), "0001")
        assert _schema(ctx.db.engine) == _schema(made.engine)
    finally:
        made.dispose()
        databases.drop(fresh)
    ctx.db.dispose()
    yield db_target, held


def test_a_demo_clinic_at_0001_opens_at_head_with_every_row(
    at_0001: tuple[str, dict[str, Any]]
) -> None:
    target, held = at_0001
    db = open_database(target)  # the application's own path: upgraded on opening
    try:
        assert current_revision(db) == head_revision()
        # Going down to 0001 dropped what 0005 added to the demo's signed notes (start time,
        # consent confirmed), so those no longer hash as signed; every other check holds.
        results = integrity.verify(db)
        signed = _("signed family-session notes unchanged")
        assert all(r.ok for r in results if r.name != signed), results
        assert _counts(db) == held["counts"]
        assert _column(db, "home_modifications", "estimated_cost_cents") == held["costs"]
        for table, _old, new in RENAMED:
            assert _column(db, table, new) == held["authors"][table]
        assert _column(db, "clinic_settings", "id") == [1]
        # Each modification's steps begin "recommended" and end at its status (0004).
        with db.engine.connect() as conn:
            steps: dict[int, list[str]] = {}
            for mod, status in conn.execute(text(
                "SELECT modification_id, status FROM modification_steps ORDER BY id"
            )):
                steps.setdefault(mod, []).append(status)
            stored = dict(conn.execute(text("SELECT id, status FROM home_modifications")).all())
        assert set(steps) == set(stored)
        assert all(s[0] == "recommended" and s[-1] == stored[m] for m, s in steps.items())
        # And the services work on it.
        ctx = Context(db).acting_as(staff.ensure_administrator(Context(db)).id)
        clinic = settings.get_clinic(ctx)
        assert "(fictional)" in clinic.name
        saved = settings.update_clinic(ctx, expected_version=clinic.version, phone="555 0100")
        assert settings.get_clinic(ctx) == saved
    finally:
        db.dispose()


def test_settings_rows_become_the_one_otdesk_always_read(
    at_0001: tuple[str, dict[str, Any]]
) -> None:
    target, _held = at_0001
    old = open_database(target, migrate=False)
    try:
        with old.engine.begin() as conn:
            row = dict(conn.execute(text("SELECT * FROM clinic_settings")).mappings().one())
            conn.execute(text("DELETE FROM clinic_settings"))
            for row_id, name in ((5, "Shown"), (7, "Never shown")):
                values = row | {"id": row_id, "name": name, "uuid": _uuid_like(row["uuid"])}
                names = ", ".join(values)
                conn.execute(
                    text(f"INSERT INTO clinic_settings ({names}) VALUES "
                         f"({', '.join(':' + k for k in values)})"),
                    values,
                )
    finally:
        old.dispose()
    db = open_database(target)
    try:
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT id, name FROM clinic_settings")).all() == [
                (1, "Shown")
            ]
    finally:
        db.dispose()


def _uuid_like(value: Any) -> Any:
    """A new UUID stored as ``value`` is (hex text on SQLite)."""
    return uuid.uuid4().hex if isinstance(value, str) else uuid.uuid4()


def test_rows_the_new_rules_refuse_stop_the_upgrade_and_are_named(
    at_0001: tuple[str, dict[str, Any]], engine: str
) -> None:
    target, held = at_0001
    old = open_database(target, migrate=False)
    try:
        with old.engine.begin() as conn:
            conn.execute(text("UPDATE clients SET status = 'inactive' WHERE id IN (3, 4)"))
            conn.execute(text("UPDATE home_modifications SET estimated_cost = -5 WHERE id = 2"))
            conn.execute(text("UPDATE home_modifications SET estimated_cost = 12.345 "
                              "WHERE id = 3"))
            conn.execute(text(
                "UPDATE care_plans SET client_id = (SELECT MAX(id) FROM clients) "
                "WHERE id = (SELECT MIN(id) FROM care_plans)"
            ))
            plan = conn.execute(text("SELECT MIN(id) FROM care_plans")).scalar_one()
    finally:
        old.dispose()
    with pytest.raises(StorageError) as refused:
        open_database(target)
    message = str(refused.value)
    assert "nothing was changed" in message
    assert "clients.status is 'inactive'" in message and "rows 3, 4" in message
    # PostgreSQL's numeric(10, 2) of 0001 had rounded 12.345 itself; SQLite kept it.
    costs = "rows 2, 3)" if engine == "sqlite" else "rows 2)"
    assert "home_modifications.estimated_cost is not an amount in whole cents" in message
    assert costs in message
    assert f"care_plans name an episode of another client than their own (rows {plan})" in message

    still = open_database(target, migrate=False)
    try:
        assert current_revision(still) == "0001"
        assert _counts(still) == held["counts"]
        assert "estimated_cost_cents" not in {
            c["name"] for c in inspect(still.engine).get_columns("home_modifications")
        }
        assert _column(still, "clients", "status")[2:4] == ["inactive", "inactive"]
    finally:
        still.dispose()
