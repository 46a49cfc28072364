"""The one lookup for shipped data files (instruments, checklists, handouts, icons, translations).

In a source checkout they live in ``resources/`` at the top of the repository; an installed
wheel carries the same tree as ``otdesk/_resources``.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CANDIDATES = (_PACKAGE / "_resources", _PACKAGE.parent / "resources")


def resources_root() -> Path:
    """The folder holding otdesk's resource tree."""
    for candidate in _CANDIDATES:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("otdesk's resources folder is missing from this installation")


def resource_path(*parts: str) -> Path:
    """The path of one resource file or folder (which may not exist)."""
    return resources_root().joinpath(*parts)
