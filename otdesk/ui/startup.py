"""The desktop's first moments: the first screen's read starts before the interface loads.

``launch`` is what ``otdesk`` runs to open the desktop. It reads the workstation's preferences
and starts reading the first screen from the records on a thread of its own, and only then
loads the interface (most of the start-up time) and hands over to ``app.run_desktop``. The
thread does the database work alone (``first_page.query_first_screen``): ``sqlite3`` lets go of
the interpreter while it works, so on a machine with two cores the read costs the interface
nothing. Turning the rows into the first screen is Python work, done when the window wants it
(a thread running Python beside the interface being built only slows both down: measured).

This module loads only Qt's core module (for the preferences) and the plain read.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from otdesk.db.database import Database
from otdesk.services.first_page import (
    FirstPage,
    FirstScreenRows,
    first_page_from,
    query_first_screen,
)
from otdesk.ui.settings_store import UiSettings

FirstRead = Callable[[], "tuple[Database, FirstPage] | None"]


def launch(
    db_target: str, username: str | None, *, on_shown: Callable[[Any], None] | None = None
) -> int:
    """Open the desktop app on ``db_target`` acting as ``username``; return the exit status."""
    ui_settings = UiSettings()
    first_read = quick_start(db_target, username=username, ui_settings=ui_settings)
    from otdesk.ui.app import run_desktop

    return run_desktop(db_target=db_target, username=username, ui_settings=ui_settings,
                       on_shown=on_shown, first_read=first_read)


def quick_start(
    target: str, *, username: str | None, ui_settings: UiSettings
) -> FirstRead:
    """Begin reading the first screen for a quick start; the call returned waits for it and
    gives a deferred database handle and the first screen's data, or None when a quick start
    does not apply.

    The database work runs on a thread of its own while the caller goes on building the
    interface; the waiting call makes the first screen from its rows. The settings it needs
    are read here, on the calling thread (a settings object is not to be shared between
    threads).
    """
    sort, descending = ui_settings.caseload_sort
    last_staff_id = ui_settings.last_staff_id
    outcome: list[FirstScreenRows | None] = []
    failure: list[BaseException] = []

    def read() -> None:
        try:
            outcome.append(query_first_screen(target, sort=sort, descending=descending))
        except BaseException as exc:  # handed to the waiting caller, who reports it
            failure.append(exc)

    reader = threading.Thread(target=read, name="otdesk-first-page", daemon=True)
    reader.start()

    def wait() -> tuple[Database, FirstPage] | None:
        reader.join()
        if failure:
            raise failure[0]
        rows = outcome[0]
        first = None if rows is None else first_page_from(
            rows, username=username, last_staff_id=last_staff_id, sort=sort,
            descending=descending,
        )
        if first is None:
            return None

        def open_full() -> Database:
            from otdesk.db.engine import open_database

            return open_database(target)

        location = str(Path(target).expanduser().resolve())
        return Database.deferred(open_full, location=location), first

    return wait
