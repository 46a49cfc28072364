"""Help > Keyboard shortcuts: every key the app answers to, read from where the keys are made.

The menus' part is read from the menus themselves, and the screens' part from the keys the
screens declare (``otdesk.ui.shell.keys``), so the list stays true as menus and screens change.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from otdesk.domain.translation import _
from otdesk.ui.editing.form_fields import strip_mnemonic
from otdesk.ui.parts.style import MARGIN, SPACING, set_role
from otdesk.ui.shell.keys import SCREEN_KEYS


def keys_text(sequences: Iterable[QKeySequence]) -> str:
    """Key sequences as this platform writes them, one to a line."""
    written = (s.toString(QKeySequence.SequenceFormat.NativeText) for s in sequences)
    return "\n".join(text for text in written if text)  # a standard key unbound here is empty


class KeyboardShortcutsDialog(QDialog):
    """The menus' shortcuts, menu by menu, then the keys that work inside each screen."""

    def __init__(self, menus: Sequence[QMenu], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Keyboard shortcuts"))
        self.setAccessibleName(_("Keyboard shortcuts"))
        self.resize(760, 600)
        intro = QLabel(
            _("Every menu item can also be reached with Alt and its underlined letter."),
            self,
        )
        intro.setWordWrap(True)
        set_role(intro, "muted")
        self.table = QTableWidget(0, 2, self)
        self.table.setAccessibleName(_("Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels([_("Keys"), _("What they do")])
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Rows grow for wrapped descriptions whenever the columns change width.
        self.table.horizontalHeader().sectionResized.connect(
            lambda *_args: self.table.resizeRowsToContents()
        )
        for menu in menus:
            title = _("{menu} menu").format(menu=strip_mnemonic(menu.title()))
            self._group(title, [
                (keys_text(action.shortcuts()), strip_mnemonic(action.text()))
                for action in menu.actions()
                if action.shortcuts() and action.isVisible()
            ])
        places: dict[str, list[tuple[str, str]]] = {}
        for key in SCREEN_KEYS:
            places.setdefault(key.translated_where(), []).append(
                (keys_text(key.sequences()), key.translated_what())
            )
        for where, entries in places.items():
            self._group(where, entries)
        # The keys' column as wide as the widest keys, within reason; long descriptions wrap.
        metrics = self.table.fontMetrics()
        widest = max((metrics.horizontalAdvance(keys) for lines in self.entries().values()
                      for keys, _what in lines), default=0)
        self.table.horizontalHeader().resizeSection(
            0, min(widest + 4 * SPACING, self.width() * 9 // 20)
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(SPACING)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.table.setFocus()

    def _group(self, title: str, entries: list[tuple[str, str]]) -> None:
        if not entries:
            return
        row = self.table.rowCount()
        self.table.setRowCount(row + 1 + len(entries))
        heading = QTableWidgetItem(title)
        font = QFont(heading.font())
        font.setBold(True)
        heading.setFont(font)
        self.table.setItem(row, 0, heading)
        self.table.setSpan(row, 0, 1, 2)
        for offset, (keys, what) in enumerate(entries, start=1):
            self.table.setItem(row + offset, 0, QTableWidgetItem(keys))
            self.table.setItem(row + offset, 1, QTableWidgetItem(what))

    def entries(self) -> dict[str, list[tuple[str, str]]]:
        """What the list shows: each group's title and its (keys, what they do) lines."""
        found: dict[str, list[tuple[str, str]]] = {}
        lines: list[tuple[str, str]] = []
        for row in range(self.table.rowCount()):
            keys, what = (self.table.item(row, column) for column in (0, 1))
            if what is None and keys is not None:  # a group's title
                lines = found.setdefault(keys.text(), [])
            elif keys is not None and what is not None:
                lines.append((keys.text(), what.text()))
        return found
