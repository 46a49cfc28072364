"""An editable list of diagnoses: the text as the referrer wrote it, and an optional code."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from otdesk.domain.translation import _
from otdesk.ui.parts.style import SPACING

_SYSTEM_ROLE = Qt.ItemDataRole.UserRole + 1


class DiagnosesEditor(QWidget):
    """Rows of (diagnosis, code); blank rows are ignored when read."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels([_("Diagnosis"), _("Code (optional)")])
        self.table.setAccessibleName(_("Diagnoses"))
        self.table.setAccessibleDescription(
            _("Each row is one diagnosis as written, with an optional classification code")
        )
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setMinimumHeight(110)
        self.table.itemChanged.connect(lambda _item: self.changed.emit())
        self.add_button = QPushButton(_("Add diagnosis"), self)
        self.add_button.setAccessibleName(_("Add diagnosis"))
        self.remove_button = QPushButton(_("Remove diagnosis"), self)
        self.remove_button.setAccessibleName(_("Remove the selected diagnosis"))
        self.add_button.clicked.connect(self._add_and_edit)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        buttons = QHBoxLayout()
        buttons.setSpacing(SPACING)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(SPACING)
        column.addWidget(self.table)
        column.addLayout(buttons)
        self.setFocusProxy(self.table)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def add_row(self, text: str = "", code: str = "", system: str = "") -> None:
        """Add a row and start typing the diagnosis in it."""
        row = self.table.rowCount()
        self.table.blockSignals(True)
        self.table.insertRow(row)
        first = QTableWidgetItem(text)
        first.setData(_SYSTEM_ROLE, system)
        self.table.setItem(row, 0, first)
        self.table.setItem(row, 1, QTableWidgetItem(code))
        self.table.blockSignals(False)
        self.changed.emit()

    def _add_and_edit(self) -> None:
        self.add_row()
        row = self.table.rowCount() - 1
        self.table.setCurrentCell(row, 0)
        self.table.setFocus()
        item = self.table.item(row, 0)
        if item is not None:
            self.table.editItem(item)

    def remove_selected(self) -> None:
        """Remove the selected rows."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()}, reverse=True)
        for row in rows:
            self.table.removeRow(row)
        if rows:
            self.changed.emit()

    def value(self) -> list[dict[str, str]]:
        """The diagnoses as ``{"text", "code", "code_system"}`` dictionaries."""
        out = []
        for row in range(self.table.rowCount()):
            text_item, code_item = self.table.item(row, 0), self.table.item(row, 1)
            text = text_item.text() if text_item else ""
            code = code_item.text().strip() if code_item else ""
            if not text.strip() and not code:
                continue
            system = str(text_item.data(_SYSTEM_ROLE) or "") if text_item else ""
            out.append({"text": text, "code": code, "code_system": system})
        return out

    def set_value(self, items: Iterable[Any] | None) -> None:
        """Show these diagnoses (``Diagnosis`` objects or dictionaries)."""
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        self.table.blockSignals(False)
        for item in items or ():
            d = item if isinstance(item, dict) else item.__dict__
            self.add_row(d.get("text", ""), d.get("code", ""), d.get("code_system", ""))
        self._update_buttons()
