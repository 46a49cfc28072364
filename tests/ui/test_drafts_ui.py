"""Never lose typing: drafts are written while typing, survive a crash, and are offered back."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog, QLineEdit, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from otdesk.services import clients, drafts, family_members
from otdesk.services.clients import ClientDetail
from otdesk.services.context import Context
from otdesk.ui.client_record import ClientWorkspace, NewClientDialog
from otdesk.ui.client_record.record_dialog import RecordDialog
from otdesk.ui.client_record.tabs.family import FamilyTab
from otdesk.ui.client_record.tabs.overview import OverviewTab
from otdesk.ui.editing import drafts_ui
from otdesk.ui.editing.conflict_dialog import ConflictChoice
from otdesk.ui.editing.drafts_ui import DraftKeeper, client_draft_key, recover_drafts_on_start
from otdesk.ui.shell.app_context import AppContext


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """What the patched questions answer; tests change the values."""
    given: dict[str, Any] = {"restore": True, "asked": 0}

    def ask(parent: object, info: object) -> bool:
        given["asked"] += 1
        return bool(given["restore"])

    monkeypatch.setattr(drafts_ui, "ask_restore", ask)
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Cancel)
    )
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: None))
    return given


def _workspace(
    qtbot: QtBot, app: AppContext, client_id: int, *, doomed: bool = False
) -> ClientWorkspace:
    """A shown workspace; a ``doomed`` one is left to ``_crash`` instead of qtbot."""
    workspace = ClientWorkspace(app, client_id)
    if not doomed:
        qtbot.addWidget(workspace)
    workspace.show()
    return workspace


def _overview(workspace: ClientWorkspace) -> OverviewTab:
    tab = workspace.tab("overview")
    assert isinstance(tab, OverviewTab)
    return tab


def _crash(app: AppContext, widget: QWidget) -> None:
    """Lose a window without any chance to save: as if the process were killed."""
    assert app.tasks.wait(10_000)
    shiboken6.delete(widget)


def test_typing_is_saved_as_a_draft_after_a_pause(
    qtbot: QtBot, app_ctx: AppContext, ctx: Context,
    make_client: Callable[..., ClientDetail], answers: dict[str, Any],
) -> None:  # fmt: skip
    c = make_client()
    tab = _overview(_workspace(qtbot, app_ctx, c.id))
    key = client_draft_key(c.uuid, "overview")
    qtbot.keyClicks(tab.form.control("phone"), "555 0101")
    assert tab.keeper.pending
    started = time.monotonic()
    qtbot.waitUntil(lambda: drafts.get_draft(ctx, key=key) is not None, timeout=5000)
    assert time.monotonic() - started < 3.0
    info = drafts.get_draft(ctx, key=key)
    assert info is not None
    assert info.payload["changes"] == {"phone": "555 0101"}
    assert info.payload["client_id"] == c.id and info.base_version == c.version
    assert info.title.endswith("Overview")
    qtbot.waitUntil(lambda: "draft" in tab.state_label.text())


def test_continuous_typing_still_saves_within_the_maximum_wait(
    qtbot: QtBot, app_ctx: AppContext, ctx: Context
) -> None:
    typed: list[int] = []
    keeper = DraftKeeper(
        app_ctx, key="test:continuous", title=lambda: "Continuous",
        payload=lambda: {"typed": len(typed)},
    )  # fmt: skip
    keeper.set_intervals(idle_ms=300, max_wait_ms=600)
    typist = QTimer()
    typist.setInterval(50)  # a keystroke every 50 ms: the idle timer never runs out

    def type_one() -> None:
        typed.append(1)
        keeper.note_edit()

    typist.timeout.connect(type_one)
    typist.start()
    try:
        with qtbot.waitSignal(keeper.saved, timeout=3000) as saved:
            pass
        assert typist.isActive()  # saved while typing went on
        assert saved.args is not None and saved.args[0].payload["typed"] > 0
    finally:
        typist.stop()
    assert drafts.get_draft(ctx, key="test:continuous") is not None
    keeper.discard()
    assert app_ctx.tasks.wait(5000)


def test_a_save_running_during_discard_cannot_bring_the_draft_back(
    qtbot: QtBot, app_ctx: AppContext, ctx: Context
) -> None:
    keeper = DraftKeeper(app_ctx, key="test:race", title=lambda: "Race", payload=lambda: {"x": 1})
    for _ in range(5):
        keeper.save_now()
        keeper.discard()
    assert app_ctx.tasks.wait(5000)
    assert drafts.get_draft(ctx, key="test:race") is None


def test_overview_draft_is_offered_back_after_a_crash(
    qtbot: QtBot, app_ctx: AppContext, ctx: Context,
    make_client: Callable[..., ClientDetail], answers: dict[str, Any],
) -> None:  # fmt: skip
    c = make_client(alerts="")
    workspace = _workspace(qtbot, app_ctx, c.id, doomed=True)
    tab = _overview(workspace)
    key = client_draft_key(c.uuid, "overview")
    alerts = tab.form.control("alerts")
    qtbot.keyClicks(alerts, "Lives alone; dog")
    qtbot.waitUntil(lambda: drafts.get_draft(ctx, key=key) is not None, timeout=5000)
    _crash(app_ctx, workspace)
    assert clients.get_client(ctx, client_id=c.id).alerts == ""  # never saved

    again = _overview(_workspace(qtbot, app_ctx, c.id))
    qtbot.waitUntil(lambda: again.form.values()["alerts"] == "Lives alone; dog", timeout=3000)
    assert answers["asked"] == 1
    assert again.has_unsaved_changes() and again.save_button.isEnabled()
    assert again.save_changes()
    assert clients.get_client(ctx, client_id=c.id).alerts == "Lives alone; dog"
    qtbot.waitUntil(lambda: drafts.get_draft(ctx, key=key) is None, timeout=3000)


def test_declining_the_restore_discards_the_draft(
    qtbot: QtBot, app_ctx: AppContext, ctx: Context,
    make_client: Callable[..., ClientDetail], answers: dict[str, Any],
) -> None:  # fmt: skip
    c = make_client()
    key = client_draft_key(c.uuid, "overview")
    drafts.save_draft(
        ctx, key=key, title="x", payload={"client_id": c.id, "changes": {"phone": "1"}},
        base_version=c.version,
    )  # fmt: skip
    answers["restore"] = False
    tab = _overview(_workspace(qtbot, app_ctx, c.id))
    qtbot.waitUntil(lambda: answers["asked"] == 1)
    assert drafts.get_draft(ctx, key=key) is None
    assert not tab.has_unsaved_changes()


def test_a_draft_typed_over_an_older_version_asks_before_overwriting(
    qtbot: QtBot, app_ctx: AppContext, ctx: Context, make_client: Callable[..., ClientDetail],
    answers: dict[str, Any], monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    c = make_client(phone="111")
    drafts.save_draft(
        ctx, key=client_draft_key(c.uuid, "overview"), title="x",
        payload={"client_id": c.id, "changes": {"phone": "222"}}, base_version=c.version,
    )  # fmt: skip
    clients.update_client(ctx, client_id=c.id, expected_version=c.version, phone="333")
    asked: list[Any] = []

    def conflict(parent: object, **kwargs: Any) -> ConflictChoice:
        asked.append(kwargs)
        return ConflictChoice.CANCEL

    monkeypatch.setattr("otdesk.ui.editing.conflict_dialog.ask_conflict", conflict)
    tab = _overview(_workspace(qtbot, app_ctx, c.id))
    qtbot.waitUntil(lambda: tab.form.values()["phone"] == "222")
    assert not tab.save_changes()
    assert asked and clients.get_client(ctx, client_id=c.id).phone == "333"


def test_new_client_typing_survives_a_crash(
    qtbot: QtBot, app_ctx: AppContext, ctx: Context, answers: dict[str, Any]
) -> None:
    dialog = NewClientDialog(app_ctx)
    dialog.show()
    qtbot.keyClicks(dialog.form.control("given_name"), "Mara")
    qtbot.keyClicks(dialog.form.control("record_number"), "R-77")
    qtbot.waitUntil(lambda: drafts.get_draft(ctx, key="client:new") is not None, timeout=5000)
    info = drafts.get_draft(ctx, key="client:new")
    assert info is not None and info.title == "New client Mara"
    _crash(app_ctx, dialog)

    again = NewClientDialog(app_ctx)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: again.form.values()["given_name"] == "Mara", timeout=3000)
    assert again.form.values()["record_number"] == "R-77"


def test_recover_drafts_on_start_opens_the_clients_and_restores_without_asking_again(
    qtbot: QtBot, app_ctx: AppContext, ctx: Context,
    make_client: Callable[..., ClientDetail], answers: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    c = make_client()
    key = client_draft_key(c.uuid, "overview")
    drafts.save_draft(
        ctx, key=key, title=f"{c.display_name} — Overview",
        payload={"client_id": c.id, "changes": {"pronouns": "they/them"}},
        base_version=c.version,
    )  # fmt: skip
    offered: list[list[str]] = []

    def choose(parent: object, found: list[Any]) -> tuple[str, list[str]]:
        offered.append([d.key for d in found])
        return "open", [d.key for d in found]

    monkeypatch.setattr(drafts_ui, "choose_drafts", choose)
    opened: list[int] = []
    host = QWidget()
    qtbot.addWidget(host)
    workspaces: list[ClientWorkspace] = []

    def open_client(client_id: int) -> None:
        opened.append(client_id)
        workspaces.append(_workspace(qtbot, app_ctx, client_id))

    recover_drafts_on_start(app_ctx, host, open_client)
    assert offered == [[key]] and opened == [c.id]
    tab = _overview(workspaces[0])
    qtbot.waitUntil(lambda: tab.form.values()["pronouns"] == "they/them", timeout=3000)
    assert answers["asked"] == 0  # the start-up question was enough


def test_recover_drafts_on_start_can_discard_and_is_quiet_without_drafts(
    qtbot: QtBot, app_ctx: AppContext, ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    monkeypatch.setattr(drafts_ui, "choose_drafts", lambda *a: pytest.fail("nothing to offer"))
    recover_drafts_on_start(app_ctx, host, lambda _id: None)
    drafts.save_draft(ctx, key="client:new", title="New client", payload={"values": {}})
    monkeypatch.setattr(drafts_ui, "choose_drafts", lambda p, found: ("discard", ["client:new"]))
    recover_drafts_on_start(app_ctx, host, lambda _id: pytest.fail("opened"))
    assert drafts.list_drafts(ctx) == []


def test_family_member_dialog_typing_is_offered_back(
    qtbot: QtBot, app_ctx: AppContext, ctx: Context, make_client: Callable[..., ClientDetail],
    answers: dict[str, Any], monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    c = make_client()
    workspace = _workspace(qtbot, app_ctx, c.id, doomed=True)
    family = workspace.tab("family")
    assert isinstance(family, FamilyTab)

    def type_then_crash(dialog: RecordDialog) -> int:
        dialog.show()
        qtbot.keyClicks(dialog.form.control("given_name"), "Rosa")
        assert dialog.keeper is not None
        qtbot.waitSignal(dialog.keeper.saved, timeout=5000).wait()
        return int(QDialog.DialogCode.Rejected)  # the window vanished without a word

    monkeypatch.setattr(RecordDialog, "exec", type_then_crash)
    workspace.show_tab(family)
    family.add_member()
    assert family.pending_drafts()
    _crash(app_ctx, workspace)

    restored: list[str] = []

    def check_and_save(dialog: RecordDialog) -> int:
        qtbot.waitUntil(lambda: dialog.form.values()["given_name"] == "Rosa", timeout=3000)
        restored.append(dialog.form.values()["given_name"])
        relation = dialog.form.control("relationship_to_client")
        assert isinstance(relation, QLineEdit)
        qtbot.keyClicks(relation, "aunt")
        dialog.save()
        return int(dialog.result())

    monkeypatch.setattr(RecordDialog, "exec", check_and_save)
    again = _workspace(qtbot, app_ctx, c.id)
    assert again.current_tab() is again.tab("family")  # the tab with waiting typing
    qtbot.waitUntil(lambda: restored == ["Rosa"], timeout=3000)
    members = family_members.list_family_members(ctx, client_id=c.id)
    assert [(m.given_name, m.relationship_to_client) for m in members] == [("Rosa", "aunt")]
    qtbot.waitUntil(lambda: drafts.list_drafts(ctx) == [], timeout=3000)


def test_typing_back_to_the_saved_value_forgets_the_draft(
    qtbot: QtBot, app_ctx: AppContext, ctx: Context,
    make_client: Callable[..., ClientDetail], answers: dict[str, Any],
) -> None:  # fmt: skip
    c = make_client(phone="111")
    tab = _overview(_workspace(qtbot, app_ctx, c.id))
    key = client_draft_key(c.uuid, "overview")
    phone = tab.form.control("phone")
    assert isinstance(phone, QLineEdit)
    qtbot.keyClicks(phone, "2")
    qtbot.waitUntil(lambda: drafts.get_draft(ctx, key=key) is not None, timeout=5000)
    qtbot.keyClick(phone, Qt.Key.Key_Backspace)  #: the field holds what was saved again
    assert not tab.has_unsaved_changes()
    assert drafts.get_draft(ctx, key=key) is None
    # The background write that stored the draft may still be reporting back; once it has,
    # nothing is left to save (and the discarded draft did not come back).
    qtbot.waitUntil(lambda: not tab.keeper.pending, timeout=5000)
    assert drafts.get_draft(ctx, key=key) is None
