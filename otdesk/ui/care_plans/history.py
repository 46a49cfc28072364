"""The Versions page of the Care plan tab (every version of the episode's plan, with its status
and dates) and the side-by-side comparison of two versions, changed lines marked in words, in
bold and in colour."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from otdesk.domain.care_plans import Change
from otdesk.domain.translation import _, fill, ngettext
from otdesk.services.care_plan_views import PlanComparison, PlanLine
from otdesk.ui.care_plans.models import ComparisonModel, VersionsModel
from otdesk.ui.client_record.tabs._parts import action_button, heading_row, record_table
from otdesk.ui.parts.record_table_model import RECORD_ROLE
from otdesk.ui.parts.style import MARGIN, SPACING, set_role
from otdesk.ui.parts.widgets import EmptyState


class VersionsPage(QWidget):
    """The versions of the plan; Show opens one on the Plan page, Compare puts two side by
    side."""

    show_requested = Signal(int)  # a plan id
    compare_requested = Signal(int, int)  # older and newer plan ids

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = VersionsModel(self)
        self.table, self.proxy = record_table(self, self.model, _("Versions of the care plan"))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.activated.connect(lambda _i: self.show_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        self.empty = EmptyState(self.table)
        self.show_button = action_button(self, _("S&how version"),
                                         _("Show the selected version on the Plan page"))
        self.compare_button = action_button(
            self, _("Com&pare…"), _("Compare two selected versions side by side"))
        self.show_button.clicked.connect(self.show_selected)
        self.compare_button.clicked.connect(self.compare_selected)
        hint = QLabel(_("Select two versions (Ctrl+click, or Shift with the arrow keys) to "
                        "compare them."), self)
        hint.setWordWrap(True)
        set_role(hint, "small")
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(SPACING)
        box.addLayout(heading_row(self, _("Versions"), self.show_button, self.compare_button))
        box.addWidget(hint)
        box.addWidget(self.table, 1)

    def set_versions(self, lines: list[PlanLine], shown: int | None) -> None:
        """List the versions, selecting the one on show."""
        self.model.set_records(lines)
        self.table.resizeColumnsToContents()
        self.empty.show_text("" if lines else _("No care plan for this episode yet."))
        if shown is not None and (row := self.model.row_of(shown)) >= 0:
            self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())
        self._selected()

    def selected(self) -> list[PlanLine]:
        """The selected versions, oldest first."""
        selection = self.table.selectionModel()
        rows = selection.selectedRows() if selection else []
        picked = [r.data(RECORD_ROLE) for r in rows]
        return sorted((p for p in picked if isinstance(p, PlanLine)),
                      key=lambda p: p.plan_version)

    def _selected(self) -> None:
        picked = self.selected()
        self.show_button.setEnabled(len(picked) == 1)
        self.compare_button.setEnabled(len(picked) == 2)

    def show_selected(self) -> None:
        """Show the selected version on the Plan page."""
        picked = self.selected()
        if len(picked) == 1:
            self.show_requested.emit(picked[0].id)

    def compare_selected(self) -> None:
        """Compare the two selected versions (older first)."""
        picked = self.selected()
        if len(picked) == 2:
            self.compare_requested.emit(picked[0].id, picked[1].id)


class CompareDialog(QDialog):
    """Two versions side by side; changed lines are marked +, − or ≠ with the word, in bold and
    tinted, and "Only what changed" hides the rest."""

    def __init__(self, comparison: PlanComparison, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.comparison = comparison
        title = fill(_("Care plan: version {older} beside version {newer}"),
                     older=comparison.older_version, newer=comparison.newer_version)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        heading = QLabel(title, self)
        set_role(heading, "h2")
        changed = len(comparison.changed())
        self.summary = QLabel(
            ngettext("{count} line differs between the two versions.",
                     "{count} lines differ between the two versions.", changed).format(
                count=changed) if changed else _("The two versions say the same."), self)
        self.summary.setWordWrap(True)
        legend = QLabel(_("+ added · − removed · ≠ changed; changed lines are also in bold."),
                        self)
        set_role(legend, "small")
        self.only_changes = QCheckBox(_("&Only what changed"), self)
        self.only_changes.toggled.connect(self._filter)
        self.model = ComparisonModel(self)
        self.model.set_rows(comparison.rows, comparison.older_version, comparison.newer_version)
        self.proxy = _ChangedOnly(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(title)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ComparisonModel.PART, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ComparisonModel.OLDER, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ComparisonModel.NEWER, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ComparisonModel.CHANGE,
                                    QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        box.setSpacing(SPACING)
        box.addWidget(heading)
        box.addWidget(self.summary)
        box.addWidget(self.only_changes)
        box.addWidget(self.table, 1)
        box.addWidget(legend)
        box.addWidget(buttons)
        self.resize(1100, 640)
        # Rows fit their text once the columns have their final widths.
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self.table.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.table.resizeRowsToContents()
        first = next((r for r, row in enumerate(self.model.rows)
                      if row.change is not Change.SAME), 0)
        # Start on the first line that changed (focused, not selected: its tint stays seen).
        self.table.setCurrentIndex(self.proxy.mapFromSource(self.model.index(first, 0)))
        self.table.clearSelection()

    def _filter(self, only: bool) -> None:
        self.proxy.beginFilterChange()
        self.proxy.only_changes = only
        self.proxy.endFilterChange()
        self.table.resizeRowsToContents()

    def changed_parts(self) -> list[str]:
        """The lines shown as changed (added, removed or reworded), by their part's name."""
        return [r.label for r in self.comparison.rows if r.change is not Change.SAME]


class _ChangedOnly(QSortFilterProxyModel):
    only_changes = False

    def filterAcceptsRow(self, row: int, parent: object) -> bool:
        if not self.only_changes:
            return True
        model = self.sourceModel()
        assert isinstance(model, ComparisonModel)
        return model.rows[row].change is not Change.SAME
