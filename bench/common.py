"""Helpers shared by the benchmarks: timing, percentiles, a cached demo database, and the
desktop as a user sees it (styled, with its screens' shared services)."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent / "out"


def percentile(samples: list[float], pct: float) -> float:
    """The ``pct`` percentile of ``samples`` (nearest rank)."""
    ordered = sorted(samples)
    rank = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def summary(samples_ms: list[float]) -> str:
    """p50 / p95 / max of millisecond samples."""
    return (
        f"p50 {statistics.median(samples_ms):7.2f} ms   p95 {percentile(samples_ms, 95):7.2f} ms"
        f"   max {max(samples_ms):7.2f} ms   (n={len(samples_ms)})"
    )


def demo_database(clients: int, *, fresh: bool = False) -> tuple[Path, float | None]:
    """A demo database of ``clients`` clients (made once and kept under bench/out/).

    Returns the path and the seconds ``otdesk demo`` took, or None when the file was reused.
    """
    OUT.mkdir(exist_ok=True)
    path = OUT / f"demo-{clients}.sqlite"
    if path.exists() and not fresh:
        return path, None
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent))
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "otdesk", "--db", str(path), "demo", "--clients", str(clients)],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    return path, time.perf_counter() - start


def _quiet_offscreen_warnings() -> None:
    """Drop the offscreen platform's one warning, printed for every window shown, which would
    bury the figures; every other Qt message still reaches stderr."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        if "propagateSizeHints" not in message:
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def desktop(db_path: Path) -> tuple[Any, Any]:
    """The QApplication, styled as the desktop styles it (palette, font size and style sheet:
    painting, and moving widgets between parents, cost more under a style sheet), and the
    screens' shared services on ``db_path``, acting as the administrator."""
    from PySide6.QtWidgets import QApplication

    from otdesk.db.engine import open_database
    from otdesk.services.context import Context
    from otdesk.services.staff import ensure_administrator
    from otdesk.ui.parts.style import apply_font_size, apply_style
    from otdesk.ui.shell.session import build_app_context
    from otdesk.ui.shell.settings_store import UiSettings

    ui_settings = UiSettings.in_file(tempfile.mktemp(suffix=".ini"))
    _quiet_offscreen_warnings()
    qt_app = QApplication.instance() or QApplication([])
    apply_style(qt_app)
    apply_font_size(qt_app, ui_settings.font_point_size)
    db = open_database(db_path)
    admin = ensure_administrator(Context(db))
    return qt_app, build_app_context(db, ui_settings, admin)


_PAINT_COUNTER: Any = None


def count_paints(widget: Any) -> Any:
    """An object whose ``count`` goes up with every paint event ``widget`` receives."""
    global _PAINT_COUNTER
    if _PAINT_COUNTER is None:
        # One class for the whole run: PySide keeps what it builds for each new QObject
        # subclass (its meta-object) for good, so a class per call leaks and slows down.
        from PySide6.QtCore import QEvent, QObject

        class PaintCounter(QObject):
            count = 0

            def eventFilter(self, _watched: object, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Paint:
                    self.count += 1
                return False

        _PAINT_COUNTER = PaintCounter
    counter = _PAINT_COUNTER(widget)  # the widget owns it
    widget.installEventFilter(counter)
    return counter


def run_deferred_deletes() -> None:
    """Delete what ``deleteLater`` was asked to, as the event loop does between events.

    A benchmark drives the window with ``processEvents()``, which never runs deferred
    deletes when called outside an event loop: without this, every closed screen stays alive.
    """
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def lag_while(qt_app: Any, app: Any, work: Callable[[Any], Any]) -> tuple[list[float], float,
                                                                          Any]:
    """Run ``work(control)`` in the app's worker; the ticks' lateness, the seconds, the
    result."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

    from otdesk.ui.shell.app import settle_heap

    settle_heap()  # as the app does once its window is up
    gaps: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]

    def tick() -> None:
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    loop = QEventLoop()
    outcome: dict[str, Any] = {}
    started = time.perf_counter()
    timer.start()
    task = app.tasks.run(work, label="bench", on_done=lambda r: outcome.setdefault("r", r),
                         on_error=lambda e: outcome.setdefault("e", e))
    task.finished.connect(loop.quit)
    loop.exec()
    timer.stop()
    seconds = time.perf_counter() - started
    if "e" in outcome:
        raise outcome["e"]
    return [max(0.0, g - 10) for g in gaps], seconds, outcome.get("r")
