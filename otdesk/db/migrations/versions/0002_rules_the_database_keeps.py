"""rules the database keeps

Enumerated columns accept only their vocabulary's codes (a CHECK each); the clinic's settings
are one row (id 1); a home modification's estimated cost is a whole number of cents
(``estimated_cost_cents``); a care plan's episode is one of its client's episodes; and the
staff member who wrote a record is its ``author_id`` in every table (assessments and checklists
called it ``administered_by_id`` and ``completed_by_id``), a signature's signer its
``signer_id``.

Data already in the database is checked first: a value these rules refuse (an unknown status,
a cost with a fraction of a cent, a care plan whose episode belongs to another client) stops
the upgrade before anything changes, with every such row named.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 09:00:00
"""

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from otdesk.db.types import UTCDateTime
from otdesk.domain.errors import StorageError
from otdesk.domain.translation import _

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The vocabularies as of this revision, frozen here: otdesk/domain/vocab.py may grow, and the
# migration that adds a member widens its CHECK (tests/test_schema_rules.py holds the two
# together).
_RECORD_STATUS = ("draft", "final", "signed")
_PRIORITY = ("routine", "soon", "urgent")
_DISCIPLINE = (
    "ot", "psychiatry", "family", "coordinator", "community_partner", "nursing", "social_work",
    "other",
)
VOCABULARIES: dict[str, dict[str, tuple[str, ...]]] = {
    "staff": {
        "role": (
            "ot", "ot_assistant", "coordinator", "psychiatrist", "external", "administrator",
        ),
    },
    "clients": {
        "status": ("referred", "waitlist", "active", "on_hold", "discharged"),
        "priority": _PRIORITY,
    },
    "family_members": {"consent_scope": ("none", "general", "care_plan", "full")},
    "care_team_members": {"discipline": _DISCIPLINE},
    "assessments": {"status": _RECORD_STATUS},
    "environmental_checklists": {
        "setting": ("home", "work", "community"),
        "status": _RECORD_STATUS,
    },
    "checklist_answers": {"answer": ("hazard", "no_hazard", "not_applicable")},
    "home_modifications": {
        "priority": _PRIORITY,
        "owner": ("client", "family", "landlord", "ot", "contractor"),
        "status": ("recommended", "agreed", "ordered", "installed", "verified", "declined"),
    },
    "family_sessions": {
        "mode": ("clinic", "home", "phone", "video"),
        "note_format": ("soap", "dap", "birp", "narrative"),
        "status": _RECORD_STATUS,
    },
    "session_signatures": {"kind": ("author", "cosigner")},
    "care_plans": {"status": ("draft", "active", "superseded")},
    "care_plan_goals": {"status": ("active", "achieved", "discontinued")},
    "care_plan_interventions": {"discipline": _DISCIPLINE},
    "audit_events": {
        "action": ("create", "update", "delete", "export", "import", "print"),
    },
}
# table: (old name, new name), for the staff member a row names.
RENAMED = {
    "assessments": ("administered_by_id", "author_id"),
    "environmental_checklists": ("completed_by_id", "author_id"),
    "session_signatures": ("staff_id", "signer_id"),
}
MAX_CENTS = 9_999_999_999
CENTS_CHECK = (
    "estimated_cost_cents = CAST(estimated_cost_cents AS BIGINT) "
    f"AND estimated_cost_cents BETWEEN 0 AND {MAX_CENTS}"
)
SETTINGS_ID = 1
_SHOW = 5  # rows named per problem before summarising


def _in(column: str, codes: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(c) for c in codes)})"


def _fk(table: str, column: str) -> str:
    return f"fk_{table}_{column}_staff"


# --- upgrade ------------------------------------------------------------------------------------


def upgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    if sqlite and bind.exec_driver_sql("PRAGMA foreign_keys").scalar():
        # Rebuilding a table with foreign keys on would cascade-delete its children's rows.
        raise AssertionError("env.py runs SQLite upgrades with foreign keys off")
    _refuse_rows_the_rules_forbid(bind)
    _one_settings_row(bind)

    # Money: the new column first (a plain ALTER), filled from the old one.
    with op.batch_alter_table("home_modifications") as batch:
        batch.add_column(sa.Column(
            "estimated_cost_cents", sa.BigInteger().with_variant(sa.Numeric(), "postgresql"),
            nullable=True,
        ))
    op.execute(
        "UPDATE home_modifications SET estimated_cost_cents = "
        "CAST(ROUND(estimated_cost * 100) AS BIGINT) WHERE estimated_cost IS NOT NULL"
    )

    # The unique pair a care plan's (episode, client) refers to.
    with op.batch_alter_table("episodes") as batch:
        batch.create_unique_constraint("uq_episodes_id_client_id", ["id", "client_id"])

    for table, (old, new) in RENAMED.items():
        # (A foreign key on the new name is lost if made in the same batch as the rename.)
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(_fk(table, old), type_="foreignkey")
            batch.alter_column(old, new_column_name=new)
    for table, columns in VOCABULARIES.items():
        with op.batch_alter_table(table) as batch:
            if table in RENAMED:
                new = RENAMED[table][1]
                batch.create_foreign_key(_fk(table, new), "staff", [new], ["id"])
            if table == "home_modifications":
                batch.drop_column("estimated_cost")
                batch.create_check_constraint(
                    "ck_home_modifications_estimated_cost_cents", CENTS_CHECK
                )
            if table == "care_plans":
                batch.drop_constraint("fk_care_plans_episode_id_episodes", type_="foreignkey")
                batch.create_foreign_key(
                    "fk_care_plans_episode_id_episodes", "episodes",
                    ["episode_id", "client_id"], ["id", "client_id"], ondelete="CASCADE",
                )
            for column, codes in columns.items():
                batch.create_check_constraint(f"ck_{table}_{column}", _in(column, codes))

    with op.batch_alter_table("clinic_settings") as batch:
        batch.create_check_constraint("ck_clinic_settings_single_row", f"id = {SETTINGS_ID}")
    if sqlite:
        _install_sqlite_audit_guard()  # rebuilding audit_events dropped its triggers


def _offending(bind: sa.Connection, sql: str) -> list[tuple[object, ...]]:
    return [tuple(r) for r in bind.execute(sa.text(sql))]


def _rows(ids: list[object]) -> str:
    shown = ", ".join(str(i) for i in ids[:_SHOW])
    if len(ids) <= _SHOW:
        return shown
    return _("{shown} and {count} more").format(shown=shown, count=len(ids) - _SHOW)


def _refuse_rows_the_rules_forbid(bind: sa.Connection) -> None:
    """Stop, naming every row the new rules would refuse, before anything is changed."""
    problems = []
    for table, columns in VOCABULARIES.items():
        for column, codes in columns.items():
            found: dict[object, list[object]] = {}
            for row_id, value in _offending(
                bind, f"SELECT id, {column} FROM {table} WHERE NOT ({_in(column, codes)}) "
                      "ORDER BY id"
            ):
                found.setdefault(value, []).append(row_id)
            for value, ids in found.items():
                problems.append(
                    _("{column} is {value}, which is not one of {codes} (rows {rows})").format(
                        column=f"{table}.{column}", value=repr(value), codes=", ".join(codes),
                        rows=_rows(ids))
                )
    # A cost must be a whole number of cents from 0 up (text or a fraction of a cent is not).
    costs = _offending(
        bind,
        "SELECT id, estimated_cost FROM home_modifications WHERE estimated_cost IS NOT NULL "
        "ORDER BY id",
    )
    bad = [row_id for row_id, cost in costs if not _whole_cents(cost)]
    if bad:
        problems.append(
            _("{column} is not an amount in whole cents from 0 to {most} (rows {rows})").format(
                column="home_modifications.estimated_cost", most=f"{MAX_CENTS / 100:,.2f}",
                rows=_rows(bad))
        )
    mismatched = [r[0] for r in _offending(
        bind,
        "SELECT p.id FROM care_plans p JOIN episodes e ON e.id = p.episode_id "
        "WHERE e.client_id <> p.client_id ORDER BY p.id",
    )]
    if mismatched:
        problems.append(
            _("{table} name an episode of another client than their own (rows {rows})").format(
                table="care_plans", rows=_rows(mismatched))
        )
    if problems:
        raise StorageError(
            _("This database holds values otdesk no longer accepts, so it was not upgraded "
              "(nothing was changed; correct these rows, then open it again): {problems}.")
            .format(problems="; ".join(problems))
        )


def _whole_cents(cost: object) -> bool:
    try:
        cents = float(cost) * 100  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    # SQLite kept these as binary fractions: 0.1 is 10.000000000000002 cents.
    return abs(cents - round(cents)) < 1e-6 and 0 <= round(cents) <= MAX_CENTS


def _one_settings_row(bind: sa.Connection) -> None:
    """Leave exactly one clinic_settings row, with id 1.

    otdesk has always read and saved the row with the lowest id; other rows could only come
    from two workstations starting a new database at the same moment, and were never shown
    or saved. A database without the row gets it with the defaults otdesk showed.
    """
    ids = [r[0] for r in bind.execute(sa.text("SELECT id FROM clinic_settings ORDER BY id"))]
    if ids:
        bind.execute(sa.text("DELETE FROM clinic_settings WHERE id <> :keep"), {"keep": ids[0]})
        if ids[0] != SETTINGS_ID:
            bind.execute(
                sa.text("UPDATE clinic_settings SET id = :one WHERE id = :keep"),
                {"one": SETTINGS_ID, "keep": ids[0]},
            )
        return
    now = datetime.now(UTC)
    settings = sa.table(
        "clinic_settings",
        sa.column("id", sa.Integer()),
        sa.column("uuid", sa.Uuid()),
        sa.column("created_at", UTCDateTime()),
        sa.column("updated_at", UTCDateTime()),
        sa.column("version", sa.Integer()),
        *(sa.column(name, sa.String()) for name in (
            "name", "address", "phone", "letterhead_text", "logo_path", "handout_language",
        )),
        *(sa.column(name, sa.Integer()) for name in (
            "care_plan_review_days", "reassessment_days", "unsigned_note_hours",
        )),
    )
    op.execute(settings.insert().values(
        id=SETTINGS_ID, uuid=uuid.uuid4(), created_at=now, updated_at=now, version=1,
        name="", address="", phone="", letterhead_text="", logo_path="", handout_language="en",
        care_plan_review_days=90, reassessment_days=180, unsigned_note_hours=24,
    ))


# --- downgrade ----------------------------------------------------------------------------------


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    with op.batch_alter_table("clinic_settings") as batch:
        batch.drop_constraint("ck_clinic_settings_single_row", type_="check")
    for table, columns in VOCABULARIES.items():
        with op.batch_alter_table(table) as batch:
            for column in columns:
                batch.drop_constraint(f"ck_{table}_{column}", type_="check")
            if table == "care_plans":
                batch.drop_constraint("fk_care_plans_episode_id_episodes", type_="foreignkey")
                batch.create_foreign_key(
                    "fk_care_plans_episode_id_episodes", "episodes", ["episode_id"], ["id"],
                    ondelete="CASCADE",
                )
            if table == "home_modifications":
                batch.drop_constraint("ck_home_modifications_estimated_cost_cents", type_="check")
                batch.add_column(sa.Column(
                    "estimated_cost", sa.Numeric(precision=10, scale=2, asdecimal=False),
                    nullable=True,
                ))
            if table in RENAMED:
                old, new = RENAMED[table]
                batch.drop_constraint(_fk(table, new), type_="foreignkey")
                batch.alter_column(new, new_column_name=old)
    for table, (old, _new) in RENAMED.items():
        with op.batch_alter_table(table) as batch:
            batch.create_foreign_key(_fk(table, old), "staff", [old], ["id"])
    op.execute(
        "UPDATE home_modifications SET estimated_cost = estimated_cost_cents / 100.0 "
        "WHERE estimated_cost_cents IS NOT NULL"
    )
    with op.batch_alter_table("home_modifications") as batch:
        batch.drop_column("estimated_cost_cents")
    with op.batch_alter_table("episodes") as batch:
        batch.drop_constraint("uq_episodes_id_client_id", type_="unique")
    if sqlite:
        _install_sqlite_audit_guard()


_GUARD_MESSAGE = "audit_events is append-only"


def _install_sqlite_audit_guard() -> None:
    """Refuse UPDATE and DELETE on the audit trail (as 0001 did; PostgreSQL keeps its own)."""
    for verb in ("UPDATE", "DELETE"):
        op.execute(f"DROP TRIGGER IF EXISTS audit_events_no_{verb.lower()}")
        op.execute(
            f"CREATE TRIGGER audit_events_no_{verb.lower()} BEFORE {verb} ON audit_events "
            f"BEGIN SELECT RAISE(ABORT, '{_GUARD_MESSAGE}'); END"
        )
