"""The Assessments tab: the discharge-readiness battery at a glance, the client's
administrations newest first, and New, Open, Compare, Trend and Record result.

An administration opens on a page of its own in the tab (the generated form and its live
scores); Back returns to the list, saving the draft first. The tab reads everything again when
the services announce a change to the client's assessments.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from otdesk.domain.definitions import DefinitionKind
from otdesk.domain.errors import OtdeskError
from otdesk.domain.records import Changes, RecordKind
from otdesk.domain.translation import N_, _
from otdesk.domain.vocab import NeedSource, RecordStatus
from otdesk.services import assessments
from otdesk.services.assessments import AssessmentInfo, find_definition
from otdesk.ui.assessments.battery import BatteryView
from otdesk.ui.assessments.dialogs import (
    CompareDialog,
    ExternalResultDialog,
    NewAssessmentDialog,
    TrendDialog,
)
from otdesk.ui.assessments.editor import AssessmentEditor
from otdesk.ui.assessments.models import AssessmentsModel
from otdesk.ui.care_plans.findings import add_finding, citation_text, citations_of, show_plan
from otdesk.ui.client_record.registry import TabContext, register_tab
from otdesk.ui.client_record.tabs._list_editor import ListAndEditorTab
from otdesk.ui.client_record.tabs._parts import action_button, heading_row, record_table
from otdesk.ui.parts.record_table_model import RECORD_ROLE
from otdesk.ui.parts.style import SPACING, set_role
from otdesk.ui.parts.widgets import EmptyState


class AssessmentsTab(ListAndEditorTab):
    """Battery and history on one page; an open administration on the other."""

    DRAFT_PART = "assessments:"
    DRAFT_ID = "assessment_id"
    editor: AssessmentEditor | None

    def _build_list(self, page: QWidget) -> None:
        self.battery = BatteryView(page)
        self.battery.open_requested.connect(self.open_assessment)
        self.battery.add_to_plan_requested.connect(
            lambda assessment_id: self.add_to_plan(NeedSource.BATTERY, assessment_id))
        self.new_button = action_button(page, _("&New assessment…"),
                                        _("Start an assessment or record a result"))
        self.open_button = action_button(page, _("&Open"), _("Open the selected assessment"))
        self.compare_button = action_button(
            page, _("Com&pare"), _("Compare two selected administrations of one instrument"))
        self.trend_button = action_button(
            page, _("&Trend"), _("Chart the selected instrument's scores over time"))
        self.plan_button = action_button(
            page, _("Add to care p&lan…"),
            _("Add the selected assessment's finding to the care plan"))
        self.plan_note = QLabel(page)
        set_role(self.plan_note, "badge")
        self.plan_note.hide()
        self.plan_button.clicked.connect(lambda: self.add_to_plan())
        self.new_button.clicked.connect(self.new_assessment)
        self.open_button.clicked.connect(self.open_selected)
        self.compare_button.clicked.connect(self.compare_selected)
        self.trend_button.clicked.connect(self.trend_selected)
        self.model = AssessmentsModel(page)
        self.table, self.proxy = record_table(page, self.model, _("Assessments"))
        # Two rows may be picked (Ctrl+click) to compare them.
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        self.empty = EmptyState(self.table)
        history = QWidget(page)
        hbox = QVBoxLayout(history)
        hbox.setContentsMargins(0, 0, 0, 0)
        hbox.setSpacing(SPACING)
        hbox.addLayout(heading_row(history, _("History"), self.plan_note, self.new_button,
                                   self.open_button, self.compare_button, self.trend_button,
                                   self.plan_button))
        hbox.addWidget(self.table, 1)
        split = QSplitter(Qt.Orientation.Vertical, page)
        split.addWidget(self.battery)
        split.addWidget(history)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setChildrenCollapsible(False)
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(split)

    # -- data -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the battery and the history again, keeping the selection."""
        kept = [a.id for a in self.selected()]
        rows = assessments.list_assessments(self.app.services, self.client_id)
        self.model.set_records(rows)
        self.table.resizeColumnsToContents()
        self.empty.show_text("" if rows else _(
            "No assessments yet.\nUse “New assessment” to start one or record a result."))
        self.battery.show_lines(assessments.battery_status(self.app.services, self.client_id))
        for record_id in kept:
            self.select(record_id, add=True)
        if not kept and rows:
            self.table.selectRow(0)
        self._selected()

    def _records_changed(self, changes: Changes) -> None:
        if changes.touches(RecordKind.ASSESSMENT, client_id=self.client_id):
            self.refresh()
        elif changes.touches(RecordKind.CARE_PLAN_NEED, client_id=self.client_id):
            self._selected()  # a finding added to (or taken off) the care plan

    def selected(self) -> list[AssessmentInfo]:
        """The selected administrations, in the table's order."""
        selection = self.table.selectionModel()
        rows = sorted(selection.selectedRows(), key=lambda i: i.row()) if selection else []
        return [r.data(RECORD_ROLE) for r in rows]

    def select(self, record_id: int, *, add: bool = False) -> None:
        """Select an administration by id (``add``: keep the others selected)."""
        row = self.model.row_of(record_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        flags = self.table.selectionModel().SelectionFlag.Rows | (
            self.table.selectionModel().SelectionFlag.Select if add
            else self.table.selectionModel().SelectionFlag.ClearAndSelect)
        self.table.selectionModel().select(index, flags)

    def _selected(self) -> None:
        picked = self.selected()
        self.open_button.setEnabled(len(picked) == 1)
        same = len(picked) == 2 and picked[0].definition_id == picked[1].definition_id
        self.compare_button.setEnabled(same)
        self.trend_button.setEnabled(len(picked) >= 1)
        self._show_plan_note(picked[0] if len(picked) == 1 else None)

    def _show_plan_note(self, picked: AssessmentInfo | None) -> None:
        """Say which care plan cites the selected assessment; a draft is not added yet."""
        final = picked is not None and picked.status != RecordStatus.DRAFT
        self.plan_button.setEnabled(final)
        text = citation_text(citations_of(self.app, NeedSource.ASSESSMENT, picked.id)) \
            if picked is not None else ""
        self.plan_note.setText(text)
        self.plan_note.setVisible(bool(text))

    def add_to_plan(self, kind: NeedSource = NeedSource.ASSESSMENT,
                    assessment_id: int | None = None) -> object:
        """Add the selected (or given) assessment's finding to the care plan, then show it."""
        if assessment_id is None:
            picked = self.selected()
            if len(picked) != 1:
                return None
            assessment_id = picked[0].id
        added = add_finding(self.app, self, kind, assessment_id)
        if added is not None:
            show_plan(self, added[0].id)
        return added

    # -- actions --------------------------------------------------------------------------

    def new_assessment(self) -> AssessmentInfo | None:
        """Pick an instrument; start a draft of it, or record an external result."""
        dialog = NewAssessmentDialog(self)
        accepted = dialog.exec()
        definition = dialog.chosen()
        dialog.deleteLater()
        if not accepted or definition is None:
            return None
        if definition.kind is DefinitionKind.EXTERNAL:
            return self.record_result(definition.id)
        try:
            info = assessments.start_assessment(
                self.app.services, client_id=self.client_id, definition_id=definition.id)
        except OtdeskError as exc:
            QMessageBox.warning(self, _("Cannot start the assessment"), str(exc))
            return None
        self.open_assessment(info.id)
        return info

    def record_result(self, definition_id: str) -> AssessmentInfo | None:
        """Ask for an external result and record it."""
        definition = find_definition(definition_id)
        if definition is None:
            return None
        dialog = ExternalResultDialog(self.app, self.client_id, definition, self)
        dialog.exec()
        result = dialog.recorded
        dialog.deleteLater()
        if result is not None:
            self.select(result.id)
        return result

    def open_selected(self) -> None:
        """Open the selected administration."""
        picked = self.selected()
        if len(picked) == 1:
            self.open_assessment(picked[0].id)

    def open_assessment(self, assessment_id: int) -> AssessmentEditor | None:
        """Show one administration on the tab's form page."""
        if self.editor is not None:
            if self.editor.has_unsaved_changes() and not self.editor.save():
                return self.editor
            self._close_editor()
        try:
            info = assessments.get_assessment(self.app.services, assessment_id)
        except OtdeskError as exc:
            QMessageBox.warning(self, _("Cannot open the assessment"), str(exc))
            return None
        definition = find_definition(info.definition_id, info.definition_version)
        if definition is None:
            QMessageBox.warning(self, _("Cannot open the assessment"), _(
                "Its instrument ({id}, version {version}) is not installed.").format(
                id=info.definition_id, version=info.definition_version))
            return None
        editor = AssessmentEditor(self.app, info, definition, self.client_uuid, self.stack)
        editor.closed.connect(self.show_list)
        editor.open_requested.connect(self.open_assessment)
        editor.dirty_changed.connect(self.dirty_changed)
        self.editor = editor
        self.stack.addWidget(editor)
        self.stack.setCurrentWidget(editor)
        editor.form.focus_first()
        return editor

    def open_record(self, record_id: int) -> AssessmentEditor | None:
        """Open one administration (the shared tab's name for ``open_assessment``)."""
        return self.open_assessment(record_id)

    def compare_selected(self) -> CompareDialog | None:
        """Two selected administrations of one instrument side by side (older first)."""
        picked = self.selected()
        if len(picked) != 2:
            return None
        before, after = sorted(picked, key=lambda a: (a.administered_on, a.id))
        try:
            comparison = assessments.compare_assessments(self.app.services, before.id, after.id)
        except OtdeskError as exc:
            QMessageBox.warning(self, _("Cannot compare"), str(exc))
            return None
        dialog = CompareDialog(comparison, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def trend_selected(self) -> TrendDialog | None:
        """The selected instrument's scores over time."""
        picked = self.selected()
        if not picked:
            return None
        dialog = TrendDialog(self.app, self.client_id, picked[0].definition_id,
                             picked[0].title, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # -- the contract of a record tab ------------------------------------------------------

    def show_record(self, entity: str, record_id: int) -> None:
        """Select the administration a link names (the dashboard's lines)."""
        if self.editor is not None and not self.editor.has_unsaved_changes():
            self.show_list()
        self.select(self.tc.ids.resolve(RecordKind.ASSESSMENT, record_id))
        self.table.setFocus()


def _make(tc: TabContext) -> QWidget:
    return AssessmentsTab(tc)


register_tab(
    "assessments",
    N_("Assessments"),
    _make,
    40,
    entities=(RecordKind.ASSESSMENT,),
)
