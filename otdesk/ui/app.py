"""Starting the desktop app: Qt application, look, language, database, staff member, window.

Two ways in. A *quick start* applies when the records are a local SQLite file at this version's
schema (the everyday case): the first screen is read with plain ``sqlite3`` and painted at once,
the database handle is deferred, and the storage stack (SQLAlchemy, the models, the services)
loads on a worker behind the painted window; ``Events.storage_ready`` says when it is in. Any
other case (a new or older database, PostgreSQL, an unknown user name) takes the *full start*:
a splash screen while the database opens and migrates on a worker, then the window.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from otdesk.db.database import Database
from otdesk.domain.translation import _
from otdesk.services.context import Context
from otdesk.services.first_page import FirstPage
from otdesk.services.summaries import StaffMember, pick_acting
from otdesk.ui.app_context import AppContext
from otdesk.ui.events import Events
from otdesk.ui.i18n import install_translators, remove_translators
from otdesk.ui.icons import icon
from otdesk.ui.settings_store import UiSettings
from otdesk.ui.staff_directory import StaffDirectory
from otdesk.ui.startup import FirstRead, quick_start
from otdesk.ui.style import STYLE, STYLE_SET, apply_font_size, apply_style
from otdesk.ui.tasks import Task, TaskControl, TaskRunner

if TYPE_CHECKING:
    from PySide6.QtWidgets import QSplashScreen, QWidget

    from otdesk.ui.main_window import MainWindow

ShownHook = Callable[["MainWindow"], None]

ORGANISATION = "otdesk"
APPLICATION = "otdesk"


def build_app_context(
    db: Database,
    ui_settings: UiSettings,
    staff: StaffMember,
    *,
    tasks: TaskRunner | None = None,
    first_page: FirstPage | None = None,
) -> AppContext:
    """The shared services every screen is given, acting as ``staff``."""
    events = Events()
    return AppContext(
        services=Context(db).acting_as(staff.id),
        events=events,
        tasks=tasks if tasks is not None else TaskRunner(),
        settings=ui_settings,
        staff_directory=StaffDirectory(events),
        staff_name=staff.display_name,
        first_page=first_page,
    )


def choose_staff(ctx: Context, *, username: str | None, last_staff_id: int | None) -> StaffMember:
    """Who the app acts as: the named user, else the last one here, else the first OT or admin."""
    from otdesk.services import staff as staff_service

    if username:
        return staff_service.find_staff(ctx, username=username)
    active = staff_service.list_staff(ctx)
    chosen = pick_acting([(m.id, m.role) for m in active], last_staff_id)
    found = [m for m in active if m.id == chosen]
    return found[0] if found else staff_service.ensure_administrator(ctx)


def _load_storage(app: AppContext) -> None:
    """Open a deferred database and load the services the screens call (on a worker)."""
    app.services.db.open()
    import otdesk.services.caseload
    import otdesk.services.clients
    import otdesk.services.dashboard
    import otdesk.services.drafts
    import otdesk.services.staff  # noqa: F401


def _application() -> QApplication:
    existing = QApplication.instance()
    if not isinstance(existing, QApplication):
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
    # The one widget style is chosen on the command line Qt reads: choosing it afterwards
    # would build a second style object and load its Python bindings, for nothing.
    if isinstance(existing, QApplication):
        app = existing
    else:
        app = QApplication([*sys.argv[:1], "-style", STYLE, *sys.argv[1:]])
        app.setProperty(STYLE_SET, STYLE)
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
        from otdesk.db.engine import open_database

        return open_database(target)

    def ended(task: Task) -> None:
        if task.label == label:
            loop.quit()

    # Connected before the task starts: a fast worker cannot finish unseen.
    label = _("Opening the clinic's records")
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
    *,
    db_target: str,
    username: str | None,
    ui_settings: UiSettings | None = None,
    on_shown: ShownHook | None = None,
    first_read: FirstRead | None = None,
) -> int:
    """Open the desktop app on ``db_target`` acting as ``username``; return the exit status.

    ``on_shown`` is called with the window as soon as it is on screen (benchmarks time this).
    ``first_read`` is the first screen's read if the caller began it (``startup.launch``
    does, before this module loads), made with ``ui_settings``.
    """
    ui_settings = ui_settings if ui_settings is not None else UiSettings()
    if first_read is None:
        first_read = quick_start(db_target, username=username, ui_settings=ui_settings)
    qt_app = _application()
    apply_style(qt_app)
    apply_font_size(qt_app, ui_settings.font_point_size)
    translators = install_translators(qt_app, ui_settings.language)
    tasks = TaskRunner(qt_app)  # owned by the application, so it outlives every window
    import otdesk.ui.main_window  # noqa: F401  (loads while the first page is read)

    try:
        quick = first_read()
    except Exception:  # a fault in the quick read itself: the full start opens the records
        import traceback  # and reports anything really wrong with them

        traceback.print_exc()
        quick = None
    if quick is not None:
        db, first_page = quick
        staff, splash = first_page.acting, None
    else:
        first_page = None
        started = _full_start(qt_app, db_target, username, ui_settings, tasks)
        if started is None:
            _release(qt_app)
            return 1
        db, staff, splash = started
    ui_settings.last_staff_id = staff.id

    app = build_app_context(db, ui_settings, staff, tasks=tasks, first_page=first_page)
    status = _show_window(qt_app, app, splash, on_shown)
    del app
    for task in tasks.running:
        task.cancel()
    tasks.wait(10_000)
    ui_settings.sync()
    remove_translators(qt_app, translators)
    _release(qt_app)
    db.dispose()
    return status


def _full_start(
    qt_app: QApplication,
    db_target: str,
    username: str | None,
    ui_settings: UiSettings,
    tasks: TaskRunner,
) -> tuple[Database, StaffMember, QSplashScreen] | None:
    """Open (and if need be create or upgrade) the database behind a splash screen."""
    from PySide6.QtWidgets import QMessageBox, QSplashScreen

    from otdesk.domain.errors import NotFoundError
    from otdesk.services import staff as staff_service

    splash = QSplashScreen(icon("app").pixmap(160, 160))
    splash.showMessage(
        _("Opening the clinic's records…"),
        Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignHCenter,
    )
    splash.show()
    qt_app.processEvents()

    db, error = _open_in_background(db_target, tasks)
    if db is None:
        splash.close()
        _cannot_open(None, error)
        return None

    system = Context(db)
    staff_service.ensure_administrator(system)
    try:
        staff = choose_staff(system, username=username, last_staff_id=ui_settings.last_staff_id)
    except NotFoundError:
        splash.close()
        QMessageBox.warning(
            None,
            _("Unknown user name"),
            _("No staff member has the user name '{username}'. otdesk opens for the first "
              "occupational therapist instead.").format(username=username or ""),
        )
        staff = choose_staff(system, username=None, last_staff_id=ui_settings.last_staff_id)
    return db, staff, splash


def _cannot_open(parent: QWidget | None, error: BaseException | None) -> None:
    from PySide6.QtWidgets import QMessageBox

    from otdesk.domain.errors import OtdeskError

    reason = str(error) if isinstance(error, OtdeskError) else repr(error)
    QMessageBox.critical(
        parent,
        _("otdesk cannot open the records"),
        _("The clinic's records could not be opened.\n\n{reason}\n\n"
          "Check that the file or server named is right and that you may use it.").format(
            reason=reason),
    )


def _show_window(
    qt_app: QApplication,
    app: AppContext,
    splash: QSplashScreen | None,
    on_shown: ShownHook | None,
) -> int:
    """Show the main window, finish loading, offer drafts left by a crash, run until closed."""
    from otdesk.ui.main_window import MainWindow

    app.tasks.hold()  # nothing competes with building and painting the first screen
    window = MainWindow(app)
    window.show()
    if splash is not None:
        splash.finish(window)
    qt_app.processEvents()  # paint it
    gc.enable()  # off during start-up when opened from the command line (otdesk.__main__)
    if on_shown is not None:
        on_shown(window)

    def storage_ready() -> None:
        app.first_page = None  # served its purpose: views read the services from now on
        app.events.storage_ready.emit()
        settle_heap()
        from otdesk.ui.drafts_ui import recover_drafts_on_start

        recover_drafts_on_start(app, window, window.open_client)

    def storage_failed(exc: BaseException) -> None:
        _cannot_open(window, exc)
        window.close()

    if app.storage_ready:
        QTimer.singleShot(0, storage_ready)
    else:
        app.tasks.run(
            lambda _control: _load_storage(app),
            label=_("Opening the clinic's records"),
            on_done=lambda _result: storage_ready(),
            on_error=storage_failed,
        )
    app.tasks.release()
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
    from PySide6.QtCore import QEvent

    qt_app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qt_app.processEvents()
    gc.collect()
