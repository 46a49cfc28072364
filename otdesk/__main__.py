"""``otdesk`` and ``python -m otdesk``: the command line, or the desktop app with no command.

This module sits outside the layers: it is the only place that knows both front ends, so the
command line never imports the desktop (and Qt loads only when the desktop is wanted). Opening
the desktop (no command, at most ``--db`` and ``--user``) skips building the command line's
parser and everything behind it: start-up time is the desktop's first impression.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

DESKTOP_OPTIONS = ("--db", "--user")


def desktop_arguments(argv: Sequence[str]) -> dict[str, str] | None:
    """The ``--db``/``--user`` values when ``argv`` asks for nothing but the desktop, else None
    (a command, ``--help``, anything else or anything malformed is the command line's to
    handle, with its messages)."""
    found: dict[str, str] = {}
    items = list(argv)
    while items:
        item = items.pop(0)
        name, sep, value = item.partition("=")
        if name not in DESKTOP_OPTIONS or name in found:
            return None
        if not sep:
            if not items or items[0].startswith("-"):
                return None
            value = items.pop(0)
        if not value:
            return None
        found[name] = value
    return found


def open_desktop(
    db_target: str, username: str | None, *, on_shown: Callable[[Any], None] | None = None
) -> int:
    """Open the desktop app; ``on_shown`` gets the window once it is painted (benchmarks)."""
    # Start-up makes a great many objects and frees almost none, so the collector's passes
    # over them are wasted time (about 10 ms measured): it is off until the first screen is
    # painted, and the desktop turns it back on then.
    gc.disable()
    try:
        from otdesk.ui.startup import launch

        return launch(db_target, username, on_shown=on_shown)
    finally:
        gc.enable()


def main(
    argv: Sequence[str] | None = None, *, on_shown: Callable[[Any], None] | None = None
) -> int:
    """Run otdesk with ``argv`` (default: the process's arguments); return the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    desktop = desktop_arguments(args)
    if desktop is not None:
        from otdesk.paths import USER_ENV, database_target

        username = desktop.get("--user") or os.environ.get(USER_ENV, "").strip() or None
        return open_desktop(database_target(desktop.get("--db")), username, on_shown=on_shown)

    from otdesk.cli.main import main as cli_main

    return cli_main(args, open_desktop=lambda db, user: open_desktop(db, user, on_shown=on_shown))


if __name__ == "__main__":
    sys.exit(main())
