"""Finalised assessments and checklists are read-only in the database itself (migration 0004),
on SQLite and PostgreSQL: raw SQL that changes or removes one, or touches a finalised
checklist's answers, is refused; drafts stay editable. And the upgrade to 0004 gives existing
modifications their steps."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from alembic import command
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError, IntegrityError

from otdesk.db.base import Tracked
from otdesk.db.engine import Database, open_database
from otdesk.db.migrate import alembic_config, current_revision, head_revision
from otdesk.db.models import (
    Assessment,
    BatteryInstrument,
    ChecklistAnswer,
    EnvironmentalChecklist,
    ModificationStep,
)
from otdesk.services import clients
from otdesk.services._records import stamp_new
from otdesk.services.context import Context

MakeClient = Callable[..., clients.ClientDetail]
LOCKED = "finalised records are read-only"


def _insert(ctx: Context, row: Tracked) -> int:
    with ctx.db.transaction() as session:
        stamp_new(row, ctx)
        session.add(row)
        session.flush()
        return row.id


def _refused(db: Database, sql: str, **params: Any) -> None:
    with pytest.raises(DBAPIError) as refused, db.engine.begin() as conn:
        conn.execute(text(sql), params)
    assert LOCKED in str(refused.value)


def _run(db: Database, sql: str, **params: Any) -> int:
    with db.engine.begin() as conn:
        return conn.execute(text(sql), params).rowcount


def _scalar(db: Database, sql: str, **params: Any) -> Any:
    with db.engine.connect() as conn:
        return conn.execute(text(sql), params).scalar()


def _assessment(ctx: Context, client_id: int, status: str) -> int:
    return _insert(ctx, Assessment(
        client_id=client_id, instrument_id="caregiver-check-in", instrument_version="1",
        administered_on=date(2026, 11, 2), status=status, answers={"sleep": "often"},
        scores={"total": 3}, band="some strain",
    ))


def _checklist(ctx: Context, client_id: int, status: str) -> int:
    checklist_id = _insert(ctx, EnvironmentalChecklist(
        client_id=client_id, template_id="home-environment", template_version="1",
        visit_date=date(2026, 11, 3), status="draft",
    ))
    _insert(ctx, ChecklistAnswer(checklist_id=checklist_id, area="bathroom",
                                 item_key="grab_rails", answer="hazard", code="yes"))
    if status != "draft":
        _run(ctx.db, "UPDATE environmental_checklists SET status = :s WHERE id = :id",
             s=status, id=checklist_id)
    return checklist_id


@pytest.mark.parametrize("status", ["final", "signed"])
def test_a_finalised_assessment_cannot_be_changed_or_removed(
    ctx: Context, make_client: MakeClient, status: str
) -> None:
    client = make_client()
    done = _assessment(ctx, client.id, status)
    for sql in (
        "UPDATE assessments SET answers = '{\"sleep\": \"never\"}' WHERE id = :id",
        "UPDATE assessments SET scores = '{}', band = '' WHERE id = :id",
        "UPDATE assessments SET status = 'draft' WHERE id = :id",
        "DELETE FROM assessments WHERE id = :id",
    ):
        _refused(ctx.db, sql, id=done)
    with ctx.db.reading() as session:
        row = session.get(Assessment, done)
        assert row is not None
        assert (row.answers, row.band, row.status) == ({"sleep": "often"}, "some strain", status)


def test_a_draft_assessment_is_changed_finalised_and_then_locked(
    ctx: Context, make_client: MakeClient
) -> None:
    client = make_client()
    draft = _assessment(ctx, client.id, "draft")
    assert _run(ctx.db, "UPDATE assessments SET band = 'low strain' WHERE id = :id", id=draft)
    assert _run(ctx.db, "UPDATE assessments SET status = 'final' WHERE id = :id", id=draft)
    _refused(ctx.db, "UPDATE assessments SET band = 'high strain' WHERE id = :id", id=draft)
    assert _scalar(ctx.db, "SELECT band FROM assessments WHERE id = :id", id=draft) == "low strain"
    # A correction is a new administration naming the one it corrects.
    fix = _insert(ctx, Assessment(
        client_id=client.id, instrument_id="caregiver-check-in", instrument_version="1",
        administered_on=date(2026, 11, 2), corrects_id=draft,
    ))
    assert _scalar(ctx.db, "SELECT corrects_id FROM assessments WHERE id = :id", id=fix) == draft
    other = _assessment(ctx, client.id, "draft")
    assert _run(ctx.db, "DELETE FROM assessments WHERE id = :id", id=other) == 1


def test_a_correction_names_an_assessment_that_exists(
    ctx: Context, make_client: MakeClient
) -> None:
    client = make_client()
    with pytest.raises(IntegrityError):
        _insert(ctx, Assessment(
            client_id=client.id, instrument_id="x", instrument_version="1",
            administered_on=date(2026, 11, 2), corrects_id=987654,
        ))


def test_a_finalised_checklist_and_its_answers_are_read_only(
    ctx: Context, make_client: MakeClient
) -> None:
    client = make_client()
    done = _checklist(ctx, client.id, "final")
    answer = _scalar(ctx.db, "SELECT id FROM checklist_answers WHERE checklist_id = :c", c=done)
    _refused(ctx.db, "UPDATE environmental_checklists SET summary = 'x' WHERE id = :id", id=done)
    _refused(ctx.db, "DELETE FROM environmental_checklists WHERE id = :id", id=done)
    _refused(ctx.db, "UPDATE checklist_answers SET answer = 'no_hazard' WHERE id = :id",
             id=answer)
    _refused(ctx.db, "DELETE FROM checklist_answers WHERE id = :id", id=answer)
    columns = "checklist_id, area, item_key, answer, code, note, uuid, created_at, updated_at, "\
        "version"
    at = datetime(2026, 11, 3, tzinfo=UTC).replace(tzinfo=None if ctx.db.is_sqlite else UTC)
    key = uuid.uuid4().hex if ctx.db.is_sqlite else uuid.uuid4()
    _refused(ctx.db, f"INSERT INTO checklist_answers ({columns}) VALUES "
             "(:c, 'kitchen', 'stove', 'hazard', 'yes', '', :k, :at, :at, 1)",
             c=done, k=key, at=at)
    # An answer cannot be moved out of (or into) a finalised checklist either.
    draft = _checklist(ctx, client.id, "draft")
    mine = _scalar(ctx.db, "SELECT id FROM checklist_answers WHERE checklist_id = :c", c=draft)
    _refused(ctx.db, "UPDATE checklist_answers SET checklist_id = :d WHERE id = :id",
             d=draft, id=answer)
    _refused(ctx.db, "UPDATE checklist_answers SET checklist_id = :d WHERE id = :id",
             d=done, id=mine)
    assert _scalar(ctx.db, "SELECT COUNT(*) FROM checklist_answers WHERE checklist_id = :c",
                   c=done) == 1


def test_a_draft_checklist_is_edited_and_removed_with_its_answers(
    ctx: Context, make_client: MakeClient
) -> None:
    client = make_client()
    draft = _checklist(ctx, client.id, "draft")
    assert _run(ctx.db, "UPDATE checklist_answers SET answer = 'no_hazard', code = 'no' "
                "WHERE checklist_id = :c", c=draft) == 1
    assert _run(ctx.db, "DELETE FROM environmental_checklists WHERE id = :id", id=draft) == 1
    assert _scalar(ctx.db, "SELECT COUNT(*) FROM checklist_answers") == 0


def test_a_client_holding_finalised_records_cannot_be_deleted(
    ctx: Context, make_client: MakeClient
) -> None:
    # otdesk deletes no client; raw SQL that would cascade into finalised records is refused,
    # and a client holding only drafts is still removed with them.
    kept, gone = make_client(), make_client()
    _assessment(ctx, kept.id, "final")
    _assessment(ctx, gone.id, "draft")
    _checklist(ctx, gone.id, "draft")
    _refused(ctx.db, "DELETE FROM clients WHERE id = :id", id=kept.id)
    assert _run(ctx.db, "DELETE FROM clients WHERE id = :id", id=gone.id) == 1
    assert _scalar(ctx.db, "SELECT COUNT(*) FROM assessments") == 1
    assert _scalar(ctx.db, "SELECT COUNT(*) FROM environmental_checklists") == 0


@pytest.mark.engines("postgresql")  # SQLite has no TRUNCATE
def test_truncate_is_refused_while_finalised_rows_exist(
    ctx: Context, make_client: MakeClient
) -> None:
    client = make_client()
    _assessment(ctx, client.id, "final")
    _checklist(ctx, client.id, "final")
    for table in ("assessments", "environmental_checklists", "checklist_answers"):
        _refused(ctx.db, f"TRUNCATE {table} CASCADE")
    assert _scalar(ctx.db, "SELECT COUNT(*) FROM checklist_answers") == 1


def test_a_battery_repeat_must_be_a_positive_number_of_days(ctx: Context) -> None:
    _insert(ctx, BatteryInstrument(definition_id="caregiver-check-in", repeat_days=90))
    for days in (0, -30):
        with pytest.raises(IntegrityError):
            _insert(ctx, BatteryInstrument(definition_id="daily-living", repeat_days=days))
    with pytest.raises(IntegrityError):  # each instrument at most once
        _insert(ctx, BatteryInstrument(definition_id="caregiver-check-in", repeat_days=30))


def test_modifications_made_before_0004_get_their_steps(
    db_target: str, ctx: Context, make_client: MakeClient
) -> None:
    client = make_client()
    command.downgrade(alembic_config(ctx.db), "0003")
    made = datetime(2026, 6, 1, 9, 30, tzinfo=UTC)
    changed = datetime(2026, 8, 20, 15, 0, tzinfo=UTC)
    cases = [  # status, completed_on
        ("recommended", None), ("ordered", None), ("installed", date(2026, 8, 1)),
        ("verified", None), ("declined", None),
    ]
    sqlite = ctx.db.is_sqlite
    with ctx.db.engine.begin() as conn:
        for status, completed in cases:
            conn.execute(text(
                "INSERT INTO home_modifications (client_id, item_key, area, recommendation, "
                "priority, owner, funding_source, status, completed_on, uuid, created_at, "
                "updated_at, created_by_id, updated_by_id, version) VALUES (:c, '', 'bathroom', "
                "'Grab rail', 'routine', 'client', '', :s, :done, :k, :made, :changed, :who, "
                ":who, 1)"
            ), {"c": client.id, "s": status, "done": completed, "who": ctx.actor_id,
                "k": uuid.uuid4().hex if sqlite else uuid.uuid4(),
                "made": made.replace(tzinfo=None) if sqlite else made,
                "changed": changed.replace(tzinfo=None) if sqlite else changed})
    ctx.db.dispose()
    db = open_database(db_target)
    try:
        assert current_revision(db) == head_revision()
        with db.reading() as session:
            steps = session.scalars(
                select(ModificationStep).order_by(ModificationStep.id)).all()
        by_mod: dict[int, list[ModificationStep]] = {}
        for step in steps:
            by_mod.setdefault(step.modification_id, []).append(step)
        got = [[(s.status, s.on_date) for s in rows] for rows in by_mod.values()]
        first = ("recommended", date(2026, 6, 1))
        assert got == [
            [first],
            [first, ("ordered", date(2026, 8, 20))],
            [first, ("installed", date(2026, 8, 1))],  # the day it was completed
            [first, ("verified", date(2026, 8, 20))],  # no completion date: last changed
            [first, ("declined", date(2026, 8, 20))],
        ]
        assert all(s.recorded_by_id == ctx.actor_id for s in steps)
        assert steps[0].recorded_at == made and steps[2].recorded_at == changed
    finally:
        db.dispose()
