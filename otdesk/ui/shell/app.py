"""Starting the desktop app: Qt application, look, language, window, then the records.

One way in. The window shows its frame at once, with a calm "Loading clients…" page, while a
worker loads the storage stack (``otdesk.ui.shell.session``: SQLAlchemy, the models, the services),
opens the database (creating or upgrading it if need be) and finds the staff member to act
as; SQLAlchemy never loads on the GUI thread. When that is done the window starts its session:
the screens are built and the caseload fills itself, exactly as it does at any later time.
Nothing is read from the records before the session exists, so a sign-in step fits between.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from otdesk.domain.translation import _, fill, ngettext
from otdesk.ui.parts.icons import icon
from otdesk.ui.parts.style import STYLE, STYLE_SET, apply_font_size, apply_style
from otdesk.ui.shell.i18n import install_translators, remove_translators
from otdesk.ui.shell.main_window import MainWindow
from otdesk.ui.shell.settings_store import UiSettings
from otdesk.ui.shell.tasks import TaskControl, TaskRunner

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from otdesk.ui.shell.session import Opened

ShownHook = Callable[[MainWindow], None]

ORGANISATION = "otdesk"
APPLICATION = "otdesk"


def _application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        # The widget style is named on Qt's command line, so no default style is built first.
        app = QApplication([*sys.argv[:1], "-style", STYLE, *sys.argv[1:]])
        app.setProperty(STYLE_SET, STYLE)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("otdesk")
    app.setWindowIcon(icon("app"))
    return app


def run_desktop(
    *,
    db_target: str,
    username: str | None,
    ui_settings: UiSettings | None = None,
    on_shown: ShownHook | None = None,
    on_ready: ShownHook | None = None,
) -> int:
    """Open the desktop app on ``db_target`` acting as ``username``; return the exit status.

    ``on_shown`` is called with the window once its frame is painted, ``on_ready`` once its
    session has started and the caseload has its first answer (benchmarks time both).
    """
    ui_settings = ui_settings if ui_settings is not None else UiSettings()
    qt_app = _application()
    apply_style(qt_app)
    apply_font_size(qt_app, ui_settings.font_point_size)
    translators = install_translators(qt_app, ui_settings.language)
    tasks = TaskRunner(qt_app)  # owned by the application, so it outlives every window
    window = MainWindow(ui_settings, tasks)
    window.show()
    qt_app.processEvents()  # paint the frame
    if on_shown is not None:
        on_shown(window)

    opened: list[Opened] = []

    def started(result: Opened) -> None:
        opened.append(result)
        _start_session(window, result, ui_settings, tasks, on_ready)

    def failed(exc: BaseException) -> None:
        _cannot_open(window, exc)
        window.close()

    last_staff_id = ui_settings.last_staff_id  # read here: settings stay on the GUI thread

    def work(_control: TaskControl) -> Opened:
        from otdesk.ui.shell.session import open_records  # the storage stack loads on this worker

        return open_records(db_target, username, last_staff_id)

    tasks.run(
        work,
        label=_("Opening the clinic's records"),
        on_done=started,
        on_error=failed,
    )
    status = int(qt_app.exec())
    gc.unfreeze()
    for task in tasks.running:
        task.cancel()
    tasks.wait(10_000)
    ui_settings.sync()
    window.deleteLater()
    remove_translators(qt_app, translators)
    _release(qt_app)
    for result in opened:
        result.db.dispose()
    return 1 if not opened else status


def _start_session(
    window: MainWindow,
    opened: Opened,
    ui_settings: UiSettings,
    tasks: TaskRunner,
    on_ready: ShownHook | None,
) -> None:
    """The records are open: start the window's screens, then offer drafts left by a crash."""
    from otdesk.ui.editing.drafts_ui import recover_drafts_on_start
    from otdesk.ui.shell.session import build_app_context, load_definitions

    ui_settings.last_staff_id = opened.staff.id
    app = build_app_context(opened.db, ui_settings, opened.staff, tasks=tasks)

    def ready() -> None:
        settle_heap()
        if on_ready is not None:
            on_ready(window)
        recover_drafts_on_start(app, window, window.open_client)
        # The instruments and checklists load after the caseload shows: no screen before it
        # needs them, and a file that fails is reported without holding up the start.
        tasks.run(lambda _control: load_definitions(),
                  label=_("Loading instruments and checklists"),
                  on_done=lambda problems: _report_skipped_definitions(window, problems))

    if opened.unknown_username:
        QMessageBox.warning(
            window,
            _("Unknown user name"),
            _("No staff member has the user name '{username}'. otdesk opens for the first "
              "occupational therapist instead.").format(username=opened.unknown_username),
        )
    window.ready.connect(ready)
    window.start(app)


SHOWN_PROBLEMS = 12  # listed one per line; the rest are counted


def _report_skipped_definitions(parent: QWidget, problems: tuple[str, ...]) -> None:
    """Say which definition files were skipped and why: the rest of the app works as usual."""
    if not problems:
        return
    listed = "\n".join(problems[:SHOWN_PROBLEMS])
    if len(problems) > SHOWN_PROBLEMS:
        more = len(problems) - SHOWN_PROBLEMS
        listed += "\n" + fill(ngettext("… and {count} more problem", "… and {count} more problems",
                                        more), count=more)
    QMessageBox.warning(
        parent,
        _("Some definition files were skipped"),
        fill(_("These instrument or checklist files could not be used and were left out; "
               "everything else works. Correct them (otdesk instruments check FILE names "
               "every problem) and restart otdesk.\n\n{problems}"), problems=listed),
    )


def _cannot_open(parent: QWidget | None, error: BaseException | None) -> None:
    from otdesk.domain.errors import OtdeskError

    reason = str(error) if isinstance(error, OtdeskError) else repr(error)
    QMessageBox.critical(
        parent,
        _("otdesk cannot open the records"),
        _("The clinic's records could not be opened.\n\n{reason}\n\n"
          "Check that the file or server named is right and that you may use it.").format(
            reason=reason),
    )


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
