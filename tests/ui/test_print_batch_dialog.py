"""Care plans due for review, printed as a batch from the desktop: the plans listed for the
days chosen, one PDF or one file per client (folder and file dialogs patched), each copy
audited, and Cancel stopping before the next document with what was saved said."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from print_fixtures import make_plan
from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from otdesk.services import print_batch, printing
from otdesk.services.context import Context
from otdesk.ui.printing.batch import DueReviewsDialog
from otdesk.ui.shell.app_context import AppContext

WAIT_MS = 90_000
REVIEWED = datetime(2027, 1, 10, 12, tzinfo=UTC)  # five days before the plans' reviews


@pytest.fixture
def due(app_ctx: AppContext, ctx: Context, make_client: Any, episode_for: Any) -> list[str]:
    numbers = []
    for n in range(3):
        client = make_client(given_name=f"Due{n}", family_name="Example-Batch")
        episode_for(client.id, referral_source="GP", referral_reason="Meals")
        make_plan(ctx, client.id)
        numbers.append(client.record_number)
    app_ctx.services = replace(app_ctx.services, clock=lambda: REVIEWED)
    return numbers


def _dialog(qtbot: QtBot, app: AppContext) -> DueReviewsDialog:
    dialog = DueReviewsDialog(app)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.list.count() > 0 or "No care plan" in dialog.found.text(),
                    timeout=WAIT_MS)
    return dialog


def test_the_plans_due_this_week_print_into_one_pdf(
        qtbot: QtBot, app_ctx: AppContext, due: list[str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "due.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(out), "")))
    dialog = _dialog(qtbot, app_ctx)
    assert dialog.days.value() == 7
    assert dialog.list.count() == 3
    assert dialog.found.text() == "3 care plans have a review due by 17 Jan 2027."
    dialog.print_button.click()
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=WAIT_MS)
    copies = [c.copy_number for c in dialog.outcome.copies]  # type: ignore[union-attr]
    assert len(copies) == 3 and len(set(copies)) == 3
    assert len(PdfReader(out).pages) >= 3
    for copy in copies:
        assert printing.lookup_copy(app_ctx.services, copy_number=copy).kind == "careplan"
    assert dialog.message.text() == (
        f"Printed 3 care plans to {out}: printed copies {min(copies)} to {max(copies)}.")
    dialog.days.setValue(2)  # the reviews are five days off
    qtbot.waitUntil(lambda: "No care plan" in dialog.found.text(), timeout=WAIT_MS)
    assert not dialog.print_button.isEnabled()


def test_one_file_each_and_cancel_keeps_what_was_saved(
        qtbot: QtBot, app_ctx: AppContext, due: list[str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *a, **k: str(tmp_path)))
    first_done, go_on = threading.Event(), threading.Event()
    original = print_batch._Printer.one

    def one(self: Any, *args: Any) -> Any:
        made = original(self, *args)
        first_done.set()
        assert go_on.wait(WAIT_MS / 1000)  # hold the batch until the user has cancelled
        return made

    monkeypatch.setattr(print_batch._Printer, "one", one)
    dialog = _dialog(qtbot, app_ctx)
    dialog.one_each.setChecked(True)
    dialog.print_button.click()
    qtbot.waitUntil(first_done.is_set, timeout=WAIT_MS)
    assert dialog.cancel_button.isEnabled() and not dialog.close_button.isEnabled()
    dialog.cancel_button.click()
    go_on.set()
    qtbot.waitUntil(lambda: dialog.message.isVisibleTo(dialog), timeout=WAIT_MS)
    assert dialog.message.text() == (
        "Cancelled. 1 care plan was saved before it stopped, and recorded.")
    saved = sorted(tmp_path.glob("*.pdf"))
    assert len(saved) == 1 and due[0] in saved[0].name
    assert len(PdfReader(saved[0]).pages) >= 1
    assert dialog.close_button.isEnabled() and not dialog.cancel_button.isEnabled()
