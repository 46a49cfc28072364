"""The form helper and the client forms: labels and buddies, values, dirtiness, field errors
shown beside the field, the New client dialog and the Overview's validation."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from otdesk.domain.errors import FieldError, ValidationError
from otdesk.domain.records import RecordKind
from otdesk.domain.vocab import ClientStatus, Priority
from otdesk.services import clients, drafts
from otdesk.services.clients import ClientDetail
from otdesk.services.context import Context
from otdesk.services.summaries import StaffMember
from otdesk.ui.client_record import ClientWorkspace, NewClientDialog
from otdesk.ui.client_record.tabs.overview import OverviewTab
from otdesk.ui.editing.forms import Form, form_layout
from otdesk.ui.shell.app_context import AppContext


@pytest.fixture(autouse=True)
def no_modal_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any message box a test did not expect answers Cancel instead of blocking."""
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Cancel)
    )
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Ok)
    )
    monkeypatch.setattr("otdesk.ui.editing.drafts_ui.ask_restore", lambda parent, info: False)


def _form(qtbot: QtBot) -> tuple[QWidget, Form]:
    host = QWidget()
    qtbot.addWidget(host)
    form = Form(host)
    layout = form_layout(host)
    form.add_text(layout, "given_name", "Given name")
    form.add_longtext(layout, "notes", "Notes")
    form.add_date(layout, "born", "Date of birth")
    form.add_check(layout, "ok", "Consent", "May share")
    form.add_enum(layout, "status", "Status", ClientStatus)
    form.add_language(layout, "language", "Language")
    return host, form


def test_every_field_has_a_buddy_label_mnemonic_and_accessible_name(qtbot: QtBot) -> None:
    _host, form = _form(qtbot)
    letters = set()
    for name in form.names:
        label, control = form.label(name), form.control(name)
        assert label.buddy() is control
        assert "&" in label.text()
        letters.add(label.text()[label.text().index("&") + 1].casefold())
        assert control.accessibleName()
    assert len(letters) == len(form.names)  # mnemonics do not clash


def test_values_round_trip_and_dirtiness(qtbot: QtBot) -> None:
    _host, form = _form(qtbot)
    form.load(
        {"given_name": "Ana", "notes": "a\nb", "born": date(1980, 2, 3), "ok": True,
         "status": ClientStatus.ACTIVE, "language": "es"}
    )  # fmt: skip
    assert form.values() == {
        "given_name": "Ana", "notes": "a\nb", "born": date(1980, 2, 3), "ok": True,
        "status": "active", "language": "es",
    }  # fmt: skip
    assert form.raw_values()["born"] == "1980-02-03"
    assert not form.is_dirty()
    seen: list[bool] = []
    form.dirty_changed.connect(seen.append)
    qtbot.keyClicks(form.control("given_name"), "x")
    assert form.is_dirty() and seen == [True]
    assert form.changed_values() == {"given_name": "Anax"}
    form.control("given_name").setText("Ana")  # typing back the original is clean again
    assert not form.is_dirty() and seen == [True, False]
    form.apply({"language": "pt-BR"})
    assert form.values()["language"] == "pt-BR" and form.is_dirty()


def test_date_field_keeps_bad_text_for_the_service_to_explain(qtbot: QtBot) -> None:
    _host, form = _form(qtbot)
    qtbot.keyClicks(form.control("born"), "31/02/1980")
    assert form.values()["born"] == "31/02/1980"
    form.control("born").clear()
    assert form.values()["born"] is None


def test_errors_shown_beside_fields_and_cleared(qtbot: QtBot) -> None:
    host, form = _form(qtbot)
    host.show()
    unplaced = form.show_errors(
        ValidationError(
            [
                FieldError("given_name", "is required"),
                FieldError("born", "is in the future"),
                FieldError("elsewhere", "is odd"),
            ]
        )
    )
    assert [e.field for e in unplaced] == ["elsewhere"]
    assert form.error_label("given_name").text() == "Given name is required"
    assert form.error_label("given_name").isVisible()
    assert form.control("given_name").accessibleDescription() == "Given name is required"
    assert form.control("given_name").property("invalid") is True
    assert form.errors_shown().keys() == {"given_name", "born"}
    assert form.banner.isVisible() and "elsewhere" in form.banner.text()
    assert form.control("given_name").hasFocus() or not host.isActiveWindow()
    form.clear_errors()
    assert form.errors_shown() == {} and not form.banner.isVisible()
    assert form.control("given_name").property("invalid") is False


def test_new_client_dialog_creates_a_client_typed_by_keyboard(
    qtbot: QtBot, app_ctx: AppContext, ctx: Context, ot: StaffMember
) -> None:
    dialog = NewClientDialog(app_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    changes = []
    app_ctx.events.records_changed.connect(changes.append)
    qtbot.keyClicks(dialog.form.control("record_number"), "NEW-001")
    given = dialog.form.control("given_name")
    assert isinstance(given, QLineEdit)
    qtbot.keyClicks(given, "Zo")
    given.insert("ë")  # QTest types ASCII only; the rest arrives like an input method's text
    qtbot.keyClicks(dialog.form.control("family_name"), "Martin-Lopez")
    qtbot.keyClicks(dialog.form.control("date_of_birth"), "1984-06-30")
    language = dialog.form.control("preferred_language")
    assert isinstance(language, QComboBox)
    language.setCurrentIndex(language.findData("es"))
    ot_box = dialog.form.control("assigned_ot_id")
    assert isinstance(ot_box, QComboBox)
    ot_box.setCurrentIndex(ot_box.findData(ot.id))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.created_client_id is not None
    made = clients.get_client(ctx, client_id=dialog.created_client_id)
    assert (made.record_number, made.given_name, made.family_name) == (
        "NEW-001", "Zoë", "Martin-Lopez",
    )  # fmt: skip
    assert made.date_of_birth == date(1984, 6, 30)
    assert made.preferred_language == "es" and made.assigned_ot_id == ot.id
    assert made.status is ClientStatus.REFERRED and made.priority is Priority.ROUTINE
    assert changes and changes[-1].touches(RecordKind.CLIENT, client_id=made.id)
    assert drafts.get_draft(ctx, key="client:new") is None


def test_new_client_dialog_offers_the_next_record_number(
    qtbot: QtBot, app_ctx: AppContext, ctx: Context, make_client: Callable[..., ClientDetail],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    make_client(record_number="OT-0416")
    dialog = NewClientDialog(app_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    number = dialog.form.control("record_number")
    assert isinstance(number, QLineEdit)
    assert number.text() == "OT-0417" and number.selectedText() == "OT-0417"
    asked: list[object] = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: asked.append(a)))
    dialog.reject()  # the number was offered, not typed: closing does not ask
    assert not asked and not dialog.isVisible()

    # Typing replaces the offer (a clinic using another register's numbers types its own);
    # left as offered, it is the new client's number.
    typed = NewClientDialog(app_ctx)
    qtbot.addWidget(typed)
    typed.show()
    qtbot.keyClicks(typed.form.control("record_number"), "HOSP-77")
    assert typed.form.values()["record_number"] == "HOSP-77"
    offered = NewClientDialog(app_ctx)
    qtbot.addWidget(offered)
    offered.form.apply({"given_name": "Ana", "family_name": "Lee", "date_of_birth": "1990-01-01"})
    offered.create_client()
    assert offered.created_client_id is not None
    made = clients.get_client(ctx, client_id=offered.created_client_id)
    assert made.record_number == "OT-0417"

def test_new_client_dialog_shows_problems_beside_the_fields(
    qtbot: QtBot, app_ctx: AppContext, ctx: Context
) -> None:
    dialog = NewClientDialog(app_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.form.control("given_name"), "Ana")
    qtbot.keyClicks(dialog.form.control("date_of_birth"), "2999-01-01")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    shown = dialog.form.errors_shown()
    assert shown["record_number"] == "Record number is required"
    assert shown["family_name"] == "Family name is required"
    assert shown["date_of_birth"] == "Date of birth is in the future"
    assert "given_name" not in shown
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.isVisible()
    assert clients.count_clients(ctx) == 0
    # Fixing the fields and pressing OK again works, and the errors go away.
    qtbot.keyClicks(dialog.form.control("record_number"), "R-9")
    qtbot.keyClicks(dialog.form.control("family_name"), "Lee")
    dialog.form.control("date_of_birth").setText("1999-01-01")  # type: ignore[attr-defined]
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.form.errors_shown() == {}


def test_new_client_duplicate_record_number_is_named_beside_the_field(
    qtbot: QtBot, app_ctx: AppContext, make_client: object
) -> None:
    existing = make_client()  # type: ignore[operator]
    dialog = NewClientDialog(app_ctx)
    qtbot.addWidget(dialog)
    dialog.form.apply(
        {"record_number": existing.record_number, "given_name": "A", "family_name": "B",
         "date_of_birth": "1990-01-01"}
    )  # fmt: skip
    dialog.create_client()
    assert "already in use" in dialog.form.errors_shown()["record_number"]


def test_cancelling_a_typed_new_client_asks_first(
    qtbot: QtBot, app_ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = NewClientDialog(app_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.form.control("given_name"), "Ana")
    dialog.reject()  # the patched question answers Cancel: the dialog stays
    assert dialog.isVisible()
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Discard)
    )
    dialog.reject()
    assert not dialog.isVisible()


def _overview(qtbot: QtBot, app_ctx: AppContext, client_id: int) -> OverviewTab:
    workspace = ClientWorkspace(app_ctx, client_id)
    qtbot.addWidget(workspace)
    workspace.show()
    tab = workspace.tab("overview")
    assert isinstance(tab, OverviewTab)
    return tab


def test_overview_shows_field_errors_for_empty_family_name_and_future_birth(
    qtbot: QtBot, app_ctx: AppContext, ctx: Context, make_client: object
) -> None:
    c = make_client()  # type: ignore[operator]
    tab = _overview(qtbot, app_ctx, c.id)
    family = tab.form.control("family_name")
    assert isinstance(family, QLineEdit)
    family.selectAll()
    qtbot.keyClick(family, Qt.Key.Key_Delete)
    born = tab.form.control("date_of_birth")
    assert isinstance(born, QLineEdit)
    born.selectAll()
    qtbot.keyClicks(born, "2999-12-31")
    assert tab.save_button.isEnabled()
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    error = tab.form.error_label("family_name")
    assert error.isVisible() and error.text() == "Family name is required"
    assert tab.form.error_label("date_of_birth").text() == "Date of birth is in the future"
    # The error sits under its own field, in the same row.
    assert error.parentWidget() is tab.form.row_widget("family_name")
    assert clients.get_client(ctx, client_id=c.id).family_name == c.family_name
    assert tab.has_unsaved_changes()


def test_overview_diagnosis_errors_land_on_the_diagnoses_field(
    qtbot: QtBot, app_ctx: AppContext, make_client: object
) -> None:
    c = make_client()  # type: ignore[operator]
    tab = _overview(qtbot, app_ctx, c.id)
    tab.diagnoses.add_row("", "F32")  # a code without the diagnosis text
    assert not tab.save_changes()
    assert "Diagnoses (row 1, text) is required" in tab.form.error_label("diagnoses").text()


def test_overview_controls_are_labelled_and_in_reading_order(
    qtbot: QtBot, app_ctx: AppContext, make_client: object
) -> None:
    c = make_client()  # type: ignore[operator]
    tab = _overview(qtbot, app_ctx, c.id)
    controls = [tab.form.control(n) for n in tab.form.names]
    for control in controls:
        assert control.accessibleName(), control
    for widget in tab.findChildren(QWidget):
        if isinstance(widget, QLineEdit | QPlainTextEdit | QComboBox | QCheckBox):
            if widget.parent() is not None and isinstance(widget.parent(), QComboBox):
                continue  # a combo box's own line edit
            assert widget.accessibleName(), widget.objectName()
    labels = [w for w in tab.findChildren(QLabel) if w.buddy() is not None]
    assert {lab.buddy() for lab in labels} >= set(controls)
    # Tab moves through the fields in the order they are laid out, ending at Cancel and Save.
    order: list[QWidget] = []
    widget: QWidget = controls[0]
    for _ in range(400):
        if widget in controls and widget not in order:
            order.append(widget)
        widget = widget.nextInFocusChain()
        if widget is controls[0]:
            break
    assert order == controls
    chain = []
    widget = controls[-1]
    for _ in range(40):
        widget = widget.nextInFocusChain()
        chain.append(widget)
    assert chain.index(tab.cancel_button) < chain.index(tab.save_button)


def test_form_layout_is_a_qformlayout(qtbot: QtBot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    assert isinstance(form_layout(host), QFormLayout)
