"""family sessions signed and locked; care plans with reviews and case conferences

Family sessions
- ``start_time`` (local time of day), ``consent_confirmed``, ``checkin_assessment_id`` (the
  caregiver check-in, an assessment), ``needs_cosign``, ``signed_by_id``; action items gain
  ``done_on``.
- ``status`` is draft, awaiting_cosignature or signed (no longer "final"): a note left
  "final" was never signed by anyone (otdesk had no way to sign one), so it becomes a draft
  its author can sign. A note already "signed" keeps its status, signed by its author.
- Triggers, on SQLite and PostgreSQL: a signed note, its attendees, its action items and its
  signatures refuse UPDATE and DELETE (and new attendees, action items or signatures). A note
  awaiting co-signature is as fixed, except that it may become signed with nothing else
  changed; its cosigner's signature row may be added. An action item of a locked note may
  still be marked done (``done``, ``done_on``): what was agreed is the record, whether it got
  done is tracked afterwards. An attendee's link to a family member may be cleared (the
  family member removed from the list) while the name on the note stays. Signatures and
  addenda never change and are never removed, whatever the note's state.

Care plans
- ``based_on_id`` (the version a new one was copied from); ``share_with_family`` and
  ``share_with_partners`` replace the ``sharing`` JSON (its "family" and "community" values).
  At most one active version per episode (a partial unique index); where older databases
  hold two, the newer version stays active and the older ones become superseded.
- Needs: ``symptom_or_barrier``, ``activity_limited``, ``source_kind`` (assessment, battery,
  modification, checklist) with ``source_id``; links named by ``source_type`` and
  ``source_uuid`` that resolve to a record are carried over, and those two columns go.
- Goals: ``measure``, ``status_reason``, ``plain_language`` ({language: text}, filled from
  ``family_text`` in the client's preferred language); ``family_text`` and ``attainment``
  (never written by otdesk: attainment belongs to reviews now) go; a weight must be positive.
- Interventions: ``responsible`` is renamed ``owner_name``.
- New: ``care_plan_reviews`` with ``care_plan_review_goals`` (one level -2..2 per goal), and
  ``case_conferences``.
- Staff may be OT students (role ``student``), whose notes, like an OT assistant's, wait for
  an OT's co-signature.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 13:30:00
"""

import uuid
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

import otdesk.db.types

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen as of this revision.
_SESSION_STATUS = ("draft", "awaiting_cosignature", "signed")
_OLD_SESSION_STATUS = ("draft", "final", "signed")
_STAFF_ROLES = (
    "ot", "ot_assistant", "coordinator", "psychiatrist", "external", "administrator", "student",
)
_OLD_STAFF_ROLES = _STAFF_ROLES[:-1]
_NEED_SOURCES = ("assessment", "battery", "modification", "checklist")
# Old source_type words and the table their source_uuid names.
_SOURCE_TABLES = {
    "assessment": ("assessment", "assessments"),
    "battery": ("battery", "assessments"),
    "checklist": ("checklist", "environmental_checklists"),
    "modification": ("modification", "home_modifications"),
    "home modification": ("modification", "home_modifications"),
    "home_modification": ("modification", "home_modifications"),
}
LOCK_MESSAGE = "signed notes are read-only"
APPEND_ONLY_MESSAGE = "signatures and addenda are append-only"
LOCKED = "'awaiting_cosignature', 'signed'"
# Every column of family_sessions at this revision except those co-signing changes.
_SESSION_CONTENT = (
    "id", "uuid", "client_id", "episode_id", "session_date", "start_time", "duration_minutes",
    "mode", "consent_confirmed", "note_format", "note_sections", "topics", "caregiver_checkin",
    "checkin_assessment_id", "handouts_given", "author_id", "needs_cosign", "signed_at",
    "signed_by_id", "content_hash", "created_at", "created_by_id",
)
_ACTION_CONTENT = (
    "id", "uuid", "session_id", "who", "what", "due_date", "created_at", "created_by_id",
)
_ATTENDEE_CONTENT = (
    "id", "uuid", "session_id", "staff_id", "name", "role", "created_at", "created_by_id",
)


def _in(column: str, codes: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(c) for c in codes)})"


def _tracked(table: str) -> list[Any]:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("created_at", otdesk.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", otdesk.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["staff.id"], name=f"fk_{table}_created_by_id_staff"
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["staff.id"], name=f"fk_{table}_updated_by_id_staff"
        ),
        sa.PrimaryKeyConstraint("id", name=f"pk_{table}"),
        sa.UniqueConstraint("uuid", name=f"uq_{table}_uuid"),
    ]


def _fk(table: str, column: str, target: str, **kw: Any) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=f"fk_{table}_{column}_{target}", **kw
    )


# --- upgrade ------------------------------------------------------------------------------------


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite" and bind.exec_driver_sql("PRAGMA foreign_keys").scalar():
        raise AssertionError("env.py runs SQLite upgrades with foreign keys off")

    with op.batch_alter_table("staff") as batch:
        batch.drop_constraint("ck_staff_role", type_="check")
        batch.create_check_constraint("ck_staff_role", _in("role", _STAFF_ROLES))

    _upgrade_family_sessions()
    _upgrade_care_plans(bind)
    _upgrade_needs(bind)
    _upgrade_goals(bind)
    with op.batch_alter_table("care_plan_interventions") as batch:
        batch.alter_column("responsible", new_column_name="owner_name")
    _create_reviews_and_conferences()
    install_session_locks()


def _upgrade_family_sessions() -> None:
    op.execute("UPDATE family_sessions SET status = 'draft' WHERE status = 'final'")
    with op.batch_alter_table("family_sessions") as batch:
        batch.drop_constraint("ck_family_sessions_status", type_="check")
        batch.add_column(sa.Column("start_time", sa.Time(), nullable=True))
        batch.add_column(sa.Column(
            "consent_confirmed", sa.Boolean(), nullable=False, server_default=sa.false()
        ))
        batch.add_column(sa.Column("checkin_assessment_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column(
            "needs_cosign", sa.Boolean(), nullable=False, server_default=sa.false()
        ))
        batch.add_column(sa.Column("signed_by_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_family_sessions_checkin_assessment_id_assessments", "assessments",
            ["checkin_assessment_id"], ["id"],
        )
        batch.create_foreign_key(
            "fk_family_sessions_signed_by_id_staff", "staff", ["signed_by_id"], ["id"]
        )
        batch.create_check_constraint(
            "ck_family_sessions_status", _in("status", _SESSION_STATUS)
        )
    op.execute(
        "UPDATE family_sessions SET signed_by_id = author_id WHERE status = 'signed'"
    )
    with op.batch_alter_table("session_action_items") as batch:
        batch.add_column(sa.Column("done_on", sa.Date(), nullable=True))


def _upgrade_care_plans(bind: sa.Connection) -> None:
    with op.batch_alter_table("care_plans") as batch:
        batch.add_column(sa.Column("based_on_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column(
            "share_with_family", sa.Boolean(), nullable=False, server_default=sa.false()
        ))
        batch.add_column(sa.Column(
            "share_with_partners", sa.Boolean(), nullable=False, server_default=sa.false()
        ))
        batch.create_foreign_key(
            "fk_care_plans_based_on_id_care_plans", "care_plans", ["based_on_id"], ["id"]
        )
    plans = sa.table(
        "care_plans", sa.column("id", sa.Integer()), sa.column("sharing", sa.JSON()),
        sa.column("share_with_family", sa.Boolean()),
        sa.column("share_with_partners", sa.Boolean()),
    )
    for row in bind.execute(sa.select(plans.c.id, plans.c.sharing)).all():
        sharing = row.sharing if isinstance(row.sharing, dict) else {}
        family, partners = bool(sharing.get("family")), bool(sharing.get("community"))
        if family or partners:
            bind.execute(plans.update().where(plans.c.id == row.id).values(
                share_with_family=family, share_with_partners=partners))
    # One active version per episode: the newest stays active.
    op.execute(
        "UPDATE care_plans SET status = 'superseded' WHERE status = 'active' AND EXISTS ("
        "SELECT 1 FROM care_plans newer WHERE newer.episode_id = care_plans.episode_id "
        "AND newer.status = 'active' AND newer.plan_version > care_plans.plan_version)"
    )
    with op.batch_alter_table("care_plans") as batch:
        batch.drop_column("sharing")
        batch.create_index(
            "uq_care_plans_one_active_per_episode", ["episode_id"], unique=True,
            sqlite_where=sa.text("status = 'active'"),
            postgresql_where=sa.text("status = 'active'"),
        )


def _upgrade_needs(bind: sa.Connection) -> None:
    with op.batch_alter_table("care_plan_needs") as batch:
        batch.add_column(sa.Column(
            "symptom_or_barrier", sa.Text(), nullable=False, server_default=""
        ))
        batch.add_column(sa.Column(
            "activity_limited", sa.Text(), nullable=False, server_default=""
        ))
        batch.add_column(sa.Column("source_kind", sa.String(20), nullable=True))
        batch.add_column(sa.Column("source_id", sa.Integer(), nullable=True))
    needs = sa.table(
        "care_plan_needs", sa.column("id", sa.Integer()), sa.column("source_type", sa.String()),
        sa.column("source_uuid", sa.String()), sa.column("source_kind", sa.String()),
        sa.column("source_id", sa.Integer()),
    )
    linked = bind.execute(
        sa.select(needs.c.id, needs.c.source_type, needs.c.source_uuid)
        .where(needs.c.source_type != "", needs.c.source_uuid != "")
    ).all()
    for need in linked:
        found = _SOURCE_TABLES.get(need.source_type.strip().casefold())
        if found is None:
            continue
        kind, table = found
        target = sa.table(table, sa.column("id", sa.Integer()), sa.column("uuid", sa.Uuid()))
        try:
            key = uuid.UUID(need.source_uuid)
        except ValueError:
            continue
        source_id = bind.execute(sa.select(target.c.id).where(target.c.uuid == key)).scalar()
        if source_id is not None:
            bind.execute(needs.update().where(needs.c.id == need.id).values(
                source_kind=kind, source_id=source_id))
    with op.batch_alter_table("care_plan_needs") as batch:
        batch.drop_column("source_type")
        batch.drop_column("source_uuid")
        batch.create_check_constraint(
            "ck_care_plan_needs_source_kind", _in("source_kind", _NEED_SOURCES)
        )
        batch.create_check_constraint(
            "ck_care_plan_needs_source_pair", "(source_kind IS NULL) = (source_id IS NULL)"
        )


def _upgrade_goals(bind: sa.Connection) -> None:
    with op.batch_alter_table("care_plan_goals") as batch:
        batch.add_column(sa.Column("measure", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("status_reason", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("plain_language", sa.JSON(), nullable=True))
    goals = sa.table(
        "care_plan_goals", sa.column("id", sa.Integer()), sa.column("family_text", sa.Text()),
        sa.column("plain_language", sa.JSON()), sa.column("care_plan_id", sa.Integer()),
    )
    plans = sa.table("care_plans", sa.column("id", sa.Integer()),
                     sa.column("client_id", sa.Integer()))
    clients = sa.table("clients", sa.column("id", sa.Integer()),
                       sa.column("preferred_language", sa.String()))
    rows = bind.execute(
        sa.select(goals.c.id, goals.c.family_text, clients.c.preferred_language)
        .join(plans, plans.c.id == goals.c.care_plan_id)
        .join(clients, clients.c.id == plans.c.client_id)
    ).all()
    for goal in rows:
        text = goal.family_text or ""
        language = (goal.preferred_language or "en").strip() or "en"
        bind.execute(goals.update().where(goals.c.id == goal.id).values(
            plain_language={language: text} if text.strip() else {}))
    op.execute("UPDATE care_plan_goals SET plain_language = '{}' WHERE plain_language IS NULL")
    op.execute("UPDATE care_plan_goals SET gas_weight = 1.0 WHERE gas_weight <= 0")
    with op.batch_alter_table("care_plan_goals") as batch:
        batch.alter_column("plain_language", existing_type=sa.JSON(), nullable=False)
        batch.drop_column("family_text")
        batch.drop_column("attainment")
        batch.create_check_constraint("ck_care_plan_goals_weight_positive", "gas_weight > 0")


def _create_reviews_and_conferences() -> None:
    op.create_table(
        "care_plan_reviews",
        sa.Column("care_plan_id", sa.Integer(), nullable=False),
        sa.Column("review_date", sa.Date(), nullable=False),
        sa.Column("reviewer_id", sa.Integer(), nullable=True),
        sa.Column("t_score", sa.Float(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        *_tracked("care_plan_reviews"),
        _fk("care_plan_reviews", "care_plan_id", "care_plans", ondelete="CASCADE"),
        _fk("care_plan_reviews", "reviewer_id", "staff"),
    )
    with op.batch_alter_table("care_plan_reviews") as batch:
        batch.create_index("ix_care_plan_reviews_care_plan_id", ["care_plan_id"], unique=False)
    op.create_table(
        "care_plan_review_goals",
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        *_tracked("care_plan_review_goals"),
        _fk("care_plan_review_goals", "review_id", "care_plan_reviews", ondelete="CASCADE"),
        _fk("care_plan_review_goals", "goal_id", "care_plan_goals", ondelete="CASCADE"),
        sa.UniqueConstraint(
            "review_id", "goal_id", name="uq_care_plan_review_goals_review_id_goal_id"
        ),
        sa.CheckConstraint("level BETWEEN -2 AND 2", name="ck_care_plan_review_goals_level_range"),
    )
    with op.batch_alter_table("care_plan_review_goals") as batch:
        batch.create_index("ix_care_plan_review_goals_review_id", ["review_id"], unique=False)
        batch.create_index("ix_care_plan_review_goals_goal_id", ["goal_id"], unique=False)
    op.create_table(
        "case_conferences",
        sa.Column("care_plan_id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("attendees", sa.JSON(), nullable=False),
        sa.Column("client_view", sa.Text(), nullable=False),
        sa.Column("family_view", sa.Text(), nullable=False),
        sa.Column("decisions", sa.Text(), nullable=False),
        sa.Column("next_review_date", sa.Date(), nullable=True),
        sa.Column("starts_new_version", sa.Boolean(), nullable=False),
        sa.Column("new_plan_id", sa.Integer(), nullable=True),
        *_tracked("case_conferences"),
        _fk("case_conferences", "care_plan_id", "care_plans", ondelete="CASCADE"),
        _fk("case_conferences", "author_id", "staff"),
        sa.ForeignKeyConstraint(
            ["new_plan_id"], ["care_plans.id"], name="fk_case_conferences_new_plan_id_care_plans"
        ),
    )
    with op.batch_alter_table("case_conferences") as batch:
        batch.create_index("ix_case_conferences_care_plan_id", ["care_plan_id"], unique=False)
        batch.create_index(
            "ix_case_conferences_next_review_date", ["next_review_date"], unique=False
        )


# --- the locks ----------------------------------------------------------------------------------


def _same(columns: tuple[str, ...], sqlite: bool) -> str:
    """NEW equals OLD in every one of ``columns`` (NULL equal to NULL; JSON compared as text)."""
    if sqlite:
        return " AND ".join(f"NEW.{c} IS OLD.{c}" for c in columns)
    return " AND ".join(
        f"NEW.{c}::text IS NOT DISTINCT FROM OLD.{c}::text" for c in columns
    )


def _locked_session(row: str) -> str:
    return (f"EXISTS (SELECT 1 FROM family_sessions WHERE id = {row}.session_id "
            f"AND status IN ({LOCKED}))")


def _signed_session(row: str) -> str:
    return (f"EXISTS (SELECT 1 FROM family_sessions WHERE id = {row}.session_id "
            "AND status = 'signed')")


def _rules(sqlite: bool) -> dict[tuple[str, str], str]:
    """(table, verb): the condition under which the row change is refused."""
    co_signing = (
        f"OLD.status = 'awaiting_cosignature' AND NEW.status = 'signed' "
        f"AND {_same(_SESSION_CONTENT, sqlite)}"
    )
    marking_done = _same(_ACTION_CONTENT, sqlite)
    unlinking = (f"{_same(_ATTENDEE_CONTENT, sqlite)} AND NEW.family_member_id IS NULL")
    return {
        ("family_sessions", "UPDATE"): f"OLD.status IN ({LOCKED}) AND NOT ({co_signing})",
        ("family_sessions", "DELETE"): f"OLD.status IN ({LOCKED})",
        ("session_attendees", "INSERT"): _locked_session("NEW"),
        ("session_attendees", "UPDATE"): (
            f"({_locked_session('OLD')} OR {_locked_session('NEW')}) AND NOT ({unlinking})"
        ),
        ("session_attendees", "DELETE"): _locked_session("OLD"),
        ("session_action_items", "INSERT"): _locked_session("NEW"),
        ("session_action_items", "UPDATE"): (
            f"({_locked_session('OLD')} OR {_locked_session('NEW')}) AND NOT ({marking_done})"
        ),
        ("session_action_items", "DELETE"): _locked_session("OLD"),
        ("session_signatures", "INSERT"): _signed_session("NEW"),
    }


APPEND_ONLY = ("session_signatures", "session_addenda")


def install_session_locks() -> None:
    """Make the triggers that keep signed family-session notes read-only."""
    if op.get_bind().dialect.name == "sqlite":
        _install_sqlite_locks()
    else:
        _install_postgresql_locks()


def _install_sqlite_locks() -> None:
    def trigger(name: str, verb: str, table: str, when: str | None, message: str) -> None:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
        condition = f"WHEN {when} " if when else ""
        op.execute(
            f"CREATE TRIGGER {name} BEFORE {verb} ON {table} {condition}"
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
        )

    for (table, verb), when in _rules(sqlite=True).items():
        trigger(f"{table}_signed_no_{verb.lower()}", verb, table, when, LOCK_MESSAGE)
    for table in APPEND_ONLY:
        for verb in ("UPDATE", "DELETE"):
            trigger(f"{table}_append_only_{verb.lower()}", verb, table, None, APPEND_ONLY_MESSAGE)


def _install_postgresql_locks() -> None:
    rules = _rules(sqlite=False)
    for table in ("family_sessions", "session_attendees", "session_action_items",
                  "session_signatures"):
        checks = []
        for verb in ("INSERT", "UPDATE", "DELETE"):
            when = rules.get((table, verb))
            if when is not None:
                # Nested, so a condition naming NEW is never read on DELETE (nor OLD on INSERT).
                checks.append(
                    f"IF TG_OP = '{verb}' THEN IF {when} THEN "
                    f"RAISE EXCEPTION '{LOCK_MESSAGE} (% %)', TG_TABLE_NAME, "
                    f"{'NEW' if verb == 'INSERT' else 'OLD'}.id; END IF; END IF;"
                )
        op.execute(
            f"CREATE OR REPLACE FUNCTION {table}_signed_locked() RETURNS trigger "
            "LANGUAGE plpgsql AS $$ BEGIN "
            + " ".join(checks)
            + " IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$"
        )
        op.execute(f"DROP TRIGGER IF EXISTS {table}_signed_locked ON {table}")
        op.execute(
            f"CREATE TRIGGER {table}_signed_locked BEFORE INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {table}_signed_locked()"
        )
    op.execute(
        "CREATE OR REPLACE FUNCTION session_rows_append_only() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN "
        f"RAISE EXCEPTION '{APPEND_ONLY_MESSAGE} (%)', TG_TABLE_NAME; END $$"
    )
    for table in APPEND_ONLY:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        op.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION session_rows_append_only()"
        )
    # Row triggers do not see TRUNCATE: refused while signed notes or their rows exist.
    op.execute(
        "CREATE OR REPLACE FUNCTION session_rows_no_truncate() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN "
        f"IF EXISTS (SELECT 1 FROM family_sessions WHERE status IN ({LOCKED})) "
        f"THEN RAISE EXCEPTION '{LOCK_MESSAGE} (%)', TG_TABLE_NAME; END IF; RETURN NULL; END $$"
    )
    for table in ("family_sessions", "session_attendees", "session_action_items", *APPEND_ONLY):
        op.execute(f"DROP TRIGGER IF EXISTS {table}_signed_no_truncate ON {table}")
        op.execute(
            f"CREATE TRIGGER {table}_signed_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION session_rows_no_truncate()"
        )


_PG_FUNCTIONS = (
    "family_sessions_signed_locked", "session_attendees_signed_locked",
    "session_action_items_signed_locked", "session_signatures_signed_locked",
    "session_rows_append_only", "session_rows_no_truncate",
)


def drop_session_locks() -> None:
    """Remove the triggers ``install_session_locks`` made."""
    if op.get_bind().dialect.name == "sqlite":
        for table, verb in _rules(sqlite=True):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_signed_no_{verb.lower()}")
        for table in APPEND_ONLY:
            for verb in ("update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only_{verb}")
        return
    tables = ("family_sessions", "session_attendees", "session_action_items", *APPEND_ONLY)
    for table in tables:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_signed_no_truncate ON {table}")
        op.execute(f"DROP TRIGGER IF EXISTS {table}_signed_locked ON {table}")
        op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
    for function in _PG_FUNCTIONS:
        op.execute(f"DROP FUNCTION IF EXISTS {function}()")


# --- downgrade ----------------------------------------------------------------------------------


def downgrade() -> None:
    bind = op.get_bind()
    drop_session_locks()
    op.drop_table("case_conferences")
    op.drop_table("care_plan_review_goals")
    op.drop_table("care_plan_reviews")
    with op.batch_alter_table("care_plan_interventions") as batch:
        batch.alter_column("owner_name", new_column_name="responsible")

    with op.batch_alter_table("care_plan_goals") as batch:
        batch.drop_constraint("ck_care_plan_goals_weight_positive", type_="check")
        batch.add_column(sa.Column("family_text", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("attainment", sa.Integer(), nullable=True))
    goals = sa.table("care_plan_goals", sa.column("id", sa.Integer()),
                     sa.column("plain_language", sa.JSON()), sa.column("family_text", sa.Text()))
    for goal in bind.execute(sa.select(goals.c.id, goals.c.plain_language)).all():
        texts = [t for t in (goal.plain_language or {}).values() if t]
        if texts:
            bind.execute(goals.update().where(goals.c.id == goal.id).values(family_text=texts[0]))
    with op.batch_alter_table("care_plan_goals") as batch:
        batch.drop_column("plain_language")
        batch.drop_column("status_reason")
        batch.drop_column("measure")

    with op.batch_alter_table("care_plan_needs") as batch:
        batch.drop_constraint("ck_care_plan_needs_source_pair", type_="check")
        batch.drop_constraint("ck_care_plan_needs_source_kind", type_="check")
        batch.add_column(sa.Column("source_type", sa.String(40), nullable=False,
                                   server_default=""))
        batch.add_column(sa.Column("source_uuid", sa.String(36), nullable=False,
                                   server_default=""))
        batch.drop_column("source_id")
        batch.drop_column("source_kind")
        batch.drop_column("activity_limited")
        batch.drop_column("symptom_or_barrier")

    with op.batch_alter_table("care_plans") as batch:
        batch.drop_index("uq_care_plans_one_active_per_episode")
        batch.add_column(sa.Column("sharing", sa.JSON(), nullable=True))
    plans = sa.table("care_plans", sa.column("id", sa.Integer()), sa.column("sharing", sa.JSON()),
                     sa.column("share_with_family", sa.Boolean()),
                     sa.column("share_with_partners", sa.Boolean()))
    for plan in bind.execute(sa.select(plans)).all():
        bind.execute(plans.update().where(plans.c.id == plan.id).values(sharing={
            "family": bool(plan.share_with_family),
            "community": bool(plan.share_with_partners)}))
    with op.batch_alter_table("care_plans") as batch:
        batch.alter_column("sharing", existing_type=sa.JSON(), nullable=False)
        batch.drop_constraint("fk_care_plans_based_on_id_care_plans", type_="foreignkey")
        batch.drop_column("share_with_partners")
        batch.drop_column("share_with_family")
        batch.drop_column("based_on_id")

    with op.batch_alter_table("session_action_items") as batch:
        batch.drop_column("done_on")
    # A note awaiting co-signature had been signed by its author: "final" at 0004.
    with op.batch_alter_table("family_sessions") as batch:
        batch.drop_constraint("ck_family_sessions_status", type_="check")
    op.execute(
        "UPDATE family_sessions SET status = 'final' WHERE status = 'awaiting_cosignature'"
    )
    with op.batch_alter_table("family_sessions") as batch:
        batch.create_check_constraint(
            "ck_family_sessions_status", _in("status", _OLD_SESSION_STATUS)
        )
        batch.drop_constraint("fk_family_sessions_signed_by_id_staff", type_="foreignkey")
        batch.drop_constraint(
            "fk_family_sessions_checkin_assessment_id_assessments", type_="foreignkey"
        )
        batch.drop_column("signed_by_id")
        batch.drop_column("needs_cosign")
        batch.drop_column("checkin_assessment_id")
        batch.drop_column("consent_confirmed")
        batch.drop_column("start_time")

    op.execute("UPDATE staff SET role = 'ot_assistant' WHERE role = 'student'")
    with op.batch_alter_table("staff") as batch:
        batch.drop_constraint("ck_staff_role", type_="check")
        batch.create_check_constraint("ck_staff_role", _in("role", _OLD_STAFF_ROLES))
