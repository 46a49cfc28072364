"""Launch of otdesk as ``otdesk --db FILE`` runs it, reporting the frame and the caseload.

Run as a script by ``bench.bench_ui`` with the database path. The only additions to the real
start are the two hooks: FRAME once the window's frame is painted, READY once the caseload has
its first answer and has painted it. The workstation's preferences live wherever
XDG_CONFIG_HOME points (the benchmark gives a fresh folder).
"""

import os
import sys
from typing import Any

from otdesk.__main__ import main


def frame(window: Any) -> None:
    print("FRAME", flush=True)


def ready(window: Any) -> None:
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()  # paint the rows, as the reference's show and processEvents do
    model = window.caseload.model
    assert window.current_key() == "caseload" and model.summary(0) is not None
    print("READY", flush=True)
    os._exit(0)  # the figures are taken; skip an orderly shutdown


sys.exit(main(["--db", sys.argv[1]], on_shown=frame, on_ready=ready))
