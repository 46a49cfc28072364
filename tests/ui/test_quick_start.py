"""The quick start: the caseload is on screen before the storage stack loads, then takes over.

The end-to-end test runs the real ``otdesk --db FILE`` start in a fresh process, because only a
fresh interpreter can show that SQLAlchemy was not needed for the first screen.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from otdesk.__main__ import desktop_arguments
from otdesk.db.engine import open_database
from otdesk.domain.vocab import StaffRole
from otdesk.services import caseload, demo, staff
from otdesk.services.context import Context
from otdesk.services.first_page import read_first_page
from otdesk.ui.caseload.model import NAME, RECORD_NUMBER, CaseloadModel, SummaryRole

ROOT = Path(__file__).resolve().parents[2]

_START = textwrap.dedent(
    """
    import json, sys
    from PySide6.QtCore import QTimer
    import otdesk.ui.startup as startup
    from otdesk.__main__ import main

    seen = {}
    begin_read = startup.quick_start

    def quick_start(*args, **kwargs):
        seen["interface_loaded_when_read_began"] = [
            m for m in ("PySide6.QtWidgets", "otdesk.ui.app") if m in sys.modules
        ]
        reading = begin_read(*args, **kwargs)
        count_table_paints()  # now, so counting loads nothing before the read begins
        return reading

    startup.quick_start = quick_start
    paints = []
    keep = []

    def count_table_paints():
        from PySide6.QtCore import QEvent, QObject
        import otdesk.ui.caseload.view as caseload_view

        class PaintCounter(QObject):
            def eventFilter(self, watched, event):
                if event.type() == QEvent.Type.Paint:
                    paints.append(1)
                return False

        counter = PaintCounter()
        build_view = caseload_view.CaseloadView.__init__

        def counted_view(self, *args, **kwargs):
            build_view(self, *args, **kwargs)
            self.table.viewport().installEventFilter(counter)

        caseload_view.CaseloadView.__init__ = counted_view
        keep.append(counter)

    def shown(window):
        model = window.caseload.model
        seen["sqlalchemy_before_paint"] = "sqlalchemy" in sys.modules
        seen["table_paints_when_shown"] = len(paints)
        seen["page"] = window.current_key()
        seen["previewing"] = model.previewing
        seen["rows"] = model.rowCount()
        seen["first_names"] = [model.summary(r).display_name for r in range(5)]
        seen["past_first_page"] = model.client_id(250)
        seen["ot_choices_at_paint"] = window.caseload.ot_combo.count()

        def settled():
            if model.previewing or model.busy or not window._app.storage_ready:
                return
            timer.stop()
            seen["rows_after"] = model.rowCount()
            seen["first_names_after"] = [model.summary(r).display_name for r in range(5)]
            seen["ids_after"] = [model.client_id(r) for r in range(model.rowCount())]
            seen["ot_choices_after"] = window.caseload.ot_combo.count()
            window.close()

        timer = QTimer(window)
        timer.timeout.connect(settled)
        timer.start(20)

    status = main(["--db", sys.argv[1]], on_shown=shown)
    print(json.dumps(seen))
    sys.exit(status)
    """
)


@pytest.fixture(scope="module")
def clinic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("quick") / "clinic.sqlite"
    db = open_database(path)
    demo.populate(Context(db, workstation="test-workstation"), clients=400, seed=11)
    db.dispose()
    return path


def test_real_start_paints_the_caseload_before_loading_sqlalchemy(clinic, tmp_path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path))
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run(
        [sys.executable, "-c", _START, str(clinic)],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["sqlalchemy_before_paint"] is False
    assert seen["table_paints_when_shown"] >= 1  # "shown" means the rows are on screen
    assert seen["interface_loaded_when_read_began"] == []  # the read runs beside the loading
    assert seen["page"] == "caseload" and seen["previewing"] is True
    assert seen["rows"] == 400  # the whole list's length, from the first read
    assert seen["past_first_page"] is None  # beyond the first page: on its way, not guessed
    assert seen["ot_choices_at_paint"] == 3  # Anyone, Mine, Unassigned: staff come next

    db = open_database(clinic)
    ctx = Context(db)
    ids = caseload.find_ids(ctx)
    expected = [line.display_name for line in caseload.rows(ctx, ids=ids[:5])]
    ots = staff.list_staff(ctx, roles=(StaffRole.OT, StaffRole.OT_ASSISTANT))
    db.dispose()
    assert seen["first_names"] == expected == seen["first_names_after"]
    assert seen["rows_after"] == 400 and seen["ids_after"] == ids  # the services took over
    assert seen["ot_choices_after"] == 3 + len(ots)


def test_whole_list_replaces_the_first_page_without_losing_the_selection(
    qtbot, app_ctx, sample_clients, db_path
) -> None:
    page = read_first_page(str(db_path), limit=2)
    assert page is not None and page.caseload is not None
    model = CaseloadModel(app_ctx)
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    app_ctx.tasks.hold()  # as at start-up: the whole list is asked for, not yet running
    model.refresh()
    assert model.show_first_page(page.caseload)
    assert model.previewing and model.rowCount() == 6 and len(resets) == 1
    assert [model.client_id(r) for r in range(2)] == page.caseload.ids
    assert model.client_id(4) is None and model.summary(4) is None  # not read, not guessed
    # The rows still on their way say so (muted, in the name column) instead of showing blank.
    waiting = model.index(4, NAME)
    assert model.data(waiting, Qt.ItemDataRole.DisplayRole) == "Loading…"
    assert model.data(waiting, Qt.ItemDataRole.ForegroundRole) is not None
    assert model.data(model.index(4, RECORD_NUMBER), Qt.ItemDataRole.DisplayRole) is None
    assert model.data(model.index(4, NAME), SummaryRole) is None
    with qtbot.waitSignal(model.loaded, timeout=10_000):
        app_ctx.tasks.release()
    qtbot.waitUntil(lambda: not model.busy)
    assert not model.previewing and len(resets) == 1  # rows stayed put: no second reset
    assert [model.client_id(r) for r in range(6)] == caseload.find_ids(app_ctx.services)
    line = model.summary(4)
    assert line is not None
    assert model.data(model.index(4, NAME), Qt.ItemDataRole.DisplayRole) == line.display_name


def test_first_page_applies_only_to_the_list_it_was_read_for(
    app_ctx, sample_clients, db_path
) -> None:
    page = read_first_page(str(db_path), descending=True)
    assert page is not None and page.caseload is not None
    model = CaseloadModel(app_ctx, background=False)
    assert not model.show_first_page(page.caseload)  # the model sorts ascending


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], {}),
        (["--db", "x.sqlite"], {"--db": "x.sqlite"}),
        (["--db=x.sqlite", "--user", "ot.one"], {"--db": "x.sqlite", "--user": "ot.one"}),
        (["clients", "list"], None),
        (["--db", "x.sqlite", "verify"], None),
        (["--help"], None),
        (["--db"], None),
        (["--db", "--user", "x"], None),
        (["--db", "a", "--db", "b"], None),
    ],
)
def test_only_a_plain_desktop_start_skips_the_command_line(argv, expected) -> None:
    assert desktop_arguments(argv) == expected


def test_a_first_read_that_breaks_is_reported_not_lost(monkeypatch, tmp_path) -> None:
    # The read runs on its own thread: an unexpected failure there must reach the start-up
    # (which then takes the full start), not vanish with the thread and leave it waiting.
    import otdesk.ui.startup as startup
    from otdesk.ui.settings_store import UiSettings

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("the disk went away")

    monkeypatch.setattr(startup, "query_first_screen", broken)
    settings = UiSettings.in_file(str(tmp_path / "ui.ini"))
    wait = startup.quick_start(str(tmp_path / "clinic.sqlite"), username=None, ui_settings=settings)
    with pytest.raises(RuntimeError, match="the disk went away"):
        wait()
