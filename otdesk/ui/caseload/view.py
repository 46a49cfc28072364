"""The caseload screen: search as you type, filters, a sortable table, a count, new client."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from otdesk.domain.records import Changes, RecordKind
from otdesk.domain.translation import _, fill, ngettext
from otdesk.domain.vocab import ClientStatus, Priority, StaffRole
from otdesk.services.summaries import CaseloadFilter
from otdesk.ui.caseload.model import (
    ASSIGNED_OT,
    DATE_OF_BIRTH,
    NAME,
    PRIORITY,
    RECORD_NUMBER,
    STATUS,
    CaseloadModel,
    priority_label,
    status_label,
)
from otdesk.ui.parts.icons import icon
from otdesk.ui.parts.style import MARGIN, SPACING, set_role
from otdesk.ui.parts.widgets import EmptyState, FlowLayout, buddy_label, copy_text, offer_row_menu
from otdesk.ui.shell.app_context import AppContext
from otdesk.ui.shell.keys import SEARCH_TO_RESULTS, add_shortcut

ANYONE, MINE, UNASSIGNED = "any", "mine", "unassigned"


class CaseloadView(QWidget):
    """All clients, or those matching a search and filters; opens a client on Enter."""

    DEBOUNCE_MS = 150

    open_client = Signal(int)
    new_client_requested = Signal()
    import_requested = Signal()

    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self.model = CaseloadModel(app, self)
        self._keep_id: int | None = None
        self._enter_pending = False
        self._build()
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(self.DEBOUNCE_MS)
        self._debounce.timeout.connect(self._apply_filter)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.loaded.connect(self._loaded)
        app.events.records_changed.connect(self._records_changed)
        self.empty_state.show_text(_("Loading clients…"))  # until the first answer
        if not self.model.busy:  # enabling sorting may have started the first query already
            self.model.refresh()

    # -- building -------------------------------------------------------------------------

    def _build(self) -> None:
        title = QLabel(_("Caseload"), self)
        set_role(title, "h1")
        self.count_label = QLabel(self)
        set_role(self.count_label, "muted")
        self.count_label.setAccessibleName(_("Number of clients shown"))
        self.new_button = QPushButton(_("&New client…"), self)
        set_role(self.new_button, "primary")
        self.new_button.setAccessibleName(_("New client"))
        self.new_button.clicked.connect(self.new_client_requested)

        self.search = QLineEdit(self)
        self.search.setObjectName("caseload-search")
        self.search.setPlaceholderText(_("Name, record number or date of birth"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.returnPressed.connect(self._open_from_search)
        # Down arrow from the search box goes to the results, as in a mail client.
        add_shortcut(SEARCH_TO_RESULTS, self.search, self._down_from_search)
        search_label = buddy_label(_("&Search:"), self.search, self)

        # The filters wrap onto a second line when the window is narrow or the text large.
        # Each is made inside its final parent: moving a widget to a new parent makes Qt work
        # out the style sheet for it again.
        self.filters = QWidget(self)
        status_pair, ot_pair, priority_pair = (QWidget(self.filters) for _i in range(3))

        self.status_button = QToolButton(status_pair)
        set_role(self.status_button, "filter")
        self.status_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self._status_menu = QMenu(self.status_button)
        self._status_actions: dict[ClientStatus, QAction] = {}
        for status in ClientStatus:
            action = self._status_menu.addAction(status_label(status))
            action.setCheckable(True)
            action.toggled.connect(self._filters_changed)
            self._status_actions[status] = action
        self._status_menu.addSeparator()
        self._status_menu.addAction(_("Any status"), self._clear_statuses)
        self.status_button.setMenu(self._status_menu)
        status_label_w = buddy_label(_("S&tatus:"), self.status_button, status_pair)

        self.ot_combo = QComboBox(ot_pair)
        self._fill_ot_combo()
        self.ot_combo.currentIndexChanged.connect(self._filters_changed)
        ot_label = buddy_label(_("Assigned &OT:"), self.ot_combo, ot_pair)

        self.priority_combo = QComboBox(priority_pair)
        self.priority_combo.addItem(_("Any priority"), None)
        for priority in (Priority.URGENT, Priority.SOON, Priority.ROUTINE):
            self.priority_combo.addItem(priority_label(priority), priority.value)
        self.priority_combo.currentIndexChanged.connect(self._filters_changed)
        priority_label_w = buddy_label(_("&Priority:"), self.priority_combo, priority_pair)

        self.review_due = QCheckBox(_("&Review due"), self.filters)
        self.review_due.setAccessibleName(_("Review due"))
        self.review_due.setToolTip(_("Care-plan review due within two weeks or overdue"))
        self.review_due.toggled.connect(self._filters_changed)
        self.clear_button = QPushButton(_("C&lear filters"), self.filters)
        self.clear_button.setAccessibleName(_("Clear search and filters"))
        self.clear_button.clicked.connect(self.clear_filters)

        self.table = QTableView(self)
        self.table.setObjectName("caseload-table")
        self.table.setAccessibleName(_("Clients"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        vertical = self.table.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 2 * SPACING)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self._size_columns()
        saved = self._app.settings.header_state("caseload")
        if not saved.isEmpty():
            header.restoreState(saved)
        else:
            header.setSortIndicator(NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)  # sorts by the header's indicator: the service sorts
        self.table.activated.connect(self._activated)
        offer_row_menu(self.table, self.row_menu)
        self.empty_state = EmptyState(self.table)

        top = QHBoxLayout()
        top.setSpacing(SPACING)
        self._top = top
        self.import_button: QPushButton | None = None
        top.addWidget(title)
        top.addSpacing(SPACING)
        top.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBottom)
        top.addStretch(1)
        top.addWidget(self.new_button)

        search_row = QHBoxLayout()
        search_row.setSpacing(SPACING)
        search_row.addWidget(search_label)
        search_row.addWidget(self.search, 1)

        filters = FlowLayout(self.filters, spacing=SPACING + SPACING // 2)
        for pair, label, widget in (
            (status_pair, status_label_w, self.status_button),
            (ot_pair, ot_label, self.ot_combo),
            (priority_pair, priority_label_w, self.priority_combo),
        ):
            row = QHBoxLayout(pair)
            row.setContentsMargins(0, 0, SPACING, 0)
            row.setSpacing(SPACING // 2 + 2)
            row.addWidget(label)
            row.addWidget(widget)
            filters.addWidget(pair)
        filters.addWidget(self.review_due)
        filters.addWidget(self.clear_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(SPACING + SPACING // 2)
        layout.addLayout(top)
        layout.addLayout(search_row)
        layout.addWidget(self.filters)
        layout.addWidget(self.table, 1)

        order = [self.search, self.status_button, self.ot_combo, self.priority_combo,
                 self.review_due, self.clear_button, self.table, self.new_button]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        self._update_status_button()

    def _size_columns(self) -> None:
        # Wide enough for typical values and the (translated) titles, at any text size.
        metrics = self.table.fontMetrics()
        samples = {
            NAME: "Ashby-Clarke, Alexandra (Al)",
            RECORD_NUMBER: "DEMO-000000",
            DATE_OF_BIRTH: "30 sept 2000",
            STATUS: max((status_label(s) for s in ClientStatus), key=len),
            PRIORITY: max((priority_label(p) for p in Priority), key=len),
            ASSIGNED_OT: "Alexandra Ashby-Clarke",
        }
        header = self.table.horizontalHeader()
        for column, sample in samples.items():
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            width = max(metrics.horizontalAdvance(sample),
                        header.fontMetrics().horizontalAdvance(title) + 2 * SPACING)
            header.resizeSection(column, width + 3 * SPACING)

    def _fill_ot_combo(self) -> None:
        current = self.ot_combo.currentData()
        self.ot_combo.blockSignals(True)
        self.ot_combo.clear()
        self.ot_combo.addItem(_("Anyone"), ANYONE)
        self.ot_combo.addItem(_("Mine"), MINE)
        self.ot_combo.addItem(_("Unassigned"), UNASSIGNED)
        roles = (StaffRole.OT, StaffRole.OT_ASSISTANT)
        for member in self._app.staff_directory.members(self._app.services, roles):
            self.ot_combo.addItem(member.display_name, member.id)
        found = self.ot_combo.findData(current)
        self.ot_combo.setCurrentIndex(max(found, 0))
        self.ot_combo.blockSignals(False)

    # -- filtering ------------------------------------------------------------------------

    def current_filter(self) -> CaseloadFilter:
        """The search and filters as the widgets show them."""
        statuses = tuple(s for s, a in self._status_actions.items() if a.isChecked())
        who = self.ot_combo.currentData()
        assigned: int | None = None
        if who == MINE:
            assigned = self._app.services.actor_id
        elif isinstance(who, int):
            assigned = who
        priority = self.priority_combo.currentData()
        return CaseloadFilter(
            text=self.search.text().strip(),
            statuses=statuses,
            assigned_ot_id=assigned,
            unassigned_only=who == UNASSIGNED,
            priority=Priority(priority) if priority else None,
            review_due=self.review_due.isChecked(),
        )

    def _filters_changed(self, *_args: object) -> None:
        self._update_status_button()
        self._apply_filter()

    def _apply_filter(self) -> None:
        self._debounce.stop()
        self.model.set_filter(self.current_filter())

    def _clear_statuses(self) -> None:
        for action in self._status_actions.values():
            action.blockSignals(True)
            action.setChecked(False)
            action.blockSignals(False)
        self._filters_changed()

    def _update_status_button(self) -> None:
        chosen = [status_label(s) for s, a in self._status_actions.items() if a.isChecked()]
        self.status_button.setText(", ".join(chosen) if chosen else _("Any status"))

    def clear_filters(self) -> None:
        """Show every client again."""
        widgets = [self.search, self.ot_combo, self.priority_combo, self.review_due,
                   *self._status_actions.values()]
        for w in widgets:
            w.blockSignals(True)
        self.search.clear()
        self.ot_combo.setCurrentIndex(0)
        self.priority_combo.setCurrentIndex(0)
        self.review_due.setChecked(False)
        for action in self._status_actions.values():
            action.setChecked(False)
        for w in widgets:
            w.blockSignals(False)
        self._filters_changed()

    def focus_search(self) -> None:
        """Put the cursor in the search box, its text selected (Find, Ctrl+F)."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def actor_changed(self) -> None:
        """The signed-in staff member changed: "Mine" now means someone else."""
        if self.ot_combo.currentData() == MINE:
            self._apply_filter()

    # -- results --------------------------------------------------------------------------

    def _remember_selection(self) -> None:
        index = self.table.currentIndex()
        self._keep_id = self.model.client_id(index.row()) if index.isValid() else None

    def _loaded(self) -> None:
        count = self.model.rowCount()
        where = self.model.where
        filtered = where != CaseloadFilter()
        if filtered:
            text = ngettext("{count} client of {total}", "{count} clients of {total}", count)
        else:
            text = ngettext("{count} client", "{count} clients", count)
        self.count_label.setText(fill(text, count=count, total=self.model.total))
        self.empty_state.show_text(self._empty_text(count, where))
        self._offer_import(self.model.total == 0 and not self.model.busy)
        if self._enter_pending and not self.model.busy:
            self._open_from_search()
        row = self.model.row_of(self._keep_id) if self._keep_id is not None else None
        if row is not None:
            index = self.model.index(row, 0)
            flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                     | QItemSelectionModel.SelectionFlag.Rows)
            self.table.selectionModel().setCurrentIndex(index, flags)

    def _offer_import(self, offer: bool) -> None:
        # A clinic with no clients yet is most likely setting up: its first step (bringing in
        # its list) gets a button beside New client. Made only then, so a start costs nothing.
        if offer and self.import_button is None:
            self.import_button = QPushButton(_("&Import clients…"), self)
            self.import_button.setAccessibleName(_("Import clients from a CSV file"))
            self.import_button.clicked.connect(self.import_requested)
            self._top.insertWidget(self._top.indexOf(self.new_button), self.import_button)
            QWidget.setTabOrder(self.new_button, self.import_button)
        if self.import_button is not None:
            self.import_button.setVisible(offer)

    def _empty_text(self, count: int, where: CaseloadFilter) -> str:
        if count:
            return ""
        if self.model.total == 0:
            return _("No clients yet — import a CSV or add a client.")
        if where.text:
            others = where != CaseloadFilter(text=where.text)
            if others:
                return _("No clients match '{search}' with these filters.").format(
                    search=where.text)
            return _("No clients match '{search}'.").format(search=where.text)
        return _("No clients match these filters.")

    def _records_changed(self, changes: Changes) -> None:
        if changes.touches(RecordKind.CLIENT):
            self.model.refresh(sorted(changes.ids(RecordKind.CLIENT)) or None)
        elif changes.touches(RecordKind.STAFF_MEMBER):
            self._fill_ot_combo()

    # -- opening --------------------------------------------------------------------------

    def selected_client_id(self) -> int | None:
        """The id of the client on the current row."""
        index = self.table.currentIndex()
        return self.model.client_id(index.row()) if index.isValid() else None

    def _activated(self, index: object) -> None:
        client_id = self.selected_client_id()
        if client_id is not None:
            self.open_client.emit(client_id)

    def row_menu(self, row: int) -> QMenu | None:
        """What a right-click on a client's row offers: open the record, copy its number."""
        line = self.model.summary(row)
        if line is None:  # a row still loading
            return None
        menu = QMenu(self.table)
        menu.addAction(icon("client"), _("&Open record"),
                       lambda: self.open_client.emit(line.id))
        menu.addAction(_("&Copy record number"),
                       lambda: copy_text(line.record_number))
        return menu

    def _open_from_search(self) -> None:
        # Enter in the search box: one match opens it; several move to the first result.
        self._apply_filter()
        if self.model.busy:
            self._enter_pending = True
            return
        self._enter_pending = False
        if self.model.rowCount() == 1:
            client_id = self.model.client_id(0)
            if client_id is not None:
                self.open_client.emit(client_id)
        elif self.model.rowCount() > 1:
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            if not self.table.currentIndex().isValid():
                self.table.selectRow(0)

    def _down_from_search(self) -> None:
        if self.model.rowCount():
            self.table.setFocus(Qt.FocusReason.TabFocusReason)
            if not self.table.currentIndex().isValid():
                self.table.selectRow(0)

    def save_state(self) -> None:
        """Remember column widths and order, and the sort."""
        self._app.settings.set_header_state("caseload", self.table.horizontalHeader().saveState())
        self._app.settings.caseload_sort = self.model.sort_order
