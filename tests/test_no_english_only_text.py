"""No text shown to users exists only in English: every literal a screen, a message or the
command line shows goes through the catalogue (the catalogue tests check it is translated)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "otdesk"

# Qt calls whose text argument a user reads, and the widgets made with their text.
QT_TEXT_CALLS = {
    "setText", "setToolTip", "setWindowTitle", "setPlaceholderText", "setAccessibleName",
    "setAccessibleDescription", "setStatusTip", "setWhatsThis", "setTitle", "setTabText",
    "addTab", "insertTab", "setInformativeText", "setDetailedText", "setSuffix", "setPrefix",
    "setSpecialValueText", "addButton", "addAction", "addItem", "addItems", "addMenu",
    "showMessage", "setHorizontalHeaderLabels", "setVerticalHeaderLabels", "setFormat",
    "setLabelText", "setCancelButtonText", "setNameFilter", "getOpenFileName",
    "getSaveFileName", "question", "warning", "information", "critical", "about", "addRow",
    "QLabel", "QPushButton", "QToolButton", "QCheckBox", "QRadioButton", "QGroupBox", "QAction",
    "QMenu", "QMessageBox", "QListWidgetItem", "QTableWidgetItem", "QTreeWidgetItem",
    "buddy_label",
}
# What the command line, the services and the domain say: printed lines, errors, help.
MESSAGE_CALLS = {
    "print", "fail", "note", "OtdeskError", "StorageError", "NotFoundError", "ConflictError",
    "ValidationError", "DemoRefusedError", "PermissionDeniedError", "FieldError",
    "ArgumentTypeError", "single", "add_argument", "add_parser", "add_subparsers",
    "ArgumentParser", "_Parser",
}
HELP_KEYWORDS = {"help", "description", "epilog", "title", "label", "text", "what", "intro",
                 "ok_text", "summary"}
MARKERS = {"_", "N_", "NC_", "N_plural", "ngettext", "pgettext", "npgettext"}
# Not words of any language: markup, and the program's own name ("otdesk: ..." on stderr).
_NOT_WORDS = re.compile(r"<[^>]*>|\botdesk\b|%[pvm]")


def _has_words(text: str) -> bool:
    return any(ch.isalpha() for ch in _NOT_WORDS.sub("", text))


def _literal_words(node: ast.AST) -> list[str]:
    """The word-bearing literal text of an argument that is not wrapped in a marker."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value] if _has_words(node.value) else []
    if isinstance(node, ast.JoinedStr):  # f"...": its own text, not what it puts in
        parts = [v.value for v in node.values if isinstance(v, ast.Constant)]
        return [p for p in parts if _has_words(p)]
    if isinstance(node, ast.BinOp):
        return _literal_words(node.left) + _literal_words(node.right)
    if isinstance(node, ast.IfExp):
        return _literal_words(node.body) + _literal_words(node.orelse)
    if isinstance(node, ast.Call) and _name(node.func) in ("format", "join"):
        return _literal_words(node.func.value) if isinstance(node.func, ast.Attribute) else []
    return []


def _name(func: ast.AST) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def english_only(source: str, calls: set[str]) -> list[tuple[int, str]]:
    """(line, text) of each literal passed to ``calls`` without going through the catalogue."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or _name(node.func) not in calls:
            continue
        args = list(node.args)
        args += [k.value for k in node.keywords if k.arg in HELP_KEYWORDS]
        if _name(node.func) in ("add_argument", "add_parser", "add_subparsers"):
            # Option names, commands and metavars are code; only help texts are read.
            args = [k.value for k in node.keywords if k.arg in HELP_KEYWORDS]
        elif _name(node.func) in ("single", "FieldError"):
            args = args[1:]  # the field's name is code; its reason is read
        for arg in args:
            found += [(node.lineno, text) for text in _literal_words(arg)]
    return found


def _modules(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (PACKAGE / folder).rglob("*.py"))


@pytest.mark.parametrize("path", _modules("ui"), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_screens_show_no_english_only_text(path: Path) -> None:
    assert english_only(path.read_text(encoding="utf-8"), QT_TEXT_CALLS) == []


@pytest.mark.parametrize("path", _modules("cli", "services", "domain", "db"),
                         ids=lambda p: str(p.relative_to(PACKAGE)))
def test_messages_and_the_command_line_have_no_english_only_text(path: Path) -> None:
    assert english_only(path.read_text(encoding="utf-8"), MESSAGE_CALLS) == []


def test_qt_translation_is_not_used_anywhere() -> None:
    # Qt's tr() texts are not in the gettext catalogue: one of them would stay English.
    qt_ways = re.compile(
        r"\.tr\(|QCoreApplication\.translate|(?<![\w.])translate\(|QT_TR_NOOP|QT_TRANSLATE_NOOP")
    used = [
        f"{path.relative_to(PACKAGE)}:{n}"
        for path in _modules("")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if qt_ways.search(line) and path.name != "i18n.py"
    ]
    assert used == []


def test_the_scan_finds_english_only_text_and_lets_marked_text_pass() -> None:
    source = '''
label = QLabel("Record number", self)
button.setToolTip(f"Open {name}'s record")
ok = QLabel(_("Record number"), self)
fine = QLabel(f"{a}  {b}", self)
symbol = QToolButton(self); symbol.setText("▾")
raise OtdeskError(f"there is no database at {path}")
raise OtdeskError(_("there is no database at {path}").format(path=path))
print("Imported " + str(n) + " clients")
p.add_argument("--json", action="store_true", help="print JSON")
p.add_argument("--json", action="store_true", help=_("print JSON"))
errors.append(FieldError("name", "is required when no staff member is chosen"))
raise ValidationError.single("out", N_("{path} already exists"), path=path)
'''
    assert english_only(source, QT_TEXT_CALLS | MESSAGE_CALLS) == [
        (2, "Record number"),
        (3, "Open "),
        (3, "'s record"),
        (7, "there is no database at "),
        (9, "Imported "),
        (9, " clients"),
        (10, "print JSON"),
        (12, "is required when no staff member is chosen"),
    ]
