"""Table models of the Family sessions tab: a client's sessions, the latest first, each with
its status in words (awaiting co-signature and drafts marked so they stand out), and the
action items of one session."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal

from otdesk.domain.translation import NC_, _, fill, format_date, ngettext
from otdesk.domain.vocab import SessionStatus
from otdesk.services.session_views import ActionItemInfo, SessionLine
from otdesk.ui.editing.forms import choice_label
from otdesk.ui.parts.record_table_model import Column, Index, RecordTableModel


def status_words(status: SessionStatus) -> str:
    """A note's status as the list and the editor show it, with a marker for what needs doing."""
    if status is SessionStatus.DRAFT:
        return _("✎ Draft — not signed")
    if status is SessionStatus.AWAITING_COSIGNATURE:
        return _("⚠ Awaiting co-signature")
    return _("✓ Signed")


def _time(line: SessionLine) -> str:
    return line.start_time.strftime("%H:%M") if line.start_time else "—"


def open_actions_text(count: int) -> str:
    """How many action items are still open, in words ("—" when none)."""
    if count == 0:
        return "—"
    return fill(ngettext("{count} open", "{count} open", count), count=count)


def _status_tip(line: SessionLine) -> str | None:
    if line.status is SessionStatus.DRAFT:
        return _("Not signed yet: open it to finish and sign it.")
    if line.status is SessionStatus.AWAITING_COSIGNATURE:
        return _("Signed by its author; an occupational therapist still has to co-sign it.")
    if line.addenda:
        return fill(ngettext("Signed and locked, with {count} addendum",
                             "Signed and locked, with {count} addenda", line.addenda),
                    count=line.addenda)
    return _("Signed and locked")


class SessionsModel(RecordTableModel[SessionLine]):
    """A client's family sessions."""

    COLUMNS = (
        Column(NC_("column", "Date"), lambda s: format_date(s.session_date),
               sort=lambda s: (s.session_date, _time(s))),
        Column(NC_("column", "Time"), _time),
        Column(NC_("column", "Mode"), lambda s: choice_label(s.mode)),
        Column(NC_("column", "Format"), lambda s: choice_label(s.note_format)),
        Column(NC_("column", "Author"), lambda s: s.author_name or "—"),
        Column(NC_("column", "Status"), lambda s: status_words(s.status),
               sort=lambda s: list(SessionStatus).index(s.status),
               bold=lambda s: s.status is not SessionStatus.SIGNED, tip=_status_tip),
        Column(NC_("column", "Open action items"), lambda s: open_actions_text(s.open_actions),
               sort=lambda s: s.open_actions, bold=lambda s: s.open_actions > 0),
    )


def _due(item: ActionItemInfo) -> str:
    return format_date(item.due_date) if item.due_date else "—"


def _done(item: ActionItemInfo) -> str:
    if not item.done:
        return _("Not yet")
    if item.done_on:
        return fill(_("Done {date}"), date=format_date(item.done_on))
    return _("Done")


class ActionItemsModel(RecordTableModel[ActionItemInfo]):
    """The action items of one session: who, what, by when, and whether it was done (a box
    that can be ticked, also on a signed note)."""

    DONE = 3
    # A tick was asked for (item, done): the editor records it through the services, then
    # shows the items again; the model itself never changes a record.
    done_requested = Signal(object, bool)

    COLUMNS = (
        Column(NC_("column", "Who"), lambda i: i.who),
        Column(NC_("column", "What"), lambda i: " ".join(i.what.split()), tip=lambda i: i.what),
        Column(NC_("column", "By when"), _due, sort=lambda i: str(i.due_date or "9999")),
        Column(NC_("column", "Done"), _done, sort=lambda i: (i.done, str(i.done_on or ""))),
    )

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == self.DONE:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.CheckStateRole and index.isValid()
                and index.column() == self.DONE and 0 <= index.row() < self.rowCount()):
            done = self.record(index.row()).done
            return Qt.CheckState.Checked if done else Qt.CheckState.Unchecked
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (role != Qt.ItemDataRole.CheckStateRole or not index.isValid()
                or index.column() != self.DONE):
            return False
        state = value.value if hasattr(value, "value") else value
        self.done_requested.emit(self.record(index.row()),
                                 state == Qt.CheckState.Checked.value)
        return False
