"""The dashboard: one block per registered section of due work, for one staff member or all.

The dashboard knows nothing about particular sources: it shows whatever sections the
dashboard service's registry returns, in their order, and opens whatever record a line names.
"""

from __future__ import annotations

import itertools
from datetime import date

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from otdesk.domain.errors import NotFoundError
from otdesk.domain.records import Changes
from otdesk.domain.translation import _, fill, ngettext
from otdesk.domain.vocab import StaffRole
from otdesk.services import dashboard
from otdesk.services import staff as staff_service
from otdesk.services.dashboard import Section, Urgency
from otdesk.ui.dashboard.model import CLIENT, DUE, RECORD_NUMBER, SUMMARY, DueItemsModel
from otdesk.ui.parts.style import MARGIN, SECTION_SPACING, SPACING, set_role
from otdesk.ui.parts.widgets import FlowLayout, copy_text, offer_row_menu
from otdesk.ui.shell.app_context import AppContext
from otdesk.ui.shell.keys import REFRESH_DASHBOARD, add_shortcut
from otdesk.ui.shell.tasks import TaskControl

ITEM_LIMIT = 20
WIDE_ENOUGH_FOR_TWO_COLUMNS = 1500


class SectionCard(QFrame):
    """One dashboard block: title, count badge, and its items as a table that fits them."""

    open_record = Signal(object)  # RecordRef

    def __init__(self, section: Section, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_role(self, "card")
        self.key = section.key
        title = section.title
        self.title = QLabel(title, self)
        set_role(self.title, "h2")
        self.badge = QLabel(self)
        self.total = section.total
        self.overdue = any(i.urgency is Urgency.OVERDUE for i in section.items)
        set_role(self.badge, "badge-overdue" if self.overdue else "badge")
        self.badge.setText(str(section.total))
        self.badge.setAccessibleName(
            fill(ngettext("{count} item", "{count} items", section.total), count=section.total))
        self.model = DueItemsModel(self)
        self.model.set_items(section.items, today)
        self.table = QTableView(self)
        self.table.setObjectName(f"dashboard-{section.key}")
        self.table.setAccessibleName(title)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column in (CLIENT, RECORD_NUMBER, DUE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SUMMARY, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self._activated)
        offer_row_menu(self.table, self.row_menu)
        self.empty = QLabel(_("Nothing here right now."), self)
        set_role(self.empty, "muted")
        self.more = QLabel(self)
        set_role(self.more, "small")
        shown = len(section.items)
        if section.total > shown:
            self.more.setText(
                fill(_("Showing {shown} of {total}"), shown=shown, total=section.total))

        top = QHBoxLayout()
        top.setSpacing(SPACING)
        top.addWidget(self.title)
        top.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN - SPACING // 2, MARGIN, MARGIN)
        layout.setSpacing(SPACING)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addWidget(self.empty)
        layout.addWidget(self.more)
        self.table.setVisible(shown > 0)
        self.empty.setVisible(shown == 0)
        self.more.setVisible(bool(self.more.text()))
        self._fit()

    def _fit(self) -> None:
        # The outer page scrolls; each table is exactly as tall as its rows.
        rows = self.model.rowCount()
        row_height = self.fontMetrics().height() + SPACING + SPACING // 2
        self.table.verticalHeader().setDefaultSectionSize(row_height)
        header_height = self.table.horizontalHeader().sizeHint().height()
        frame = 2 * self.table.frameWidth()
        self.table.setFixedHeight(header_height + rows * row_height + frame)

    def changeEvent(self, event: QEvent) -> None:
        built = hasattr(self, "table")
        if built and event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()
        super().changeEvent(event)

    def _activated(self, index: QModelIndex) -> None:
        item = self.model.item(index.row())
        if item is not None:
            self.open_record.emit(item.target)

    def row_menu(self, row: int) -> QMenu | None:
        """What a right-click on a line offers: open what it names, copy the record number."""
        item = self.model.item(row)
        if item is None:
            return None
        menu = QMenu(self.table)
        menu.addAction(_("&Open record"), lambda: self.open_record.emit(item.target))
        menu.addAction(_("&Copy record number"), lambda: copy_text(item.record_number))
        return menu


class DashboardView(QWidget):
    """What is due for the signed-in staff member, or for the whole clinic."""

    REFRESH_DELAY_MS = 250

    open_record = Signal(object)  # RecordRef
    loaded = Signal()

    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._generation = 0
        self._cards: list[SectionCard] = []
        self._columns = 1
        self._build()
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(self.REFRESH_DELAY_MS)
        self._pending.timeout.connect(self.refresh)
        app.events.records_changed.connect(self._records_changed)
        app.events.settings_changed.connect(self._pending.start)
        self.actor_changed()

    def _build(self) -> None:
        self.heading = QLabel(_("Dashboard"), self)
        set_role(self.heading, "h1")
        self.subtitle = QLabel(self)
        set_role(self.subtitle, "muted")
        self.mine = QRadioButton(_("&My clients"), self)
        self.mine.setAccessibleName(_("Show my clients"))
        self.clinic = QRadioButton(_("&Whole clinic"), self)
        self.clinic.setAccessibleName(_("Show the whole clinic"))
        self._scope = QButtonGroup(self)
        self._scope.addButton(self.mine)
        self._scope.addButton(self.clinic)
        self.mine.setChecked(True)
        self.mine.toggled.connect(lambda _checked: self.refresh())
        show_label = QLabel(_("Show:"), self)
        self.refresh_button = QPushButton(_("&Refresh"), self)
        self.refresh_button.setAccessibleName(_("Refresh the dashboard"))
        self.refresh_button.setToolTip(_("Refresh (F5)"))
        self.refresh_button.clicked.connect(self.refresh)
        add_shortcut(REFRESH_DASHBOARD, self, self.refresh, Qt.ShortcutContext.WindowShortcut)

        top = QHBoxLayout()
        top.setSpacing(SPACING)
        titles = QVBoxLayout()
        titles.setSpacing(SPACING // 2)
        titles.addWidget(self.heading)
        titles.addWidget(self.subtitle)
        top.addLayout(titles)
        top.addStretch(1)
        top.addWidget(show_label)
        top.addWidget(self.mine)
        top.addWidget(self.clinic)
        top.addSpacing(SPACING)
        top.addWidget(self.refresh_button)

        self.summary = QWidget(self)
        self.summary.setAccessibleName(_("Summary of what is due"))
        self._chips = FlowLayout(self.summary)
        self.message = QLabel(self)
        set_role(self.message, "empty")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body = QWidget()
        self.body.setObjectName("dashboard-body")
        self._grid = QHBoxLayout(self.body)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(SECTION_SPACING)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setObjectName("dashboard-scroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(self.body)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(SECTION_SPACING - SPACING)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.message)
        layout.addWidget(self.scroll_area, 1)
        self._show_message(_("Loading…"))

    # -- whose work -----------------------------------------------------------------------

    @property
    def whole_clinic(self) -> bool:
        """True when the dashboard shows every client's work, not only the staff member's."""
        return self.clinic.isChecked()

    def set_whole_clinic(self, whole: bool) -> None:
        """Switch between "My clients" and "Whole clinic"."""
        (self.clinic if whole else self.mine).setChecked(True)

    def actor_changed(self) -> None:
        """The signed-in staff member changed: coordinators start with the whole clinic."""
        actor = self._app.services.actor_id
        role = None
        if actor is not None:
            try:
                role = staff_service.get_staff(self._app.services, staff_id=actor).role
            except NotFoundError:
                role = None
        whole = role in (None, StaffRole.COORDINATOR, StaffRole.ADMINISTRATOR)
        self.mine.blockSignals(True)
        self.set_whole_clinic(whole)
        self.mine.blockSignals(False)
        self.mine.setEnabled(actor is not None)
        self.refresh()

    # -- loading --------------------------------------------------------------------------

    def refresh(self) -> None:
        """Load the sections again in the background; newer requests overtake older ones."""
        self._pending.stop()
        self._generation += 1
        generation = self._generation
        ctx = self._app.services
        staff_id = None if self.whole_clinic else ctx.actor_id
        name = self._app.staff_name
        if staff_id is None:
            self.subtitle.setText(_("What needs attention across the clinic"))
        else:
            self.subtitle.setText(_("What needs attention for {name}").format(name=name))

        def work(_control: TaskControl) -> tuple[int, date, list[Section]]:
            today = ctx.today()
            return generation, today, dashboard.collect(
                ctx, staff_id=staff_id, limit=ITEM_LIMIT, today=today
            )

        self._app.tasks.run(
            work, label=_("Loading the dashboard"), on_done=self._show, on_error=self._failed
        )

    def _records_changed(self, _changes: Changes) -> None:
        # Any record may make something due or done; gather bursts of changes into one load.
        self._pending.start()

    def _failed(self, exc: BaseException) -> None:
        self._show_message(_("The dashboard could not be loaded: {problem}").format(problem=exc))
        self.loaded.emit()

    def _show(self, result: tuple[int, date, list[Section]]) -> None:
        generation, today, sections = result
        if generation != self._generation:
            return
        for card in self._cards:
            card.setParent(None)
            card.deleteLater()
        self._cards = []
        for section in sections:
            card = SectionCard(section, today, self.body)
            card.open_record.connect(self.open_record)
            self._cards.append(card)
        self._fill_summary()
        if not any(s.total for s in sections):
            self._show_message(_(
                "Nothing due. Care-plan reviews, reassessments, unsigned notes and other "
                "follow-ups appear here when they fall due."))
        else:
            self.message.hide()
            self.scroll_area.show()
            self._lay_out(force=True)
        self.loaded.emit()

    def _fill_summary(self) -> None:
        # One button per block with something in it: an overview, and a jump to the block.
        while self._chips.count():
            taken = self._chips.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.deleteLater()
        for card in self._cards:
            if not card.total:
                continue
            chip = QPushButton(f"{card.title.text()}  {card.total}", self.summary)
            set_role(chip, "chip-overdue" if card.overdue else "chip")
            chip.setAccessibleName(
                fill(_("{section}: {count}, go to the list"), section=card.title.text(),
                     count=card.total))
            chip.clicked.connect(lambda _checked=False, c=card: self.go_to(c))
            self._chips.addWidget(chip)
        self.summary.setVisible(self._chips.count() > 0)

    def go_to(self, card: SectionCard) -> None:
        """Scroll to a block and put the keyboard in its list."""
        self.scroll_area.ensureWidgetVisible(card, 0, 0)
        vbar = self.scroll_area.verticalScrollBar()
        vbar.setValue(min(card.y(), vbar.maximum()))
        card.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if not card.table.currentIndex().isValid() and card.model.rowCount():
            card.table.selectRow(0)

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
        self.scroll_area.hide()

    @property
    def sections(self) -> list[SectionCard]:
        """The blocks shown, in order."""
        return list(self._cards)

    # -- layout ---------------------------------------------------------------------------

    def _lay_out(self, force: bool = False) -> None:
        columns = 2 if self.width() >= WIDE_ENOUGH_FOR_TWO_COLUMNS else 1
        if columns == self._columns and not force:
            return
        self._columns = columns
        while self._grid.count():
            taken = self._grid.takeAt(0)
            old = taken.layout() if taken is not None else None
            if old is not None:
                while old.count():
                    old.takeAt(0)
                old.deleteLater()
        # Cards with something due come first; sources' own order within each group.
        cards = sorted(self._cards, key=lambda c: c.model.rowCount() == 0)
        stacks = [QVBoxLayout() for _i in range(columns)]
        heights = [0] * columns
        for card in cards:
            shortest = heights.index(min(heights))
            stacks[shortest].addWidget(card)
            heights[shortest] += card.sizeHint().height()
        for stack in stacks:
            stack.setSpacing(SECTION_SPACING - SPACING)
            stack.addStretch(1)
            self._grid.addLayout(stack, 1)
        chips = [self._chips.itemAt(i) for i in range(self._chips.count())]
        order: list[QWidget] = [self.mine, self.clinic, self.refresh_button]
        order += [w for c in chips if c is not None and (w := c.widget()) is not None]
        order += [c.table for c in cards]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._lay_out()
