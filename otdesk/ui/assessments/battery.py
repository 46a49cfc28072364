"""The discharge-readiness battery at a glance: per instrument of the clinic's battery, the
latest result with its date and band, the change since the first administration (meaningful
changes flagged), and what is missing or out of date."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from otdesk.domain.translation import NC_, _, current_language, fill, format_date
from otdesk.services.assessments import BatteryLine, battery_summary, find_definition
from otdesk.ui.assessments.models import change_text, total_text
from otdesk.ui.parts.record_table_model import Index, ReadOnlyTableModel
from otdesk.ui.parts.style import DUE, OVERDUE, SPACING, set_role


def _changes(line: BatteryLine) -> str:
    if line.first is None or line.latest is None or line.first.id == line.latest.id:
        return _("only one result") if line.latest is not None else ""
    definition = find_definition(line.definition_id)
    total = definition.total_rule() if definition else None
    language = current_language()
    parts = []
    for c in line.changes:
        if total is not None and c.key != total.key and not c.meaningful:
            continue  # the total always, the domains when they moved meaningfully
        places = definition.rule(c.key).places if definition else 1
        text = fill(_("{score} {change}"), score=c.label.text(language),
                    change=change_text(c.change, places))
        parts.append(text + (" ★" if c.meaningful else ""))
    return "; ".join(parts)


def _state(line: BatteryLine) -> str:
    if line.state == "missing":
        return _("Missing: not done yet")
    if line.state == "due":
        return fill(_("Out of date since {date}"), date=format_date(line.due_on)) \
            if line.due_on else _("Out of date")
    return fill(_("Up to date; next due {date}"), date=format_date(line.due_on)) \
        if line.due_on else _("Up to date")


class BatteryModel(ReadOnlyTableModel):
    """One row per instrument of the battery."""

    INSTRUMENT, LATEST, BAND, CHANGE, STATE = range(5)
    HEADERS = (
        NC_("column", "Instrument"), NC_("column", "Latest result"), NC_("column", "Band"),
        NC_("column", "Change since first"), NC_("column", "Status"),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines: list[BatteryLine] = []

    def set_lines(self, lines: list[BatteryLine]) -> None:
        """Show these lines."""
        self.beginResetModel()
        self.lines = list(lines)
        self.endResetModel()

    def _row_total(self) -> int:
        return len(self.lines)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self.lines[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            latest = line.latest
            if column == self.INSTRUMENT:
                return line.title
            if column == self.LATEST:
                return "" if latest is None else fill(
                    _("{total} on {date}"), total=total_text(latest),
                    date=format_date(latest.administered_on))
            if column == self.BAND:
                return "" if latest is None else latest.band_label
            if column == self.CHANGE:
                return _changes(line)
            return _state(line)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATE:
            if line.state == "missing":
                return QBrush(QColor(OVERDUE.foreground))
            if line.state == "due":
                return QBrush(QColor(DUE.foreground))
        if role == Qt.ItemDataRole.ToolTipRole:
            return line.summary
        return None


class BatteryView(QWidget):
    """The battery table under a one-line answer: how many are up to date, what is open."""

    open_requested = Signal(int)  # an administration to open (a line's latest result)
    add_to_plan_requested = Signal(int)  # a line's latest result to add to the care plan

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel(_("Discharge-readiness battery"), self)
        set_role(heading, "h2")
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        legend = QLabel(_("★ marks a meaningful change (at least the smallest change the "
                          "instrument counts as real)."), self)
        legend.setWordWrap(True)
        set_role(legend, "small")
        self.model = BatteryModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Discharge-readiness battery"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.doubleClicked.connect(self._open)
        self.plan_button = QPushButton(_("Add result to care plan…"), self)
        self.plan_button.setAccessibleName(_("Add the selected instrument's latest result to "
                                             "the care plan"))
        self.plan_button.setEnabled(False)
        self.plan_button.clicked.connect(self._add_to_plan)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        top = QHBoxLayout()
        top.addWidget(heading, 1)
        top.addWidget(self.plan_button)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(SPACING)
        box.addLayout(top)
        box.addWidget(self.summary)
        box.addWidget(self.table, 1)
        box.addWidget(legend)

    def show_lines(self, lines: list[BatteryLine]) -> None:
        """Show the battery of one client."""
        self.model.set_lines(lines)
        self.summary.setText(battery_summary(lines) if lines else
                             _("The clinic has no discharge-readiness battery."))
        all_current = bool(lines) and all(line.state == "current" for line in lines)
        set_role(self.summary, "banner-ok" if all_current else "banner-error")
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column in range(header.count() - 1):
            header.resizeSection(column, min(header.sectionSize(column), 320))
        self.table.resizeRowsToContents()
        self._selected()
        rows = max(1, len(lines))
        self.table.setMaximumHeight(header.height() + rows * self.table.rowHeight(0) + 6
                                    if lines else header.height() + 40)

    def _chosen(self) -> BatteryLine | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.lines[rows[0].row()] if rows else None

    def _selected(self) -> None:
        line = self._chosen()
        self.plan_button.setEnabled(line is not None and line.latest is not None)

    def _add_to_plan(self) -> None:
        line = self._chosen()
        if line is not None and line.latest is not None:
            self.add_to_plan_requested.emit(line.latest.id)

    def _open(self, index: Index) -> None:
        line = self.model.lines[index.row()]
        if line.latest is not None:
            self.open_requested.emit(line.latest.id)
