"""Family-session notes on both engines: a draft is written and changed, signed by its author,
and from then on every way of changing it fails (the services, and raw SQL against the
database); addenda are appended in order; an assistant's note waits for an OT's co-signature;
``verify`` names a note whose text was changed behind the triggers' back."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from otdesk.domain.errors import ConflictError, PermissionDeniedError, ValidationError
from otdesk.domain.session_notes import CatalogueError, NoteLockedError
from otdesk.domain.vocab import NoteFormat, SessionStatus, SignatureKind
from otdesk.services import (
    clients,
    family_members,
    family_sessions,
    integrity,
    session_catalogues,
    session_signing,
    staff,
)
from otdesk.services.context import Context
from otdesk.services.family_sessions import SessionInfo

MakeClient = Callable[..., clients.ClientDetail]


@pytest.fixture
def as_ot(ctx: Context, ot: staff.StaffMember) -> Context:
    return ctx.acting_as(ot.id)


@pytest.fixture
def assistant(ctx: Context) -> Context:
    helper = staff.create_staff(ctx, username="ota.test", given_name="Ari",
                                family_name="Example-OTA", role="ot_assistant")
    return ctx.acting_as(helper.id)


def _draft(ctx: Context, client_id: int, **extra: Any) -> SessionInfo:
    values: dict[str, Any] = {
        "session_date": date(2026, 11, 20), "start_time": "14:30", "duration_minutes": 45,
        "mode": "home", "note_format": "soap", "consent_confirmed": True,
        "note_sections": {"subjective": "Sleeping better since the new routine.",
                          "plan": "Review the relapse plan next visit."},
        "topics": ["sleep_routine", "early_warning_signs"],
    }
    values.update(extra)
    note = family_sessions.create_session(ctx, client_id=client_id, **values)
    note = family_sessions.add_attendee(ctx, session_id=note.id, expected_version=note.version,
                                        client=True)
    return family_sessions.add_action_item(
        ctx, session_id=note.id, expected_version=note.version, who="Rosa",
        what="Keep a sleep diary", due_date=date(2026, 12, 1))


def test_a_draft_is_written_with_attendees_topics_and_action_items(
    as_ot: Context, make_client: MakeClient
) -> None:
    client = make_client(given_name="Lena")
    member = family_members.add_family_member(
        as_ot, client_id=client.id, given_name="Rosa", family_name="Example",
        relationship_to_client="mother")
    note = _draft(as_ot, client.id)
    note = family_sessions.add_attendee(as_ot, session_id=note.id,
                                        expected_version=note.version,
                                        family_member_id=member.id)
    assert note.status is SessionStatus.DRAFT and not note.locked
    assert note.start_time == time(14, 30)
    assert note.topics == ("sleep_routine", "early_warning_signs")
    assert [(a.name.split()[0], a.role, a.is_client) for a in note.attendees] == [
        ("Lena", "client", True), ("Rosa", "mother", False)]
    assert [i.what for i in note.action_items] == ["Keep a sleep diary"]
    changed = family_sessions.update_session(
        as_ot, session_id=note.id, expected_version=note.version, topics=["sleep_routine"])
    assert changed.topics == ("sleep_routine",) and changed.version > note.version
    with pytest.raises(ConflictError):  # a stale copy
        family_sessions.update_session(as_ot, session_id=note.id,
                                       expected_version=note.version, duration_minutes=30)
    lines = family_sessions.list_sessions(as_ot, client_id=client.id)
    assert [line.id for line in lines] == [note.id]


def test_attendees_and_action_items_come_off_a_draft_and_only_their_own(
    as_ot: Context, make_client: MakeClient
) -> None:
    note = _draft(as_ot, make_client().id)
    other = _draft(as_ot, make_client().id)
    with pytest.raises(ValidationError) as refused:  # another note's action item
        family_sessions.remove_action_item(as_ot, session_id=note.id,
                                           expected_version=note.version,
                                           item_id=other.action_items[0].id)
    assert refused.value.errors[0].field == "item_id"
    note = family_sessions.remove_action_item(as_ot, session_id=note.id,
                                              expected_version=note.version,
                                              item_id=note.action_items[0].id)
    note = family_sessions.remove_attendee(as_ot, session_id=note.id,
                                           expected_version=note.version,
                                           attendee_id=note.attendees[0].id)
    assert note.action_items == () and note.attendees == ()
    assert len(family_sessions.get_session(as_ot, session_id=other.id).action_items) == 1


@pytest.mark.parametrize(("field", "value", "named"), [
    ("topics", ["astrology"], "topics"),
    ("note_sections", {"data": "DAP's section on a SOAP note"}, "note_sections"),
    ("start_time", "25:00", "start_time"),
    ("duration_minutes", 0, "duration_minutes"),
])
def test_bad_values_are_refused_naming_the_field(
    as_ot: Context, make_client: MakeClient, field: str, value: object, named: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        _draft(as_ot, make_client().id, **{field: value})
    assert refused.value.for_field(named)


def test_a_signed_note_refuses_every_change(
    as_ot: Context, make_client: MakeClient
) -> None:
    note = _draft(as_ot, make_client().id)
    signed = session_signing.sign(as_ot, session_id=note.id, expected_version=note.version)
    assert signed.status is SessionStatus.SIGNED and signed.signed_at is not None
    assert len(signed.content_hash) == 64
    assert [(s.kind, s.content_hash) for s in signed.signatures] == [
        (SignatureKind.AUTHOR, signed.content_hash)]
    v, sid = signed.version, signed.id
    attempts: list[Callable[[], object]] = [
        lambda: family_sessions.update_session(as_ot, session_id=sid, expected_version=v,
                                               note_sections={"plan": "rewritten"}),
        lambda: family_sessions.add_attendee(as_ot, session_id=sid, expected_version=v,
                                             name="Late arrival"),
        lambda: family_sessions.remove_attendee(as_ot, session_id=sid, expected_version=v,
                                                attendee_id=signed.attendees[0].id),
        lambda: family_sessions.add_action_item(as_ot, session_id=sid, expected_version=v,
                                                who="Rosa", what="More"),
        lambda: family_sessions.remove_draft(as_ot, session_id=sid, expected_version=v),
        lambda: session_signing.sign(as_ot, session_id=sid, expected_version=v),
    ]
    for attempt in attempts:
        with pytest.raises(NoteLockedError) as refused:
            attempt()
        assert "addendum" in str(refused.value)
    for sql in ("UPDATE family_sessions SET note_sections = '{}' WHERE id = :s",
                "DELETE FROM family_sessions WHERE id = :s",
                "UPDATE session_attendees SET name = 'x' WHERE session_id = :s",
                "DELETE FROM session_action_items WHERE session_id = :s"):
        with pytest.raises(DBAPIError), as_ot.db.engine.begin() as conn:
            conn.execute(text(sql), {"s": sid})
    again = family_sessions.get_session(as_ot, session_id=sid)
    assert again.note_sections == signed.note_sections and again.version == v
    # What was agreed stays; whether it got done is recorded afterwards.
    item = again.action_items[0]
    done = family_sessions.mark_action_item(as_ot, item_id=item.id,
                                            expected_version=item.version)
    assert done.done and done.done_on == as_ot.today()
    assert all(r.ok for r in integrity.verify(as_ot.db))


def test_only_the_author_signs_and_only_with_consent_confirmed(
    ctx: Context, as_ot: Context, make_client: MakeClient
) -> None:
    note = _draft(as_ot, make_client().id, consent_confirmed=False)
    with pytest.raises(PermissionDeniedError):
        session_signing.sign(ctx, session_id=note.id, expected_version=note.version)
    with pytest.raises(ValidationError) as refused:
        session_signing.sign(as_ot, session_id=note.id, expected_version=note.version)
    assert refused.value.for_field("consent_confirmed")
    assert family_sessions.get_session(as_ot, session_id=note.id).status is SessionStatus.DRAFT


def test_addenda_are_appended_in_order_and_only_to_signed_notes(
    as_ot: Context, make_client: MakeClient
) -> None:
    note = _draft(as_ot, make_client().id)
    with pytest.raises(NoteLockedError):
        session_signing.add_addendum(as_ot, session_id=note.id, reason="x", text="y")
    session_signing.sign(as_ot, session_id=note.id, expected_version=note.version)
    session_signing.add_addendum(as_ot, session_id=note.id, reason="Wrong day",
                                 text="The visit was on Thursday.")
    after = session_signing.add_addendum(as_ot, session_id=note.id, reason="Name",
                                         text="Rosa is the client's aunt.")
    assert [(a.reason, a.author_name) for a in after.addenda] == [
        ("Wrong day", "Tess Example-OT"), ("Name", "Tess Example-OT")]
    with pytest.raises(ValidationError):
        session_signing.add_addendum(as_ot, session_id=note.id, reason="", text="No reason")
    with pytest.raises(DBAPIError), as_ot.db.engine.begin() as conn:
        conn.execute(text("UPDATE session_addenda SET text = 'x' WHERE session_id = :s"),
                     {"s": note.id})
    assert all(r.ok for r in integrity.verify(as_ot.db))


def test_an_assistants_note_waits_for_an_ots_cosignature(
    as_ot: Context, assistant: Context, make_client: MakeClient
) -> None:
    note = _draft(assistant, make_client().id)
    waiting = session_signing.sign(assistant, session_id=note.id, expected_version=note.version)
    assert waiting.status is SessionStatus.AWAITING_COSIGNATURE and waiting.needs_cosign
    assert waiting.locked
    with pytest.raises(NoteLockedError):
        family_sessions.update_session(assistant, session_id=note.id,
                                       expected_version=waiting.version, duration_minutes=30)
    with pytest.raises(PermissionDeniedError):  # an assistant cannot co-sign
        session_signing.cosign(assistant, session_id=note.id, expected_version=waiting.version)
    signed = session_signing.cosign(as_ot, session_id=note.id, expected_version=waiting.version)
    assert signed.status is SessionStatus.SIGNED
    assert [s.kind for s in signed.signatures] == [SignatureKind.AUTHOR, SignatureKind.COSIGNER]
    assert signed.content_hash == waiting.content_hash  # the content did not change
    with pytest.raises(ValidationError):
        session_signing.cosign(as_ot, session_id=note.id, expected_version=signed.version)
    assert all(r.ok for r in integrity.verify(as_ot.db))


def _drop_locks(ctx: Context) -> None:
    with ctx.db.engine.begin() as conn:
        if ctx.db.is_sqlite:
            names = conn.execute(text(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE 'family_sessions_signed_%'")).scalars().all()
            for name in names:
                conn.execute(text(f"DROP TRIGGER {name}"))
        else:
            conn.execute(text(
                "DROP TRIGGER family_sessions_signed_locked ON family_sessions"))


def test_verify_names_a_signed_note_changed_behind_the_triggers(
    as_ot: Context, make_client: MakeClient
) -> None:
    client = make_client()
    kept = _draft(as_ot, client.id)
    session_signing.sign(as_ot, session_id=kept.id, expected_version=kept.version)
    note = _draft(as_ot, client.id, session_date=date(2026, 11, 22))
    session_signing.sign(as_ot, session_id=note.id, expected_version=note.version)
    _drop_locks(as_ot)
    with as_ot.db.engine.begin() as conn:
        conn.execute(text("UPDATE family_sessions SET note_sections = :n WHERE id = :s"),
                     {"n": '{"subjective": "Rewritten later.", "plan": ""}', "s": note.id})
    [result] = [r for r in integrity.verify(as_ot.db) if r.name.startswith("signed family")]
    assert not result.ok
    assert f"family session {note.id} ({client.record_number}, 2026-11-22)" in result.detail
    assert f"family session {kept.id} " not in result.detail


def test_the_catalogue_and_templates_carry_three_languages() -> None:
    codes = [t.code for t in session_catalogues.topics()]
    assert {"early_warning_signs", "crisis_contacts", "caregiver_self_care"} <= set(codes)
    assert len(codes) == 9
    soap = session_catalogues.template(NoteFormat.SOAP)
    assert soap.keys == ("subjective", "objective", "assessment", "plan")
    assert soap.sections[0].title("es") == "Subjetivo"
    assert soap.sections[0].title("fr") == "Subjectif"


def test_a_clinic_adds_topics_and_a_bad_file_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    extra = tmp_path / "session_topics.json"
    monkeypatch.setenv(session_catalogues.TOPICS_ENV, str(extra))
    extra.write_text('{"format": "otdesk-session-topics", "topics": ['
                     '{"code": "housing", "label": {"en": "Housing"}}]}', encoding="utf-8")
    try:
        assert session_catalogues.reload_topics()[-1].label("es") == "Housing"
        extra.write_text('{"format": "otdesk-session-topics", "topics": ['
                         '{"code": "Housing!", "label": {"en": "Housing"}}]}', encoding="utf-8")
        with pytest.raises(CatalogueError) as refused:
            session_catalogues.reload_topics()
        assert str(extra) in str(refused.value) and "topic 1" in str(refused.value)
    finally:
        monkeypatch.delenv(session_catalogues.TOPICS_ENV)
        session_catalogues.reload_topics()
