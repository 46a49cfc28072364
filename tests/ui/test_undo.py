"""Undo and redo: the record's commands on a bare QUndoStack, and undo from the workspace."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from otdesk.domain.errors import ConflictError, OtdeskError
from otdesk.domain.records import RecordKind
from otdesk.services import clients, episodes, family_members
from otdesk.services.clients import ClientDetail
from otdesk.services.context import Context
from otdesk.services.summaries import StaffMember
from otdesk.ui.client_record import ClientWorkspace
from otdesk.ui.client_record.commands import (
    AddRecordCommand,
    EditRecordCommand,
    IdMap,
    RemoveRecordCommand,
)
from otdesk.ui.client_record.episode_models import CARE_TEAM, EPISODES
from otdesk.ui.client_record.family_model import FAMILY_MEMBERS
from otdesk.ui.client_record.record_dialog import RecordDialog
from otdesk.ui.client_record.tabs.episodes import EpisodesTab
from otdesk.ui.client_record.tabs.overview import CLIENTS, OverviewTab
from otdesk.ui.shell.app_context import AppContext

Failures = list[tuple[str, OtdeskError]]


@pytest.fixture
def stack(qtbot: QtBot) -> QUndoStack:
    return QUndoStack()


@pytest.fixture
def failures() -> Failures:
    return []


@pytest.fixture
def report(failures: Failures) -> Callable[[QUndoCommand, OtdeskError], None]:
    return lambda command, exc: failures.append((command.text(), exc))


def _edit(
    app: AppContext, c: ClientDetail, report: Any, **after: Any
) -> EditRecordCommand[ClientDetail]:
    saved = c.editable_values()
    return EditRecordCommand(
        app, CLIENTS, c.id, {k: saved[k] for k in after}, after, expected_version=c.version,
        report=report,
    )


def test_edit_client_undo_redo_through_the_services(
    app_ctx: AppContext, ctx: Context, make_client: Callable[..., ClientDetail],
    stack: QUndoStack, report: Any, failures: Failures,
) -> None:  # fmt: skip
    c = make_client(phone="111")
    seen: list[Any] = []
    app_ctx.events.records_changed.connect(seen.append)
    stack.push(_edit(app_ctx, c, report, phone="222", alerts="Dog"))
    assert clients.get_client(ctx, client_id=c.id).phone == "222"
    assert stack.undoText() == "Edit client details"
    stack.undo()
    now = clients.get_client(ctx, client_id=c.id)
    assert (now.phone, now.alerts) == ("111", "")
    stack.redo()
    now = clients.get_client(ctx, client_id=c.id)
    assert (now.phone, now.alerts) == ("222", "Dog")
    assert failures == []
    assert [(ch.kinds, ch.clients) for ch in seen] == [({RecordKind.CLIENT}, {c.id})] * 3


def test_execute_then_push_does_not_write_twice(
    app_ctx: AppContext, ctx: Context, make_client: Callable[..., ClientDetail],
    stack: QUndoStack, report: Any,
) -> None:  # fmt: skip
    c = make_client()
    command = _edit(app_ctx, c, report, given_name="Nia")
    command.execute()
    version = clients.get_client(ctx, client_id=c.id).version
    stack.push(command)
    assert clients.get_client(ctx, client_id=c.id).version == version
    stack.undo()
    assert clients.get_client(ctx, client_id=c.id).given_name == c.given_name


def test_first_write_refuses_a_stale_form(
    app_ctx: AppContext, ctx: Context, make_client: Callable[..., ClientDetail], report: Any
) -> None:
    c = make_client()
    clients.update_client(ctx, client_id=c.id, expected_version=c.version, phone="999")
    with pytest.raises(ConflictError):
        _edit(app_ctx, c, report, phone="123").execute()
    assert clients.get_client(ctx, client_id=c.id).phone == "999"


def test_undo_after_someone_else_changed_the_same_field_is_refused(
    app_ctx: AppContext, ctx: Context, make_client: Callable[..., ClientDetail],
    stack: QUndoStack, report: Any, failures: Failures,
) -> None:  # fmt: skip
    c = make_client(phone="111")
    stack.push(_edit(app_ctx, c, report, phone="222"))
    latest = clients.get_client(ctx, client_id=c.id)
    other = ctx.acting_as(None)  # another workstation saves the same field
    clients.update_client(other, client_id=c.id, expected_version=latest.version, phone="333")
    stack.undo()
    assert clients.get_client(ctx, client_id=c.id).phone == "333"  # theirs stands
    assert len(failures) == 1 and isinstance(failures[0][1], ConflictError)
    assert stack.count() == 0  # the obsolete command was dropped


def test_undo_after_someone_else_changed_another_field_still_works(
    app_ctx: AppContext, ctx: Context, make_client: Callable[..., ClientDetail],
    stack: QUndoStack, report: Any, failures: Failures,
) -> None:  # fmt: skip
    c = make_client(phone="111")
    stack.push(_edit(app_ctx, c, report, phone="222"))
    latest = clients.get_client(ctx, client_id=c.id)
    clients.update_client(ctx, client_id=c.id, expected_version=latest.version, alerts="Stairs")
    stack.undo()
    now = clients.get_client(ctx, client_id=c.id)
    assert (now.phone, now.alerts) == ("111", "Stairs")
    assert failures == []


def test_family_member_add_edit_remove_undo_redo(
    app_ctx: AppContext, ctx: Context, make_client: Callable[..., ClientDetail],
    stack: QUndoStack, report: Any, failures: Failures,
) -> None:  # fmt: skip
    c = make_client()
    ids = IdMap()

    def members() -> list[tuple[str, str]]:
        return [
            (m.given_name, m.phone) for m in family_members.list_family_members(ctx, client_id=c.id)
        ]

    add = AddRecordCommand(
        app_ctx, FAMILY_MEMBERS, c.id, {"given_name": "Rosa", "relationship_to_client": "mother"},
        ids,
        report=report,
    )  # fmt: skip
    stack.push(add)
    assert members() == [("Rosa", "")]
    first_id = add.record_id
    assert first_id is not None
    m = family_members.get_family_member(ctx, member_id=first_id)
    stack.push(
        EditRecordCommand(
            app_ctx, FAMILY_MEMBERS, first_id, {"phone": ""}, {"phone": "555"}, ids,
            expected_version=m.version, report=report,
        )
    )  # fmt: skip
    assert members() == [("Rosa", "555")]
    m = family_members.get_family_member(ctx, member_id=first_id)
    stack.push(RemoveRecordCommand(app_ctx, FAMILY_MEMBERS, c.id, m, ids, report=report))
    assert members() == []
    stack.undo()  # the member comes back (as a new row; SQLite may reuse the id)
    assert members() == [("Rosa", "555")]
    assert add.record_id == family_members.list_family_members(ctx, client_id=c.id)[0].id
    stack.undo()  # the edit is undone on the re-added member
    assert members() == [("Rosa", "")]
    stack.undo()  # and the add
    assert members() == []
    stack.redo()
    stack.redo()
    stack.redo()
    assert members() == []
    stack.undo()
    stack.undo()
    assert members() == [("Rosa", "")]
    assert failures == []


def test_family_member_undo_refused_when_someone_else_changed_them(
    app_ctx: AppContext, ctx: Context, make_client: Callable[..., ClientDetail],
    stack: QUndoStack, report: Any, failures: Failures,
) -> None:  # fmt: skip
    c = make_client()
    add = AddRecordCommand(
        app_ctx, FAMILY_MEMBERS, c.id, {"given_name": "Rosa", "relationship_to_client": "mother"},
        IdMap(),
        report=report,
    )  # fmt: skip
    stack.push(add)
    assert add.record_id is not None
    m = family_members.get_family_member(ctx, member_id=add.record_id)
    family_members.update_family_member(
        ctx, member_id=m.id, expected_version=m.version, given_name="Rosalind"
    )
    stack.undo()
    assert [x.given_name for x in family_members.list_family_members(ctx, client_id=c.id)] == [
        "Rosalind"
    ]
    assert failures and isinstance(failures[0][1], ConflictError)


def test_overview_save_is_undoable_from_the_workspace(
    qtbot: QtBot, app_ctx: AppContext, ctx: Context,
    make_client: Callable[..., ClientDetail], monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setattr("otdesk.ui.editing.drafts_ui.ask_restore", lambda parent, info: False)
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: None))
    c = make_client(phone="111")
    workspace = ClientWorkspace(app_ctx, c.id)
    qtbot.addWidget(workspace)
    workspace.show()
    tab = workspace.tab("overview")
    assert isinstance(tab, OverviewTab)
    phone = tab.form.control("phone")
    assert isinstance(phone, QLineEdit)
    phone.selectAll()
    qtbot.keyClicks(phone, "555 0101")
    assert tab.save_changes()
    assert clients.get_client(ctx, client_id=c.id).phone == "555 0101"
    assert workspace.undo_stack.canUndo()
    assert workspace.undo_stack.undoText() == "Edit phone"
    workspace.undo_stack.undo()
    assert clients.get_client(ctx, client_id=c.id).phone == "111"
    assert phone.text() == "111"  # the form shows the restored value
    assert not tab.has_unsaved_changes()
    workspace.undo_stack.redo()
    assert clients.get_client(ctx, client_id=c.id).phone == "555 0101"
    assert phone.text() == "555 0101"
    # A second edit after undo/redo still saves: the form follows the record's version.
    phone.selectAll()
    qtbot.keyClicks(phone, "777")
    assert tab.save_changes()
    assert clients.get_client(ctx, client_id=c.id).phone == "777"
    assert workspace.undo_stack.count() == 2


def test_commands_follow_a_re_added_member_even_when_ids_are_reused(
    app_ctx: AppContext, ctx: Context, make_client: Callable[..., ClientDetail],
    stack: QUndoStack, report: Any, failures: Failures,
) -> None:  # fmt: skip
    c = make_client()
    ids = IdMap()
    a = family_members.add_family_member(
        ctx, client_id=c.id, given_name="Ada", relationship_to_client="sister"
    )
    b = family_members.add_family_member(
        ctx, client_id=c.id, given_name="Bo", relationship_to_client="friend"
    )
    stack.push(RemoveRecordCommand(app_ctx, FAMILY_MEMBERS, c.id, a, ids, report=report))
    stack.push(RemoveRecordCommand(app_ctx, FAMILY_MEMBERS, c.id, b, ids, report=report))
    stack.undo()  # Bo back
    stack.undo()  # Ada back
    names = {m.given_name for m in family_members.list_family_members(ctx, client_id=c.id)}
    assert names == {"Ada", "Bo"}
    stack.redo()  # removes Ada again, wherever she now lives
    names = {m.given_name for m in family_members.list_family_members(ctx, client_id=c.id)}
    assert names == {"Bo"}
    assert failures == []


# -- episodes and care team ---------------------------------------------------------------


def test_edit_episode_undo_redo_through_the_services(
    app_ctx: AppContext, ctx: Context, make_client: Callable[..., ClientDetail],
    episode_for: Callable[..., Any],
    stack: QUndoStack, report: Any, failures: Failures,
) -> None:  # fmt: skip
    c = make_client()
    e = episode_for(c.id, referral_date=date(2024, 1, 5))
    seen: list[Any] = []
    app_ctx.events.records_changed.connect(seen.append)
    after = {"planned_discharge_date": date(2024, 6, 30), "referral_source": "GP"}
    before = {k: e.editable_values()[k] for k in after}
    stack.push(
        EditRecordCommand(
            app_ctx, EPISODES, e.id, before, after, expected_version=e.version, report=report
        )
    )
    assert stack.undoText() == "Edit episode"

    def now() -> tuple[Any, str]:
        got = episodes.get_episode(ctx, episode_id=e.id)
        return got.planned_discharge_date, got.referral_source

    assert now() == (date(2024, 6, 30), "GP")
    stack.undo()
    assert now() == (None, "")
    stack.redo()
    assert now() == (date(2024, 6, 30), "GP")
    assert failures == []
    assert [(ch.kinds, ch.ids(RecordKind.EPISODE), ch.clients) for ch in seen] == [
        ({RecordKind.EPISODE}, {e.id}, {c.id})] * 3


def test_episode_undo_refused_when_someone_else_changed_the_field(
    app_ctx: AppContext, ctx: Context, make_client: Callable[..., ClientDetail],
    episode_for: Callable[..., Any],
    stack: QUndoStack, report: Any, failures: Failures,
) -> None:  # fmt: skip
    c = make_client()
    e = episode_for(c.id, referral_date=date(2024, 1, 5))
    command = EditRecordCommand(
        app_ctx, EPISODES, e.id, {"referral_source": ""}, {"referral_source": "GP"},
        expected_version=e.version, report=report,
    )  # fmt: skip
    command.execute()
    stack.push(command)
    latest = episodes.get_episode(ctx, episode_id=e.id)
    episodes.update_episode(
        ctx, episode_id=e.id, expected_version=latest.version, referral_source="Hospital"
    )
    stack.undo()
    assert episodes.get_episode(ctx, episode_id=e.id).referral_source == "Hospital"
    assert len(failures) == 1 and isinstance(failures[0][1], ConflictError)
    assert stack.count() == 0


def test_care_team_add_and_remove_undo_redo(
    app_ctx: AppContext, ctx: Context, make_client: Callable[..., ClientDetail], ot: StaffMember,
    episode_for: Callable[..., Any],
    stack: QUndoStack, report: Any, failures: Failures,
) -> None:  # fmt: skip
    c = make_client()
    e = episode_for(c.id, referral_date=date(2024, 1, 5))
    ids = IdMap()
    seen: list[Any] = []
    app_ctx.events.records_changed.connect(seen.append)

    def team() -> list[tuple[str, str, str, Any]]:
        return sorted(
            (m.name, m.role_in_team, m.discipline.value, m.start_date)
            for m in episodes.list_care_team(ctx, episode_id=e.id)
        )

    add = AddRecordCommand(
        app_ctx, CARE_TEAM, e.id,
        {"name": "Dr Example", "discipline": "psychiatry", "start_date": date(2024, 1, 6)},
        ids, report=report,
    )  # fmt: skip
    stack.push(add)
    assert stack.undoText() == "Add Dr Example to the care team"
    assert team() == [("Dr Example", "", "psychiatry", date(2024, 1, 6))]
    staff_add = AddRecordCommand(
        app_ctx, CARE_TEAM, e.id, {"staff_id": ot.id, "discipline": "ot", "role_in_team": "Lead"},
        ids, report=report,
    )  # fmt: skip
    stack.push(staff_add)
    assert stack.undoText() == "Add Tess Example-OT to the care team"
    assert staff_add.record_id is not None
    entry = episodes.get_care_team_member(ctx, member_id=staff_add.record_id)
    stack.push(RemoveRecordCommand(app_ctx, CARE_TEAM, e.id, entry, ids, report=report))
    assert stack.undoText() == "Remove Tess Example-OT from the care team"
    assert team() == [("Dr Example", "", "psychiatry", date(2024, 1, 6))]
    stack.undo()  # back with the same values (as a new row)
    assert team() == [
        ("Dr Example", "", "psychiatry", date(2024, 1, 6)),
        ("Tess Example-OT", "Lead", "ot", None),
    ]
    back = episodes.get_care_team_member(ctx, member_id=staff_add.record_id)
    assert (back.staff_id, back.name) == (ot.id, "Tess Example-OT")
    stack.undo()  # the staff add is undone on the re-added row
    stack.undo()  # and the first add
    assert team() == []
    stack.redo()
    stack.redo()
    assert len(team()) == 2
    stack.redo()
    assert team() == [("Dr Example", "", "psychiatry", date(2024, 1, 6))]
    assert failures == []
    assert {k for ch in seen for k in ch.kinds} == {RecordKind.CARE_TEAM_MEMBER}
    assert {i for ch in seen for i in ch.clients} == {c.id}


def test_care_team_undo_refused_when_someone_else_changed_them(
    app_ctx: AppContext, ctx: Context, make_client: Callable[..., ClientDetail],
    episode_for: Callable[..., Any],
    stack: QUndoStack, report: Any, failures: Failures,
) -> None:  # fmt: skip
    c = make_client()
    e = episode_for(c.id, referral_date=date(2024, 1, 5))
    add = AddRecordCommand(
        app_ctx, CARE_TEAM, e.id, {"name": "Dr Example", "discipline": "psychiatry"}, IdMap(),
        report=report,
    )  # fmt: skip
    stack.push(add)
    assert add.record_id is not None
    m = episodes.get_care_team_member(ctx, member_id=add.record_id)
    episodes.update_care_team_member(ctx, member_id=m.id, expected_version=m.version, phone="555")
    stack.undo()
    assert [x.phone for x in episodes.list_care_team(ctx, episode_id=e.id)] == ["555"]
    assert failures and isinstance(failures[0][1], ConflictError)


def test_episode_edit_is_undoable_from_the_workspace(
    qtbot: QtBot, app_ctx: AppContext, ctx: Context, ot: StaffMember,
    episode_for: Callable[..., Any],
    make_client: Callable[..., ClientDetail], monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setattr("otdesk.ui.editing.drafts_ui.ask_restore", lambda parent, info: False)
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: None))
    monkeypatch.setattr(
        QMessageBox, "question",
        staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes),
    )  # fmt: skip
    c = make_client()
    e = episode_for(c.id, referral_date=date(2024, 1, 5))
    workspace = ClientWorkspace(app_ctx, c.id)
    qtbot.addWidget(workspace)
    workspace.show()
    tab = workspace.tab("episodes")
    assert isinstance(tab, EpisodesTab)

    def fill_dates(dialog: RecordDialog) -> int:
        control = dialog.form.control("planned_discharge_date")
        assert isinstance(control, QLineEdit)
        control.selectAll()
        qtbot.keyClicks(control, "2024-06-30")
        dialog.save()
        return int(dialog.result())

    monkeypatch.setattr(RecordDialog, "exec", fill_dates)
    assert tab.edit_selected() is not None
    assert episodes.get_episode(ctx, episode_id=e.id).planned_discharge_date == date(2024, 6, 30)
    assert workspace.undo_stack.undoText() == "Edit episode (planned discharge)"
    workspace.undo_stack.undo()
    assert episodes.get_episode(ctx, episode_id=e.id).planned_discharge_date is None
    workspace.undo_stack.redo()
    assert episodes.get_episode(ctx, episode_id=e.id).planned_discharge_date == date(2024, 6, 30)

    def add_partner(dialog: RecordDialog) -> int:
        name = dialog.form.control("name")
        assert isinstance(name, QLineEdit)
        qtbot.keyClicks(name, "Dr Example")
        dialog.save()
        return int(dialog.result())

    monkeypatch.setattr(RecordDialog, "exec", add_partner)
    assert tab.add_team_member() is not None
    assert workspace.undo_stack.undoText() == "Add Dr Example to the care team"
    assert tab.team_model.rowCount() == 1  # the view followed the change
    tab.team_table.selectRow(0)
    assert tab.remove_team_member()
    assert episodes.list_care_team(ctx, episode_id=e.id) == []
    assert tab.team_model.rowCount() == 0
    workspace.undo_stack.undo()
    assert [m.name for m in episodes.list_care_team(ctx, episode_id=e.id)] == ["Dr Example"]
    assert tab.team_model.rowCount() == 1
    workspace.undo_stack.undo()
    assert episodes.list_care_team(ctx, episode_id=e.id) == []
    workspace.undo_stack.undo()  # and the episode edit
    assert episodes.get_episode(ctx, episode_id=e.id).planned_discharge_date is None
