"""The clinic's home modifications: the open ones by default, filtered by owner, status and
overdue; double-click (or Enter) opens the client's record at the modification."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from otdesk.domain.records import Changes, RecordKind
from otdesk.domain.translation import NC_, _, fill, format_date, format_number
from otdesk.domain.vocab import ModificationOwner, ModificationStatus, NeedSource
from otdesk.services import modifications
from otdesk.services.dashboard import RecordRef
from otdesk.services.modifications import ClinicModification, ClinicModifications
from otdesk.ui.care_plans.findings import add_finding, citation_text, citations_of
from otdesk.ui.modifications.edit_dialog import ModificationDialog
from otdesk.ui.parts.record_table_model import (
    ID_ROLE,
    RECORD_ROLE,
    SORT_ROLE,
    Column,
    Index,
    RecordTableModel,
)
from otdesk.ui.parts.style import MARGIN, OVERDUE, SPACING, set_role
from otdesk.ui.shell.app_context import AppContext
from otdesk.ui.shell.tasks import TaskControl

OPEN = "open"  # the status filter's first choice: every status still open
ALL = "all"


def _due(line: ClinicModification) -> str:
    due = line.modification.due_date
    if due is None:
        return ""
    if line.overdue:
        return fill(_("Overdue · {date}"), date=due)
    return format_date(due)


def _owner(line: ClinicModification) -> str:
    m = line.modification
    if not m.owner_name:
        return m.owner.label
    return fill(_("{owner} ({name})"), owner=m.owner.label, name=m.owner_name)


def _cost(line: ClinicModification) -> str:
    cents = line.modification.estimated_cost_cents
    return "" if cents is None else format_number(cents / 100, decimals=2)


def _first_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[0] if lines else ""


class ModificationsModel(RecordTableModel[ClinicModification]):
    """The clinic's modifications, one row each, with the client they are for."""

    COLUMNS = (
        Column(NC_("column", "Client"), lambda r: r.client_name),
        Column(NC_("column", "Record no."), lambda r: r.record_number),
        Column(NC_("column", "Area"), lambda r: r.modification.area),
        Column(NC_("column", "Recommendation"),
               lambda r: _first_line(r.modification.recommendation),
               tip=lambda r: r.modification.recommendation),
        Column(NC_("column", "Owner"), _owner),
        Column(NC_("column", "Priority"), lambda r: r.modification.priority.label,
               sort=lambda r: ["routine", "soon", "urgent"].index(r.modification.priority)),
        Column(NC_("column", "Status"), lambda r: r.modification.status.label,
               sort=lambda r: list(ModificationStatus).index(r.modification.status)),
        Column(NC_("column", "Due"), _due, sort=lambda r: r.modification.due_date or date.max,
               bold=lambda r: r.overdue),
        Column(NC_("column", "Cost"), _cost,
               sort=lambda r: r.modification.estimated_cost_cents or 0),
    )
    DUE_COLUMN = 7

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (role == Qt.ItemDataRole.ForegroundRole and index.isValid()
                and index.column() == self.DUE_COLUMN and self.record(index.row()).overdue):
            return QColor(OVERDUE.foreground)
        return super().data(index, role)


class ModificationsView(QWidget):
    """The "Home modifications" page of the main window."""

    open_record = Signal(object)  # RecordRef of the modification
    loaded = Signal()

    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._generation = 0
        self.setObjectName("modifications-page")
        title = QLabel(_("Home modifications"), self)
        set_role(title, "h1")
        self.subtitle = QLabel(_("Changes to clients' homes, from recommendation to "
                                 "installation"), self)
        set_role(self.subtitle, "muted")

        self.owner = QComboBox(self)
        self.owner.setAccessibleName(_("Owner"))
        self.owner.addItem(_("Any owner"), "")
        for owner in ModificationOwner:
            self.owner.addItem(owner.label, owner.value)
        self.status = QComboBox(self)
        self.status.setAccessibleName(_("Status"))
        self.status.addItem(_("Open (recommended, agreed, ordered)"), OPEN)
        for status in ModificationStatus:
            self.status.addItem(status.label, status.value)
        self.status.addItem(_("Any status"), ALL)
        self.overdue = QCheckBox(_("&Overdue only"), self)
        owner_label = QLabel(_("O&wner:"), self)
        owner_label.setBuddy(self.owner)
        status_label = QLabel(_("S&tatus:"), self)
        status_label.setBuddy(self.status)
        for control in (self.owner, self.status):
            control.currentIndexChanged.connect(self.refresh)
        self.overdue.toggled.connect(self.refresh)

        self.counts = QLabel(self)
        self.counts.setObjectName("modification-counts")
        set_role(self.counts, "small")
        self.model = ModificationsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setObjectName("modifications-table")
        self.table.setAccessibleName(_("Home modifications"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the service's order
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self._activated)
        self.edit_button = QPushButton(_("&Edit details…"), self)
        self.edit_button.setAccessibleName(_("Edit the modification's details"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.plan_button = QPushButton(_("Add to care &plan…"), self)
        self.plan_button.setAccessibleName(
            _("Add the selected modification to its client's care plan"))
        self.plan_button.clicked.connect(self.add_selected_to_plan)
        self.plan_note = QLabel(self)
        set_role(self.plan_note, "badge")
        self.plan_note.hide()
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_plan_note())
        self.empty = QLabel(self)
        set_role(self.empty, "empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)

        filters = QHBoxLayout()
        filters.setSpacing(SPACING)
        filters.addWidget(owner_label)
        filters.addWidget(self.owner)
        filters.addSpacing(MARGIN)
        filters.addWidget(status_label)
        filters.addWidget(self.status)
        filters.addSpacing(MARGIN)
        filters.addWidget(self.overdue)
        filters.addStretch(1)
        filters.addWidget(self.plan_note)
        filters.addWidget(self.plan_button)
        filters.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(SPACING)
        layout.addWidget(title)
        layout.addWidget(self.subtitle)
        layout.addLayout(filters)
        layout.addWidget(self.counts)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        self.empty.hide()

        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(300)
        self._pending.timeout.connect(self.refresh)
        app.events.records_changed.connect(self._records_changed)
        self.refresh()

    # -- filters --------------------------------------------------------------------------

    def set_filters(self, *, owner: str | None = None, status: str | None = None,
                    overdue: bool | None = None) -> None:
        """Choose the filters (codes: an owner, a status, "open" or "all"), loading once."""
        for combo, value in ((self.owner, owner), (self.status, status)):
            if value is not None:
                combo.blockSignals(True)
                combo.setCurrentIndex(max(combo.findData(value), 0))
                combo.blockSignals(False)
        if overdue is not None:
            self.overdue.blockSignals(True)
            self.overdue.setChecked(overdue)
            self.overdue.blockSignals(False)
        self.refresh()

    # -- loading --------------------------------------------------------------------------

    def refresh(self) -> None:
        """Load the list again in the background with the chosen filters."""
        self._pending.stop()
        self._generation += 1
        generation = self._generation
        ctx = self._app.services
        owner = self.owner.currentData() or None
        chosen = self.status.currentData()
        status = None if chosen in (OPEN, ALL) else chosen
        overdue = self.overdue.isChecked()

        def work(_control: TaskControl) -> tuple[int, ClinicModifications]:
            return generation, modifications.list_clinic(
                ctx, owner=owner, status=status, overdue_only=overdue,
                open_only=chosen == OPEN)

        self._app.tasks.run(work, label=_("Loading home modifications"), on_done=self._show,
                            on_error=self._failed)

    def _records_changed(self, changes: Changes) -> None:
        if changes.touches(RecordKind.HOME_MODIFICATION) or changes.touches(RecordKind.CLIENT):
            self._pending.start()

    def _failed(self, exc: BaseException) -> None:
        self.empty.setText(fill(_("The home modifications could not be loaded: {problem}"),
                                problem=str(exc)))
        self.table.hide()
        self.empty.show()
        self.loaded.emit()

    def _show(self, result: tuple[int, ClinicModifications]) -> None:
        generation, rolled = result
        if generation != self._generation:
            return
        self.model.set_records(rolled.lines)
        parts = [fill(_("{status}: {count}"), status=s.label, count=n)
                 for s, n in rolled.counts.items() if n]
        if rolled.overdue:
            parts.append(fill(_("Overdue: {count}"), count=rolled.overdue))
        self.counts.setText("  ·  ".join(parts))
        self.counts.setVisible(bool(parts))
        if rolled.lines:
            self.empty.hide()
            self.table.show()
        else:
            self.empty.setText(_("No home modifications match these filters. A hazard found "
                                 "on a home checklist can be turned into one."))
            self.table.hide()
            self.empty.show()
        self.loaded.emit()

    # -- opening --------------------------------------------------------------------------

    def line_at(self, row: int) -> ClinicModification:
        """The line shown on ``row`` (in the table's sorted order)."""
        line = self.proxy.index(row, 0).data(RECORD_ROLE)
        assert isinstance(line, ClinicModification)
        return line

    def _activated(self, index: object) -> None:
        from PySide6.QtCore import QModelIndex

        if not isinstance(index, QModelIndex) or not index.isValid():
            return
        line = index.data(RECORD_ROLE)
        if isinstance(line, ClinicModification):
            self.open_record.emit(
                RecordRef(RecordKind.HOME_MODIFICATION, int(index.data(ID_ROLE)), line.client_id))

    def edit_dialog(self) -> ModificationDialog | None:
        """The details dialog for the selected line (None when no line is selected)."""
        row = self.table.currentIndex().row()
        if row < 0:
            return None
        chosen = self.line_at(row).modification
        info = modifications.get_modification(self._app.services, modification_id=chosen.id)
        return ModificationDialog(self._app, info, self)

    def _show_plan_note(self) -> None:
        row = self.table.currentIndex().row()
        text = "" if row < 0 else citation_text(citations_of(
            self._app, NeedSource.MODIFICATION, self.line_at(row).modification.id))
        self.plan_note.setText(text)
        self.plan_note.setVisible(bool(text))

    def add_selected_to_plan(self) -> object:
        """Add the selected modification to its client's care plan, then open the plan."""
        row = self.table.currentIndex().row()
        if row < 0:
            return None
        line = self.line_at(row)
        added = add_finding(self._app, self, NeedSource.MODIFICATION, line.modification.id)
        if added is not None:
            self._show_plan_note()
            self.open_record.emit(RecordRef(RecordKind.CARE_PLAN, added[0].id, line.client_id))
        return added

    def edit_selected(self) -> None:
        """Edit the selected modification's details (the list refreshes when it is saved)."""
        dialog = self.edit_dialog()
        if dialog is not None:
            dialog.exec()
            dialog.deleteLater()
