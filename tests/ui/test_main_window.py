"""The main window: navigation, menus and shortcuts, open clients, staff switch, closing."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtGui import QFont, QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QMessageBox

from otdesk.domain.records import RecordKind
from otdesk.services.dashboard import RecordRef
from otdesk.ui.client_record import ClientWorkspace
from otdesk.ui.parts.style import apply_font_size
from otdesk.ui.shell.app_context import AppContext
from otdesk.ui.shell.keys import (
    CLOSE_OPEN_CLIENT,
    EDIT_FAMILY_MEMBER,
    REFRESH_DASHBOARD,
    REMOVE_FAMILY_MEMBER,
    SAVE_RECORD,
    SCREEN_KEYS,
    SEARCH_TO_RESULTS,
)
from otdesk.ui.shell.main_window import MainWindow
from otdesk.ui.shell.navigation import (
    CASELOAD,
    COMPACT_WIDTH,
    DASHBOARD,
    FULL_WIDTH,
    MODIFICATIONS,
    client_key,
)
from otdesk.ui.shell.shortcuts_dialog import KeyboardShortcutsDialog


@pytest.fixture
def restore_font(qapp: QApplication) -> Iterator[None]:
    """Put the application's font back after a test that changes it."""
    size = qapp.font().pointSize()
    yield
    apply_font_size(qapp, size)


@pytest.fixture
def window(qtbot, app_ctx: AppContext, sample_clients, monkeypatch) -> MainWindow:
    # A real modal box must never stay open in a test.
    for name in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, **k: QMessageBox.StandardButton.Discard)
    win = MainWindow.for_session(app_ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: not win.caseload.model.busy and win.caseload.model.rowCount() == 6)
    return win


def test_navigation_and_view_shortcuts(qtbot, window: MainWindow) -> None:
    assert window.current_key() == CASELOAD  # a new workstation opens on the caseload
    assert window.navigation.keys() == [DASHBOARD, CASELOAD, MODIFICATIONS]
    assert window.caseload_action.shortcut() == QKeySequence("Ctrl+2")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == CASELOAD
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == DASHBOARD
    window.navigation.list.setCurrentRow(1)  # choosing an entry shows its page
    assert window.current_key() == CASELOAD
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == MODIFICATIONS


def test_window_reopens_on_the_page_last_shown(qtbot, app_ctx: AppContext, window) -> None:
    window.show_page(DASHBOARD)
    window.close()
    assert app_ctx.settings.start_page == DASHBOARD
    again = MainWindow.for_session(app_ctx)
    qtbot.addWidget(again)
    assert again.current_key() == DASHBOARD
    again.show_page(CASELOAD)
    again.close()
    assert app_ctx.settings.start_page == CASELOAD


def test_standard_shortcuts(window: MainWindow) -> None:
    assert window.new_client_action.shortcut() == QKeySequence(QKeySequence.StandardKey.New)
    assert window.close_client_action.shortcut() == QKeySequence("Ctrl+W")
    assert window.quit_action.shortcut() == QKeySequence("Ctrl+Q")
    assert QKeySequence("Ctrl+,") in window.settings_action.shortcuts()
    assert window.find_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    assert window.undo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)


def test_find_focuses_the_caseload_search(qtbot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.find_action.trigger()
    assert window.current_key() == CASELOAD
    assert window.caseload.search.hasFocus()


def test_open_a_client_from_the_caseload_and_close_it(qtbot, window, sample_clients) -> None:
    window.show_page(CASELOAD)
    table = window.caseload.table
    table.setFocus()
    table.selectRow(0)  # García, Ana
    qtbot.keyClick(table, Qt.Key.Key_Return)
    key = client_key(sample_clients[0].id)
    assert window.current_key() == key
    workspace = window.stack.currentWidget()
    assert isinstance(workspace, ClientWorkspace)
    assert key in list(window.navigation.keys())
    assert window.undo_group.activeStack() is workspace.undo_stack
    assert window.close_client_action.isEnabled()
    # Opening the same client again brings the same page forward.
    window.show_page(DASHBOARD)
    assert window.open_client(sample_clients[0].id) is workspace
    window.close_client_action.trigger()
    assert key not in list(window.navigation.keys())
    assert window.open_client_ids() == []
    assert window.current_key() == CASELOAD
    assert window.undo_group.activeStack() is None


def test_a_dashboard_line_opens_its_record(window: MainWindow, sample_clients, monkeypatch):
    shown: list[tuple[str, int]] = []
    monkeypatch.setattr(ClientWorkspace, "show_record",
                        lambda self, entity, rid: shown.append((entity, rid)))
    client = sample_clients[2]
    window.dashboard.open_record.emit(RecordRef(RecordKind.CARE_PLAN, 77, client.id))
    assert window.current_key() == client_key(client.id)
    assert shown == [(RecordKind.CARE_PLAN, 77)]


def test_delete_in_the_navigation_closes_the_selected_client(qtbot, window, sample_clients):
    window.open_client(sample_clients[1].id)
    key = client_key(sample_clients[1].id)
    nav = window.navigation.list
    nav.setFocus()
    qtbot.waitUntil(nav.hasFocus)
    window.navigation.select(key)
    assert window.navigation.current_key() == key
    qtbot.keyClick(nav, Qt.Key.Key_Delete)
    assert key not in list(window.navigation.keys())
    nav.setCurrentRow(1)  # the fixed pages never close
    qtbot.keyClick(nav, Qt.Key.Key_Delete)
    assert window.navigation.keys() == [DASHBOARD, CASELOAD, MODIFICATIONS]


def test_closing_asks_each_open_client(qtbot, window, sample_clients, monkeypatch) -> None:
    window.open_client(sample_clients[0].id)
    window.open_client(sample_clients[1].id)
    asked: list[int] = []

    def refuse(self: ClientWorkspace) -> bool:
        asked.append(self.client_id)
        return False

    monkeypatch.setattr(ClientWorkspace, "maybe_close", refuse)
    assert not window.close()
    assert asked == [sample_clients[0].id]
    assert window.isVisible()
    monkeypatch.setattr(ClientWorkspace, "maybe_close", lambda self: True)
    assert window.close()


def test_window_geometry_is_remembered(qtbot, app_ctx: AppContext, window: MainWindow) -> None:
    window.resize(window.width(), 510)  # the test screen is narrow: change the height
    window.close()
    assert not app_ctx.settings.window_geometry.isEmpty()
    again = MainWindow.for_session(app_ctx)
    qtbot.addWidget(again)
    assert again.size().height() == 510  # not the default 800 (clamped to the screen)


def test_bigger_and_smaller_text(qapp, window: MainWindow, app_ctx, restore_font) -> None:
    before = app_ctx.settings.font_point_size
    window.bigger_action.trigger()
    assert app_ctx.settings.font_point_size == before + 1
    assert qapp.font().pointSize() == before + 1
    assert f"font-size: {round((before + 1) * 1.6)}pt" in qapp.styleSheet()
    window.smaller_action.trigger()
    window.smaller_action.trigger()
    assert qapp.font().pointSize() == before - 1


def test_navigation_entries_grow_with_the_text(qtbot, qapp, window, restore_font) -> None:
    nav = window.navigation.list
    small = nav.visualItemRect(nav.item(0)).height()
    for _ in range(6):
        window.bigger_action.trigger()
    qtbot.waitUntil(lambda: nav.visualItemRect(nav.item(0)).height() > small + 6)
    big = nav.visualItemRect(nav.item(0)).height()
    assert big >= nav.fontMetrics().height() + 16  # the whole line fits, with its padding


def test_switching_staff_member(qtbot, window: MainWindow, app_ctx, therapist) -> None:
    selector = window.staff_selector
    assert selector.combo.accessibleName() == "Signed in as"
    with qtbot.waitSignal(window.dashboard.loaded, timeout=10_000):
        selector.select(therapist.id)
    assert app_ctx.services.actor_id == therapist.id
    assert app_ctx.staff_name == "Rosa Rivera"
    assert app_ctx.settings.last_staff_id == therapist.id
    assert not window.dashboard.whole_clinic  # an OT sees their own clients first
    window.caseload.ot_combo.setCurrentIndex(window.caseload.ot_combo.findData("mine"))
    qtbot.waitUntil(lambda: not window.caseload.model.busy
                    and window.caseload.model.rowCount() == 3)


def test_status_bar_names_the_database(window: MainWindow, db_path) -> None:
    assert str(db_path) in window.database_label.text()


def _exec_until(qapp: QApplication, done: Callable[[], bool]) -> Callable[..., int]:
    """A stand-in for the application's event loop: runs it until ``done`` (or 20 s)."""

    def exec_(*_args: object) -> int:
        deadline = time.monotonic() + 20
        while not done() and time.monotonic() < deadline:
            qapp.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        for window in [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow)]:
            if window.isVisible():
                window.close()
        return 0

    return exec_


def test_run_desktop_opens_the_window_and_offers_drafts(
    qapp, db_path, ui_settings, monkeypatch
) -> None:
    from otdesk.ui.shell import app as app_module

    offered: list[MainWindow] = []
    monkeypatch.setattr("otdesk.ui.editing.drafts_ui.recover_drafts_on_start",
                        lambda app, parent, open_client: offered.append(parent))
    framed: list[bool] = []
    monkeypatch.setattr(QApplication, "exec", _exec_until(qapp, lambda: bool(offered)))
    status = app_module.run_desktop(db_target=str(db_path), username=None,
                                    ui_settings=ui_settings,
                                    on_shown=lambda w: framed.append(w.started))
    assert status == 0
    assert framed == [False]  # the frame was on screen before the records opened
    assert offered and offered[0].started  # drafts are offered once the caseload is in
    assert ui_settings.last_staff_id is not None


def test_run_desktop_explains_a_database_it_cannot_open(
    qapp, tmp_path, ui_settings, monkeypatch
) -> None:
    from otdesk.ui.shell import app as app_module

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(QApplication, "exec", _exec_until(qapp, lambda: bool(shown)))
    status = app_module.run_desktop(db_target=str(tmp_path / "missing" / "x.sqlite"),
                                    username=None, ui_settings=ui_settings)
    assert status == 1
    assert shown and "could not be opened" in shown[0]


def test_an_unknown_user_name_is_explained_and_the_first_ot_acts(
    qapp, db_path, ui_settings, monkeypatch, therapist
) -> None:
    from otdesk.ui.shell import app as app_module

    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text: warned.append(text))
    ready: list[MainWindow] = []
    monkeypatch.setattr(QApplication, "exec", _exec_until(qapp, lambda: bool(ready)))
    monkeypatch.setattr("otdesk.ui.editing.drafts_ui.recover_drafts_on_start",
                        lambda app, parent, open_client: None)
    app_module.run_desktop(db_target=str(db_path), username="no.such.person",
                           ui_settings=ui_settings, on_ready=ready.append)
    assert warned and "'no.such.person'" in warned[0]
    assert ui_settings.last_staff_id == therapist.id


def test_choose_staff(ctx, therapist) -> None:
    from otdesk.ui.shell.session import choose_staff

    assert choose_staff(ctx, username="ot.rivera", last_staff_id=None).id == therapist.id
    assert choose_staff(ctx, username=None, last_staff_id=ctx.actor_id).id == ctx.actor_id
    assert choose_staff(ctx, username=None, last_staff_id=None).id == therapist.id  # first OT


def test_help_lists_every_keyboard_shortcut(window: MainWindow, monkeypatch) -> None:
    shown: list[KeyboardShortcutsDialog] = []
    monkeypatch.setattr(MainWindow, "_run", lambda self, dialog: bool(shown.append(dialog)))
    window.shortcuts_action.trigger()  # Help > Keyboard shortcuts
    [dialog] = shown
    groups = dialog.entries()
    native = QKeySequence.SequenceFormat.NativeText
    new = QKeySequence(QKeySequence.StandardKey.New).toString(native)
    assert (new, "New client…") in groups["File menu"]
    assert any(what == "Undo" for _keys, what in groups["Edit menu"])
    assert ("Ctrl+2", "Caseload") in groups["View menu"]
    assert "Help menu" not in groups  # its items have no shortcuts
    assert ("Down", "From the search box, go to the results") in groups["Caseload"]
    assert ("Del", "Close the selected client's record") in groups[
        "List of pages and open clients"]


def test_every_key_a_screen_answers_to_is_in_the_list(window: MainWindow, sample_clients) -> None:
    window.dashboard  # noqa: B018  (built when first shown)
    workspace = window.open_client(sample_clients[0].id)
    assert isinstance(workspace, ClientWorkspace)
    for i in range(workspace.tabs.count()):  # every tab, as each is built when first shown
        workspace.tabs.setCurrentIndex(i)
    declared = {s.toString() for key in SCREEN_KEYS for s in key.sequences()}
    made = {s.key().toString() for s in window.findChildren(QShortcut)}
    assert made and made <= declared  # a key no one declared would be missing from Help
    for key in (SEARCH_TO_RESULTS, CLOSE_OPEN_CLIENT, REFRESH_DASHBOARD, SAVE_RECORD,
                EDIT_FAMILY_MEMBER, REMOVE_FAMILY_MEMBER):
        assert {s.toString() for s in key.sequences()} <= made, key.what


def test_a_narrow_window_shows_the_navigation_as_icons(qtbot, window, sample_clients) -> None:
    window.open_client(sample_clients[0].id)
    nav = window.navigation
    window.resize(1400, 800)
    qtbot.waitUntil(lambda: not nav.is_compact())
    assert nav.width() == nav.full_width() >= FULL_WIDTH
    window.resize(1000, 700)  # a laptop at 125 % scaling is about 1,100 pixels wide
    qtbot.waitUntil(nav.is_compact)
    assert nav.width() == COMPACT_WIDTH
    entry = nav.list.item(nav.list.count() - 1)
    name = sample_clients[0].display_name
    # Each entry still names itself: in its tooltip, and to a screen reader.
    assert name.split(",")[0] in entry.toolTip() and entry.text() == entry.toolTip()
    nav.list.setCurrentRow(1)  # and still opens its page
    assert window.current_key() == CASELOAD
    window.resize(1400, 800)
    qtbot.waitUntil(lambda: not nav.is_compact())
    assert nav.width() == nav.full_width()


def test_the_caseloads_import_button_opens_the_import(window: MainWindow, monkeypatch) -> None:
    from otdesk.ui.dialogs.import_dialog import ImportDialog

    shown: list[object] = []
    monkeypatch.setattr(MainWindow, "_run", lambda self, dialog: bool(shown.append(dialog)))
    window.caseload.import_requested.emit()
    assert len(shown) == 1 and isinstance(shown[0], ImportDialog)


def test_the_navigation_widens_with_larger_text(qtbot, qapp, window, restore_font) -> None:
    window.resize(1600, 800)  # wide enough for titles
    nav = window.navigation
    qtbot.waitUntil(lambda: not nav.is_compact())
    normal = nav.width()
    for _ in range(6):
        window.bigger_action.trigger()
    qtbot.waitUntil(lambda: nav.width() > normal)
    bold = QFont(qapp.font())
    bold.setBold(True)
    # "Open clients" (bold) still fits beside the pane's margins.
    assert QFontMetrics(bold).horizontalAdvance("Open clients") < nav.width() - 40
    big = nav.width()
    for _ in range(6):
        window.smaller_action.trigger()
    # Narrower again, as wide as the smallest text size allowed needs (its page titles whole).
    qtbot.waitUntil(lambda: nav.width() < big)
    assert nav.width() == nav.full_width()
