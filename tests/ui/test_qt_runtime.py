"""PySide's scan of each imported module's source is switched off for the desktop's start."""

from __future__ import annotations

import linecache
import sys
from pathlib import Path

import otdesk.ui  # noqa: F401  (switches the scan off, as the desktop's start does)
from otdesk.ui import qt_runtime


def test_a_module_imported_after_the_interface_loads_is_not_read_as_text(
    tmp_path: Path, monkeypatch
) -> None:
    # PySide's scan reads a module's source through linecache; with it off, importing a new
    # module reads only its code, as Python alone would.
    module_file = tmp_path / "otdesk_scan_probe.py"
    module_file.write_text("from PySide6.QtCore import QObject\nVALUE = 42\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        import otdesk_scan_probe as module  # an import statement, which PySide's hook sees

        assert module.VALUE == 42
        assert str(module_file) not in linecache.cache
    finally:
        sys.modules.pop("otdesk_scan_probe", None)


def test_a_pyside_without_the_scan_is_left_as_it_is(monkeypatch) -> None:
    monkeypatch.delitem(sys.modules, qt_runtime.FEATURE_MODULE)
    assert qt_runtime.skip_feature_scan() is False
