"""Printing from the record: its Print button lists the registry's client documents, Ctrl+P
opens the print dialog for the care plan of the client on show and offers the others."""

from __future__ import annotations

from typing import Any

import pytest
from print_fixtures import make_plan
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from otdesk.services import printing
from otdesk.services.context import Context
from otdesk.ui.printing.dialog import PrintDialog
from otdesk.ui.shell.app_context import AppContext
from otdesk.ui.shell.main_window import MainWindow

WAIT_MS = 60_000


@pytest.fixture
def window(qtbot: QtBot, app_ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    for name in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, **k: QMessageBox.StandardButton.Ok)
    win = MainWindow.for_session(app_ctx)
    qtbot.addWidget(win)
    win.show()
    return win


def _open_dialog(qtbot: QtBot, window: MainWindow) -> PrintDialog:
    qtbot.waitUntil(lambda: window.findChild(PrintDialog) is not None, timeout=WAIT_MS)
    dialog = window.findChild(PrintDialog)
    assert isinstance(dialog, PrintDialog)
    qtbot.waitUntil(lambda: dialog.print_button.isEnabled(), timeout=WAIT_MS)
    return dialog


def test_ctrl_p_opens_the_care_plan_and_offers_the_other_documents(
        qtbot: QtBot, window: MainWindow, ctx: Context, make_client: Any,
        episode_for: Any) -> None:
    client = make_client(given_name="Lena", family_name="Example-Menu", consent_family=True)
    episode_for(client.id, referral_source="GP", referral_reason="Meals")
    make_plan(ctx, client.id)
    assert not window.print_action.isEnabled()  # no client on show
    window.open_client(client.id)
    assert window.print_action.isEnabled()
    assert window.print_action.shortcut().toString() == "Ctrl+P"
    window.print_action.trigger()
    dialog = _open_dialog(qtbot, window)
    assert dialog.kind == "careplan"
    assert dialog.ref == client.record_number
    assert "Lena Example-Menu" in dialog.heading.text()
    offered = [dialog.choice.itemData(i) for i in range(dialog.choice.count())]
    assert offered[:2] == ["careplan", "handout"] and "session" not in offered
    dialog.choice.setCurrentIndex(offered.index("handout"))
    assert dialog.windowTitle() == "Print: Family handout"
    assert dialog.language.itemText(0) == "The family's language"
    qtbot.waitUntil(lambda: dialog.print_button.isEnabled(), timeout=WAIT_MS)
    dialog.close()


def test_the_records_print_button_lists_the_client_documents(
        qtbot: QtBot, window: MainWindow, ctx: Context, make_client: Any,
        episode_for: Any) -> None:
    client = make_client(given_name="Omar", family_name="Example-Button", consent_family=True)
    episode_for(client.id, referral_source="GP", referral_reason="Meals")
    make_plan(ctx, client.id)
    record = window.open_client(client.id)
    button = record.print_button  # type: ignore[union-attr]
    menu = button.menu()
    menu.aboutToShow.emit()  # as showing it does (a real popup would wait for a click)
    qtbot.waitUntil(lambda: "Care plan…" in [a.text() for a in menu.actions()],
                    timeout=WAIT_MS)
    texts = [a.text() for a in menu.actions()]
    expected = [f"{d.label}…" for d in printing.documents().values()
                if d.ref_help.startswith("the client's record number")]
    assert texts == expected
    assert "Family session note…" not in texts  # a note's own screen prints it
    next(a for a in menu.actions() if a.text() == "Family handout…").trigger()
    dialog = _open_dialog(qtbot, window)
    assert dialog.kind == "handout"
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    dialog.close()
    QApplication.processEvents()
