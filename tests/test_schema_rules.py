"""Rules the database keeps itself, on SQLite and PostgreSQL: raw SQL that writes an unknown
code, a second settings row, a fraction of a cent or a care plan on another client's episode
is refused, whatever program writes it."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import String, inspect, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError, StatementError

from otdesk.db.base import Base, Tracked
from otdesk.db.engine import Database
from otdesk.db.models import (
    AuditEvent,
    CarePlan,
    CareTeamMember,
    ClinicSettings,
    HomeModification,
)
from otdesk.db.models._columns import VOCABULARY
from otdesk.db.types import MAX_CENTS
from otdesk.services import clients, episodes
from otdesk.services.context import Context

MakeClient = Callable[..., clients.ClientDetail]

# Text columns named like a choice from a fixed list, that are free text all the same.
FREE_TEXT = {
    ("session_attendees", "role"): "how the attendee is there, in the author's words",
    ("audit_events", "entity_type"): "record kinds: not yet one enumeration",
}
CHOICE_NAMES = re.compile(
    r"(status|priority|mode|answer|discipline|role|scope|owner|setting|action|kind|format|type)$"
)


def _enumerated_columns() -> list[tuple[str, str, list[str]]]:
    return [
        (table.name, column.name, [m.value for m in column.info[VOCABULARY]])
        for table in Base.metadata.sorted_tables
        for column in table.columns
        if VOCABULARY in column.info
    ]


def test_every_column_of_a_fixed_list_is_enumerated() -> None:
    unchecked = [
        f"{table.name}.{column.name}"
        for table in Base.metadata.sorted_tables
        for column in table.columns
        if isinstance(column.type, String) and CHOICE_NAMES.search(column.name)
        and VOCABULARY not in column.info and (table.name, column.name) not in FREE_TEXT
    ]
    assert unchecked == [], "declare these with vocab_column(...), or say why they are free text"
    assert len(_enumerated_columns()) >= 20


def test_the_database_lists_exactly_each_vocabulary(db: Database) -> None:
    inspector = inspect(db.engine)
    problems = []
    for table, column, codes in _enumerated_columns():
        checks = {c["name"]: c["sqltext"] for c in inspector.get_check_constraints(table)}
        sqltext = checks.get(f"ck_{table}_{column}")
        if sqltext is None:
            problems.append(f"{table}.{column}: no CHECK")
            continue
        listed = re.findall(r"'((?:[^']|'')*)'", sqltext)
        if column not in sqltext or sorted(listed) != sorted(codes):
            problems.append(f"{table}.{column}: CHECK lists {listed}, the vocabulary {codes}")
    # A new vocabulary member comes with a migration that widens its CHECK.
    assert problems == []


# --- raw SQL is refused -------------------------------------------------------------------------


def _refused(db: Database, sql: str, **params: Any) -> None:
    with pytest.raises(DBAPIError), db.engine.begin() as conn:
        conn.execute(text(sql), params)


def _scalar(db: Database, sql: str, **params: Any) -> Any:
    with db.engine.connect() as conn:
        return conn.execute(text(sql), params).scalar()


@pytest.mark.parametrize(
    ("column", "value"),
    [("status", "inactive"), ("status", "Active"), ("status", ""), ("priority", "asap")],
)
def test_an_unknown_code_is_refused(
    ctx: Context, make_client: MakeClient, column: str, value: str
) -> None:
    client = make_client(status="waitlist", priority="soon")
    _refused(ctx.db, f"UPDATE clients SET {column} = :v WHERE id = :id", v=value, id=client.id)
    got = clients.get_client(ctx, client_id=client.id)
    assert (got.status, got.priority) == ("waitlist", "soon")


def test_unknown_codes_are_refused_in_new_rows_too(ctx: Context, make_client: MakeClient) -> None:
    client = make_client(status="discharged")  # out of care: the episode is opened here
    opened = episodes.open_episode(ctx, client_id=client.id, referral_date=ctx.today())
    now = datetime.now(UTC)
    stamp = {"created_at": now, "updated_at": now, "version": 1}
    with pytest.raises(IntegrityError), ctx.db.transaction() as session:
        session.add(CareTeamMember(
            episode_id=opened.id, name="Sam", discipline="astrology", uuid=uuid.uuid4(), **stamp
        ))
    with pytest.raises(IntegrityError), ctx.db.transaction() as session:
        session.add(AuditEvent(
            occurred_at=now, action="undelete", entity_type="client", changes={},
            workstation="",
        ))
    assert episodes.list_care_team(ctx, episode_id=opened.id) == []


def test_a_second_settings_row_is_refused(ctx: Context) -> None:
    with ctx.db.reading() as session:
        assert session.scalars(select(ClinicSettings.id)).all() == [1]
    columns = ("uuid, created_at, updated_at, version, name, address, phone, letterhead_text, "
               "logo_path, care_plan_review_days, reassessment_days, unsigned_note_hours, "
               "handout_language")
    values = "(:uuid, :at, :at, 1, 'Second', '', '', '', '', 90, 180, 24, 'en')"
    at = datetime(2026, 1, 1, tzinfo=UTC).replace(tzinfo=None if ctx.db.is_sqlite else UTC)
    key = uuid.uuid4().hex if ctx.db.is_sqlite else uuid.uuid4()
    # With an id of its own, with the id a sequence or SQLite would give it, and as id 1.
    for sql in (
        f"INSERT INTO clinic_settings (id, {columns}) VALUES (2, {values[1:]}",
        f"INSERT INTO clinic_settings ({columns}) VALUES {values}",
        f"INSERT INTO clinic_settings (id, {columns}) VALUES (1, {values[1:]}",
    ):
        _refused(ctx.db, sql, uuid=key, at=at)
    _refused(ctx.db, "UPDATE clinic_settings SET id = 2")
    with ctx.db.reading() as session:
        assert session.scalars(select(ClinicSettings.name)).all() == [""]


@pytest.fixture
def modification(ctx: Context, make_client: MakeClient) -> int:
    """A home modification costing 60.50 (the services do not write them yet)."""
    client = make_client()
    row = HomeModification(client_id=client.id, recommendation="Fit a grab rail",
                           estimated_cost_cents=6050, due_date=date(2026, 3, 1))
    _stamp(row)
    with ctx.db.transaction() as session:
        session.add(row)
        session.flush()
        return row.id


def _stamp(row: Tracked) -> None:
    row.uuid = uuid.uuid4()
    row.created_at = row.updated_at = datetime.now(UTC)


@pytest.mark.parametrize(
    "amount",
    [12.345, 0.5, 6050.01, -100, MAX_CENTS + 1, "sixty", "60.50"],
    ids=["fraction", "half-cent", "just-over", "negative", "too-large", "words", "text"],
)
def test_a_cost_that_is_not_whole_cents_is_refused(
    ctx: Context, modification: int, amount: object
) -> None:
    _refused(ctx.db, "UPDATE home_modifications SET estimated_cost_cents = :v WHERE id = :id",
             v=amount, id=modification)
    _refused(ctx.db, f"UPDATE home_modifications SET estimated_cost_cents = {amount!r} "
                     "WHERE id = :id", id=modification)
    assert _cost(ctx, modification) == 6050


def _cost(ctx: Context, modification: int) -> int | None:
    with ctx.db.reading() as session:
        return session.get_one(HomeModification, modification).estimated_cost_cents


def test_costs_are_kept_exactly_in_cents(ctx: Context, modification: int) -> None:
    assert _cost(ctx, modification) == 6050
    for cents in (0, 1, 10, 99_999_999_99, None):
        with ctx.db.engine.begin() as conn:
            conn.execute(text("UPDATE home_modifications SET estimated_cost_cents = :v "
                              "WHERE id = :id"), {"v": cents, "id": modification})
        got = _cost(ctx, modification)
        assert got == cents and type(got) is type(cents)
    # A float whose value is a whole number of cents is an integer by the time it is stored.
    with ctx.db.engine.begin() as conn:
        conn.execute(text("UPDATE home_modifications SET estimated_cost_cents = 1250.0"))
    assert _cost(ctx, modification) == 1250


def test_the_application_cannot_write_a_float_cost(ctx: Context, modification: int) -> None:
    with pytest.raises(StatementError, match="whole number"), ctx.db.transaction() as session:
        session.get_one(HomeModification, modification).estimated_cost_cents = 60.5
    assert _cost(ctx, modification) == 6050


def test_a_care_plan_names_an_episode_of_its_own_client(
    ctx: Context, make_client: MakeClient
) -> None:
    ana, ben = make_client(status="discharged"), make_client(status="discharged")
    anas = episodes.open_episode(ctx, client_id=ana.id, referral_date=ctx.today())
    plan = CarePlan(client_id=ana.id, episode_id=anas.id, status="active")
    _stamp(plan)
    with ctx.db.transaction() as session:
        session.add(plan)
    with pytest.raises(IntegrityError), ctx.db.transaction() as session:
        wrong = CarePlan(client_id=ben.id, episode_id=anas.id, plan_version=2)
        _stamp(wrong)
        session.add(wrong)
    _refused(ctx.db, "UPDATE care_plans SET client_id = :ben", ben=ben.id)
    assert _scalar(ctx.db, "SELECT client_id FROM care_plans") == ana.id
    # Removing the episode still removes its care plans.
    with ctx.db.engine.begin() as conn:
        conn.execute(text("DELETE FROM episodes WHERE id = :id"), {"id": anas.id})
    assert _scalar(ctx.db, "SELECT COUNT(*) FROM care_plans") == 0
