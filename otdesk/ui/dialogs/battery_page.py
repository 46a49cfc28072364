"""The Settings dialog's Battery page: which instruments every client in care is assessed
with, in which order, and after how many days each is repeated. The page only collects the
list; the dialog's Save hands it to ``otdesk.services.battery.set_battery``."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from otdesk.domain.errors import ValidationError
from otdesk.domain.translation import _, current_language, fill
from otdesk.services import battery
from otdesk.services.context import Context
from otdesk.services.definitions import library
from otdesk.ui.parts.style import MARGIN, SPACING, set_role

TITLE, DAYS = 0, 1


class BatteryPage(QWidget):
    """A table of the battery's instruments with Add, Remove, Move up and Move down."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._titles = {d.id: d.title.text(current_language())
                        for d in library().latest(current_language())}
        self.table = QTableWidget(0, 2, self)
        self.table.setAccessibleName(_("Instruments of the battery"))
        self.table.setHorizontalHeaderLabels([_("Instrument"), _("Repeat every")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(DAYS, QHeaderView.ResizeMode.ResizeToContents)
        self.choice = QComboBox(self)
        self.choice.setAccessibleName(_("Instrument to add"))
        self.choice.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.add_button = QPushButton(_("A&dd"), self)
        self.add_button.clicked.connect(self.add_chosen)
        self.remove_button = QPushButton(_("Re&move"), self)
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button = QPushButton(_("Move &up"), self)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button = QPushButton(_("Move do&wn"), self)
        self.down_button.clicked.connect(lambda: self.move_current(1))
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        set_role(self.message, "banner-error")
        self.message.hide()
        note = QLabel(_("Every client in care is assessed with these instruments; each one "
                        "falls due again this many days after it was last done."), self)
        note.setWordWrap(True)
        set_role(note, "muted")

        adding = QHBoxLayout()
        adding.setSpacing(SPACING)
        adding.addWidget(self.choice, 1)
        adding.addWidget(self.add_button)
        moving = QHBoxLayout()
        moving.setSpacing(SPACING)
        for button in (self.remove_button, self.up_button, self.down_button):
            moving.addWidget(button)
        moving.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(SPACING)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addLayout(moving)
        layout.addLayout(adding)
        layout.addWidget(self.message)
        self.load()

    # -- values ---------------------------------------------------------------------------

    def load(self) -> None:
        """Show the battery as saved."""
        self.table.setRowCount(0)
        saved = battery.list_battery(self._ctx)
        for entry in saved:
            self._append(entry.definition_id, entry.title, entry.repeat_days)
        self._saved = [(e.definition_id, e.repeat_days) for e in saved]
        self._refresh_choices()
        self.clear_message()

    def _append(self, definition_id: str, title: str, days: int, row: int | None = None) -> None:
        row = self.table.rowCount() if row is None else row
        self.table.insertRow(row)
        item = QTableWidgetItem(title)
        item.setData(Qt.ItemDataRole.UserRole, definition_id)
        item.setToolTip(definition_id)
        self.table.setItem(row, TITLE, item)
        spin = QSpinBox(self.table)
        spin.setRange(1, battery.MAX_REPEAT_DAYS)
        spin.setSuffix(_(" days"))
        spin.setValue(days)
        spin.setAccessibleName(fill(_("Repeat {title} every"), title=title))
        self.table.setCellWidget(row, DAYS, spin)

    def _spin(self, row: int) -> QSpinBox:
        spin = self.table.cellWidget(row, DAYS)
        assert isinstance(spin, QSpinBox)
        return spin

    def _id(self, row: int) -> str:
        item = self.table.item(row, TITLE)
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else ""

    def entries(self) -> list[tuple[str, int]]:
        """The battery as the table shows it: (definition id, repeat days), in order."""
        return [(self._id(r), self._spin(r).value()) for r in range(self.table.rowCount())]

    def changed(self) -> bool:
        """Whether the table differs from the saved battery."""
        return self.entries() != self._saved

    def _refresh_choices(self) -> None:
        taken = {definition_id for definition_id, _days in self.entries()}
        self.choice.clear()
        for definition_id, title in sorted(self._titles.items(), key=lambda p: p[1].casefold()):
            if definition_id not in taken:
                self.choice.addItem(title, definition_id)
        self.add_button.setEnabled(self.choice.count() > 0)

    # -- actions --------------------------------------------------------------------------

    def add_chosen(self, days: int = 90) -> None:
        """Add the instrument chosen in the list below the table."""
        definition_id = self.choice.currentData()
        if not definition_id:
            return
        self._append(str(definition_id), self._titles[str(definition_id)], days)
        self.table.selectRow(self.table.rowCount() - 1)
        self._refresh_choices()

    def remove_current(self) -> None:
        """Take the selected instrument out of the battery."""
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self._refresh_choices()

    def move_current(self, step: int) -> None:
        """Move the selected instrument one place up (-1) or down (+1)."""
        row = self.table.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.table.rowCount():
            return
        definition_id, days = self._id(row), self._spin(row).value()
        item = self.table.item(row, TITLE)
        title = item.text() if item is not None else definition_id
        self.table.removeRow(row)
        self._append(definition_id, title, days, target)
        self.table.selectRow(target)

    def row_of(self, definition_id: str) -> int:
        """The table row of an instrument, or -1."""
        return next((r for r in range(self.table.rowCount()) if self._id(r) == definition_id),
                    -1)

    def save(self) -> bool:
        """Save the battery when it was changed; a refusal is shown naming the rows."""
        self.clear_message()
        if not self.changed():
            return True
        try:
            saved = battery.set_battery(self._ctx, entries=self.entries())
        except ValidationError as exc:
            lines = []
            for error in exc.errors:
                row = error.row or 0
                item = self.table.item(row - 1, TITLE) if row > 0 else None
                title = item.text() if item is not None else ""
                lines.append(fill(_("Row {row} ({title}): {reason}"), row=row, title=title,
                                  reason=error.reason))
            self.message.setText("\n".join(lines))
            self.message.show()
            return False
        self._saved = [(e.definition_id, e.repeat_days) for e in saved]
        return True

    def clear_message(self) -> None:
        """Hide the refusal message."""
        self.message.clear()
        self.message.hide()
