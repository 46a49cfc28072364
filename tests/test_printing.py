"""The printing registry on both engines: documents are found by kind; every print leaves
one audit event whose id is the printed-copy number on each page; copy numbers increase;
a number leads back to who printed what; a preview records nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from pdf_text import page_texts, qpdf_check, tools_missing
from sqlalchemy import func, select

from otdesk.db.models import AuditEvent
from otdesk.domain.errors import NotFoundError, ValidationError
from otdesk.services import clients, family_sessions, printing, session_signing
from otdesk.services.context import Context

pytestmark = pytest.mark.skipif(tools_missing() is not None, reason=str(tools_missing()))


@pytest.fixture
def signed_note(ctx: Context, make_client: Callable[..., clients.ClientDetail]) -> int:
    ana = make_client(given_name="Ana", family_name="Quill", date_of_birth=date(1970, 5, 5))
    note = family_sessions.create_session(
        ctx, client_id=ana.id, session_date=date(2026, 11, 3), start_time="10:15",
        mode="home", note_format="soap", consent_confirmed=True, topics=["sleep_routine"],
        note_sections={"subjective": "Nights are calmer <b>&</b> shorter.",
                       "plan": "Keep a sleep diary."})
    note = session_signing.sign(ctx, session_id=note.id, expected_version=note.version)
    session_signing.add_addendum(ctx, session_id=note.id, reason="Time",
                                 text="The visit began at 10:30.")
    return note.id


def _prints(ctx: Context) -> list[AuditEvent]:
    with ctx.db.reading() as session:
        return list(session.scalars(select(AuditEvent).where(AuditEvent.action == "print")
                                    .order_by(AuditEvent.id)))


def test_the_registry_finds_each_document_by_kind() -> None:
    kinds = printing.documents()
    assert {"careplan", "handout", "session"} <= set(kinds)
    assert kinds["session"].label == "Family session note"
    with pytest.raises(ValidationError, match="no printable document nonsense"):
        printing.document("nonsense")


def test_a_print_is_audited_with_its_copy_number(ctx: Context, signed_note: int,
                                                 tmp_path: Path) -> None:
    first = printing.render(ctx, "session", str(signed_note), target="note.pdf")
    second = printing.render(ctx, "session", str(signed_note))
    assert first.copy_number is not None and second.copy_number is not None
    assert second.copy_number > first.copy_number
    events = _prints(ctx)
    assert [e.id for e in events] == [first.copy_number, second.copy_number]
    event = events[0]
    assert event.actor_id == ctx.actor_id and event.entity_type == "family session"
    assert event.entity_id == signed_note and event.client_id == first.client_id
    assert event.changes["document"] == [None, "session"]
    assert event.changes["target"] == [None, "note.pdf"]
    assert event.changes["version"][1] >= 1
    pages = page_texts(first.pdf_bytes, tmp_path)
    assert all(f"Copy no. {first.copy_number}" in p for p in pages)
    text = "\n".join(pages)
    assert "Nights are calmer <b>&</b> shorter." in text
    assert "The visit began at 10:30." in text and "Addendum by" in text
    qpdf_check(first.pdf_bytes, tmp_path)


def test_a_copy_number_leads_back_to_its_print(ctx: Context, signed_note: int) -> None:
    done = printing.render(ctx, "session", str(signed_note), target="note.pdf")
    assert done.copy_number is not None
    found = printing.lookup_copy(ctx, copy_number=done.copy_number)
    assert (found.kind, found.record_id, found.client_id) == ("session", signed_note,
                                                               done.client_id)
    assert found.printed_by == "Clinic Administrator" or found.printed_by
    assert found.target == "note.pdf" and found.language == "en"
    with pytest.raises(NotFoundError, match="No printed copy numbered 1 was found"):
        printing.lookup_copy(ctx, copy_number=1)  # the first event is not a print


def test_a_preview_records_nothing(ctx: Context, signed_note: int, tmp_path: Path) -> None:
    with ctx.db.reading() as session:
        before = session.scalar(select(func.count(AuditEvent.id)))
    preview = printing.render(ctx, "session", str(signed_note), record=False)
    assert preview.copy_number is None
    with ctx.db.reading() as session:
        assert session.scalar(select(func.count(AuditEvent.id))) == before
    (text, *_rest) = page_texts(preview.pdf_bytes, tmp_path)
    assert "Preview, not a recorded copy" in text


def test_a_bad_reference_is_named(ctx: Context) -> None:
    with pytest.raises(ValidationError, match="x1 is not a family session's id"):
        printing.render(ctx, "session", "x1")
    with pytest.raises(NotFoundError):
        printing.render(ctx, "session", "999999")
    assert _prints(ctx) == []
