"""The Family sessions tab: the client's sessions with family and caregivers, the latest first
(status in words, drafts and notes awaiting co-signature marked), with New session, Open and
Delete draft; a session opens on a page of its own in the tab (``SessionEditor``).

Back returns to the list, saving the note first. A dashboard line naming a session (unsigned,
awaiting co-signature, an action item due) opens that session here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QVBoxLayout, QWidget

from otdesk.domain.errors import OtdeskError
from otdesk.domain.records import Changes, RecordKind
from otdesk.domain.translation import N_, _, fill, format_date
from otdesk.domain.vocab import SessionStatus
from otdesk.services import episodes, family_sessions
from otdesk.services.session_views import SessionLine
from otdesk.ui.client_record.commands import AddRecordCommand
from otdesk.ui.client_record.registry import TabContext, register_tab
from otdesk.ui.client_record.tabs._list_editor import ListAndEditorTab
from otdesk.ui.client_record.tabs._parts import (
    action_button,
    confirm,
    heading_row,
    record_table,
    select_record,
    selected_record,
)
from otdesk.ui.family_sessions.commands import SESSIONS
from otdesk.ui.family_sessions.editor import SessionEditor
from otdesk.ui.family_sessions.models import SessionsModel
from otdesk.ui.parts.style import SPACING
from otdesk.ui.parts.widgets import EmptyState

DRAFT_PART = "family_sessions:"


class FamilySessionsTab(ListAndEditorTab):
    """The list of sessions on one page; an open session on the other."""

    DRAFT_PART = DRAFT_PART
    DRAFT_ID = "session_id"
    editor: SessionEditor | None

    def _build_list(self, page: QWidget) -> None:
        self.new_button = action_button(page, _("&New session…"),
                                        _("Start the note of a new family session"))
        self.open_button = action_button(page, _("&Open"), _("Open the selected session"))
        self.delete_button = action_button(page, _("Delete draft…"),
                                           _("Delete the selected draft note"))
        self.new_button.clicked.connect(self.new_session)
        self.open_button.clicked.connect(self.open_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.model = SessionsModel(page)
        self.table, self.proxy = record_table(page, self.model, _("Family sessions"))
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.activated.connect(lambda _i: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        self.empty = EmptyState(self.table)
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(SPACING)
        box.addLayout(heading_row(page, _("Family sessions"), self.new_button, self.open_button,
                                  self.delete_button))
        box.addWidget(self.table, 1)

    # -- data -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the sessions again, keeping the selection."""
        kept = self.selected()
        rows = family_sessions.list_sessions(self.app.services, client_id=self.client_id)
        self.model.set_records(rows)
        self.table.resizeColumnsToContents()
        self.empty.show_text("" if rows else _(
            "No family sessions yet.\nUse “New session” to write the note of one."))
        if kept is not None and self.model.row_of(kept.id) >= 0:
            self.select(kept.id)
        elif rows:
            self.table.selectRow(0)
        self._selected()

    def _records_changed(self, changes: Changes) -> None:
        if changes.touches(RecordKind.FAMILY_SESSION, client_id=self.client_id):
            self.refresh()
            if self.editor is not None and self.model.row_of(self.editor.info.id) < 0:
                self.show_list()  # its draft was removed (an undone "new session")

    def selected(self) -> SessionLine | None:
        """The selected session."""
        record = selected_record(self.table)
        return record if isinstance(record, SessionLine) else None

    def select(self, session_id: int) -> None:
        """Select a session by id."""
        select_record(self.table, self.proxy, self.model, session_id)

    def _selected(self) -> None:
        picked = self.selected()
        self.open_button.setEnabled(picked is not None)
        self.delete_button.setEnabled(picked is not None
                                      and picked.status is SessionStatus.DRAFT)

    # -- actions --------------------------------------------------------------------------

    def new_session(self) -> SessionEditor | None:
        """Start a draft note for today (undoable) and open it."""
        ctx = self.app.services
        open_episode = next((e for e in episodes.list_episodes(ctx, client_id=self.client_id)
                             if e.actual_discharge_date is None), None)
        values: dict[str, object] = {"session_date": ctx.today()}
        if open_episode is not None:
            values["episode_id"] = open_episode.id
        command = AddRecordCommand(self.app, SESSIONS, self.client_id, values, self.tc.ids,
                                   report=self._report)
        try:
            command.execute()
        except OtdeskError as exc:
            QMessageBox.warning(self, _("Cannot start the note"), str(exc))
            return None
        self.tc.undo_stack.push(command)
        assert command.record_id is not None
        return self.open_session(command.record_id)

    def _report(self, _command: object, exc: OtdeskError) -> None:
        QMessageBox.warning(self, _("Cannot undo or redo"), str(exc))

    def open_selected(self) -> SessionEditor | None:
        """Open the selected session."""
        picked = self.selected()
        return self.open_session(picked.id) if picked is not None else None

    def open_session(self, session_id: int) -> SessionEditor | None:
        """Show one session on the tab's editor page."""
        if self.editor is not None:
            if self.editor.info.id == session_id:
                self.stack.setCurrentWidget(self.editor)
                return self.editor
            if self.editor.has_unsaved_changes() and not self.editor.save():
                return self.editor
            self._close_editor()
        try:
            info = family_sessions.get_session(self.app.services, session_id=session_id)
        except OtdeskError as exc:
            QMessageBox.warning(self, _("Cannot open the session"), str(exc))
            return None
        editor = SessionEditor(self.app, info, self.client_uuid, undo_stack=self.tc.undo_stack,
                               ids=self.tc.ids, parent=self.stack)
        editor.closed.connect(self.show_list)
        editor.dirty_changed.connect(self.dirty_changed)
        self.editor = editor
        self.stack.addWidget(editor)
        self.stack.setCurrentWidget(editor)
        editor.focus_first()
        return editor

    def _editor_closing(self, editor: SessionEditor) -> None:
        self.app.events.records_changed.disconnect(editor._records_changed)

    def open_record(self, record_id: int) -> SessionEditor | None:
        """Open one session (the shared tab's name for ``open_session``)."""
        return self.open_session(record_id)

    def delete_selected(self) -> bool:
        """Delete the selected draft note after asking."""
        picked = self.selected()
        if picked is None or picked.status is not SessionStatus.DRAFT:
            return False
        if not confirm(self, _("Delete this draft?"), fill(
                _("The draft note of the family session of {date} will be deleted, with its "
                  "attendees and action items. This cannot be undone."),
                date=format_date(picked.session_date))):
            return False
        try:
            family_sessions.remove_draft(self.app.services, session_id=picked.id,
                                         expected_version=picked.version)
        except OtdeskError as exc:
            QMessageBox.warning(self, _("Cannot delete the draft"), str(exc))
            self.refresh()
            return False
        return True

    # -- the contract of a record tab ------------------------------------------------------

    def show_record(self, entity: str, record_id: int) -> None:
        """Open the session a link names (the dashboard's lines)."""
        session_id = self.tc.ids.resolve(RecordKind.FAMILY_SESSION, record_id)
        if self.model.row_of(session_id) < 0:
            self.refresh()
        if self.model.row_of(session_id) < 0:
            if self.editor is None:
                self.table.setFocus()
            return
        self.select(session_id)
        self.open_session(session_id)


def _make(tc: TabContext) -> QWidget:
    return FamilySessionsTab(tc)


register_tab(
    "family_sessions",
    N_("Family sessions"),
    _make,
    60,
    entities=(RecordKind.FAMILY_SESSION,),
)
