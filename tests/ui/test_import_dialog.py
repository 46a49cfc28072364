"""Importing clients from CSV in the app: check, import, the row-by-row report, cancel."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from otdesk.services.clients import count_clients
from otdesk.ui.app_context import AppContext
from otdesk.ui.events import Change
from otdesk.ui.import_dialog import COLUMN, LINE, PROBLEM, ImportDialog, ImportReportModel

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
    assert isinstance(changed.args[0], Change) and changed.args[0].entity == "client"
    assert dialog.result_label.text() == "Imported 3 clients."
    assert dialog.result_label.property("role") == "banner-ok"
    assert count_clients(ctx) == 3
    assert not dialog.table.isVisible()


def test_a_bad_row_imports_nothing_and_is_shown(qtbot, dialog, ctx, tmp_path) -> None:
    bad = GOOD + "IMP-004,Kai,Ng,1988-02-30,en,active\nIMP-005,,Lopez,1970-01-01,es,active\n"
    path = write_csv(tmp_path, bad)
    run(qtbot, dialog, path, dry_run=False)
    assert count_clients(ctx) == 0
    assert dialog.result_label.text().startswith("Nothing was imported")
    assert dialog.table.isVisible()
    model = dialog.table.model()
    rows = {(model.index(r, LINE).data(), model.index(r, COLUMN).data())
            for r in range(model.rowCount())}
    assert ("5", "date_of_birth") in rows
    assert ("6", "given_name") in rows
    headers = [model.headerData(c, dialog.table.horizontalHeader().orientation())
               for c in range(3)]
    assert headers == ["Line", "Column", "Problem"]


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
