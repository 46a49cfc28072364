"""The print dialog: a preview of the pages, what was left out and why, Save as PDF and Print
(the printer's and the file dialogs patched), each leaving an audit event whose copy number
the dialog says."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from print_fixtures import make_plan
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel
from pytestqt.qtbot import QtBot

from otdesk.services import clients, printing
from otdesk.services.context import Context
from otdesk.ui.printing.dialog import PrintDialog
from otdesk.ui.shell.app_context import AppContext

WAIT_MS = 60_000  # a first render registers the fonts; the machine is shared


@pytest.fixture
def client(ctx: Context, make_client: Any, episode_for: Any) -> clients.ClientDetail:
    made = make_client(given_name="Maya", family_name="Example-Printed", consent_family=True)
    episode_for(made.id, referral_source="GP", referral_reason="Meals")
    make_plan(ctx, made.id, goals=3)
    return made  # type: ignore[no-any-return]


def _dialog(qtbot: QtBot, app: AppContext, kind: str, ref: str) -> PrintDialog:
    dialog = PrintDialog(app, kind, ref)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.print_button.isEnabled()
                    or dialog.message.isVisibleTo(dialog), timeout=WAIT_MS)
    return dialog


def _pages(dialog: PrintDialog) -> list[QLabel]:
    return [w for w in dialog.pages.findChildren(QLabel) if w.pixmap() is not None
            and not w.pixmap().isNull()]


def test_the_preview_shows_each_page_of_the_care_plan(
        qtbot: QtBot, app_ctx: AppContext, client: clients.ClientDetail) -> None:
    dialog = _dialog(qtbot, app_ctx, "careplan", client.record_number)
    expected = len(PdfReader(BytesIO(printing.render(
        app_ctx.services, "careplan", client.record_number, record=False).pdf_bytes)).pages)
    pages = _pages(dialog)
    assert len(pages) == expected >= 1
    assert pages[0].pixmap().width() > 500  # a page one can read, not a thumbnail
    assert "not a recorded copy" in dialog.status.text()
    assert not dialog.omitted.isVisibleTo(dialog)
    assert dialog.save_button.isEnabled()


def test_save_as_pdf_writes_the_recorded_copy_and_says_its_number(
        qtbot: QtBot, app_ctx: AppContext, client: clients.ClientDetail, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "plan"  # no suffix: the dialog adds .pdf
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(out), "")))
    dialog = _dialog(qtbot, app_ctx, "careplan", client.record_number)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.recorded is not None, timeout=WAIT_MS)
    saved = tmp_path / "plan.pdf"
    assert len(PdfReader(saved).pages) >= 1
    copy = dialog.recorded.copy_number  # type: ignore[union-attr]
    assert copy is not None
    record = printing.lookup_copy(app_ctx.services, copy_number=copy)
    assert (record.kind, record.client_id, record.target) == (
        "careplan", client.id, str(saved))
    assert f"Saved printed copy {copy} to {saved}." == dialog.message.text()
    assert dialog.print_button.isEnabled()


def test_a_handout_without_family_consent_says_what_was_left_out(
        qtbot: QtBot, app_ctx: AppContext, ctx: Context, make_client: Any,
        episode_for: Any) -> None:
    private = make_client(given_name="Noor", family_name="Example-Private",
                          consent_family=False)
    episode_for(private.id, referral_source="GP", referral_reason="Meals")
    make_plan(ctx, private.id, goals=2)
    dialog = _dialog(qtbot, app_ctx, "handout", private.record_number)
    omitted = printing.render(ctx, "handout", private.record_number, record=False).omitted
    assert omitted
    assert dialog.omitted.isVisibleTo(dialog)
    text = dialog.omitted.text()
    assert text.startswith("Left out of this document:")
    for part in omitted:
        assert part.what in text and part.why in text
    assert _pages(dialog)


def test_print_paints_every_page_on_the_printer(
        qtbot: QtBot, app_ctx: AppContext, client: clients.ClientDetail, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "printed.pdf"
    seen: list[QPrinter] = []

    def accept(self: QPrintDialog) -> int:
        printer = self.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        seen.append(printer)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    dialog = _dialog(qtbot, app_ctx, "careplan", client.record_number)
    preview_pages = len(_pages(dialog))
    dialog.print_button.click()
    qtbot.waitUntil(lambda: dialog.recorded is not None, timeout=WAIT_MS)
    assert seen
    assert len(PdfReader(out).pages) == preview_pages
    copy = dialog.recorded.copy_number  # type: ignore[union-attr]
    assert dialog.message.text() == f"Printed copy {copy}."
    assert printing.lookup_copy(app_ctx.services, copy_number=copy).target == str(out)


def test_a_failed_render_is_said_plainly(qtbot: QtBot, app_ctx: AppContext,
                                         make_client: Any) -> None:
    nobody = make_client(given_name="Ola", family_name="Example-Planless")
    dialog = _dialog(qtbot, app_ctx, "careplan", nobody.record_number)
    assert dialog.message.isVisibleTo(dialog)
    assert "has no care plan yet" in dialog.message.text()
    assert not dialog.print_button.isEnabled() and not dialog.save_button.isEnabled()
