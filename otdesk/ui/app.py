"""Starting the desktop app: Qt application, look, language, database, staff member, window."""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QSplashScreen

from otdesk.db.engine import Database, open_database
from otdesk.domain.errors import NotFoundError, OtdeskError
from otdesk.domain.vocab import StaffRole
from otdesk.services import staff as staff_service
from otdesk.services.context import Context
from otdesk.services.summaries import StaffMember
from otdesk.ui.app_context import AppContext
from otdesk.ui.events import Events
from otdesk.ui.i18n import fill, install_translators, remove_translators
from otdesk.ui.icons import icon
from otdesk.ui.settings_store import UiSettings
from otdesk.ui.style import apply_font_size, apply_style
from otdesk.ui.tasks import Task, TaskControl, TaskRunner

ORGANISATION = "otdesk"
APPLICATION = "otdesk"


def build_app_context(
    db: Database, ui_settings: UiSettings, staff: StaffMember, *, tasks: TaskRunner | None = None
) -> AppContext:
    """The shared services every screen is given, acting as ``staff``."""
    return AppContext(
        services=Context(db).acting_as(staff.id),
        events=Events(),
        tasks=tasks if tasks is not None else TaskRunner(),
        settings=ui_settings,
        staff_name=staff.display_name,
    )


def choose_staff(ctx: Context, *, username: str | None, last_staff_id: int | None) -> StaffMember:
    """Who the app acts as: the named user, else the last one here, else the first OT or admin."""
    if username:
        return staff_service.find_staff(ctx, username=username)
    active = staff_service.list_staff(ctx)
    for member in active:
        if member.id == last_staff_id:
            return member
    for role in (StaffRole.OT, StaffRole.ADMINISTRATOR):
        for member in active:
            if member.role is role:
                return member
    return active[0] if active else staff_service.ensure_administrator(ctx)


def _application() -> QApplication:
    existing = QApplication.instance()
    if not isinstance(existing, QApplication):
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("otdesk")
    app.setWindowIcon(icon("app"))
    return app


def _open_in_background(
    target: str, tasks: TaskRunner
) -> tuple[Database | None, BaseException | None]:
    """Open and migrate the database on a worker while the splash screen stays responsive."""
    outcome: dict[str, object] = {}
    loop = QEventLoop()

    def work(_control: TaskControl) -> Database:
        return open_database(target)

    def ended(task: Task) -> None:
        if task.label == label:
            loop.quit()

    # Connected before the task starts: a fast worker cannot finish unseen.
    label = QCoreApplication.translate("Startup", "Opening the clinic's records")
    tasks.ended.connect(ended)
    tasks.run(
        work,
        label=label,
        on_done=lambda db: outcome.__setitem__("db", db),
        on_error=lambda exc: outcome.__setitem__("error", exc),
    )
    if "db" not in outcome and "error" not in outcome and tasks.running:
        loop.exec()
    tasks.ended.disconnect(ended)
    db = outcome.get("db")
    error = outcome.get("error")
    return (
        db if isinstance(db, Database) else None,
        error if isinstance(error, BaseException) else None,
    )


def run_desktop(
    *, db_target: str, username: str | None, ui_settings: UiSettings | None = None
) -> int:
    """Open the desktop app on ``db_target`` acting as ``username``; return the exit status."""
    qt_app = _application()
    ui_settings = ui_settings if ui_settings is not None else UiSettings()
    apply_style(qt_app)
    apply_font_size(qt_app, ui_settings.font_point_size)
    translators = install_translators(qt_app, ui_settings.language)

    splash = QSplashScreen(icon("app").pixmap(160, 160))
    splash.showMessage(
        QCoreApplication.translate("Startup", "Opening the clinic's records…"),
        Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignHCenter,
    )
    splash.show()
    qt_app.processEvents()

    tasks = TaskRunner(qt_app)  # owned by the application, so it outlives every window
    db, error = _open_in_background(db_target, tasks)
    if db is None:
        splash.close()
        _release(qt_app)
        reason = str(error) if isinstance(error, OtdeskError) else repr(error)
        QMessageBox.critical(
            None,
            QCoreApplication.translate("Startup", "otdesk cannot open the records"),
            fill(QCoreApplication.translate(
                "Startup",
                "The clinic's records could not be opened.\n\n%1\n\n"
                "Check that the file or server named is right and that you may use it.",
            ), reason),
        )
        return 1

    system = Context(db)
    staff_service.ensure_administrator(system)
    try:
        staff = choose_staff(system, username=username, last_staff_id=ui_settings.last_staff_id)
    except NotFoundError:
        splash.close()
        QMessageBox.warning(
            None,
            QCoreApplication.translate("Startup", "Unknown user name"),
            fill(QCoreApplication.translate(
                "Startup",
                "No staff member has the user name '%1'. otdesk opens for the first "
                "occupational therapist instead.",
            ), username or ""),
        )
        staff = choose_staff(system, username=None, last_staff_id=ui_settings.last_staff_id)
    ui_settings.last_staff_id = staff.id

    app = build_app_context(db, ui_settings, staff, tasks=tasks)
    status = _show_window(qt_app, app, splash)
    del app
    for task in tasks.running:
        task.cancel()
    tasks.wait(10_000)
    ui_settings.sync()
    remove_translators(qt_app, translators)
    _release(qt_app)
    db.dispose()
    return status


def _show_window(qt_app: QApplication, app: AppContext, splash: QSplashScreen) -> int:
    """Show the main window, offer drafts left by a crash, run until the window closes."""
    from otdesk.ui.main_window import MainWindow

    window = MainWindow(app)
    window.show()
    splash.finish(window)

    def offer_drafts() -> None:
        from otdesk.ui.drafts_ui import recover_drafts_on_start

        recover_drafts_on_start(app, window, window.open_client)

    QTimer.singleShot(0, offer_drafts)
    settle_heap()
    status = int(qt_app.exec())
    gc.unfreeze()
    window.deleteLater()
    return status


def settle_heap() -> None:
    """Move everything made during start-up out of the garbage collector's full passes.

    What exists once the window is up lives as long as the app; left in the collected heap,
    each full pass walks it all and pauses the GUI thread for 100 ms and more (measured during
    a 5,000-row import). Frozen, those passes see only what was made since.
    """
    gc.collect()
    gc.freeze()


def _release(qt_app: QApplication) -> None:
    """Free the window's Qt objects while Qt still runs, not during interpreter shutdown.

    Signal connections to lambdas make reference cycles; left to the final garbage collection
    they are destroyed after Qt, which can crash the process on the way out.
    """
    qt_app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qt_app.processEvents()
    gc.collect()
