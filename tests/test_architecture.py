"""The layers stay apart: the import contracts hold and Qt stays inside ``otdesk.ui``.

This is what keeps every clinical rule and service testable without a QApplication, and lets
the command line reuse the services.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "otdesk"
QT_MODULES = {"PySide6", "shiboken6", "PyQt5", "PyQt6", "PySide2"}
FRAMEWORKS = QT_MODULES | {"sqlalchemy", "alembic", "reportlab", "platformdirs", "psycopg"}


def _modules_outside_ui() -> list[Path]:
    return sorted(
        p
        for p in PACKAGE.rglob("*.py")
        if (PACKAGE / "ui") not in p.parents and "__pycache__" not in p.parts
    )


def _imported_top_levels(path: Path) -> list[tuple[str, int]]:
    """Top-level names of every module ``path`` imports, statically or by a literal name."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((alias.name.split(".")[0], node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module.split(".")[0], node.lineno))
        elif (
            isinstance(node, ast.Call)
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and (
                (isinstance(node.func, ast.Name) and node.func.id == "__import__")
                or (isinstance(node.func, ast.Attribute) and node.func.attr == "import_module")
            )
        ):
            found.append((node.args[0].value.split(".")[0], node.lineno))
    return found


def test_import_linter_contracts_are_kept() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    assert contracts, "pyproject.toml declares no import-linter contracts"
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(lint_imports), "--no-cache", "--no-logo"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    assert f"Contracts: {len(contracts)} kept, 0 broken." in report, report


def test_no_module_outside_ui_imports_qt() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{line} imports {name}"
        for path in _modules_outside_ui()
        for name, line in _imported_top_levels(path)
        if name in QT_MODULES
    ]
    assert offenders == []


def test_domain_is_pure_python() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{line} imports {name}"
        for path in sorted((PACKAGE / "domain").rglob("*.py"))
        for name, line in _imported_top_levels(path)
        if name in FRAMEWORKS
    ]
    assert offenders == []


def test_the_scan_sees_imports_it_must_refuse(tmp_path: Path) -> None:
    # Guard the guard: the scanner must notice each way a module can pull Qt in.
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import PySide6.QtCore\n"
        "from shiboken6 import isValid\n"
        "import importlib\n"
        "importlib.import_module('PySide6.QtWidgets')\n"
        "from . import sibling\n",
        encoding="utf-8",
    )
    names = [name for name, _ in _imported_top_levels(sample)]
    assert names.count("PySide6") == 2
    assert "shiboken6" in names
    assert len(_modules_outside_ui()) > 10  # the walk really covers the package


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


IMPORT_AND_LIST_QT = """
import importlib, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
print(sorted(m for m in sys.modules if m.split(".")[0] in {qt}))
"""


def test_importing_everything_but_ui_loads_no_qt() -> None:
    # Catches Qt arriving indirectly, e.g. through a third-party package, which a static scan
    # of otdesk's own files cannot see. (Migration scripts only run inside Alembic.)
    names = [
        _module_name(p)
        for p in _modules_outside_ui()
        if "migrations" not in p.parts and p.name != "__main__.py"
    ]
    assert "otdesk.services.clients" in names
    code = IMPORT_AND_LIST_QT.replace("{qt}", repr(QT_MODULES))
    result = subprocess.run(
        [sys.executable, "-c", code, *names],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def _announcements_by_hand(path: Path) -> list[int]:
    """Lines where ``path`` announces a change itself: emitting the change signal or calling
    ``publish``, instead of letting the services' unit of work announce what it committed."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    lines = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        target = node.func.value
        bus = (isinstance(target, ast.Attribute) and target.attr == "events") or (
            isinstance(target, ast.Name) and target.id == "events")
        if node.func.attr == "publish" or (bus and node.func.attr == "changed") or (
            node.func.attr == "emit" and isinstance(target, ast.Attribute)
            and target.attr in ("records_changed", "_from_worker")
        ):
            lines.append(node.lineno)
    return lines


def test_no_screen_announces_a_change_by_hand() -> None:
    # Only the change bus itself delivers what the services announce (Events.publish).
    bus = PACKAGE / "ui" / "shell" / "events.py"
    found = {
        str(p.relative_to(ROOT)): lines
        for p in sorted((PACKAGE / "ui").rglob("*.py"))
        if p != bus and (lines := _announcements_by_hand(p))
    }
    assert found == {}


def test_the_scan_finds_an_announcement_by_hand(tmp_path: Path) -> None:
    screen = tmp_path / "screen.py"
    screen.write_text("def save(app):\n    app.events.records_changed.emit(None)\n"
                      "    app.events.publish(None)\n    app.events.changed('client', 1)\n")
    assert _announcements_by_hand(screen) == [2, 3, 4]
