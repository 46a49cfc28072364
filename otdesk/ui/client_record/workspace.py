"""One open client record: a header that always shows who this is, and the record's tabs.

The tabs come from the registry (``registry.load_tabs``); the workspace knows none of them by
name. It owns the record's undo stack, asks before closing with unsaved changes, and opens the
tab that shows a given kind of record (for the dashboard's links).
"""

from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from otdesk.domain.dates import age_on
from otdesk.domain.errors import NotFoundError
from otdesk.domain.records import Changes, RecordKind
from otdesk.domain.text import isolate
from otdesk.domain.translation import _, fill, ngettext
from otdesk.domain.vocab import Priority
from otdesk.services import clients, drafts
from otdesk.services.clients import ClientDetail
from otdesk.ui.client_record.commands import IdMap
from otdesk.ui.client_record.registry import TabContext, TabSpec, load_tabs
from otdesk.ui.editing.drafts_ui import client_draft_key
from otdesk.ui.editing.forms import choice_label, language_label
from otdesk.ui.parts.fitting_tabs import FittingTabWidget
from otdesk.ui.parts.style import MARGIN, SPACING, UNIT, set_role
from otdesk.ui.printing.menu import print_button
from otdesk.ui.shell.app_context import AppContext

log = logging.getLogger(__name__)


# The widest a client's name may ask to be before it wraps, in average characters of its font.
NAME_CHARACTERS = 40


class _NameLabel(QLabel):
    """A word-wrapping heading that asks for one line when its text fits in one.

    A plain word-wrapping QLabel asks for a quarter of an 80-character line and wraps a short
    name onto two lines even with room to spare beside it.
    """

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        metrics = self.fontMetrics()
        margins = self.contentsMargins()
        one_line = (metrics.horizontalAdvance(self.text()) + margins.left() + margins.right()
                    + 2 * self.margin())
        wanted = min(one_line, NAME_CHARACTERS * metrics.averageCharWidth())
        return QSize(max(hint.width(), wanted), hint.height())


class ClientHeader(QFrame):
    """Name, record number, age, status, assigned OT, language and alerts, always in view."""

    close_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("client-header")
        self.name = _NameLabel(self)
        set_role(self.name, "h1")
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel(self)
        set_role(self.status, "badge")
        self.priority = QLabel(self)
        set_role(self.priority, "badge-overdue")
        self.facts = QLabel(self)
        set_role(self.facts, "muted")
        # Long names, OT names and languages wrap onto a second line rather than widen the
        # window past a laptop screen.
        self.facts.setWordWrap(True)
        self.name.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.alerts = QLabel(self)
        self.alerts.setWordWrap(True)
        set_role(self.alerts, "banner-error")
        self.alerts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QPushButton(_("Close record"), self)
        self.close_button.setAccessibleName(_("Close this client's record"))
        self.close_button.clicked.connect(self.close_clicked)
        top = QHBoxLayout()
        top.setSpacing(SPACING + UNIT // 2)
        top.addWidget(self.name)
        top.addWidget(self.status, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.priority, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addStretch(1)
        self.actions_row = QHBoxLayout()  # the record's actions (Print), beside Close
        top.addLayout(self.actions_row)
        top.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(UNIT // 2, 0, UNIT // 2, UNIT // 2)
        layout.setSpacing(UNIT // 2)
        layout.addLayout(top)
        layout.addWidget(self.facts)
        layout.addWidget(self.alerts)

    def show_client(self, c: ClientDetail, today_age: int) -> None:
        """Fill the header from a client's record."""
        self.name.setText(c.display_name)
        self.name.setAccessibleName(_("Client: {name}").format(name=c.display_name))
        self.status.setText(choice_label(c.status))
        self.status.setAccessibleName(_("Status: {status}").format(status=choice_label(c.status)))
        urgent = c.priority != Priority.ROUTINE
        self.priority.setVisible(urgent)
        if urgent:
            self.priority.setText(
                _("Priority: {priority}").format(priority=choice_label(c.priority)))
            self.priority.setAccessibleName(self.priority.text())
        facts = [
            _("Record {number}").format(number=c.record_number),
            fill(ngettext("{age} year (born {date})", "{age} years (born {date})", today_age),
                 age=today_age, date=c.date_of_birth),
        ]
        if c.pronouns:
            facts.append(c.pronouns)
        facts.append(
            _("Assigned OT: {name}").format(name=c.assigned_ot)
            if c.assigned_ot
            else _("No OT assigned")
        )
        language = _("Language: {language}").format(language=language_label(c.preferred_language))
        if c.interpreter_needed:
            language += _(" — interpreter needed")
        facts.append(language)
        self.facts.setText("   ·   ".join(facts))
        self.facts.setAccessibleName(
            _("Client details: {details}").format(details=", ".join(facts)))
        alerts = c.alerts.strip()
        self.alerts.setVisible(bool(alerts))
        if alerts:
            # Isolated: direction controls typed in the alerts act inside them only.
            self.alerts.setText(_("⚠ Alerts: {alerts}").format(alerts=isolate(alerts)))
            self.alerts.setAccessibleName(_("Alerts: {alerts}").format(alerts=alerts))


class ClientWorkspace(QWidget):
    """The open record of one client: header plus registered tabs."""

    title_changed = Signal(str)
    close_requested = Signal()

    def __init__(
        self,
        app: AppContext,
        client_id: int,
        parent: QWidget | None = None,
        *,
        detail: ClientDetail | None = None,
    ) -> None:
        """The record of ``client_id``; ``detail`` is the client as just read, when the
        caller has it (else it is read here, once, for the header and every tab)."""
        super().__init__(parent)
        self.app = app
        self.client_id = client_id
        self._undo_stack = QUndoStack(self)
        self.ids = IdMap()
        self._title = ""
        self.setObjectName("client-workspace")
        self.header = ClientHeader(self)
        self.header.close_clicked.connect(self.close_requested)
        self.print_button = print_button(self.header, lambda: app, lambda: self.client_id)
        self.header.actions_row.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignTop)
        self.tabs = FittingTabWidget(self)
        self.tabs.setAccessibleName(_("Parts of the client's record"))
        self.tabs.setDocumentMode(True)
        # Narrow windows shorten the longest titles rather than hide tabs behind scroll
        # arrows (``fitting_tabs``); each tab's tooltip gives its whole title.
        self.tabs.setUsesScrollButtons(False)
        self.tabs.setElideMode(Qt.TextElideMode.ElideRight)
        self._widgets: dict[str, QWidget] = {}  # the tabs built so far
        self._pages: dict[str, QWidget] = {}  # what the tab widget holds: a tab, or its frame
        self._specs: dict[str, TabSpec] = {}
        # Each tab is made inside the tab widget's own page stack, where ``addTab`` puts it:
        # moving a finished tab there would make Qt work out the style sheet again for every
        # widget in it (a fifth of the time a record took to open).
        pages = self.tabs.findChild(QStackedWidget, "qt_tabwidget_stackedwidget")
        if detail is None:
            try:
                detail = clients.get_client(app.services, client_id=client_id)
            except NotFoundError:
                detail = None  # the header says the record no longer exists
        context = TabContext(
            app, client_id, self._undo_stack, self.ids, pages or self.tabs, opened=detail
        )
        self._context = context
        waiting = self._tabs_with_drafts(detail)
        for n, spec in enumerate(load_tabs()):
            self._specs[spec.key] = spec
            # The first tab, and any with typing left behind, are built now; the others when
            # first shown (a record with years of notes opens as fast as a new one).
            if n == 0 or spec.key in waiting:
                page = self._build_tab(spec, context)
                self._widgets[spec.key] = page
            else:
                page = QWidget(pages or self.tabs)
                QVBoxLayout(page).setContentsMargins(0, 0, 0, 0)
            self._pages[spec.key] = page
            index = self.tabs.addTab(page, _tab_text(spec.translated_title()))
            self.tabs.setTabToolTip(index, spec.translated_title())  # its whole title
            if spec.key in self._widgets:
                self._watch(spec.key)
        context.opened = None  # from now on a tab reading the client gets it afresh
        self.tabs.currentChanged.connect(lambda _index: self.current_tab())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, 0)
        layout.setSpacing(SPACING)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)
        self.refresh_header(detail)
        for key in self._specs:
            if key in waiting:  # the first tab with typing left behind (it offers it back)
                self.tabs.setCurrentWidget(self._pages[key])
                break
        app.events.records_changed.connect(self._records_changed)

    def _tabs_with_drafts(self, detail: ClientDetail | None) -> set[str]:
        """The tabs whose dialogs or forms left typing behind: a tab keeps its drafts under
        keys that begin with the tab's own key ("family:new", "overview")."""
        if detail is None:
            return set()
        prefix = client_draft_key(detail.uuid, "")
        parts = [d.key[len(prefix):] for d in drafts.list_drafts(self.app.services)
                 if d.key.startswith(prefix)]
        return {spec.key for spec in load_tabs()
                if any(p == spec.key or p.startswith(spec.key + ":") for p in parts)}

    def _watch(self, key: str) -> None:
        signal = getattr(self._widgets[key], "dirty_changed", None)
        if signal is not None:
            signal.connect(lambda _dirty, key=key: self._mark_tab(key))

    def _built(self, key: str) -> QWidget:
        """The tab ``key``, built now if it had not been shown yet."""
        if key not in self._widgets:
            page = self._pages[key]
            context = replace(self._context, parent=page, opened=None)
            widget = self._build_tab(self._specs[key], context)
            layout = page.layout()
            assert layout is not None
            layout.addWidget(widget)
            self._widgets[key] = widget
            self._watch(key)
        return self._widgets[key]

    def show_tab(self, tab: QWidget) -> None:
        """Bring the tab ``tab`` forward."""
        key = next((k for k, w in self._widgets.items() if w is tab), None)
        if key is not None:
            self.tabs.setCurrentWidget(self._pages[key])

    def current_tab(self) -> QWidget | None:
        """The tab on show (built now when it is shown for the first time)."""
        page = self.tabs.currentWidget()
        key = next((k for k, p in self._pages.items() if p is page), None)
        return self._built(key) if key is not None else None

    def _build_tab(self, spec: TabSpec, context: TabContext) -> QWidget:
        try:
            return spec.factory(context)
        except Exception:  # one broken tab must not keep the whole record from opening
            log.exception("The %s tab could not be built", spec.key)
            label = QLabel(
                _("This part of the record could not be shown. Details are in the log."),
                self,
            )
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            set_role(label, "empty")
            return label

    # -- the contract the main window uses -------------------------------------------------

    @property
    def undo_stack(self) -> QUndoStack:
        """The record's undo stack (the main window binds its Undo/Redo actions to it)."""
        return self._undo_stack

    def title(self) -> str:
        """The record's title: "Given (Preferred) Family (record number)"."""
        return self._title

    def tab(self, key: str) -> QWidget | None:
        """The widget of a registered tab, by key (built now if it was not yet)."""
        return self._built(key) if key in self._pages else None

    def has_unsaved_changes(self) -> bool:
        """True when any tab holds edits not yet saved."""
        return any(self._dirty(w) for w in self._widgets.values())

    @staticmethod
    def _dirty(widget: QWidget) -> bool:
        check = getattr(widget, "has_unsaved_changes", None)
        return bool(check and check())

    def maybe_close(self) -> bool:
        """Ask Save / Discard / Cancel when there are unsaved changes; True when it may close."""
        dirty = [(k, w) for k, w in self._widgets.items() if self._dirty(w)]
        if not dirty:
            return True
        names = ", ".join(self._specs[k].translated_title() for k, _unsaved in dirty)
        answer = QMessageBox.question(
            self,
            _("Save changes?"),
            _("{record} has unsaved changes in: {parts}.\nSave them before closing?").format(
                record=self._title or _("This record"), parts=names
            ),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            for key, widget in dirty:
                if not widget.save_changes():  # type: ignore[attr-defined]
                    self.tabs.setCurrentWidget(self._pages[key])
                    return False
            return True
        if answer == QMessageBox.StandardButton.Discard:
            for _key, widget in dirty:
                discard = getattr(widget, "discard_changes", None)
                if discard is not None:
                    discard()
            return True
        return False

    def show_record(self, entity: str, record_id: int) -> None:
        """Open the tab that shows ``entity`` records and point it at ``record_id``."""
        for key, spec in self._specs.items():
            if entity in spec.entities:
                widget = self._built(key)
                self.tabs.setCurrentWidget(self._pages[key])
                show = getattr(widget, "show_record", None)
                if show is not None:
                    show(entity, record_id)
                return
        self.tabs.setCurrentIndex(0)

    # -- header ---------------------------------------------------------------------------

    def refresh_header(self, detail: ClientDetail | None = None) -> None:
        """Update the header and title from ``detail``, or from the client read again."""
        try:
            c = detail or clients.get_client(self.app.services, client_id=self.client_id)
        except NotFoundError:
            self.header.name.setText(_("This client's record no longer exists"))
            return
        self.header.show_client(c, age_on(c.date_of_birth, self.app.services.today()))
        title = f"{c.display_name} ({c.record_number})"
        if title != self._title:
            self._title = title
            self.setWindowTitle(title)
            self.title_changed.emit(title)

    def _records_changed(self, changes: Changes) -> None:
        mine = changes.touches(RecordKind.CLIENT, RecordKind.EPISODE, client_id=self.client_id)
        if mine or changes.touches(RecordKind.STAFF_MEMBER):  # a renamed OT shows in the header
            self.refresh_header()

    def _mark_tab(self, key: str) -> None:
        widget = self._widgets[key]
        title = self._specs[key].translated_title()
        if self._dirty(widget):
            title = _("{title} •").format(title=title)
        self.tabs.setTabText(self.tabs.indexOf(self._pages[key]), _tab_text(title))


def _tab_text(title: str) -> str:
    """A title as a tab shows it: a literal "&" is doubled so it is not read as a mnemonic."""
    return title.replace("&", "&&")
