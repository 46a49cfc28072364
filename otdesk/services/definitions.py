"""The instruments and checklists this installation knows: the shipped definitions plus the
clinic's own folder, loaded once and kept.

The clinic's folder is ``<data folder>/definitions`` unless ``OTDESK_DEFINITIONS`` names
another (tests and development). Files that fail validation are skipped; their problems stay
in ``library().problems`` for the caller to report by file and reason.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from otdesk.domain.definitions import Library, Problem, load_definitions
from otdesk.paths import data_dir
from otdesk.resources import resource_path

DEFINITIONS_ENV = "OTDESK_DEFINITIONS"

_lock = threading.Lock()
_cached: Library | None = None


def shipped_folder() -> Path:
    """The folder of the definitions otdesk ships."""
    return resource_path("definitions")


def clinic_folder() -> Path:
    """The folder a clinic drops its own definition files into."""
    override = os.environ.get(DEFINITIONS_ENV, "").strip()
    return Path(override) if override else data_dir() / "definitions"


def library() -> Library:
    """Every definition, shipped and the clinic's own (loaded on first use, then kept)."""
    global _cached
    with _lock:
        if _cached is None:
            _cached = load_definitions([shipped_folder(), clinic_folder()])
        return _cached


def reload() -> Library:
    """Read the definition folders again (after a clinic adds or fixes a file)."""
    global _cached
    with _lock:
        _cached = None
    return library()


def clinic_problems() -> list[Problem]:
    """The problems found in the clinic's own folder."""
    folder = clinic_folder().resolve()
    return [p for p in library().problems if folder in p.file.resolve().parents]
