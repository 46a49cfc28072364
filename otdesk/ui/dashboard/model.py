"""The item model of one dashboard block: its due items as rows (client, record no., what, due)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from otdesk.domain.translation import NC_, _, format_date
from otdesk.services.dashboard import DueItem, Urgency
from otdesk.ui.parts.icons import icon
from otdesk.ui.parts.record_table_model import ReadOnlyTableModel
from otdesk.ui.parts.style import status_colour

CLIENT, RECORD_NUMBER, SUMMARY, DUE = range(4)
COLUMN_COUNT = 4

RecordRefRole = Qt.ItemDataRole.UserRole + 1
UrgencyRole = Qt.ItemDataRole.UserRole + 2
DueItemRole = Qt.ItemDataRole.UserRole + 3

_HEADERS = (
    NC_("column", "Client"),
    NC_("column", "Record no."),
    NC_("column", "What"),
    NC_("column", "Due"),
)


def due_text(item: DueItem, today: date) -> str:
    """The due column in words (never colour only): "Overdue · 3 Mar 2026", "Due 3 Mar 2026"."""
    if item.due_date is None:
        if item.urgency is Urgency.OVERDUE:
            return _("Overdue")
        return ""
    when = format_date(item.due_date)
    if item.urgency is Urgency.OVERDUE:
        return _("Overdue · {date}").format(date=when)
    if item.urgency is Urgency.DUE:
        return _("Due {date}").format(date=when)
    return when


class DueItemsModel(ReadOnlyTableModel):
    """The items of one dashboard section, read-only."""
    HEADERS = _HEADERS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[DueItem] = []
        self._today = date.today()

    def set_items(self, items: Sequence[DueItem], today: date) -> None:
        """Show ``items`` (due dates judged against ``today``)."""
        self.beginResetModel()
        self._items = list(items)
        self._today = today
        self.endResetModel()

    def item(self, row: int) -> DueItem | None:
        """The due item on ``row``."""
        return self._items[row] if 0 <= row < len(self._items) else None

    def _row_total(self) -> int:
        return len(self._items)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        item = self.item(index.row()) if index.isValid() else None
        if item is None:
            return None
        column = index.column()
        if role == RecordRefRole:
            return item.target
        if role == UrgencyRole:
            return item.urgency.value
        if role == DueItemRole:
            return item
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(item, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return " — ".join(t for t in (self._text(item, c) for c in range(COLUMN_COUNT)) if t)
        if column == DUE and item.urgency is not Urgency.INFO:
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor(status_colour(item.urgency.value).foreground)
            if role == Qt.ItemDataRole.FontRole and item.urgency is Urgency.OVERDUE:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.DecorationRole and item.urgency is Urgency.OVERDUE:
                return icon("warning")
        return None

    def _text(self, item: DueItem, column: int) -> str:
        if column == CLIENT:
            return item.client_name
        if column == RECORD_NUMBER:
            return item.record_number
        if column == SUMMARY:
            return item.summary
        if column == DUE:
            return due_text(item, self._today)
        return ""
