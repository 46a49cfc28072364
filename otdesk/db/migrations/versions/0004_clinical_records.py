"""clinical records: read-only once final, corrections, modification steps, the battery

- ``assessments.corrects_id``: a correction is a new administration naming the one it
  corrects; the finalised original is never changed.
- Triggers, on SQLite and PostgreSQL, refuse UPDATE and DELETE of an assessment or an
  environmental checklist whose stored status is final or signed, and any INSERT, UPDATE or
  DELETE of the answers of such a checklist (on PostgreSQL TRUNCATE too, while such rows
  exist). Deleting a client or an episode that holds finalised records is therefore refused as
  well (the cascade would remove or change them); otdesk has no service that deletes either.
- ``checklist_answers.code``: the option code the definition's scale gives the answer
  (``answer`` keeps what it means for the home: hazard, no hazard, not applicable).
- ``home_modifications`` gains ``category``, ``owner_name`` (who exactly, free text) and
  ``notes``; ``modification_steps`` records each status a modification reached (when, who did
  it, who recorded it). Existing modifications get their steps from what they hold: a
  "recommended" step on the day they were made, and one for their present status (on the day
  they were completed, else last changed) when that is not "recommended".
- ``battery_instruments``: the clinic's discharge-readiness battery (which definitions, how
  many days before each is repeated, in which order).

A later migration that rebuilds one of these tables on SQLite (``batch_alter_table`` with a
table copy) drops its triggers and must make them again (``install_record_locks``).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 12:45:00
"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import otdesk.db.types

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen as of this revision.
_FINALISED = ("final", "signed")
_MODIFICATION_STATUS = ("recommended", "agreed", "ordered", "installed", "verified", "declined")
_DONE = ("installed", "verified")
LOCK_MESSAGE = "finalised records are read-only"
LOCKED_TABLES = ("assessments", "environmental_checklists")


def _in(column: str, codes: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(c) for c in codes)})"


def _tracked() -> list[sa.Column[object]]:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("created_at", otdesk.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", otdesk.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
    ]


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite" and bind.exec_driver_sql("PRAGMA foreign_keys").scalar():
        raise AssertionError("env.py runs SQLite upgrades with foreign keys off")

    with op.batch_alter_table("assessments") as batch:
        batch.add_column(sa.Column("corrects_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_assessments_corrects_id_assessments", "assessments", ["corrects_id"], ["id"]
        )
        batch.create_index("ix_assessments_corrects_id", ["corrects_id"], unique=False)

    with op.batch_alter_table("checklist_answers") as batch:
        batch.add_column(
            sa.Column("code", sa.String(32), nullable=False, server_default="")
        )
    op.execute("UPDATE checklist_answers SET code = answer")

    with op.batch_alter_table("home_modifications") as batch:
        batch.add_column(sa.Column("category", sa.String(64), nullable=False, server_default=""))
        batch.add_column(
            sa.Column("owner_name", sa.String(200), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("notes", sa.Text(), nullable=False, server_default=""))

    steps = op.create_table(
        "modification_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("modification_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("recorded_at", otdesk.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("who", sa.String(200), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.CheckConstraint(
            _in("status", _MODIFICATION_STATUS), name="ck_modification_steps_status"
        ),
        sa.ForeignKeyConstraint(
            ["modification_id"], ["home_modifications.id"],
            name="fk_modification_steps_modification_id_home_modifications", ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"], ["staff.id"], name="fk_modification_steps_recorded_by_id_staff"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_modification_steps"),
        sa.UniqueConstraint("uuid", name="uq_modification_steps_uuid"),
    )
    with op.batch_alter_table("modification_steps") as batch:
        batch.create_index(
            "ix_modification_steps_modification_id", ["modification_id"], unique=False
        )
    _first_steps(bind, steps)

    op.create_table(
        "battery_instruments",
        sa.Column("definition_id", sa.String(64), nullable=False),
        sa.Column("repeat_days", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        *_tracked(),
        sa.CheckConstraint("repeat_days > 0", name="ck_battery_instruments_repeat_days_positive"),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["staff.id"], name="fk_battery_instruments_created_by_id_staff"
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["staff.id"], name="fk_battery_instruments_updated_by_id_staff"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_battery_instruments"),
        sa.UniqueConstraint("definition_id", name="uq_battery_instruments_definition_id"),
        sa.UniqueConstraint("uuid", name="uq_battery_instruments_uuid"),
    )
    install_record_locks()


def _first_steps(bind: sa.Connection, steps: sa.Table) -> None:
    """Give each existing modification the steps its status and dates tell."""
    mods = sa.table(
        "home_modifications",
        sa.column("id", sa.Integer()),
        sa.column("status", sa.String()),
        sa.column("created_at", otdesk.db.types.UTCDateTime()),
        sa.column("updated_at", otdesk.db.types.UTCDateTime()),
        sa.column("created_by_id", sa.Integer()),
        sa.column("updated_by_id", sa.Integer()),
        sa.column("completed_on", sa.Date()),
    )
    rows = []
    for m in bind.execute(sa.select(mods).order_by(mods.c.id)):
        made_on = m.created_at.date()
        rows.append({
            "uuid": uuid.uuid4(), "modification_id": m.id, "status": "recommended",
            "on_date": made_on, "recorded_at": m.created_at, "recorded_by_id": m.created_by_id,
            "who": "", "note": "",
        })
        if m.status != "recommended":
            on = m.completed_on if m.status in _DONE and m.completed_on else m.updated_at.date()
            rows.append({
                "uuid": uuid.uuid4(), "modification_id": m.id, "status": m.status,
                "on_date": max(on, made_on), "recorded_at": m.updated_at,
                "recorded_by_id": m.updated_by_id, "who": "", "note": "",
            })
    for start in range(0, len(rows), 5000):
        bind.execute(steps.insert(), rows[start : start + 5000])


# --- the locks ----------------------------------------------------------------------------------

_FINAL = _in("status", _FINALISED)


def _final_checklist(row: str) -> str:
    return (f"EXISTS (SELECT 1 FROM environmental_checklists WHERE id = {row}.checklist_id "
            f"AND {_FINAL})")


def install_record_locks() -> None:
    """Make the triggers that keep finalised assessments and checklists read-only."""
    if op.get_bind().dialect.name == "sqlite":
        _install_sqlite_locks()
    else:
        _install_postgresql_locks()


def _install_sqlite_locks() -> None:
    abort = f"BEGIN SELECT RAISE(ABORT, '{LOCK_MESSAGE}'); END"
    for table in LOCKED_TABLES:
        for verb in ("UPDATE", "DELETE"):
            name = f"{table}_finalised_no_{verb.lower()}"
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
            op.execute(
                f"CREATE TRIGGER {name} BEFORE {verb} ON {table} "
                f"WHEN OLD.{_FINAL} {abort}"
            )
    conditions = {
        "INSERT": _final_checklist("NEW"),
        "UPDATE": f"{_final_checklist('OLD')} OR {_final_checklist('NEW')}",
        "DELETE": _final_checklist("OLD"),
    }
    for verb, condition in conditions.items():
        name = f"checklist_answers_finalised_no_{verb.lower()}"
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute(
            f"CREATE TRIGGER {name} BEFORE {verb} ON checklist_answers "
            f"WHEN {condition} {abort}"
        )


def _install_postgresql_locks() -> None:
    op.execute(
        "CREATE OR REPLACE FUNCTION finalised_record_locked() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN "
        f"RAISE EXCEPTION '{LOCK_MESSAGE} (% %)', TG_TABLE_NAME, OLD.id; END $$"
    )
    for table in LOCKED_TABLES:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_finalised_locked ON {table}")
        op.execute(
            f"CREATE TRIGGER {table}_finalised_locked BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW WHEN (OLD.{_FINAL}) EXECUTE FUNCTION finalised_record_locked()"
        )
    op.execute(
        "CREATE OR REPLACE FUNCTION checklist_answers_locked() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN "
        f"IF TG_OP <> 'INSERT' AND {_final_checklist('OLD')} THEN "
        f"RAISE EXCEPTION '{LOCK_MESSAGE} (checklist %)', OLD.checklist_id; END IF; "
        f"IF TG_OP <> 'DELETE' AND {_final_checklist('NEW')} THEN "
        f"RAISE EXCEPTION '{LOCK_MESSAGE} (checklist %)', NEW.checklist_id; END IF; "
        "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$"
    )
    op.execute("DROP TRIGGER IF EXISTS checklist_answers_finalised_locked ON checklist_answers")
    op.execute(
        "CREATE TRIGGER checklist_answers_finalised_locked "
        "BEFORE INSERT OR UPDATE OR DELETE ON checklist_answers "
        "FOR EACH ROW EXECUTE FUNCTION checklist_answers_locked()"
    )
    # Row triggers do not see TRUNCATE: refused while the table holds finalised rows.
    op.execute(
        "CREATE OR REPLACE FUNCTION finalised_records_no_truncate() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ DECLARE found boolean; BEGIN "
        "IF TG_TABLE_NAME = 'checklist_answers' THEN "
        "SELECT EXISTS (SELECT 1 FROM checklist_answers a JOIN environmental_checklists c "
        f"ON c.id = a.checklist_id WHERE c.{_FINAL}) INTO found; "
        "ELSE EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE "
        + _FINAL.replace("'", "''")
        + ")', TG_TABLE_NAME) INTO found; END IF; "
        f"IF found THEN RAISE EXCEPTION '{LOCK_MESSAGE} (%)', TG_TABLE_NAME; END IF; "
        "RETURN NULL; END $$"
    )
    for table in (*LOCKED_TABLES, "checklist_answers"):
        op.execute(f"DROP TRIGGER IF EXISTS {table}_finalised_no_truncate ON {table}")
        op.execute(
            f"CREATE TRIGGER {table}_finalised_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION finalised_records_no_truncate()"
        )


def drop_record_locks() -> None:
    """Remove the triggers ``install_record_locks`` made."""
    if op.get_bind().dialect.name == "sqlite":
        for table in LOCKED_TABLES:
            for verb in ("update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_finalised_no_{verb}")
        for verb in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS checklist_answers_finalised_no_{verb}")
        return
    for table in (*LOCKED_TABLES, "checklist_answers"):
        op.execute(f"DROP TRIGGER IF EXISTS {table}_finalised_no_truncate ON {table}")
        op.execute(f"DROP TRIGGER IF EXISTS {table}_finalised_locked ON {table}")
    for function in (
        "finalised_record_locked", "checklist_answers_locked", "finalised_records_no_truncate"
    ):
        op.execute(f"DROP FUNCTION IF EXISTS {function}()")


# --- downgrade ----------------------------------------------------------------------------------


def downgrade() -> None:
    drop_record_locks()
    op.drop_table("battery_instruments")
    with op.batch_alter_table("modification_steps") as batch:
        batch.drop_index("ix_modification_steps_modification_id")
    op.drop_table("modification_steps")
    with op.batch_alter_table("home_modifications") as batch:
        batch.drop_column("notes")
        batch.drop_column("owner_name")
        batch.drop_column("category")
    with op.batch_alter_table("checklist_answers") as batch:
        batch.drop_column("code")
    with op.batch_alter_table("assessments") as batch:
        batch.drop_index("ix_assessments_corrects_id")
        batch.drop_constraint("fk_assessments_corrects_id_assessments", type_="foreignkey")
        batch.drop_column("corrects_id")
