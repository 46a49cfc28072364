"""The Family sessions tab: a SOAP note written from the keyboard, saved, signed and locked,
an addendum added; a student's note co-signed by an OT; the dashboard's lines opening the
session they name; the format switch keeping typed text; typing kept across a crash; the
models."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from otdesk.domain.records import RecordKind
from otdesk.domain.vocab import SessionStatus
from otdesk.services import dashboard, family_members, family_sessions, session_signing, staff
from otdesk.services.clients import ClientDetail
from otdesk.services.context import Context
from otdesk.ui.client_record.tabs.family_sessions import FamilySessionsTab
from otdesk.ui.client_record.workspace import ClientWorkspace
from otdesk.ui.family_sessions.editor import SessionEditor
from otdesk.ui.family_sessions.models import ActionItemsModel, SessionsModel
from otdesk.ui.shell.app_context import AppContext
from otdesk.ui.shell.main_window import MainWindow

Answer = QMessageBox.StandardButton
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Questions answer ``state["answer"]`` (Yes) and are recorded; warnings too."""
    state: dict[str, Any] = {"answer": Answer.Yes, "asked": [], "warned": []}

    def question(parent: object, title: str, text: str, *a: object, **k: object) -> Any:
        state["asked"].append((title, text))
        return state["answer"]

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(
        lambda p, t, text, *a, **k: state["warned"].append(text)))
    monkeypatch.setattr("otdesk.ui.editing.drafts_ui.ask_restore", lambda parent, info: True)
    return state


@pytest.fixture
def client(make_client: Callable[..., ClientDetail]) -> ClientDetail:
    return make_client(given_name="Mara", family_name="Quill", consent_family=True)


def _workspace(qtbot: QtBot, app: AppContext, client_id: int) -> ClientWorkspace:
    w = ClientWorkspace(app, client_id)
    qtbot.addWidget(w)
    w.resize(1280, 900)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    return w


def _tab(qtbot: QtBot, w: ClientWorkspace) -> FamilySessionsTab:
    w.show_record(RecordKind.FAMILY_SESSION, 0)  # the tab, as a link to a session opens it
    found = w.tab("family_sessions")
    assert isinstance(found, FamilySessionsTab)
    qtbot.waitUntil(found.isVisible)  # a tab built on first showing is shown by the loop
    return found


def _focus(qtbot: QtBot, widget: QWidget) -> QWidget:
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    return widget


def _typed(qtbot: QtBot, text: str) -> None:
    """Type into whatever has the keyboard focus."""
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClicks(widget, text)


def _key(qtbot: QtBot, key: Qt.Key,
         modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """Press a key in whatever has the keyboard focus."""
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, key, modifier)


def test_a_soap_note_written_from_the_keyboard_is_signed_locked_and_amended(
        qtbot: QtBot, app_ctx: AppContext, ctx: Context, client: ClientDetail,
        boxes: dict[str, Any]) -> None:
    mother = family_members.add_family_member(
        ctx, client_id=client.id, given_name="Ines", family_name="Quill",
        relationship_to_client="mother")
    tab = _tab(qtbot, _workspace(qtbot, app_ctx, client.id))
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    editor = tab.editor
    assert isinstance(editor, SessionEditor)
    qtbot.waitUntil(editor.date_field.edit.hasFocus)  # a keyboard user starts at the date

    _key(qtbot, Qt.Key.Key_A, CTRL)
    _typed(qtbot, "2026-11-20")
    _key(qtbot, Qt.Key.Key_Tab)
    assert editor.time_edit.hasFocus()
    _typed(qtbot, "14:30")
    _key(qtbot, Qt.Key.Key_Tab)
    assert editor.length.hasFocus()
    _key(qtbot, Qt.Key.Key_A, CTRL)
    _typed(qtbot, "45")
    _key(qtbot, Qt.Key.Key_Tab)
    assert editor.mode.hasFocus()
    _key(qtbot, Qt.Key.Key_Down)  # clinic -> home visit
    _key(qtbot, Qt.Key.Key_Tab)
    assert editor.consent.hasFocus()
    _key(qtbot, Qt.Key.Key_Space)
    assert editor.consent.isChecked()

    _focus(qtbot, editor.note.format_choice)
    _key(qtbot, Qt.Key.Key_Up)  # DAP -> SOAP
    assert list(editor.note.fields) == ["subjective", "objective", "assessment", "plan"]
    _key(qtbot, Qt.Key.Key_Tab)
    for key, text in (("subjective", "Mother says mornings are rushed."),
                      ("objective", "Ines cued each step without doing it."),
                      ("assessment", "Cueing works; pacing still hard."),
                      ("plan", "Practise the morning list daily.")):
        assert editor.note.fields[key].hasFocus()  # Tab goes from section to section
        _typed(qtbot, text)
        _key(qtbot, Qt.Key.Key_Tab)
    assert editor.has_unsaved_changes()
    _focus(qtbot, editor.note.fields["plan"])
    _key(qtbot, Qt.Key.Key_S, CTRL)
    assert not editor.has_unsaved_changes()
    stored = family_sessions.get_session(ctx, session_id=editor.info.id)
    assert stored.note_format.value == "soap"
    assert stored.note_sections["objective"] == "Ines cued each step without doing it."
    assert (stored.session_date, stored.start_time.strftime("%H:%M") if stored.start_time
            else None, stored.duration_minutes, stored.mode.value, stored.consent_confirmed) == (
        date(2026, 11, 20), "14:30", 45, "home", True)

    # The mother, picked from the family list with her relationship; then an action item.
    editor.attendees.choice.setCurrentIndex(editor.attendees.choice.findText(
        "Ines Quill (mother)"))
    _focus(qtbot, editor.attendees.choice)
    _key(qtbot, Qt.Key.Key_Tab)  # past the disabled name box, to Add attendee
    assert editor.attendees.add_button.hasFocus()
    _key(qtbot, Qt.Key.Key_Space)
    _focus(qtbot, editor.action_items.who)
    _typed(qtbot, "Ines")
    _key(qtbot, Qt.Key.Key_Tab)
    _typed(qtbot, "Put the morning list on the fridge")
    _key(qtbot, Qt.Key.Key_Return)
    info = family_sessions.get_session(ctx, session_id=editor.info.id)
    assert [(a.family_member_id, a.role) for a in info.attendees] == [(mother.id, "mother")]
    assert [(i.who, i.what) for i in info.action_items] == [
        ("Ines", "Put the morning list on the fridge")]
    assert "Ines Quill — mother" in editor.attendees.list.item(0).text()

    _focus(qtbot, editor.note.fields["plan"])
    _key(qtbot, Qt.Key.Key_Return, CTRL)  # Sign, from the keyboard
    title, text = boxes["asked"][-1]
    assert title == "Sign this note?" and "cannot be changed" in text
    assert editor.info.status is SessionStatus.SIGNED
    # Locked: every field read-only, Sign and Save gone, the banner says who and when.
    assert all(e.isReadOnly() for e in editor.note.fields.values())
    assert editor.date_field.edit.isReadOnly() and editor.handouts.isReadOnly()
    assert not editor.consent.isEnabled() and not editor.note.format_choice.isEnabled()
    assert editor.sign_button.isHidden() and editor.save_button.isHidden()
    assert editor.attendees.add_button.isHidden()
    assert not editor.banner.isHidden()
    assert "locked; corrections are addenda" in editor.banner.text()
    assert editor.info.content_hash[:12] in editor.banner.text()
    assert not editor.addendum_button.isHidden()

    # Done can still be ticked on a signed note (and undone).
    editor.action_items.table.selectRow(0)
    qtbot.mouseClick(editor.action_items.done_button, Qt.MouseButton.LeftButton)
    assert family_sessions.get_session(ctx, session_id=editor.info.id).action_items[0].done
    tab.tc.undo_stack.undo()
    assert not family_sessions.get_session(ctx, session_id=editor.info.id).action_items[0].done

    for reason, words in (("Detail left out", "Ines also set a timer."),
                          ("Wrong step", "The list has five steps, not four.")):
        dialog = editor.add_addendum()
        qtbot.waitExposed(dialog)
        dialog.buttons.accepted.emit()  # nothing typed: both are required
        assert "reason" in dialog.problem.text() and "text" in dialog.problem.text()
        _focus(qtbot, dialog.reason)
        _typed(qtbot, reason)
        _key(qtbot, Qt.Key.Key_Tab)
        _typed(qtbot, words)
        assert dialog.submit()
    cards = [c.text() for c in editor.addenda.cards]
    assert len(cards) == 2
    assert "Addendum 1" in cards[0] and "Detail left out" in cards[0]
    assert "Addendum 2" in cards[1] and "five steps" in cards[1]
    assert session_signing.tampered(ctx.db) == []


def test_a_students_note_awaits_an_ot_who_co_signs_it(
        qtbot: QtBot, app_ctx: AppContext, ctx: Context, client: ClientDetail,
        boxes: dict[str, Any]) -> None:
    student = staff.create_staff(ctx, username="st.lee", given_name="Sam", family_name="Lee",
                                 role="student")
    ot = staff.create_staff(ctx, username="ot.ng", given_name="Oona", family_name="Ng",
                            role="ot")
    as_student = replace(app_ctx, services=app_ctx.services.acting_as(student.id))
    tab = _tab(qtbot, _workspace(qtbot, as_student, client.id))
    editor = tab.new_session()
    assert editor is not None
    editor.consent.setChecked(True)
    editor.note.fields["data"].setPlainText("Talked through the relapse plan.")
    assert editor.sign()
    assert "co-signature" in boxes["asked"][-1][1]  # the student is told it waits
    assert editor.info.status is SessionStatus.AWAITING_COSIGNATURE
    assert "awaiting" in editor.banner.text() and "locked" in editor.banner.text()
    assert editor.cosign_button.isHidden()  # a student cannot co-sign
    assert "Awaiting co-signature" in tab.model.index(0, 5).data()

    as_ot = replace(app_ctx, services=app_ctx.services.acting_as(ot.id))
    ot_tab = _tab(qtbot, _workspace(qtbot, as_ot, client.id))
    ot_tab.show_record(RecordKind.FAMILY_SESSION, editor.info.id)
    opened = ot_tab.editor
    assert opened is not None and not opened.cosign_button.isHidden()
    qtbot.mouseClick(opened.cosign_button, Qt.MouseButton.LeftButton)
    assert opened.info.status is SessionStatus.SIGNED
    assert opened.cosign_button.isHidden()
    assert "Co-signed by Oona Ng" in opened.signatures.text()
    assert "✓ Signed" in ot_tab.model.index(0, 5).data()


def test_each_dashboard_line_opens_the_session_it_names(
        qtbot: QtBot, app_ctx: AppContext, ctx: Context, client: ClientDetail,
        boxes: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    student = staff.create_staff(ctx, username="st.kim", given_name="Kit", family_name="Kim",
                                 role="student")
    sctx = ctx.acting_as(student.id)
    note = {"consent_confirmed": True, "note_format": "dap", "note_sections": {"data": "x"}}
    unsigned = family_sessions.create_session(ctx, client_id=client.id,
                                              session_date=date(2026, 10, 1))
    waiting = family_sessions.create_session(sctx, client_id=client.id,
                                             session_date=date(2026, 10, 2), **note)
    session_signing.sign(sctx, session_id=waiting.id, expected_version=waiting.version)
    with_item = family_sessions.create_session(ctx, client_id=client.id,
                                               session_date=date(2026, 10, 3), **note)
    with_item = family_sessions.add_action_item(
        ctx, session_id=with_item.id, expected_version=with_item.version, who="Dad",
        what="Buy a pill organiser", due_date=ctx.today())
    session_signing.sign(ctx, session_id=with_item.id, expected_version=with_item.version)
    sections = {s.key: s for s in dashboard.collect(
        ctx, staff_id=None, today=ctx.today() + timedelta(days=2))}
    lines = {key: sections[key].items for key in ("unsigned_notes", "cosignatures",
                                                  "action_items")}
    assert {k: [i.target.id for i in v] for k, v in lines.items()} == {
        "unsigned_notes": [unsigned.id], "cosignatures": [waiting.id],
        "action_items": [with_item.id]}

    for name in ("information", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, **k: Answer.Discard)
    window = MainWindow.for_session(app_ctx)
    qtbot.addWidget(window)
    window.show()
    for key, items in lines.items():
        window.dashboard.open_record.emit(items[0].target)  # as a click on the line does
        workspace = window.stack.currentWidget()
        assert isinstance(workspace, ClientWorkspace), key
        tab = workspace.tab("family_sessions")
        assert isinstance(tab, FamilySessionsTab)
        assert workspace.current_tab() is tab
        assert tab.editor is not None and tab.editor.info.id == items[0].target.id, key
        assert tab.stack.currentWidget() is tab.editor


def test_switching_format_keeps_shared_sections_and_asks_before_moving_the_rest(
        qtbot: QtBot, app_ctx: AppContext, client: ClientDetail,
        boxes: dict[str, Any]) -> None:
    editor = _tab(qtbot, _workspace(qtbot, app_ctx, client.id)).new_session()
    assert editor is not None
    note = editor.note
    note.fields["plan"].setPlainText("Review in two weeks")
    note.format_choice.setCurrentIndex(note.format_choice.findData("soap"))
    assert boxes["asked"] == []  # "plan" is in both: nothing to ask
    assert note.sections()["plan"] == "Review in two weeks"
    note.fields["objective"].setPlainText("Set the table alone")
    boxes["answer"] = Answer.Cancel
    note.format_choice.setCurrentIndex(note.format_choice.findData("birp"))
    assert note.note_format().value == "soap"  # cancelled: nothing moved
    assert note.format_choice.currentData() == "soap"
    boxes["answer"] = Answer.Yes
    note.format_choice.setCurrentIndex(note.format_choice.findData("birp"))
    assert note.note_format().value == "birp"
    assert note.sections()["behaviour"] == "Objective:\nSet the table alone"
    assert note.sections()["plan"] == "Review in two weeks"


def test_typing_survives_a_crash_and_is_offered_back(
        qtbot: QtBot, app_ctx: AppContext, ctx: Context, client: ClientDetail,
        boxes: dict[str, Any]) -> None:
    first = _workspace(qtbot, app_ctx, client.id)
    editor = _tab(qtbot, first).new_session()
    assert editor is not None
    editor.keeper.set_intervals(10, 50)
    _focus(qtbot, editor.note.fields["data"])
    _typed(qtbot, "Typed before the crash")
    qtbot.waitUntil(lambda: editor.keeper.last_saved is not None and not editor.keeper.pending)
    session_id = editor.info.id
    # A new record window, as after a restart: the tab with the draft opens it and restores.
    again = ClientWorkspace(app_ctx, client.id)
    qtbot.addWidget(again)
    again.show()
    tab = again.tab("family_sessions")
    assert isinstance(tab, FamilySessionsTab)
    assert again.current_tab() is tab  # the tab with typing left behind comes forward
    qtbot.waitUntil(lambda: tab.editor is not None)
    assert tab.editor is not None and tab.editor.info.id == session_id
    assert tab.editor.note.sections()["data"] == "Typed before the crash"
    assert tab.editor.has_unsaved_changes()
    first.close()


def test_sessions_and_action_items_models(qtmodeltester: Any, ctx: Context,
                                          client: ClientDetail) -> None:
    note = family_sessions.create_session(ctx, client_id=client.id,
                                          session_date=date(2026, 9, 1), start_time="09:15")
    family_sessions.add_action_item(ctx, session_id=note.id, expected_version=note.version,
                                    who="Client", what="Walk daily", due_date=date(2026, 9, 9))
    lines = family_sessions.list_sessions(ctx, client_id=client.id)
    model = SessionsModel()
    model.set_records(lines)
    qtmodeltester.check(model)
    assert [model.index(0, c).data() for c in (1, 5, 6)] == [
        "09:15", "✎ Draft — not signed", "1 open"]
    items = ActionItemsModel()
    items.set_records(family_sessions.get_session(ctx, session_id=note.id).action_items)
    qtmodeltester.check(items)
    asked: list[bool] = []
    items.done_requested.connect(lambda _item, done: asked.append(done))
    assert items.index(0, 3).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    items.setData(items.index(0, 3), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert asked == [True]  # the editor records it; the model changes nothing itself


def test_the_editor_speaks_spanish(qtbot: QtBot, spanish: None, app_ctx: AppContext,
                                   client: ClientDetail, boxes: dict[str, Any]) -> None:
    editor = _tab(qtbot, _workspace(qtbot, app_ctx, client.id)).new_session()
    assert editor is not None
    assert editor.sign_button.text() == "&Firmar…"
    assert editor.note.format_choice.currentText() == "DAP"
    assert editor.note._labels[0].text() == "<b>Datos</b>"  # the template's own Spanish


def test_saves_attendees_and_action_items_undo_and_redo(
        qtbot: QtBot, app_ctx: AppContext, ctx: Context, client: ClientDetail,
        boxes: dict[str, Any]) -> None:
    tab = _tab(qtbot, _workspace(qtbot, app_ctx, client.id))
    editor = tab.new_session()
    assert editor is not None
    stack = tab.tc.undo_stack
    editor.note.fields["data"].setPlainText("First words")
    assert editor.save()
    editor.note.fields["data"].setPlainText("Second words")
    assert editor.save()
    editor.attendees.choice.setCurrentIndex(0)  # the client
    qtbot.mouseClick(editor.attendees.add_button, Qt.MouseButton.LeftButton)
    editor.action_items.who.setText("Client")
    editor.action_items.what.setText("Walk to the shop")
    qtbot.mouseClick(editor.action_items.add_button, Qt.MouseButton.LeftButton)

    def stored() -> Any:
        return family_sessions.get_session(ctx, session_id=editor.info.id)

    assert [a.name for a in stored().attendees] == ["Mara Quill"]
    assert [i.what for i in stored().action_items] == ["Walk to the shop"]
    stack.undo()  # the action item
    assert stored().action_items == ()
    stack.undo()  # the attendee
    assert stored().attendees == ()
    assert editor.attendees.list.item(0).text() == "No attendees recorded yet"
    stack.undo()  # the second save
    assert stored().note_sections["data"] == "First words"
    assert editor.note.sections()["data"] == "First words"  # the editor shows it again
    stack.redo()
    stack.redo()
    assert stored().note_sections["data"] == "Second words"
    assert [a.name for a in stored().attendees] == ["Mara Quill"]
    # Taking the attendee off again is undoable too.
    editor.attendees.list.setCurrentRow(0)
    qtbot.mouseClick(editor.attendees.remove_button, Qt.MouseButton.LeftButton)
    assert stored().attendees == ()
    stack.undo()
    assert [a.name for a in stored().attendees] == ["Mara Quill"]
    # Once signed, an undo of an edit is refused and says why; the note stays as signed.
    editor.consent.setChecked(True)
    assert editor.sign()
    stack.undo()
    assert stored().attendees != () and stored().status is SessionStatus.SIGNED
    assert "signed" in editor.message.text()


def test_a_caregiver_check_in_is_recorded_and_linked(
        qtbot: QtBot, app_ctx: AppContext, ctx: Context, client: ClientDetail,
        boxes: dict[str, Any]) -> None:
    editor = _tab(qtbot, _workspace(qtbot, app_ctx, client.id)).new_session()
    assert editor is not None
    dialog = editor.record_checkin()
    assert dialog.form is not None
    dialog.form.set_answers({key: "sometimes" for key in (
        "worn_out", "sleep_affected", "worried_safety", "own_health", "no_time",
        "relationship_strain", "know_plan", "know_signs", "know_whom_to_call",
        "feel_supported")})
    assert dialog.submit()
    assert dialog.recorded is not None
    linked = editor.checkin.currentData()
    assert linked == dialog.recorded.id
    assert dialog.recorded.definition_id == "caregiver-check-in"
    assert editor.has_unsaved_changes()
    assert editor.save()
    assert family_sessions.get_session(ctx, session_id=editor.info.id).checkin_assessment_id \
        == linked


def test_a_draft_can_be_deleted_after_asking_a_signed_note_cannot(
        qtbot: QtBot, app_ctx: AppContext, ctx: Context, client: ClientDetail,
        boxes: dict[str, Any]) -> None:
    note = {"consent_confirmed": True, "note_sections": {"data": "x"}}
    signed = family_sessions.create_session(ctx, client_id=client.id,
                                            session_date=date(2026, 8, 1), **note)
    session_signing.sign(ctx, session_id=signed.id, expected_version=signed.version)
    draft = family_sessions.create_session(ctx, client_id=client.id,
                                           session_date=date(2026, 9, 1))
    tab = _tab(qtbot, _workspace(qtbot, app_ctx, client.id))
    tab.select(signed.id)
    assert not tab.delete_button.isEnabled()
    tab.select(draft.id)
    boxes["answer"] = Answer.Cancel
    assert not tab.delete_selected()
    boxes["answer"] = Answer.Yes
    assert tab.delete_selected()
    assert [s.id for s in family_sessions.list_sessions(ctx, client_id=client.id)] == [
        signed.id]
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
