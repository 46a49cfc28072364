"""``otdesk`` and ``python -m otdesk``: the command line, or the desktop app with no command.

This module sits outside the layers: it is the only place that knows both front ends, so the
command line never imports the desktop (and Qt loads only when the desktop is wanted).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from otdesk.cli.main import main as cli_main


def _open_desktop(db_target: str, username: str | None) -> int:
    from otdesk.ui.app import run_desktop

    return run_desktop(db_target=db_target, username=username)


def main(argv: Sequence[str] | None = None) -> int:
    """Run otdesk with ``argv`` (default: the process's arguments); return the exit status."""
    return cli_main(argv, open_desktop=_open_desktop)


if __name__ == "__main__":
    sys.exit(main())
