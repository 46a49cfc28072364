"""The launch of ``otdesk_start.py``, then loading every shipped definition in the same process.

Run as a script by ``bench.bench_definitions`` with the database path. Once the caseload is
usable it imports the definition engine and loads and validates every shipped definition, and
prints ADDED with the milliseconds that took: what the load adds to a launch whose own modules
(Qt, SQLAlchemy, the standard library they use) are already imported. Then READY.
"""

import os
import sys
import time
from typing import Any

from otdesk.__main__ import main


def frame(window: Any) -> None:
    print("FRAME", flush=True)


def ready(window: Any) -> None:
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    start = time.perf_counter()
    from otdesk.domain.definitions import load_definitions
    from otdesk.resources import resource_path

    library = load_definitions([resource_path("definitions")])
    added = (time.perf_counter() - start) * 1000
    assert not library.problems and len(library) > 10
    print(f"ADDED {added:.2f}", flush=True)
    print("READY", flush=True)
    os._exit(0)


sys.exit(main(["--db", sys.argv[1]], on_shown=frame, on_ready=ready))
