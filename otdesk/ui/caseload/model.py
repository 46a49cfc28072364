"""The caseload table model: the ordered ids of the current search, plus a bounded row cache.

Like Anki's browser model, it never holds 50,000 clients in memory. It asks the caseload
service once for the ordered ids that match the search, filters and sort (in the background,
dropping results that a newer request has overtaken), and fetches the lines it paints in
batches, keeping the most recently used few thousand.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from otdesk.domain.translation import NC_, _, format_date, language_name
from otdesk.domain.vocab import ClientStatus, Priority
from otdesk.services.summaries import CaseloadFilter, ClientSummary, SortKey
from otdesk.ui.parts.record_table_model import ReadOnlyTableModel
from otdesk.ui.parts.style import DUE, MUTED, OVERDUE
from otdesk.ui.shell.app_context import AppContext
from otdesk.ui.shell.tasks import TaskControl

NAME, RECORD_NUMBER, DATE_OF_BIRTH, STATUS, PRIORITY, ASSIGNED_OT, LANGUAGE = range(7)
COLUMN_COUNT = 7

ClientIdRole = Qt.ItemDataRole.UserRole + 1
SummaryRole = Qt.ItemDataRole.UserRole + 2
StatusRole = Qt.ItemDataRole.UserRole + 3
PriorityRole = Qt.ItemDataRole.UserRole + 4

# ``data`` runs for every role of every visible cell on each paint (over a thousand calls for
# one screen of the caseload), so it compares plain role numbers and hands out colours made
# once, rather than looking up Qt's enums and making colours on every call.
_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
_FOREGROUND = Qt.ItemDataRole.ForegroundRole.value
_ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole.value
_LINE_ROLES = frozenset((_DISPLAY, _TOOLTIP, _FOREGROUND, _ACCESSIBLE, SummaryRole, StatusRole,
                         PriorityRole))

_PRIORITY_COLOURS = {
    Priority.URGENT: QColor(OVERDUE.foreground),
    Priority.SOON: QColor(DUE.foreground),
}
_MUTED = QColor(MUTED)

SORT_KEYS = {
    NAME: SortKey.NAME,
    RECORD_NUMBER: SortKey.RECORD_NUMBER,
    DATE_OF_BIRTH: SortKey.DATE_OF_BIRTH,
    STATUS: SortKey.STATUS,
    PRIORITY: SortKey.PRIORITY,
    ASSIGNED_OT: SortKey.ASSIGNED_OT,
    LANGUAGE: SortKey.LANGUAGE,
}

_HEADERS = (  # in column order
    NC_("column", "Name"),
    NC_("column", "Record no."),
    NC_("column", "Date of birth"),
    NC_("column", "Status"),
    NC_("column", "Priority"),
    NC_("column", "Assigned OT"),
    NC_("column", "Language"),
)



def status_label(status: ClientStatus) -> str:
    """A client status in the interface language."""
    return status.label


def priority_label(priority: Priority) -> str:
    """A priority in the interface language."""
    return priority.label


@dataclass(frozen=True)
class Loaded:
    """What a background id query hands back to the model."""

    generation: int
    ids: list[int]
    total: int
    first_rows: list[ClientSummary]
    invalidate: tuple[int, ...] | None  # None: drop the whole cache
    key: tuple[Any, ...] | None = None  # the question answered, for reuse


class CaseloadModel(ReadOnlyTableModel):
    """Clients matching a ``CaseloadFilter``, in the order the service sorts them."""

    HEADERS = _HEADERS

    BATCH = 200
    CACHE_ROWS = 4000
    ANSWERS = 16
    ANSWER_SECONDS = 30.0  # other workstations' changes show within this, or at once locally

    loaded = Signal()  # a new list of ids is in place
    searching = Signal(bool)  # a query is running
    failed = Signal(str)  # a query could not run (the reason, for the status bar)

    def __init__(self, app: AppContext, parent: Any = None, *, background: bool = True) -> None:
        super().__init__(parent)
        self._app = app
        self._background = background
        self._where = CaseloadFilter()
        self._sort_column = NAME
        self._descending = False
        self._ids: list[int] = []
        self._total = 0
        self._cache: OrderedDict[int, ClientSummary] = OrderedDict()
        self._generation = 0
        self._applied_generation = 0
        self._row_of: dict[int, int] | None = None
        # Recent answers (backspacing, clearing the search) are shown again without a query.
        self._answers: OrderedDict[tuple[Any, ...], tuple[float, list[int]]] = OrderedDict()
        self._total_known = False

    # -- what to show ---------------------------------------------------------------------

    @property
    def where(self) -> CaseloadFilter:
        """The search and filters in force."""
        return self._where

    @property
    def total(self) -> int:
        """How many clients the clinic has in all (for "12 of 1,234")."""
        return self._total

    @property
    def sort_order(self) -> tuple[SortKey, bool]:
        """The order in force: the sort key, and True for descending."""
        return SORT_KEYS[self._sort_column], self._descending

    @property
    def busy(self) -> bool:
        """True while a query is running whose result is not yet shown."""
        return self._applied_generation != self._generation

    def set_filter(self, where: CaseloadFilter) -> None:
        """Show the clients matching ``where``."""
        if where != self._where:
            self._where = where
            self.refresh(keep_cache=True)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order by ``column``: the service sorts, so it stays fast at any size."""
        if column not in SORT_KEYS:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (column, descending) != (self._sort_column, self._descending):
            self._sort_column, self._descending = column, descending
            self.refresh(keep_cache=True)

    def refresh(self, changed: Sequence[int] | None = None, *, keep_cache: bool = False) -> None:
        """Ask again which clients match; ``changed`` ids (or all, when None) are re-read.

        With ``keep_cache`` (a new search, filter or sort, no data changed) a recent answer to
        the same question is reused.
        """
        self._generation += 1
        generation = self._generation
        ctx = self._app.services
        where, sort = self._where, SORT_KEYS[self._sort_column]
        descending = self._descending
        key = (where, sort, descending, ctx.actor_id)
        if not keep_cache:
            self._answers.clear()
            self._total_known = False
        else:
            answer = self._answers.get(key)
            if answer is not None and time.monotonic() - answer[0] < self.ANSWER_SECONDS:
                self.searching.emit(True)
                self._apply(Loaded(generation, answer[1], self._total, [], ()))
                return
        invalidate: tuple[int, ...] | None = () if keep_cache else (
            tuple(changed) if changed else None
        )
        cached = set(self._cache) if invalidate is not None else set()
        drop = set(invalidate or ())
        need_total = not self._total_known
        whole = self._whole_list(where, sort, descending) if keep_cache else None

        def work(control: TaskControl | None) -> Loaded:
            from otdesk.services import caseload
            from otdesk.services.clients import count_clients

            if whole is not None:
                # A search of the whole list held in this order: keep the order, narrow it.
                found = caseload.matching_ids(ctx, where.text)
                ids = [i for i in whole if i in found]
            else:
                ids = caseload.find_ids(ctx, where=where, sort=sort, descending=descending)
            if control is not None:
                control.check()
            wanted = [i for i in ids[: self.BATCH] if i not in cached or i in drop]
            first = caseload.rows(ctx, ids=wanted)
            total = count_clients(ctx) if need_total else -1
            return Loaded(generation, ids, total, first, invalidate, key)

        self.searching.emit(True)
        if self._background:
            label = _("Searching clients")
            self._app.tasks.run(work, label=label, on_done=self._apply, on_error=self._error)
        else:
            self._apply(work(None))

    def _whole_list(
        self, where: CaseloadFilter, sort: SortKey, descending: bool
    ) -> list[int] | None:
        """The whole list's recent answer in this order, when ``where`` is a text search only
        (nothing else narrows it), else None."""
        if not where.text or where != CaseloadFilter(text=where.text):
            return None
        key = (CaseloadFilter(), sort, descending, self._app.services.actor_id)
        answer = self._answers.get(key)
        if answer is None or time.monotonic() - answer[0] >= self.ANSWER_SECONDS:
            return None
        return answer[1]

    def _error(self, exc: BaseException) -> None:
        self._applied_generation = self._generation
        self.searching.emit(False)
        self.failed.emit(str(exc))

    def _apply(self, result: Loaded) -> None:
        if result.generation != self._generation:
            return  # overtaken by a newer search: drop it
        self._applied_generation = result.generation
        if result.invalidate is None:
            self._cache.clear()
        else:
            for cid in result.invalidate:
                self._cache.pop(cid, None)
        self._remember(result.first_rows)
        if result.total >= 0:
            self._total, self._total_known = result.total, True
        if result.key is not None:
            self._answers[result.key] = (time.monotonic(), result.ids)
            self._answers.move_to_end(result.key)
            while len(self._answers) > self.ANSWERS:
                self._answers.popitem(last=False)
        if result.ids == self._ids:
            # The same list: rows stay where they are, with the selection and scroll
            # position, and repaint.
            self._ids = result.ids
            self._row_of = None
            if self._ids:
                last = self.index(len(self._ids) - 1, COLUMN_COUNT - 1)
                self.dataChanged.emit(self.index(0, 0), last)
        else:
            self.beginResetModel()
            self._ids = result.ids
            self._row_of = None
            self.endResetModel()
        self.searching.emit(False)
        self.loaded.emit()

    # -- lookups --------------------------------------------------------------------------

    def client_id(self, row: int) -> int | None:
        """The id of the client on ``row``."""
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, client_id: int) -> int | None:
        """The row showing ``client_id``, if it is in the current list."""
        if self._row_of is None:
            self._row_of = {cid: row for row, cid in enumerate(self._ids)}
        return self._row_of.get(client_id)

    def summary(self, row: int) -> ClientSummary | None:
        """The caseload line of ``row`` (fetched with its neighbours when not cached)."""
        cid = self.client_id(row)
        if cid is None:
            return None
        found = self._cache.get(cid)
        if found is not None:
            self._cache.move_to_end(cid)
            return found
        from otdesk.services import caseload

        start = row - row % self.BATCH
        batch = [i for i in self._ids[start : start + self.BATCH] if i not in self._cache]
        self._remember(caseload.rows(self._app.services, ids=batch))
        return self._cache.get(cid)

    def _remember(self, lines: list[ClientSummary]) -> None:
        for line in lines:
            self._cache[line.id] = line
            self._cache.move_to_end(line.id)
        while len(self._cache) > self.CACHE_ROWS:
            self._cache.popitem(last=False)

    @property
    def cached_rows(self) -> int:
        """How many lines are held in memory."""
        return len(self._cache)

    # -- QAbstractTableModel ---------------------------------------------------------------

    def _row_total(self) -> int:
        return len(self._ids)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if role not in _LINE_ROLES:
            if role == ClientIdRole:
                row = index.row()  # an invalid index has row -1
                return self._ids[row] if 0 <= row < len(self._ids) else None
            return None
        row = index.row()
        if not 0 <= row < len(self._ids):
            return None
        line = self.summary(row)
        if line is None:
            return None
        if role in (_DISPLAY, _ACCESSIBLE, _TOOLTIP):
            return self._text(line, index.column(), role)
        if role == _FOREGROUND:
            return self._foreground(line, index.column())
        if role == SummaryRole:
            return line
        if role == StatusRole:
            return line.status.value
        return line.priority.value  # PriorityRole

    def _foreground(self, line: ClientSummary, column: int) -> QColor | None:
        if column == PRIORITY:
            return _PRIORITY_COLOURS.get(line.priority)
        if column == ASSIGNED_OT and not line.assigned_ot:
            return _MUTED
        return None

    def _text(self, line: ClientSummary, column: int, role: int) -> str:
        if role == _TOOLTIP and column != NAME:
            return ""
        if column == NAME:
            return line.display_name
        if column == RECORD_NUMBER:
            return line.record_number
        if column == DATE_OF_BIRTH:
            return format_date(line.date_of_birth)
        if column == STATUS:
            return status_label(line.status)
        if column == PRIORITY:
            return priority_label(line.priority)
        if column == ASSIGNED_OT:
            return line.assigned_ot or _("Unassigned")
        if column == LANGUAGE:
            name = language_name(line.preferred_language)
            if line.interpreter_needed:
                return _("{language} (interpreter)").format(language=name)
            return name
        return ""
