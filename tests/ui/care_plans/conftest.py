"""Fixtures of the care-plan screen tests: message boxes and record dialogs answered."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from otdesk.services.clients import ClientDetail
from otdesk.ui.client_record import ClientWorkspace
from otdesk.ui.client_record.record_dialog import RecordDialog
from otdesk.ui.client_record.tabs.care_plan import CarePlanTab
from otdesk.ui.shell.app_context import AppContext

Filler = Callable[[RecordDialog], None]


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Message boxes patched: questions answered Yes; what each box said is kept."""
    said: dict[str, Any] = {"asked": [], "warned": []}

    def question(_parent: object, _title: str, text: str, *a: object, **k: object) -> Any:
        said["asked"].append(text)
        return QMessageBox.StandardButton.Yes

    def warning(_parent: object, _title: str, text: str, *a: object, **k: object) -> Any:
        said["warned"].append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "warning", warning)
    return said


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> list[Filler]:
    """Record dialogs answered in turn: each filler types into the next dialog, then OK."""
    queue: list[Filler] = []

    def run(dialog: RecordDialog) -> int:
        assert queue, f"unexpected dialog: {dialog.windowTitle()}"
        dialog.show()
        queue.pop(0)(dialog)
        dialog.save()
        assert not dialog.form.errors_shown(), dialog.form.errors_shown()
        return int(dialog.result())

    monkeypatch.setattr(RecordDialog, "exec", run)
    return queue


@pytest.fixture
def client(make_client: Callable[..., ClientDetail]) -> ClientDetail:
    """A client in care who has consented to sharing with the family."""
    return make_client(given_name="Marta", family_name="Quill", consent_family=True)


@pytest.fixture
def open_tab(qtbot: QtBot, app_ctx: AppContext) -> Callable[[int], CarePlanTab]:
    """Open a client's record at its Care plan tab."""
    def make(client_id: int) -> CarePlanTab:
        w = ClientWorkspace(app_ctx, client_id)
        qtbot.addWidget(w)
        w.resize(1366, 800)
        w.show()
        tab = w.tab("care_plan")
        assert isinstance(tab, CarePlanTab)
        w.show_tab(tab)
        return tab

    return make


def type_in(qtbot: QtBot, widget: Any, text: str) -> None:
    """Type ``text`` into ``widget`` from the keyboard."""
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def focus(qtbot: QtBot, widget: Any) -> None:
    """Give ``widget`` the keyboard focus in an active window (so its shortcuts answer)."""
    window = widget.window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
