"""Flat, read-only table models: translated headers over rows, and rows of records with an id.

``TableModel`` gives a flat table its row and column counts and its header texts;
``ReadOnlyTableModel`` also makes every cell just enabled and selectable. ``RecordTableModel``
shows a list of frozen records that carry an ``id``, each column declared by a ``Column``.

Header texts are marked ``NC_("column", text)``: a column's word may differ from the same
English word elsewhere ("Date of birth" is shorter over a column).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from otdesk.domain.translation import pgettext

Index = QModelIndex | QPersistentModelIndex
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1  # the record of a row
ID_ROLE = Qt.ItemDataRole.UserRole + 2  # its id
SORT_ROLE = Qt.ItemDataRole.UserRole + 3  # what a proxy sorts the column by


class HasId(Protocol):
    """A record a ``RecordTableModel`` can show: anything with an integer ``id``."""

    @property
    def id(self) -> int: ...


R = TypeVar("R", bound=HasId)


class TableModel(QAbstractTableModel):
    """A flat table: ``_row_total`` rows, one column per header, headers translated."""

    HEADERS: ClassVar[Sequence[tuple[str, str]]] = ()  # (context, English text) from NC_

    def _row_total(self) -> int:  # pragma: no cover - abstract
        """How many rows the table has."""
        raise NotImplementedError

    def rowCount(self, parent: Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else self._row_total()

    def columnCount(self, parent: Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.HEADERS):
            return pgettext(*self.HEADERS[section])
        return None


class ReadOnlyTableModel(TableModel):
    """A ``TableModel`` whose cells are enabled and selectable, and nothing more."""

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


@dataclass(frozen=True)
class Column(Generic[R]):
    """What one column of a ``RecordTableModel`` shows of a record.

    ``title`` is marked ``NC_("column", ...)``; ``text`` is the cell (also read to screen
    readers); ``sort`` what the column sorts by (its text otherwise); ``bold`` and ``tip``
    optional emphasis and tool tip.
    """

    title: tuple[str, str]
    text: Callable[[R], str]
    sort: Callable[[R], Any] | None = None
    bold: Callable[[R], bool] | None = None
    tip: Callable[[R], str | None] | None = None


class RecordTableModel(TableModel, Generic[R]):
    """Rows of frozen records with an ``id``, one column per ``Column`` of ``COLUMNS``.

    Every row answers ``RECORD_ROLE`` (the record), ``ID_ROLE`` (its id), the display and
    accessible text, ``SORT_ROLE``, and the bold font and tool tip its columns declare. A kind
    of record declares its columns and nothing else.
    """

    COLUMNS: ClassVar[Sequence[Column[Any]]] = ()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[R] = []
        self.HEADERS = [c.title for c in self.COLUMNS]  # type: ignore[misc]

    def set_records(self, records: Sequence[R]) -> None:
        """Show these records."""
        self.beginResetModel()
        self._rows = list(records)
        self.endResetModel()

    def record(self, row: int) -> R:
        """The record on ``row``."""
        return self._rows[row]

    def row_of(self, record_id: int) -> int:
        """The row of a record, or -1."""
        return next((i for i, r in enumerate(self._rows) if r.id == record_id), -1)

    def _row_total(self) -> int:
        return len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(self.COLUMNS):
            return None
        record, column = self._rows[index.row()], self.COLUMNS[index.column()]
        if role == RECORD_ROLE:
            return record
        if role == ID_ROLE:
            return record.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return column.text(record)
        if role == SORT_ROLE:
            return (column.sort or column.text)(record)
        if role == Qt.ItemDataRole.FontRole and column.bold is not None and column.bold(record):
            return _bold()
        if role == Qt.ItemDataRole.ToolTipRole and column.tip is not None:
            return column.tip(record)
        return None


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font
