"""``otdesk`` and ``python -m otdesk``: the command line, or the desktop app with no command.

This module sits outside the layers: it is the only place that knows both front ends, so the
command line never imports the desktop (Qt loads only when the desktop is wanted).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import Any


def open_desktop(
    db_target: str,
    username: str | None,
    *,
    on_shown: Callable[[Any], None] | None = None,
    on_ready: Callable[[Any], None] | None = None,
) -> int:
    """Open the desktop app; ``on_shown`` gets the window once its frame is painted, and
    ``on_ready`` once the caseload has its first answer (benchmarks)."""
    from otdesk.ui.shell.app import run_desktop

    return run_desktop(db_target=db_target, username=username, on_shown=on_shown,
                       on_ready=on_ready)


def main(
    argv: Sequence[str] | None = None,
    *,
    on_shown: Callable[[Any], None] | None = None,
    on_ready: Callable[[Any], None] | None = None,
) -> int:
    """Run otdesk with ``argv`` (default: the process's arguments); return the exit status."""
    from otdesk.cli.main import main as cli_main

    args = list(sys.argv[1:] if argv is None else argv)
    return cli_main(args, open_desktop=lambda db, user: open_desktop(
        db, user, on_shown=on_shown, on_ready=on_ready))


if __name__ == "__main__":
    sys.exit(main())
