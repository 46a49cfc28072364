"""The main window: composes navigation, the page stack, menus and the status bar.

It holds no screen logic of its own. Screens live in their own modules; the window creates
them, switches between them, and routes "open this client / record" requests.

The window opens as a frame (menus, navigation, a "Loading clients…" page) before the records
are open; ``start`` begins its session with the app context and builds the screens. Nothing
from the records is shown before that. The dashboard is built the first time it is shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent, QUndoGroup
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QWidget,
)

import otdesk
from otdesk.domain.records import Changes, RecordKind
from otdesk.domain.translation import _, fill
from otdesk.ui.parts.icons import icon
from otdesk.ui.parts.style import apply_font_size, forget_closed_widgets
from otdesk.ui.parts.widgets import StaffSelector, TaskStatus
from otdesk.ui.shell.loading_page import LoadingPage
from otdesk.ui.shell.navigation import (
    CASELOAD,
    DASHBOARD,
    MODIFICATIONS,
    Navigation,
    client_id_of,
    client_key,
)
from otdesk.ui.shell.settings_store import UiSettings
from otdesk.ui.shell.tasks import TaskRunner

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent
    from PySide6.QtWidgets import QDialog

    from otdesk.services.dashboard import RecordRef
    from otdesk.ui.caseload import CaseloadView
    from otdesk.ui.dashboard import DashboardView
    from otdesk.ui.modifications import ModificationsView
    from otdesk.ui.shell.app_context import AppContext


NARROW_WINDOW = 1200  # narrower than this, the navigation pane shows icons only


def about_text() -> str:
    """What this version of otdesk does, as Help > About says it (only what exists today)."""
    return fill(_(
        "<h3>otdesk {version}</h3><p>Records for occupational therapists in community "
        "mental-health clinics.</p><p>Today it keeps the caseload (clients, their episodes "
        "of care, care team and family members), runs assessments and home checklists from "
        "definition files with scores, history and trends, tracks home modifications to "
        "completion, shows on the dashboard what falls due, imports client lists from CSV "
        "and exports a client's record. Family-session notes, care plans and printing are "
        "being built.</p>"
        "<p>Everything stays on this computer or your clinic's own database server; otdesk "
        "never uses the internet.</p>"), version=otdesk.__version__)


class MainWindow(QMainWindow):
    """The frame every screen lives in."""

    ready = Signal()  # the session has started and the caseload has its first answer

    def __init__(
        self, settings: UiSettings, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._tasks = tasks
        self._app_context: AppContext | None = None
        self.setWindowTitle("otdesk")
        self.setWindowIcon(icon("app"))
        self.undo_group = QUndoGroup(self)
        central = QWidget(self)
        self.setCentralWidget(central)
        self.navigation = Navigation(central)
        self.stack = QStackedWidget(central)
        self._dashboard: DashboardView | None = None
        self._modifications: ModificationsView | None = None
        self._caseload: CaseloadView | None = None
        self.loading = LoadingPage(self.stack)
        self._pages: dict[str, QWidget] = {}
        self.stack.addWidget(self.loading)
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.navigation)
        row.addWidget(self.stack, 1)

        self.navigation.page_selected.connect(self.show_page)
        self.navigation.close_requested.connect(self.close_page)
        self._build_menus()
        self._build_status_bar()
        self._restore_geometry()
        self._width_changed(self.width())
        self.navigation.select(settings.start_page)
        self._set_session_actions(False)

    @classmethod
    def for_session(cls, app: AppContext, parent: QWidget | None = None) -> MainWindow:
        """A window with its session started on ``app`` (tests and benchmarks)."""
        window = cls(app.settings, app.tasks, parent)
        window.start(app)
        return window

    @property
    def _app(self) -> AppContext:
        if self._app_context is None:
            raise RuntimeError("the window's session has not started")
        return self._app_context

    @property
    def started(self) -> bool:
        """True once the session has started (the records are open)."""
        return self._app_context is not None

    def start(self, app: AppContext) -> None:
        """Begin the session: build the screens on ``app`` and show the start page."""
        from otdesk.ui.caseload import CaseloadView

        self._app_context = app
        self._caseload = CaseloadView(app, self.stack)
        self._pages[CASELOAD] = self._caseload
        self.stack.addWidget(self._caseload)
        self._caseload.open_client.connect(self.open_client)
        self._caseload.new_client_requested.connect(self.new_client)
        self._caseload.import_requested.connect(self.import_clients)
        self._caseload.model.loaded.connect(self._first_answer)
        app.events.records_changed.connect(self._records_changed)
        self.staff_selector.staff_chosen.connect(self.switch_staff)
        self.reload_staff()
        self.staff_selector.show()
        self.database_label.setText(
            _("Database: {location}").format(location=app.services.db.location))
        self._set_session_actions(True)
        self.stack.removeWidget(self.loading)
        self.loading.deleteLater()
        self.show_page(app.settings.start_page)

    def _first_answer(self) -> None:
        assert self._caseload is not None
        self._caseload.model.loaded.disconnect(self._first_answer)
        self.ready.emit()

    def _set_session_actions(self, enabled: bool) -> None:
        for action in (self.new_client_action, self.import_action, self.settings_action,
                       self.find_action, self.dashboard_action, self.caseload_action,
                       self.modifications_action, self.due_reviews_action):
            action.setEnabled(enabled)
        self.navigation.setEnabled(enabled)

    @property
    def caseload(self) -> CaseloadView:
        """The caseload page (there once the session has started)."""
        if self._caseload is None:
            raise RuntimeError("the window's session has not started")
        return self._caseload

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._width_changed(event.size().width())

    def _width_changed(self, width: int) -> None:
        self.navigation.set_compact(width < NARROW_WINDOW)

    @property
    def dashboard(self) -> DashboardView:
        """The dashboard page (built the first time it is asked for)."""
        if self._dashboard is None:
            from otdesk.ui.dashboard import DashboardView

            self._dashboard = DashboardView(self._app, self.stack)
            self._dashboard.open_record.connect(self.open_record)
            self._pages[DASHBOARD] = self._dashboard
            self.stack.insertWidget(0, self._dashboard)
        return self._dashboard

    @property
    def modifications(self) -> ModificationsView:
        """The clinic's home modifications page (built the first time it is asked for)."""
        if self._modifications is None:
            from otdesk.ui.modifications import ModificationsView

            self._modifications = ModificationsView(self._app, self.stack)
            self._modifications.open_record.connect(self.open_record)
            self._pages[MODIFICATIONS] = self._modifications
            self.stack.addWidget(self._modifications)
        return self._modifications

    # -- building -------------------------------------------------------------------------

    def _action(self, text: str, slot: object, keys: list[QKeySequence] | None = None,
                icon_name: str = "") -> QAction:
        action = QAction(icon(icon_name), text, self) if icon_name else QAction(text, self)
        action.setShortcuts(keys or [])
        action.triggered.connect(slot)
        return action

    def _menu(self, title: str, actions: list[QAction | None]) -> None:
        menu = self.menuBar().addMenu(title)
        for action in actions:
            menu.addSeparator() if action is None else menu.addAction(action)

    def _build_menus(self) -> None:
        std, seq = QKeySequence.StandardKey, QKeySequence
        self.new_client_action = self._action(
            _("&New client…"), self.new_client, [seq(std.New)], "new-client")
        self.import_action = self._action(
            _("&Import clients…"), self.import_clients, None, "import")
        self.settings_action = self._action(
            _("&Settings…"), self.open_settings, [seq(std.Preferences), seq("Ctrl+,")],
              "settings")
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.print_action = self._action(
            _("&Print…"), self.print_current_client, [seq(std.Print)], "")
        self.print_action.setEnabled(False)  # until a client is on show
        self.due_reviews_action = self._action(
            _("Care plans due for &review…"), self.print_due_reviews)
        self.close_client_action = self._action(
            _("&Close client"), self.close_current_client, [seq("Ctrl+W")], "close")
        self.quit_action = self._action(_("&Quit"), self.close, [seq("Ctrl+Q")])
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self._menu(_("&File"), [self.new_client_action, self.import_action, None,
                                self.print_action, self.due_reviews_action, None,
                                      self.settings_action, None, self.close_client_action,
                                      self.quit_action])
        self.undo_action = self.undo_group.createUndoAction(self, _("&Undo"))
        self.undo_action.setShortcut(seq(std.Undo))
        self.undo_action.setIcon(icon("undo"))
        self.redo_action = self.undo_group.createRedoAction(self, _("&Redo"))
        self.redo_action.setShortcut(seq(std.Redo))
        self.redo_action.setIcon(icon("redo"))
        self.find_action = self._action(
            _("&Find client"), self.find_client, [seq(std.Find)], "search")
        self._menu(_("&Edit"), [self.undo_action, self.redo_action, None, self.find_action])
        self.dashboard_action = self._action(
            _("&Dashboard"), lambda: self.show_page(DASHBOARD), [seq("Ctrl+1")], "dashboard")
        self.caseload_action = self._action(
            _("&Caseload"), lambda: self.show_page(CASELOAD), [seq("Ctrl+2")], "caseload")
        self.modifications_action = self._action(
            _("&Home modifications"), lambda: self.show_page(MODIFICATIONS), [seq("Ctrl+3")],
            "modifications")
        self.bigger_action = self._action(
            _("&Bigger text"), lambda: self.change_font_size(+1),
            [seq(std.ZoomIn), seq("Ctrl+=")])
        self.smaller_action = self._action(
            _("&Smaller text"), lambda: self.change_font_size(-1), [seq(std.ZoomOut)])
        self._menu(_("&View"), [self.dashboard_action, self.caseload_action,
                                self.modifications_action, None,
                                      self.bigger_action, self.smaller_action])
        self.shortcuts_action = self._action(_("&Keyboard shortcuts"), self.show_shortcuts)
        self._menu(_("&Help"), [self.shortcuts_action, None,
                                      self._action(_("&About otdesk"), self.about)])

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.staff_selector = StaffSelector(status)
        self.staff_selector.hide()  # until the session says who is signed in
        self.database_label = QLabel(status)
        self.database_label.setAccessibleName(_("Database location"))
        self.database_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.task_status = TaskStatus(self._tasks, status)
        status.addWidget(self.staff_selector)
        status.addWidget(self.database_label, 1)
        status.addPermanentWidget(self.task_status)

    def reload_staff(self) -> None:
        """Fill the "signed in as" list with the active staff members."""
        actor = self._app.services.actor_id
        members = self._app.staff_directory.members(self._app.services)
        self.staff_selector.set_staff([(m.id, m.display_name) for m in members], actor)

    def _records_changed(self, changes: Changes) -> None:
        if changes.touches(RecordKind.STAFF_MEMBER):
            self.reload_staff()

    def _restore_geometry(self) -> None:
        settings = self._settings
        if settings.window_geometry.isEmpty() or not self.restoreGeometry(settings.window_geometry):
            screen = self.screen().availableGeometry()
            self.resize(min(1400, screen.width() * 19 // 20), min(900, screen.height() * 9 // 10))
        self.restoreState(settings.window_state)  # an empty state is ignored

    # -- pages ----------------------------------------------------------------------------

    def show_page(self, key: str) -> None:
        """Bring page ``key`` forward (and its undo history, for a client)."""
        if not self.started:
            return
        if key == DASHBOARD:
            page: QWidget | None = self.dashboard
        elif key == MODIFICATIONS:
            page = self.modifications
        else:
            page = self._pages.get(key)
        if page is None:
            return
        self.stack.setCurrentWidget(page)
        self.navigation.select(key)
        self.undo_group.setActiveStack(getattr(page, "undo_stack", None))  # type: ignore[arg-type]
        self.close_client_action.setEnabled(client_id_of(key) is not None)
        self.print_action.setEnabled(client_id_of(key) is not None)

    def current_key(self) -> str | None:
        """The key of the page on show."""
        current = self.stack.currentWidget()
        return next((k for k, w in self._pages.items() if w is current), None)

    def open_client(self, client_id: int) -> QWidget | None:
        """Open (or bring forward) the record of ``client_id``."""
        key = client_key(client_id)
        if key not in self._pages:
            from otdesk.domain.errors import NotFoundError
            from otdesk.services import clients as client_service
            from otdesk.ui.client_record import ClientWorkspace

            try:
                title = client_service.get_client(self._app.services, client_id=client_id)
            except NotFoundError:
                from PySide6.QtWidgets import QMessageBox

                QMessageBox.information(
                    self, _("Client not found"),
                    _("This client's record no longer exists."))
                return None
            workspace = ClientWorkspace(self._app, client_id, self.stack, detail=title)
            workspace.title_changed.connect(lambda text, k=key: self.navigation.set_title(k, text))
            workspace.close_requested.connect(lambda k=key: self.close_page(k))
            self.undo_group.addStack(workspace.undo_stack)
            self._pages[key] = workspace
            self.stack.addWidget(workspace)
            self.navigation.add_client(key, title.display_name)
        self.show_page(key)
        return self._pages[key]

    def open_record(self, ref: RecordRef) -> None:
        """Open the record a dashboard line names."""
        workspace = self.open_client(ref.client_id)
        if workspace is not None:
            workspace.show_record(ref.entity, ref.id)  # type: ignore[attr-defined]

    def close_page(self, key: str) -> bool:
        """Close a client's page, asking about unsaved changes; True when it closed."""
        workspace = self._pages.get(key)
        if workspace is None or client_id_of(key) is None:
            return False
        if not workspace.maybe_close():  # type: ignore[attr-defined]
            return False
        was_current = self.stack.currentWidget() is workspace
        self.undo_group.removeStack(workspace.undo_stack)  # type: ignore[attr-defined]
        del self._pages[key]
        self.navigation.remove(key)
        self.stack.removeWidget(workspace)
        workspace.deleteLater()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            forget_closed_widgets(app)
        if was_current:
            self.show_page(CASELOAD)
        return True

    def close_current_client(self) -> None:
        """Close the client on show (Ctrl+W)."""
        key = self.current_key()
        if key is not None and client_id_of(key) is not None:
            self.close_page(key)

    def open_client_ids(self) -> list[int]:
        """The clients open in this window, in the order they were opened."""
        return [cid for k in self._pages if (cid := client_id_of(k)) is not None]

    def print_current_client(self) -> None:
        """Open the print dialog for the care plan of the client on show (Ctrl+P); the dialog
        offers the record's other documents."""
        from otdesk.ui.printing import print_client_document

        client_id = client_id_of(self.current_key() or "")
        if client_id is not None:
            print_client_document(self, self._app, client_id)

    def print_due_reviews(self) -> None:
        """Print the care plans of every client with a review coming up."""
        from otdesk.ui.printing.batch import DueReviewsDialog

        self._run(DueReviewsDialog(self._app, self))

    def find_client(self) -> None:
        """Go to the caseload with the cursor in its search box (Ctrl+F)."""
        self.show_page(CASELOAD)
        self.caseload.focus_search()

    def new_client(self) -> None:
        """Add a client and open their record."""
        from otdesk.ui.client_record import NewClientDialog

        dialog = NewClientDialog(self._app, self)
        if self._run(dialog) and dialog.created_client_id is not None:
            self.open_client(dialog.created_client_id)

    def import_clients(self) -> None:
        """Import clients from a CSV file."""
        from otdesk.ui.dialogs.import_dialog import ImportDialog

        self._run(ImportDialog(self._app, self))

    def open_settings(self) -> None:
        """Clinic settings and this workstation's preferences."""
        from otdesk.ui.dialogs.settings_dialog import SettingsDialog

        self._run(SettingsDialog(self._app, self))

    def _run(self, dialog: QDialog) -> bool:
        accepted = bool(dialog.exec())
        dialog.deleteLater()
        return accepted

    def change_font_size(self, step: int) -> None:
        """Make all text bigger or smaller (Ctrl++ / Ctrl+-)."""
        settings = self._settings
        settings.font_point_size = settings.font_point_size + step
        size = settings.font_point_size  # kept within the allowed sizes
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_font_size(app, size)
        self.statusBar().showMessage(_("Text size: {size} pt").format(size=size), 2000)

    def show_shortcuts(self) -> None:
        """List every key the app answers to (Help > Keyboard shortcuts)."""
        from otdesk.ui.shell.shortcuts_dialog import KeyboardShortcutsDialog

        menus = [a.menu() for a in self.menuBar().actions()]
        self._run(KeyboardShortcutsDialog([m for m in menus if isinstance(m, QMenu)], self))

    def about(self) -> None:
        """Say what otdesk is."""
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(self, _("About otdesk"), about_text())

    def switch_staff(self, staff_id: int, name: str) -> None:
        """Act as another staff member: every screen shares the one app context."""
        self._app.services = self._app.services.acting_as(staff_id)
        self._app.staff_name = name
        self._app.settings.last_staff_id = staff_id
        if self.staff_selector.current_id() != staff_id:
            self.reload_staff()
        if self._dashboard is not None:
            self._dashboard.actor_changed()
        self.caseload.actor_changed()

    def closeEvent(self, event: QCloseEvent) -> None:
        settings = self._settings
        if self.started:
            on_show = self.current_key()
            for key in [k for k in self._pages if client_id_of(k) is not None]:
                self.show_page(key)
                if not self.close_page(key):
                    event.ignore()
                    return
            settings.start_page = on_show if on_show == DASHBOARD else CASELOAD
            self.caseload.save_state()
        settings.window_geometry = self.saveGeometry()
        settings.window_state = self.saveState()
        settings.sync()
        event.accept()
