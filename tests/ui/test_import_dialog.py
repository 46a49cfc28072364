"""Importing clients from CSV in the app: check, import, the row-by-row report, cancel."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from otdesk.domain.records import Changes, RecordKind
from otdesk.services.clients import count_clients
from otdesk.ui.dialogs.import_dialog import COLUMN, LINE, PROBLEM, ImportDialog, ImportReportModel
from otdesk.ui.parts.style import ITEM_PADDING, stylesheet
from otdesk.ui.shell.app_context import AppContext

HEADER = "record_number,given_name,family_name,date_of_birth,preferred_language,status\n"
GOOD = (
    "IMP-001,Lena,Marsh,1980-05-01,en,active\n"
    "IMP-002,Omar,Said,1975-12-24,ar,waitlist\n"
    "IMP-003,Ines,Duarte,1990-02-28,pt,referred\n"
)


def write_csv(tmp_path: Path, body: str, name: str = "clients.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


@pytest.fixture
def dialog(qtbot, app_ctx: AppContext) -> ImportDialog:
    widget = ImportDialog(app_ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def run(qtbot, dialog: ImportDialog, path: Path, *, dry_run: bool) -> None:
    dialog.path_edit.setText(str(path))
    button = dialog.check_button if dry_run else dialog.import_button
    button.click()
    assert dialog.running
    qtbot.waitUntil(lambda: not dialog.running, timeout=20_000)


def test_report_model_passes_qtmodeltester(qtmodeltester) -> None:
    from otdesk.domain.errors import FieldError

    model = ImportReportModel()
    model.set_errors([FieldError("date_of_birth", "is not a real date", row=3),
                      FieldError("file", "is empty")])
    qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(model)
    assert model.index(0, LINE).data() == "3"
    assert model.index(1, LINE).data() == "—"
    assert model.index(0, PROBLEM).data() == "This is not a real date."


def test_check_then_import(qtbot, dialog: ImportDialog, app_ctx, ctx, tmp_path) -> None:
    path = write_csv(tmp_path, GOOD)
    run(qtbot, dialog, path, dry_run=True)
    assert "All 3 rows are correct" in dialog.result_label.text()
    assert count_clients(ctx) == 0
    with qtbot.waitSignal(app_ctx.events.records_changed) as changed:
        run(qtbot, dialog, path, dry_run=False)
    assert isinstance(changed.args[0], Changes) and changed.args[0].touches(RecordKind.CLIENT)
    assert dialog.result_label.text() == "Imported 3 clients."
    assert dialog.result_label.property("role") == "banner-ok"
    assert count_clients(ctx) == 3
    assert not dialog.table.isVisible()


def test_a_bad_row_imports_nothing_and_is_shown(qtbot, dialog, ctx, tmp_path) -> None:
    bad = GOOD + "IMP-004,Kai,Ng,1988-02-30,en,active\nIMP-005,,Lopez,1970-01-01,es,active\n"
    path = write_csv(tmp_path, bad)
    run(qtbot, dialog, path, dry_run=False)
    assert count_clients(ctx) == 0
    assert dialog.result_label.text() == (
        "Nothing was imported: 2 problems on 2 lines (the file has 5 client rows). "
        "Correct the file and try again.")
    assert dialog.table.isVisible()
    model = dialog.table.model()
    rows = {(model.index(r, LINE).data(), model.index(r, COLUMN).data())
            for r in range(model.rowCount())}
    assert ("5", "date_of_birth") in rows
    assert ("6", "given_name") in rows
    headers = [model.headerData(c, dialog.table.horizontalHeader().orientation())
               for c in range(3)]
    assert headers == ["Line", "Column", "Problem"]


def test_a_check_reports_in_words_that_fit_the_counts(qtbot, dialog, ctx, tmp_path) -> None:
    run(qtbot, dialog, write_csv(tmp_path, "IMP-009,Kai,Ng,1988-02-30,en,active\n"),
        dry_run=True)
    assert dialog.result_label.text() == (
        "The check found 1 problem on 1 line (the file has 1 client row). Correct the file, "
        "then check it again.")
    run(qtbot, dialog, write_csv(tmp_path, "IMP-009,Kai,Ng,1988-02-28,en,active\n"),
        dry_run=True)
    assert dialog.result_label.text() == "The one row is correct. Choose Import to add it."
    run(qtbot, dialog, write_csv(tmp_path, "IMP-009,Kai,Ng,1988-02-28,en,active\n"),
        dry_run=False)
    assert dialog.result_label.text() == "Imported 1 client."
    assert count_clients(ctx) == 1


@pytest.fixture
def app_look(qapp):
    """The app's style sheet, as the desktop applies it (its cell padding matters here)."""
    before = qapp.styleSheet()
    qapp.setStyleSheet(stylesheet(qapp.font().pointSize()))
    yield
    qapp.setStyleSheet(before)


def test_a_reason_just_too_long_for_one_line_wraps_to_a_second(
    qtbot, app_look, dialog, tmp_path
) -> None:
    # The sentence would fit the column's width but not the text's room inside the cell's
    # padding: it takes a second line rather than losing its end to "…".
    path = tmp_path / "header.csv"
    path.write_text("record_number,given_name,Given_Name,date_of_birth,status,shoe_size\n"
                    "X-1,A,B,1980-01-01,active,42\n", encoding="utf-8")
    run(qtbot, dialog, path, dry_run=True)
    table, model = dialog.table, dialog.table.model()
    rows = {model.index(r, COLUMN).data(): r for r in range(model.rowCount())}
    long_row, short_row = rows["preferred_language"], rows["given_name"]
    text = model.index(long_row, PROBLEM).data()
    assert text == "'preferred_language' is a required column but the header lacks it."
    assert model.index(long_row, PROBLEM).data(Qt.ItemDataRole.ToolTipRole) == text
    # Room for the text and one side's padding, short of the other's.
    room = table.fontMetrics().horizontalAdvance(text) + 2 * ITEM_PADDING - 1
    dialog.resize(dialog.width() - table.columnWidth(PROBLEM) + room, dialog.height())
    qtbot.waitUntil(lambda: table.columnWidth(PROBLEM) == room)
    # Two lines of text, where the short reason beside it keeps one.
    lines = table.fontMetrics().lineSpacing()
    qtbot.waitUntil(lambda: table.rowHeight(long_row) >= 2 * lines)
    assert table.rowHeight(short_row) < 2 * lines


def test_cancel_a_long_import(qtbot, dialog, ctx, tmp_path) -> None:
    body = "".join(f"LONG-{i:05d},Given{i},Family{i},1970-01-01,en,active\n" for i in range(3000))
    dialog.path_edit.setText(str(write_csv(tmp_path, body)))
    task = dialog.start(dry_run=False)
    assert task is not None and task.cancellable
    assert dialog.cancel_button.isVisible()
    with qtbot.waitSignal(task.finished, timeout=30_000):
        dialog.cancel_button.click()
    qtbot.waitUntil(lambda: not dialog.running)
    assert dialog.result_label.text() == "Cancelled. Nothing was imported."
    assert count_clients(ctx) == 0
    assert dialog.import_button.isEnabled()


def test_closing_while_running_cancels_first(qtbot, dialog, ctx, tmp_path) -> None:
    body = "".join(f"LONG-{i:05d},Given{i},Family{i},1970-01-01,en,active\n" for i in range(2000))
    dialog.path_edit.setText(str(write_csv(tmp_path, body)))
    dialog.start(dry_run=False)
    dialog.reject()
    assert dialog.isVisible()  # waits for the import to stop
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=30_000)
    assert count_clients(ctx) == 0


def test_browse_for_the_file(qtbot, dialog, tmp_path, monkeypatch) -> None:
    path = write_csv(tmp_path, GOOD)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    assert not dialog.import_button.isEnabled()
    dialog.browse_button.click()
    assert dialog.path_edit.text() == str(path)
    assert dialog.import_button.isEnabled()
    assert dialog.path_edit.accessibleName() == "File"
