"""The action items of a session: a table (who, what, by when, done), a line to add one, and
Remove. Done can be ticked on a signed note too, since what was agreed does not change."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from otdesk.domain.translation import _
from otdesk.services.session_views import ActionItemInfo
from otdesk.ui.client_record.tabs._parts import record_table, selected_record
from otdesk.ui.editing.form_fields import DateField
from otdesk.ui.family_sessions.models import ActionItemsModel
from otdesk.ui.parts.style import SPACING, UNIT, set_role


class ActionItemsBox(QWidget):
    """Who will do what, by when."""

    add_requested = Signal(object)  # {"who", "what", "due_date"}
    remove_requested = Signal(object)  # ActionItemInfo
    done_requested = Signal(object, bool)  # ActionItemInfo, done

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ActionItemsModel(self)
        self.model.done_requested.connect(self.done_requested)
        self.table, self.proxy = record_table(self, self.model, _("Action items"))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.who = QLineEdit(self)
        self.who.setAccessibleName(_("Who will do it"))
        self.who.setPlaceholderText(_("Who"))
        self.who.setMaxLength(200)
        self.what = QLineEdit(self)
        self.what.setAccessibleName(_("What will be done"))
        self.what.setPlaceholderText(_("What"))
        self.due = DateField(self)
        self.due.setAccessibleName(_("By when"))
        self.due.edit.setAccessibleName(_("By when"))
        self.add_button = QPushButton(_("Add act&ion item"), self)
        self.remove_button = QPushButton(_("Remove action item"), self)
        self.remove_button.setAccessibleName(_("Remove the selected action item"))
        self.done_button = QPushButton(_("Mark d&one / not done"), self)
        self.done_button.setAccessibleName(_("Mark the selected action item done or not done"))
        self.problem = QLabel(self)
        set_role(self.problem, "field-error")
        self.problem.hide()
        self.add_button.clicked.connect(self._add)
        self.what.returnPressed.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        self.done_button.clicked.connect(self._toggle)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._enable())
        self.entry = QWidget(self)
        entry = QHBoxLayout(self.entry)
        entry.setContentsMargins(0, 0, 0, 0)
        entry.setSpacing(SPACING)
        entry.addWidget(self.who, 1)
        entry.addWidget(self.what, 3)
        entry.addWidget(self.due)
        entry.addWidget(self.add_button)
        buttons = QHBoxLayout()
        buttons.setSpacing(SPACING)
        buttons.addStretch(1)
        buttons.addWidget(self.done_button)
        buttons.addWidget(self.remove_button)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(SPACING // 2)
        box.addWidget(self.table)
        box.addLayout(buttons)
        box.addWidget(self.entry)
        box.addWidget(self.problem)
        self._locked = False

    def set_items(self, items: Sequence[ActionItemInfo]) -> None:
        """Show these items, keeping the selection."""
        kept = self.selected()
        self.model.set_records(items)
        self.table.resizeColumnsToContents()
        # As tall as its rows (two at least): the page scrolls, not the table.
        rows = max(2, len(items))
        self.table.setFixedHeight(self.table.horizontalHeader().sizeHint().height()
                                  + rows * self.table.verticalHeader().defaultSectionSize()
                                  + 2 * self.table.frameWidth() + UNIT // 2)
        if kept is not None:
            row = self.model.row_of(kept.id)
            if row >= 0:
                self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())
        self._enable()

    def set_locked(self, locked: bool) -> None:
        """Signed: no items are added or removed, though done can still be ticked."""
        self._locked = locked
        self.entry.setVisible(not locked)
        self.remove_button.setVisible(not locked)
        self._enable()

    def selected(self) -> ActionItemInfo | None:
        """The selected item."""
        record = selected_record(self.table)
        return record if isinstance(record, ActionItemInfo) else None

    def clear_entry(self) -> None:
        """Empty the line for a new item (after it was added)."""
        self.who.clear()
        self.what.clear()
        self.due.setText("")
        self.say("")
        self.who.setFocus()

    def say(self, text: str) -> None:
        """Show why an item could not be added ("" hides it)."""
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def _enable(self) -> None:
        picked = self.selected() is not None
        self.remove_button.setEnabled(picked and not self._locked)
        self.done_button.setEnabled(picked)

    def _add(self) -> None:
        due = self.due.value()
        if isinstance(due, str):
            self.say(_("By when must be a date (YYYY-MM-DD)."))
            self.due.setFocus()
            return
        who, what = self.who.text().strip(), self.what.text().strip()
        if not who or not what:
            self.say(_("Write who will do it and what."))
            (self.who if not who else self.what).setFocus()
            return
        values: dict[str, object] = {"who": who, "what": what}
        if isinstance(due, date):
            values["due_date"] = due
        self.add_requested.emit(values)

    def _remove(self) -> None:
        item = self.selected()
        if item is not None:
            self.remove_requested.emit(item)

    def _toggle(self) -> None:
        item = self.selected()
        if item is not None:
            self.done_requested.emit(item, not item.done)
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
