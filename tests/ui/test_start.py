"""The desktop's start, as ``otdesk --db FILE`` runs it: the frame at once, then the records.

The end-to-end tests run the real start in a fresh process, as a clinic's workstation does.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from otdesk.db.engine import open_database
from otdesk.services import caseload, demo
from otdesk.services.context import Context

ROOT = Path(__file__).resolve().parents[2]

_START = textwrap.dedent(
    """
    import json, sys
    from PySide6.QtWidgets import QApplication, QLabel
    from otdesk.__main__ import main

    seen = {}

    def texts(window):
        return [w.text() for w in window.findChildren(QLabel) if w.isVisible()]

    def shown(window):
        seen["started_when_shown"] = window.started
        seen["texts_when_shown"] = texts(window)
        seen["loading_visible"] = window.loading.isVisible()
        seen["sqlalchemy_at_frame"] = "sqlalchemy" in sys.modules

    def ready(window):
        model = window.caseload.model
        seen["page"] = window.current_key()
        seen["rows"] = model.rowCount()
        seen["first_names"] = [model.summary(r).display_name
                               for r in range(min(5, model.rowCount()))]
        seen["status_bar"] = window.database_label.text()
        window.close()

    status = main(sys.argv[1:], on_shown=shown, on_ready=ready)
    print(json.dumps(seen))
    sys.exit(status)
    """
)


def _start(tmp_path: Path, *args: str) -> tuple[int, dict[str, object], str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "cfg"))
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run(
        [sys.executable, "-c", _START, *args],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )
    lines = done.stdout.strip().splitlines()
    return done.returncode, (json.loads(lines[-1]) if lines else {}), done.stderr


@pytest.fixture(scope="module")
def clinic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("start") / "clinic.sqlite"
    db = open_database(path)
    demo.populate(Context(db, workstation="test-workstation"), clients=300, seed=11)
    db.dispose()
    return path


def test_the_frame_shows_before_the_records_then_the_caseload_fills(
    clinic: Path, tmp_path: Path
) -> None:
    code, seen, err = _start(tmp_path, "--db", str(clinic))
    assert code == 0, err
    # At first paint: the frame and a calm line, and nothing read from the records yet.
    assert seen["started_when_shown"] is False and seen["loading_visible"] is True
    assert "Loading clients…" in seen["texts_when_shown"]  # type: ignore[operator]
    # The storage stack loads on the worker that opens the records, never on the GUI thread.
    assert seen["sqlalchemy_at_frame"] is False
    db = open_database(clinic)
    ctx = Context(db)
    ids = caseload.find_ids(ctx)
    names = [line.display_name for line in caseload.rows(ctx, ids=ids)]
    db.dispose()
    shown = " ".join(seen["texts_when_shown"])  # type: ignore[arg-type]
    assert not any(name in shown for name in names)
    # Then the session: the caseload in name order, the records' location in the status bar.
    assert seen["page"] == "caseload" and seen["rows"] == 300
    assert seen["first_names"] == names[:5]
    assert str(clinic) in str(seen["status_bar"])


def test_a_new_database_is_created_and_opens_empty(tmp_path: Path) -> None:
    new = tmp_path / "first-day.sqlite"
    code, seen, err = _start(tmp_path, "--db", str(new))
    assert code == 0, err
    assert seen["rows"] == 0 and new.exists()


def test_another_programs_file_is_refused_and_the_app_exits(tmp_path: Path) -> None:
    import sqlite3

    other = tmp_path / "recipes.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE recipes (title TEXT)")
    conn.commit()
    conn.close()
    before = other.read_bytes()
    script = textwrap.dedent(
        """
        import sys
        from PySide6.QtWidgets import QMessageBox
        shown = []
        def critical(parent, title, text, *args, **kwargs):
            shown.append(text)
            return QMessageBox.StandardButton.Ok
        QMessageBox.critical = critical
        from otdesk.__main__ import main
        status = main(["--db", sys.argv[1]])
        print("|".join(shown))
        sys.exit(status)
        """
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "cfg"))
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run([sys.executable, "-c", script, str(other)], capture_output=True,
                          text=True, env=env, timeout=120, check=False)
    assert done.returncode == 1, done.stderr
    assert "is a SQLite database, but not an otdesk one" in done.stdout
    assert other.read_bytes() == before


def test_a_broken_definition_file_is_reported_and_the_app_still_starts(
    clinic: Path, tmp_path: Path
) -> None:
    own = tmp_path / "definitions"
    own.mkdir()
    (own / "broken.1.json").write_text('{"id": "broken", "version": ', encoding="utf-8")
    script = textwrap.dedent(
        """
        import json, sys
        from PySide6.QtWidgets import QMessageBox
        warned = []
        def warning(parent, title, text, *args, **kwargs):
            warned.append([title, text])
            parent.close()
            return QMessageBox.StandardButton.Ok
        QMessageBox.warning = warning
        from otdesk.__main__ import main
        seen = {}
        def ready(window):
            seen["rows"] = window.caseload.model.rowCount()
            from PySide6.QtCore import QTimer
            QTimer.singleShot(30_000, window.close)  # in case no warning ever comes
        status = main(["--db", sys.argv[1]], on_ready=ready)
        print(json.dumps({"warned": warned, **seen}))
        sys.exit(status)
        """
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "cfg"),
               OTDESK_DEFINITIONS=str(own), PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", script, str(clinic)], capture_output=True,
                          text=True, env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["rows"] == 300  # the caseload works as usual
    [[title, text]] = seen["warned"]
    assert title == "Some definition files were skipped"
    assert "broken.1.json" in text and "instruments check" in text
