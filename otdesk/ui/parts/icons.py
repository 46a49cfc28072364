"""Icons drawn for otdesk, kept as SVG files under ``resources/icons`` and found by name."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from otdesk.resources import resource_path

NAMES = (
    "app",
    "caseload",
    "client",
    "close",
    "dashboard",
    "import",
    "lock",
    "modifications",
    "new-client",
    "redo",
    "search",
    "settings",
    "undo",
    "warning",
)


def icon_path(name: str) -> str:
    """The file of icon ``name`` (an SVG under resources/icons)."""
    return str(resource_path("icons", f"{name}.svg"))


@cache
def icon(name: str) -> QIcon:
    """The icon called ``name`` (an empty icon if the file is missing, never an error).

    One QIcon per name for the whole run: Qt keeps each icon's drawn sizes in its pixmap
    cache under that icon's own key, so a fresh QIcon per use (per navigation entry, per
    paint of its close button) drew the SVG again and left another copy in the cache.
    """
    path = resource_path("icons", f"{name}.svg")
    return QIcon(str(path)) if path.is_file() else QIcon()
