"""``otdesk sessions list REF`` and ``otdesk sessions show ID``: a client's family sessions as a
table or JSON, and one note with its sections, attendees, action items, signatures and
addenda."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from test_cli import Run, otdesk  # noqa: F401  (the fixture that runs otdesk)

from otdesk.db.engine import open_database
from otdesk.services import clients, family_sessions, session_signing, staff
from otdesk.services.context import Context


@pytest.fixture
def clinic(db_path: Path) -> tuple[Path, int, int]:
    """A client with a signed SOAP note (with an addendum) and a later draft."""
    db = open_database(db_path)
    try:
        ctx = Context(db).acting_as(staff.ensure_administrator(Context(db)).id)
        ana = clients.create_client(ctx, record_number="FS-1", given_name="Ana",
                                    family_name="Quill", date_of_birth="1970-05-05",
                                    preferred_language="en", status="active")
        note = family_sessions.create_session(
            ctx, client_id=ana.id, session_date=date(2026, 11, 3), start_time="10:15",
            mode="home", note_format="soap", consent_confirmed=True, topics=["sleep_routine"],
            note_sections={"subjective": "Ana says nights are calmer.", "plan": "Diary."})
        note = family_sessions.add_attendee(ctx, session_id=note.id,
                                            expected_version=note.version, client=True)
        note = family_sessions.add_action_item(ctx, session_id=note.id,
                                               expected_version=note.version, who="Ana",
                                               what="Keep a sleep diary",
                                               due_date=date(2026, 11, 17))
        session_signing.sign(ctx, session_id=note.id, expected_version=note.version)
        session_signing.add_addendum(ctx, session_id=note.id, reason="Time",
                                     text="The visit began at 10:30.")
        draft = family_sessions.create_session(ctx, client_id=ana.id,
                                               session_date=date(2026, 11, 10))
    finally:
        db.dispose()
    return db_path, note.id, draft.id


def test_a_clients_sessions_listed(otdesk: Run, clinic: tuple[Path, int, int]) -> None:  # noqa: F811
    path, signed, draft = clinic
    shown = otdesk("--db", path, "sessions", "list", "FS-1", "--json")
    assert shown.returncode == 0, shown.stderr
    data = json.loads(shown.stdout)
    assert [(s["id"], s["status"], s["addenda"]) for s in data] == [
        (draft, "draft", 0), (signed, "signed", 1)]
    assert data[1]["start_time"] == "10:15" and data[1]["topics"] == ["sleep_routine"]
    table = otdesk("--db", path, "sessions", "list", "FS-1").stdout
    assert "Signed" in table and "Draft" in table and "SOAP" in table


def test_one_session_shown(otdesk: Run, clinic: tuple[Path, int, int]) -> None:  # noqa: F811
    path, signed, _draft = clinic
    text = otdesk("--db", path, "sessions", "show", str(signed))
    assert text.returncode == 0, text.stderr
    out = text.stdout
    assert "Subjective" in out and "Ana says nights are calmer." in out
    assert "Topics: Sleep" in out and "Keep a sleep diary" in out
    assert "Addendum by" in out and "The visit began at 10:30." in out
    data = json.loads(otdesk("--db", path, "sessions", "show", str(signed), "--json").stdout)
    assert data["status"] == "signed" and len(data["content_hash"]) == 64
    assert [a["reason"] for a in data["addenda"]] == ["Time"]
    assert [s["kind"] for s in data["signatures"]] == ["author"]
    spanish = otdesk("--db", path, "sessions", "show", str(signed), env={"LANGUAGE": "es"})
    assert "Subjetivo" in spanish.stdout


def test_an_unknown_session_is_one_error_line(
    otdesk: Run, clinic: tuple[Path, int, int]  # noqa: F811
) -> None:
    result = otdesk("--db", clinic[0], "sessions", "show", "9999")
    assert result.returncode == 1
    assert result.stderr.startswith("otdesk: ") and "9999" in result.stderr
