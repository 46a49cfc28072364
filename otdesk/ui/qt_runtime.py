"""PySide6 loaded once, for the whole interface, without its per-module source scan.

Once PySide6 is loaded it wraps Python's ``import``: for every module imported afterwards it
reads the module's whole source file (``inspect.getsource``) to learn whether the module uses
PySide, so that a module's ``from __feature__ import snake_case`` (PySide's opt-in Python
names) can apply to that module alone. otdesk opts into no feature, so the scan never changes
what any module sees; but reading some 55 source files costs the desktop's start about 13 ms
(``bench/bench_ui.py`` times the start). ``skip_feature_scan`` gives PySide the answer without
reading anything: every module counts as one that uses PySide with no feature chosen, which
is exactly how PySide treats a module that does use it and opts into nothing. A module that
does opt in still registers itself as it always did, when its ``from __feature__`` line runs.

The scan lives in PySide's internal ``shibokensupport.feature`` module, so it is looked up
with care: a PySide laid out differently keeps its scan, and only the start is slower.
"""

from __future__ import annotations

import sys
from types import ModuleType

import PySide6.QtCore  # noqa: F401  (loads shiboken and the scan this module replaces)

FEATURE_MODULE = "shibokensupport.feature"
SCAN_FUNCTION = "_mod_uses_pyside"


def _uses_pyside(_module: ModuleType) -> bool:
    return True


def skip_feature_scan() -> bool:
    """Answer PySide's "does this module use PySide?" without reading its source; return
    whether the scan was found and replaced."""
    feature = sys.modules.get(FEATURE_MODULE)
    if feature is None or not callable(getattr(feature, SCAN_FUNCTION, None)):
        return False
    setattr(feature, SCAN_FUNCTION, _uses_pyside)
    return True
