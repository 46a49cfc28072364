"""The Home checklists tab: the client's home (work, community) visits and their
modifications. A visit is answered room by room; a hazard offers its recommendation as a
modification row to edit and add; a modification is moved through its statuses with who and
when."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from otdesk.domain.errors import OtdeskError
from otdesk.domain.records import Changes, RecordKind
from otdesk.domain.translation import N_, NC_, _, current_language, format_date
from otdesk.domain.vocab import NeedSource
from otdesk.services import checklists, modifications
from otdesk.services.checklists import ChecklistInfo
from otdesk.services.modifications import ModificationInfo
from otdesk.ui.care_plans.findings import add_finding, citation_text, citations_of, show_plan
from otdesk.ui.client_record.checklist_editor import ChecklistEditor, ModificationPanel
from otdesk.ui.client_record.registry import TabContext, register_tab
from otdesk.ui.modifications.edit_dialog import ModificationDialog
from otdesk.ui.parts.record_table_model import Column, RecordTableModel
from otdesk.ui.parts.style import MARGIN, SPACING, set_role


class ChecklistsModel(RecordTableModel[ChecklistInfo]):
    """The client's checklists."""

    COLUMNS = (
        Column(NC_("column", "Visit"), lambda c: format_date(c.visit_date),
               sort=lambda c: c.visit_date),
        Column(NC_("column", "Checklist"), lambda c: c.title),
        Column(NC_("column", "Status"), lambda c: c.status.label),
        Column(NC_("column", "Hazards"), lambda c: str(c.hazards), sort=lambda c: c.hazards),
    )


class ClientModificationsModel(RecordTableModel[ModificationInfo]):
    """The client's modifications."""

    COLUMNS = (
        Column(NC_("column", "Area"), lambda m: m.area),
        Column(NC_("column", "Recommendation"),
               lambda m: (m.recommendation.strip().splitlines() or [""])[0],
               tip=lambda m: m.recommendation),
        Column(NC_("column", "Owner"), lambda m: m.owner.label),
        Column(NC_("column", "Status"), lambda m: m.status.label),
        Column(NC_("column", "Since"),
               lambda m: format_date(m.status_on) if m.status_on else ""),
        Column(NC_("column", "Due"), lambda m: format_date(m.due_date) if m.due_date else ""),
    )


def _table(parent: QWidget, name: str, model: QAbstractTableModel) -> QTableView:
    table = QTableView(parent)
    table.setAccessibleName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class HomeChecklistsTab(QWidget):
    """Visits and modifications of one client."""

    def __init__(self, tc: TabContext) -> None:
        super().__init__(tc.parent)
        self._tc = tc
        self._app = tc.app
        heading = QLabel(_("Home checklists"), self)
        set_role(heading, "h2")
        self.definitions = QComboBox(self)
        self.definitions.setAccessibleName(_("Checklist to start"))
        for definition in checklists.checklist_definitions():
            self.definitions.addItem(definition.title.text(current_language()), definition.id)
        self.start_button = QPushButton(_("&New visit"), self)
        self.start_button.clicked.connect(self.start_visit)
        self.checklist_model = ChecklistsModel(self)
        self.checklist_table = _table(self, _("Home checklists"), self.checklist_model)
        self.checklist_table.selectionModel().currentRowChanged.connect(self._checklist_chosen)
        self.modification_model = ClientModificationsModel(self)
        self.modification_table = _table(self, _("Home modifications"), self.modification_model)
        self.modification_table.selectionModel().currentRowChanged.connect(
            self._modification_chosen)
        self.modification_table.doubleClicked.connect(lambda _index: self.edit_modification())
        self.edit_button = QPushButton(_("&Edit details…"), self)
        self.edit_button.setAccessibleName(_("Edit the modification's details"))
        self.edit_button.setEnabled(False)
        self.edit_button.clicked.connect(self.edit_modification)
        # A hazard or a modification becomes a need of the care plan; a note says it is one.
        self.hazard_plan_button = QPushButton(_("Add hazard to care p&lan…"), self)
        self.hazard_plan_button.setAccessibleName(
            _("Add the hazard picked in the visit to the care plan"))
        self.hazard_plan_button.clicked.connect(self.add_hazard_to_plan)
        self.visit_note = QLabel(self)
        set_role(self.visit_note, "badge")
        self.plan_button = QPushButton(_("Add to care plan…"), self)
        self.plan_button.setAccessibleName(_("Add the selected modification to the care plan"))
        self.plan_button.setEnabled(False)
        self.plan_button.clicked.connect(self.add_modification_to_plan)
        self.plan_note = QLabel(self)
        set_role(self.plan_note, "badge")
        self.editor = ChecklistEditor(self._app, self)
        self.editor.setEnabled(False)
        self.editor.saved.connect(lambda _info: self.reload())
        self.editor.modification_added.connect(self._added)
        self.panel = ModificationPanel(self._app, self)
        self.panel.moved.connect(lambda m: self.reload(select_modification=m.id))

        start = QHBoxLayout()
        start.addWidget(self.definitions, 1)
        start.addWidget(self.start_button)
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(SPACING)
        column.addWidget(heading)
        column.addLayout(start)
        column.addWidget(self.checklist_table, 1)
        visit_row = QHBoxLayout()
        visit_row.addWidget(self.visit_note)
        visit_row.addStretch(1)
        visit_row.addWidget(self.hazard_plan_button)
        column.addLayout(visit_row)
        mods_heading = QLabel(_("Modifications"), left)
        set_role(mods_heading, "h2")
        mods_row = QHBoxLayout()
        mods_row.addWidget(mods_heading, 1)
        mods_row.addWidget(self.plan_note)
        mods_row.addWidget(self.plan_button)
        mods_row.addWidget(self.edit_button)
        column.addLayout(mods_row)
        column.addWidget(self.modification_table, 1)
        column.addWidget(self.panel, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.addWidget(splitter)
        self._app.events.records_changed.connect(self._records_changed)
        self.reload()

    # -- loading ------------------------------------------------------------------------

    def reload(self, *, select_modification: int | None = None) -> None:
        """Read the client's checklists and modifications again, keeping the selection."""
        ctx, cid = self._app.services, self._tc.client_id
        chosen = self.editor.info.id if self.editor.info is not None else None
        self.checklist_model.set_records(checklists.list_for_client(ctx, client_id=cid))
        current = select_modification or (self.panel.info.id if self.panel.info else None)
        self.modification_model.set_records(modifications.list_for_client(ctx, client_id=cid))
        if chosen is not None and (row := self.checklist_model.row_of(chosen)) >= 0:
            self.checklist_table.selectionModel().blockSignals(True)
            self.checklist_table.selectRow(row)
            self.checklist_table.selectionModel().blockSignals(False)
        if current is not None and (row := self.modification_model.row_of(current)) >= 0:
            self.modification_table.selectRow(row)
        # A first look shows the latest visit and the first modification, not empty panes.
        if chosen is None and self.checklist_model.rowCount():
            self.checklist_table.selectRow(0)
        if current is None and self.modification_model.rowCount():
            self.modification_table.selectRow(0)

    def _records_changed(self, changes: Changes) -> None:
        if self._tc.client_id not in changes.clients:
            return
        touched = (changes.touches(RecordKind.HOME_MODIFICATION)
                   or changes.touches(RecordKind.CHECKLIST))
        if touched and not self.editor.dirty:
            self.reload()
        if changes.touches(RecordKind.CARE_PLAN_NEED):
            self._show_plan_notes()

    # -- actions ------------------------------------------------------------------------

    def start_visit(self) -> ChecklistInfo | None:
        """Start a draft checklist from the chosen definition, and open it."""
        definition_id = self.definitions.currentData()
        if not definition_id:
            return None
        try:
            made = checklists.start_checklist(self._app.services, client_id=self._tc.client_id,
                                              definition_id=definition_id)
        except OtdeskError as exc:
            QMessageBox.warning(self, _("The visit was not started"), str(exc))
            return None
        self.reload()
        self.open_checklist(made.id)
        return made

    def open_checklist(self, checklist_id: int) -> None:
        """Show a checklist in the editor."""
        row = self.checklist_model.row_of(checklist_id)
        if row >= 0:
            self.checklist_table.selectRow(row)
        self.editor.show_checklist(checklists.get_checklist(self._app.services,
                                                            checklist_id=checklist_id))
        self.editor.setEnabled(True)
        self._show_plan_notes()

    def _checklist_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            if self.editor.dirty and not self.editor.save():
                return
            self.open_checklist(self.checklist_model.record(current.row()).id)

    def _modification_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.edit_button.setEnabled(current.isValid())
        self.plan_button.setEnabled(current.isValid())
        if current.isValid():
            self.panel.show_modification(self.modification_model.record(current.row()))
        self._show_plan_notes()

    def _show_plan_notes(self) -> None:
        """Say which care plans cite the open visit and the selected modification."""
        visit = self.editor.info
        self.visit_note.setText(citation_text(citations_of(
            self._app, NeedSource.CHECKLIST, visit.id)) if visit is not None else "")
        self.visit_note.setVisible(bool(self.visit_note.text()))
        self.hazard_plan_button.setEnabled(visit is not None)
        row = self.modification_table.currentIndex().row()
        chosen = self.modification_model.record(row) if row >= 0 else None
        self.plan_note.setText(citation_text(citations_of(
            self._app, NeedSource.MODIFICATION, chosen.id)) if chosen is not None else "")
        self.plan_note.setVisible(bool(self.plan_note.text()))

    def add_hazard_to_plan(self) -> object:
        """Add the hazard picked in the open visit to the care plan (its answers saved
        first), then show the plan."""
        visit = self.editor.info
        if visit is None or (self.editor.dirty and not self.editor.save()):
            return None
        added = add_finding(self._app, self, NeedSource.CHECKLIST, visit.id,
                            self.editor.current_hazard() or "")
        if added is not None:
            show_plan(self, added[0].id)
        return added

    def add_modification_to_plan(self) -> object:
        """Add the selected modification to the care plan, then show the plan."""
        row = self.modification_table.currentIndex().row()
        if row < 0:
            return None
        added = add_finding(self._app, self, NeedSource.MODIFICATION,
                            self.modification_model.record(row).id)
        if added is not None:
            show_plan(self, added[0].id)
        return added

    def edit_dialog(self) -> ModificationDialog | None:
        """The details dialog for the selected modification (None when none is selected)."""
        row = self.modification_table.currentIndex().row()
        if row < 0:
            return None
        chosen = self.modification_model.record(row)
        info = modifications.get_modification(self._app.services, modification_id=chosen.id)
        return ModificationDialog(self._app, info, self)

    def edit_modification(self) -> None:
        """Edit the selected modification's details in a dialog."""
        dialog = self.edit_dialog()
        if dialog is not None:
            if dialog.exec():
                self.reload(select_modification=dialog.info.id)
            dialog.deleteLater()

    def _added(self, made: ModificationInfo) -> None:
        self.reload(select_modification=made.id)

    # -- the workspace asks -------------------------------------------------------------

    def show_record(self, entity: str, record_id: int) -> None:
        """Point the tab at a modification or a checklist (a dashboard or list link)."""
        if entity == RecordKind.HOME_MODIFICATION:
            row = self.modification_model.row_of(record_id)
            if row >= 0:
                self.modification_table.selectRow(row)
                self.modification_table.setFocus()
        elif entity == RecordKind.CHECKLIST:
            self.open_checklist(record_id)

    def has_unsaved_changes(self) -> bool:
        """Whether answers were changed and not saved."""
        return self.editor.dirty

    def save_changes(self) -> bool:
        """Save the answers being changed."""
        return self.editor.save()

    def discard_changes(self) -> None:
        """Forget answers not saved."""
        self.editor.dirty = False


def _make(tc: TabContext) -> QWidget:
    return HomeChecklistsTab(tc)


register_tab(
    "home_checklists",
    N_("Home checklists"),
    _make,
    50,
    entities=(RecordKind.HOME_MODIFICATION, RecordKind.CHECKLIST),
)
