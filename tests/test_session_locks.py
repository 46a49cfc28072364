"""Signed family-session notes are read-only in the database itself (migration 0005), on
SQLite and PostgreSQL: raw SQL that changes or removes a signed note, its attendees, its
action items (beyond marking them done) or its signatures is refused; a note awaiting
co-signature may only become signed; signatures and addenda never change. And a care-plan
episode holds one active version at most."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, IntegrityError

from otdesk.db.base import Tracked
from otdesk.db.engine import Database
from otdesk.db.models import (
    CarePlan,
    Episode,
    FamilySession,
    SessionActionItem,
    SessionAddendum,
    SessionAttendee,
    SessionSignature,
)
from otdesk.services import clients
from otdesk.services._records import stamp_new
from otdesk.services.context import Context

MakeClient = Callable[..., clients.ClientDetail]
LOCKED = "signed notes are read-only"
APPEND_ONLY = "signatures and addenda are append-only"
SIGNED_AT = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


def _insert(ctx: Context, row: Tracked) -> int:
    with ctx.db.transaction() as session:
        stamp_new(row, ctx)
        session.add(row)
        session.flush()
        return row.id


def _refused(db: Database, sql: str, message: str = LOCKED, **params: Any) -> None:
    with pytest.raises(DBAPIError) as refused, db.engine.begin() as conn:
        conn.execute(text(sql), params)
    assert message in str(refused.value)


def _run(db: Database, sql: str, **params: Any) -> int:
    with db.engine.begin() as conn:
        return conn.execute(text(sql), params).rowcount


def _scalar(db: Database, sql: str, **params: Any) -> Any:
    with db.engine.connect() as conn:
        return conn.execute(text(sql), params).scalar()


def _note(ctx: Context, client_id: int) -> dict[str, int]:
    """A draft note with an attendee, an action item; its ids by row kind."""
    sid = _insert(ctx, FamilySession(
        client_id=client_id, session_date=date(2026, 11, 20), duration_minutes=45,
        note_format="soap", note_sections={"subjective": "Sleeping better."},
        topics=["sleep"], author_id=ctx.actor_id,
    ))
    return {
        "session": sid,
        "attendee": _insert(ctx, SessionAttendee(session_id=sid, name="Rosa (fictional)",
                                                 role="mother")),
        "action": _insert(ctx, SessionActionItem(session_id=sid, who="Rosa", what="Keep a diary",
                                                 due_date=date(2026, 12, 1))),
    }


def _sign(ctx: Context, ids: dict[str, int], status: str = "signed") -> None:
    assert ctx.actor_id is not None
    ids["signature"] = _insert(ctx, SessionSignature(
        session_id=ids["session"], signer_id=ctx.actor_id, kind="author", signed_at=SIGNED_AT,
        content_hash="a" * 64,
    ))
    assert _run(ctx.db, "UPDATE family_sessions SET status = :s, signed_at = :at, "
                "content_hash = :h WHERE id = :id", s=status, at=SIGNED_AT, h="a" * 64,
                id=ids["session"])


def test_a_signed_note_and_its_rows_refuse_every_change(
    ctx: Context, make_client: MakeClient
) -> None:
    ids = _note(ctx, make_client().id)
    _sign(ctx, ids)
    for sql in (
        "UPDATE family_sessions SET note_sections = '{\"subjective\": \"changed\"}' WHERE id = :s",
        "UPDATE family_sessions SET topics = '[]' WHERE id = :s",
        "UPDATE family_sessions SET status = 'draft' WHERE id = :s",
        "UPDATE family_sessions SET content_hash = '' WHERE id = :s",
        "DELETE FROM family_sessions WHERE id = :s",
        "UPDATE session_attendees SET name = 'Someone else' WHERE session_id = :s",
        "DELETE FROM session_attendees WHERE session_id = :s",
        "UPDATE session_action_items SET what = 'Something else' WHERE session_id = :s",
        "UPDATE session_action_items SET due_date = NULL WHERE session_id = :s",
        "DELETE FROM session_action_items WHERE session_id = :s",
    ):
        _refused(ctx.db, sql, s=ids["session"])
    for late in (SessionAttendee(session_id=ids["session"], name="Late", role=""),
                 SessionActionItem(session_id=ids["session"], who="Rosa", what="More")):
        with pytest.raises(DBAPIError) as refused:
            _insert(ctx, late)
        assert LOCKED in str(refused.value)
    for sql in (
        "UPDATE session_signatures SET content_hash = 'b' WHERE session_id = :s",
        "DELETE FROM session_signatures WHERE session_id = :s",
    ):
        _refused(ctx.db, sql, APPEND_ONLY, s=ids["session"])
    assert _scalar(ctx.db, "SELECT note_sections FROM family_sessions WHERE id = :s",
                   s=ids["session"]) in ('{"subjective": "Sleeping better."}',
                                         {"subjective": "Sleeping better."})
    # Whether the agreed action got done is tracked after signing.
    assert _run(ctx.db, "UPDATE session_action_items SET done = :t, done_on = :d, "
                "version = version + 1 WHERE id = :a", t=True, d=date(2026, 11, 30),
                a=ids["action"]) == 1


def test_a_draft_note_is_edited_and_removed_freely(ctx: Context, make_client: MakeClient) -> None:
    ids = _note(ctx, make_client().id)
    assert _run(ctx.db, "UPDATE family_sessions SET topics = '[]' WHERE id = :s", s=ids["session"])
    assert _run(ctx.db, "UPDATE session_action_items SET what = 'Walk' WHERE id = :a",
                a=ids["action"])
    assert _run(ctx.db, "DELETE FROM family_sessions WHERE id = :s", s=ids["session"]) == 1
    assert _scalar(ctx.db, "SELECT COUNT(*) FROM session_attendees") == 0


def test_a_note_awaiting_cosignature_may_only_become_signed(
    ctx: Context, make_client: MakeClient
) -> None:
    ids = _note(ctx, make_client().id)
    _sign(ctx, ids, status="awaiting_cosignature")
    _refused(ctx.db, "UPDATE family_sessions SET note_sections = '{}' WHERE id = :s",
             s=ids["session"])
    _refused(ctx.db, "UPDATE family_sessions SET status = 'signed', topics = '[]' WHERE id = :s",
             s=ids["session"])
    _refused(ctx.db, "UPDATE family_sessions SET status = 'draft' WHERE id = :s",
             s=ids["session"])
    _refused(ctx.db, "DELETE FROM session_attendees WHERE id = :a", a=ids["attendee"])
    assert ctx.actor_id is not None
    _insert(ctx, SessionSignature(session_id=ids["session"], signer_id=ctx.actor_id,
                                  kind="cosigner", signed_at=SIGNED_AT, content_hash="c" * 64))
    assert _run(ctx.db, "UPDATE family_sessions SET status = 'signed', version = version + 1 "
                "WHERE id = :s", s=ids["session"]) == 1
    # Once signed, no further signature is added.
    with pytest.raises(DBAPIError) as refused:
        _insert(ctx, SessionSignature(session_id=ids["session"], signer_id=ctx.actor_id,
                                      kind="cosigner", signed_at=SIGNED_AT, content_hash="d"))
    assert LOCKED in str(refused.value)


def test_addenda_are_appended_and_never_changed(ctx: Context, make_client: MakeClient) -> None:
    ids = _note(ctx, make_client().id)
    _sign(ctx, ids)
    assert ctx.actor_id is not None
    first = _insert(ctx, SessionAddendum(session_id=ids["session"], author_id=ctx.actor_id,
                                         reason="Date", text="The session was on Thursday."))
    _insert(ctx, SessionAddendum(session_id=ids["session"], author_id=ctx.actor_id,
                                 reason="Name", text="Rosa is the aunt."))
    _refused(ctx.db, "UPDATE session_addenda SET text = 'x' WHERE id = :a", APPEND_ONLY, a=first)
    _refused(ctx.db, "DELETE FROM session_addenda WHERE id = :a", APPEND_ONLY, a=first)
    assert _scalar(ctx.db, "SELECT COUNT(*) FROM session_addenda") == 2


def test_a_client_holding_signed_notes_cannot_be_deleted(
    ctx: Context, make_client: MakeClient
) -> None:
    client = make_client()
    ids = _note(ctx, client.id)
    _sign(ctx, ids)
    with pytest.raises(DBAPIError):
        _run(ctx.db, "DELETE FROM clients WHERE id = :c", c=client.id)
    assert _scalar(ctx.db, "SELECT COUNT(*) FROM family_sessions") == 1


@pytest.mark.engines("postgresql")  # SQLite has no TRUNCATE
def test_truncate_is_refused_while_signed_notes_exist(
    ctx: Context, make_client: MakeClient
) -> None:
    ids = _note(ctx, make_client().id)
    _sign(ctx, ids)
    for table in ("family_sessions", "session_attendees", "session_signatures"):
        _refused(ctx.db, f"TRUNCATE {table} CASCADE")


def test_an_episode_has_one_active_care_plan_at_most(
    ctx: Context, make_client: MakeClient
) -> None:
    client = make_client()
    episode = _scalar(ctx.db, "SELECT id FROM episodes WHERE client_id = :c", c=client.id)
    if episode is None:
        episode = _insert(ctx, Episode(client_id=client.id, referral_date=date(2026, 1, 5)))
    first = _insert(ctx, CarePlan(client_id=client.id, episode_id=episode, plan_version=1,
                                  status="active"))
    with pytest.raises(IntegrityError):
        _insert(ctx, CarePlan(client_id=client.id, episode_id=episode, plan_version=2,
                              status="active"))
    second = _insert(ctx, CarePlan(client_id=client.id, episode_id=episode, plan_version=2,
                                   status="draft", based_on_id=first))
    assert _run(ctx.db, "UPDATE care_plans SET status = 'superseded' WHERE id = :p", p=first)
    assert _run(ctx.db, "UPDATE care_plans SET status = 'active' WHERE id = :p", p=second)
