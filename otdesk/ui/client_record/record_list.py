"""The skeleton of a record list in the client record: a table, Add / Edit / Remove, the card
that describes the selected record, undo, and the drafts a crash left in its dialogs.

A kind of record that is listed on a tab declares a ``ListSpec`` (its adapter, table model,
form, texts and card) and puts a ``RecordList`` on its tab; the list does the rest. It reads
its records again when the services announce a change to them, keeping the selection.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFormLayout, QHeaderView, QMessageBox, QVBoxLayout, QWidget

from otdesk.domain.errors import OtdeskError
from otdesk.domain.records import Changes, RecordKind
from otdesk.domain.translation import _
from otdesk.services import drafts
from otdesk.services.context import Context
from otdesk.ui.client_record.commands import (
    AddRecordCommand,
    EditRecordCommand,
    RecordAdapter,
    RemoveRecordCommand,
)
from otdesk.ui.client_record.record_dialog import RecordDialog, pending_drafts
from otdesk.ui.client_record.registry import TabContext
from otdesk.ui.client_record.tabs._parts import (
    action_button,
    confirm,
    details_card,
    heading_row,
    record_table,
    run_removal,
    select_record,
    selected_record,
)
from otdesk.ui.editing import drafts_ui
from otdesk.ui.editing.drafts_ui import AUTO_RESTORE, client_draft_key
from otdesk.ui.editing.forms import Form
from otdesk.ui.parts.record_table_model import RecordTableModel
from otdesk.ui.parts.style import SPACING
from otdesk.ui.parts.widgets import EmptyState

R = TypeVar("R")


@dataclass(frozen=True)
class ListSpec(Generic[R]):
    """A listed kind of record, as declarations (every text already translated when read:
    each is a function, so it follows the interface language).

    ``load(ctx, owner)`` lists the owner's records; ``details(record)`` is the card's rich
    text; ``defaults(ctx, owner)`` the values a new record's form starts from. ``also`` are the
    other kinds whose changes make the list read itself again (say, the client's).
    """

    key: str  # names the list's drafts ("family")
    adapter: RecordAdapter[Any]
    model: Callable[[QWidget], RecordTableModel[Any]]
    load: Callable[[Context, int], list[Any]]
    build: Callable[[Form, QFormLayout], None]
    details: Callable[[Any], str]
    heading: Callable[[], str]
    table_name: Callable[[], str]
    empty: Callable[[TabContext], str]
    add_title: Callable[[], str]
    edit_title: Callable[[Any], str]
    remove_title: Callable[[], str]
    remove_question: Callable[[Any], str]
    add_name: Callable[[], str]
    edit_name: Callable[[], str]
    remove_name: Callable[[], str]
    defaults: Callable[[Context, int], Mapping[str, Any]] = lambda _ctx, _owner: {}
    also: tuple[RecordKind, ...] = field(default=())
    # The buttons' texts; a tab with other buttons picks mnemonics that do not collide.
    add_text: Callable[[], str] = lambda: _("A&dd…")
    edit_text: Callable[[], str] = lambda: _("Ed&it…")
    remove_text: Callable[[], str] = lambda: _("&Remove")


class RecordList(QWidget, Generic[R]):
    """One kind of record listed for an owner (the client, or one of its episodes)."""

    selection_changed = Signal()

    def __init__(self, tc: TabContext, spec: ListSpec[R], owner: int | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tc = tc
        self.app = tc.app
        self.spec = spec
        self.owner = owner
        self.model = spec.model(self)
        self._client_uuid = tc.read_client().uuid  # names the drafts of the list's dialogs
        self._drafts_offered = False
        self._build()
        self.refresh()
        self.app.events.records_changed.connect(self._records_changed)

    def _build(self) -> None:
        spec = self.spec
        # Mnemonics avoid the menu bar's (File, Edit, View, Help) and "Signed in as".
        self.add_button = action_button(self, spec.add_text(), spec.add_name())
        self.edit_button = action_button(self, spec.edit_text(), spec.edit_name())
        self.remove_button = action_button(self, spec.remove_text(), spec.remove_name())
        self.add_button.clicked.connect(self.add_record)
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table, self.proxy = record_table(self, self.model, spec.table_name())
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        # Keep the service's order until a header is clicked.
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        self.empty = EmptyState(self.table)
        self.details = details_card(self, _("Details of the selected record"))
        self.heading = heading_row(
            self, spec.heading(), self.add_button, self.edit_button, self.remove_button
        )
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(SPACING)
        self.box.addLayout(self.heading)
        self.box.addWidget(self.table, 1)
        self.box.addWidget(self.details)

    # -- data -----------------------------------------------------------------------------

    def set_owner(self, owner: int | None) -> None:
        """List the records of another owner (None: nothing to list)."""
        if owner != self.owner:
            self.owner = owner
            self.refresh()

    def refresh(self) -> None:
        """Read the records again, keeping the selection."""
        kept = self.selected()
        rows = [] if self.owner is None else self.spec.load(self.app.services, self.owner)
        self.model.set_records(rows)
        self.table.resizeColumnsToContents()
        self.empty.show_text("" if rows or self.owner is None else self.spec.empty(self.tc))
        self.add_button.setEnabled(self.owner is not None)
        if kept is not None and self.model.row_of(kept.id) >= 0:
            self.select(kept.id)
        elif rows:
            self.table.selectRow(0)
        self._selected()

    def _records_changed(self, changes: Changes) -> None:
        kinds = (self.spec.adapter.kind, *self.spec.also)
        if changes.touches(*kinds, client_id=self.tc.client_id):
            self.refresh()

    def selected(self) -> Any:
        """The selected record, if any."""
        return selected_record(self.table)

    def select(self, record_id: int) -> None:
        """Select a record by id."""
        select_record(self.table, self.proxy, self.model, record_id)

    def _selected(self) -> None:
        record = self.selected()
        self.edit_button.setEnabled(record is not None)
        self.remove_button.setEnabled(record is not None)
        self.details.setVisible(record is not None)
        if record is not None:
            self.details.setText(self.spec.details(record))
        self.selection_changed.emit()

    def show_record(self, record_id: int) -> None:
        """Select the record a link names (where it lives now, after an undo re-added it)."""
        self.select(self.tc.ids.resolve(self.spec.adapter.kind, record_id))
        self.table.setFocus()

    # -- actions --------------------------------------------------------------------------

    def _draft_key(self, part: str) -> str:
        return client_draft_key(self._client_uuid, f"{self.spec.key}:{part}")

    def _meta(self, record_id: int | None = None) -> dict[str, Any]:
        meta: dict[str, Any] = {"form": self.spec.key, "client_id": self.tc.client_id,
                                "owner": self.owner}
        if record_id is not None:
            meta["record_id"] = record_id
        return meta

    def _report(self, _command: object, exc: OtdeskError) -> None:
        QMessageBox.warning(self, _("Cannot undo or redo"), str(exc))

    def add_record(self) -> Any:
        """Ask for a new record's details and add it (undoable)."""
        if self.owner is None:
            return None
        owner = self.owner

        def submit(values: dict[str, Any], _version: int | None) -> int:
            command = AddRecordCommand(self.app, self.spec.adapter, owner, values, self.tc.ids,
                                       report=self._report)
            command.execute()
            self.tc.undo_stack.push(command)
            assert command.record_id is not None
            return command.record_id

        # A list of the client's own records keeps one draft of a new one; an episode's list,
        # one per episode.
        part = "new" if owner == self.tc.client_id else f"new:{owner}"
        return self._run(RecordDialog(
            self.app, self, title=self.spec.add_title(), build=self.spec.build,
            values=self.spec.defaults(self.app.services, owner), submit=submit, ok_text=_("Add"),
            draft_key=self._draft_key(part), draft_meta=self._meta(),
        ))

    def edit_selected(self) -> Any:
        """Edit the selected record (undoable)."""
        record = self.selected()
        return self.edit_record(record) if record is not None else None

    def edit_record(self, record: Any) -> Any:
        """Edit one record's details."""
        adapter = self.spec.adapter
        before = dict(adapter.values(record))

        def submit(values: dict[str, Any], version: int | None) -> int:
            assert version is not None
            command = EditRecordCommand(
                self.app, adapter, record.id, {k: before[k] for k in values}, values,
                self.tc.ids, expected_version=version, report=self._report,
            )
            command.execute()
            self.tc.undo_stack.push(command)
            return int(record.id)

        def latest() -> tuple[Mapping[str, Any], int]:
            current = adapter.fetch(self.app.services, record.id)
            return adapter.values(current), current.version

        return self._run(RecordDialog(
            self.app, self, title=self.spec.edit_title(record), build=self.spec.build,
            values=before, version=record.version, submit=submit, latest=latest,
            only_changes=True, draft_key=self._draft_key(str(record.uuid)),
            draft_meta=self._meta(record.id),
        ))

    def _run(self, dialog: RecordDialog) -> Any:
        accepted = dialog.exec()
        record_id = dialog.result_value
        dialog.deleteLater()
        if not accepted or record_id is None:
            return None
        self.refresh()
        self.select(record_id)
        self.table.setFocus()
        return self.selected()

    def remove_selected(self) -> bool:
        """Remove the selected record after asking (undoable)."""
        record = self.selected()
        if record is None or self.owner is None:
            return False
        if not confirm(self, self.spec.remove_title(), self.spec.remove_question(record)):
            return False
        command = RemoveRecordCommand(self.app, self.spec.adapter, self.owner, record,
                                      self.tc.ids, report=self._report)
        return run_removal(self, command, _("Cannot remove"), self.tc.undo_stack)

    # -- drafts left by a crash -----------------------------------------------------------

    def pending_drafts(self) -> bool:
        """True when a dialog of this list left unsaved typing behind."""
        return bool(pending_drafts(self.app, self._draft_key("")))

    def offer_drafts(self) -> None:
        """Reopen the dialogs a crash left unsaved (once, when the list is first shown)."""
        if self._drafts_offered:
            return
        self._drafts_offered = True
        QTimer.singleShot(0, self._offer_drafts)

    def _offer_drafts(self) -> None:
        for info in pending_drafts(self.app, self._draft_key("")):
            if not (info.payload.get(AUTO_RESTORE) or drafts_ui.ask_restore(self, info)):
                drafts.discard_draft(self.app.services, key=info.key)
                continue
            # Reopen the dialog; it restores the draft itself without asking again.
            drafts.save_draft(
                self.app.services, key=info.key, title=info.title,
                payload=dict(info.payload) | {AUTO_RESTORE: True},
                base_version=info.base_version,
            )
            record_id = info.payload.get("record_id", info.payload.get("member_id"))
            if record_id is None:
                self.add_record()
                continue
            try:
                record = self.spec.adapter.fetch(self.app.services, record_id)
            except OtdeskError:
                drafts.discard_draft(self.app.services, key=info.key)
                continue
            self.edit_record(record)
