"""What a tab with a list on one page and one open record on another shares (the Assessments
and Family sessions tabs): the page stack, closing the editor and going back to the list, the
record tab's unsaved-changes contract, saving when the tab is left, and reopening the record a
crash left typing in.

A subclass builds its list page (``_build_list``), and gives ``refresh``, ``select``,
``_records_changed`` and ``open_record`` (which puts an editor in ``self.editor`` and on the
stack), plus ``DRAFT_PART`` and ``DRAFT_ID``: the draft-key part its editors save under and the
payload entry naming the record.
"""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QStackedWidget, QTableView, QVBoxLayout, QWidget

from otdesk.domain.records import Changes
from otdesk.services import drafts
from otdesk.ui.client_record.registry import TabContext
from otdesk.ui.editing.drafts_ui import client_draft_key
from otdesk.ui.parts.style import MARGIN


class ListAndEditorTab(QWidget):
    """A record list on one page; the record opened from it on the other."""

    dirty_changed = Signal(bool)  # the workspace marks the tab while an edit is unsaved

    DRAFT_PART: ClassVar[str] = ""  # e.g. "assessments:"
    DRAFT_ID: ClassVar[str] = ""  # e.g. "assessment_id"

    table: QTableView

    def __init__(self, tc: TabContext) -> None:
        super().__init__(tc.parent)
        self.tc = tc
        self.app = tc.app
        self.client_id = tc.client_id
        self.client_uuid = tc.read_client().uuid
        self.editor: Any = None
        self.stack = QStackedWidget(self)
        self.list_page = QWidget(self.stack)
        self._build_list(self.list_page)
        self.stack.addWidget(self.list_page)
        box = QVBoxLayout(self)
        box.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        box.addWidget(self.stack)
        self._drafts_offered = False
        self.refresh()
        self.app.events.records_changed.connect(self._records_changed)

    # -- what a subclass gives ----------------------------------------------------------------

    def _build_list(self, page: QWidget) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def refresh(self) -> None:  # pragma: no cover - abstract
        """Read the list again."""
        raise NotImplementedError

    def select(self, record_id: int) -> None:  # pragma: no cover - abstract
        """Select one record of the list."""
        raise NotImplementedError

    def _records_changed(self, changes: Changes) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def open_record(self, record_id: int) -> object:  # pragma: no cover - abstract
        """Open one record on the editor page."""
        raise NotImplementedError

    # -- shared -------------------------------------------------------------------------------

    def _editor_closing(self, editor: Any) -> None:
        """Called before an editor is taken off the stack (a subclass may disconnect it)."""

    def _close_editor(self) -> None:
        if self.editor is not None:
            editor, self.editor = self.editor, None
            self._editor_closing(editor)
            self.stack.removeWidget(editor)
            editor.deleteLater()
            self.dirty_changed.emit(False)

    def show_list(self) -> None:
        """Back to the list, the record just closed selected."""
        opened = self.editor.info.id if self.editor is not None else None
        self._close_editor()
        self.stack.setCurrentWidget(self.list_page)
        self.refresh()
        if opened is not None:
            self.select(opened)
        self.table.setFocus()

    def has_unsaved_changes(self) -> bool:
        """Whether the open record has changes not yet saved."""
        return self.editor is not None and self.editor.has_unsaved_changes()

    def save_changes(self) -> bool:
        """Save the open record."""
        return self.editor is None or self.editor.save()

    def discard_changes(self) -> None:
        """Drop the open record's unsaved changes."""
        if self.editor is not None:
            self.editor.discard_changes()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._drafts_offered:
            self._drafts_offered = True
            QTimer.singleShot(0, self._reopen_drafts)

    def hideEvent(self, event: QHideEvent) -> None:
        # Leaving the tab (another tab, or the record closed) saves the open record.
        if self.editor is not None and self.editor.has_unsaved_changes():
            self.editor.save()
        super().hideEvent(event)

    def _reopen_drafts(self) -> None:
        """Open the record whose typing a crash left unsaved (its editor offers it back)."""
        prefix = client_draft_key(self.client_uuid, self.DRAFT_PART)
        for info in drafts.list_drafts(self.app.services):
            if info.key.startswith(prefix) and self.editor is None:
                record_id = info.payload.get(self.DRAFT_ID)
                if isinstance(record_id, int):
                    self.open_record(record_id)
                return
