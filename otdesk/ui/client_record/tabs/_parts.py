"""Pieces the record tabs share: a records table over a sort proxy (and its selection), action
buttons, a heading row, the card that shows the selected record's details, and asking first.

Every text arrives translated by the calling tab, so each stays in that tab's context.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QSortFilterProxyModel, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QWidget,
)

from otdesk.domain.errors import OtdeskError
from otdesk.ui.client_record.commands import ServiceCommand
from otdesk.ui.parts.record_table_model import RECORD_ROLE, SORT_ROLE, RecordTableModel
from otdesk.ui.parts.style import SPACING, set_role


def record_table(
    parent: QWidget, model: QAbstractItemModel, name: str
) -> tuple[QTableView, QSortFilterProxyModel]:
    """A read-only table of ``model``, one row selected at a time, sorted by ``SORT_ROLE``."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    view = QTableView(parent)
    view.setModel(proxy)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setTabKeyNavigation(False)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    return view, proxy


def selected_record(view: QTableView) -> object:
    """The record on the selected row of a ``record_table`` (None when no row is selected)."""
    selection = view.selectionModel()
    rows = selection.selectedRows() if selection else []
    return rows[0].data(RECORD_ROLE) if rows else None


def select_record(
    view: QTableView, proxy: QSortFilterProxyModel, model: RecordTableModel[Any], record_id: int
) -> None:
    """Select the row of the record ``record_id`` in a ``record_table``, if it shows it."""
    row = model.row_of(record_id)
    if row >= 0:
        view.selectRow(proxy.mapFromSource(model.index(row, 0)).row())


def action_button(parent: QWidget, text: str, name: str) -> QPushButton:
    """A push button whose accessible name and tool tip say what it does."""
    button = QPushButton(text, parent)
    button.setAccessibleName(name)
    button.setToolTip(name)
    return button


def heading_row(parent: QWidget, heading: str, *buttons: QWidget) -> QHBoxLayout:
    """A section heading on the left and its buttons on the right."""
    label = QLabel(heading, parent)
    set_role(label, "h2")
    row = QHBoxLayout()
    row.setSpacing(SPACING)
    row.addWidget(label)
    row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    return row


def details_card(parent: QWidget, name: str) -> QLabel:
    """The card beside or under a table that describes the selected record (rich text)."""
    card = QLabel(parent)
    card.setWordWrap(True)
    card.setTextFormat(Qt.TextFormat.RichText)
    card.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    card.setAccessibleName(name)
    card.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    card.setMargin(SPACING + SPACING // 2)
    set_role(card, "card")
    return card


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """Ask a Yes/Cancel question (Cancel is the default); True when the answer is Yes."""
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes


def run_removal(
    tab: Any, command: ServiceCommand, failed_title: str, stack: QUndoStack
) -> bool:
    """Remove a row through ``command`` and push it for undo; on a refusal, say why and reload.

    ``tab`` is the tab the row is on (its ``refresh()`` reloads the list).
    """
    try:
        command.execute()
    except OtdeskError as exc:
        QMessageBox.warning(tab, failed_title, str(exc))
        tab.refresh()
        return False
    stack.push(command)
    return True
