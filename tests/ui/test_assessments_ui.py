"""The Assessments tab: an assessment filled in from the keyboard and finalised, two
administrations compared, task trials charted, external results and the battery view."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from otdesk.services import assessments, drafts
from otdesk.services.clients import ClientDetail
from otdesk.services.context import Context
from otdesk.services.definitions import library
from otdesk.ui.assessments.battery import BatteryModel
from otdesk.ui.assessments.dialogs import ExternalResultDialog, NewAssessmentDialog
from otdesk.ui.assessments.editor import AssessmentEditor
from otdesk.ui.client_record.tabs.assessments import AssessmentsTab
from otdesk.ui.client_record.workspace import ClientWorkspace
from otdesk.ui.shell.app_context import AppContext

Answer = QMessageBox.StandardButton


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Questions answer ``state["answer"]`` (Yes); warnings are recorded, not shown."""
    state: dict[str, Any] = {"answer": Answer.Yes, "asked": [], "warned": []}

    def question(parent: object, title: str, text: str, *a: object, **k: object) -> Any:
        state["asked"].append(title)
        return state["answer"]

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(
        lambda p, t, text, *a, **k: state["warned"].append(text)))
    monkeypatch.setattr("otdesk.ui.editing.drafts_ui.ask_restore", lambda parent, info: True)
    return state


@pytest.fixture
def client(make_client: Callable[..., ClientDetail]) -> ClientDetail:
    return make_client()


@pytest.fixture
def tab(qtbot: QtBot, app_ctx: AppContext, client: ClientDetail,
        boxes: dict[str, Any]) -> AssessmentsTab:
    w = ClientWorkspace(app_ctx, client.id)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    w.show_record("assessment", 0)  # the tab, as a dashboard line opens it
    found = w.tab("assessments")
    assert isinstance(found, AssessmentsTab)
    return found


def _key(qtbot: QtBot, editor: AssessmentEditor, key: Qt.Key) -> None:
    widget = editor.window().focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, key)


def _type(qtbot: QtBot, editor: AssessmentEditor, text: str) -> None:
    widget = editor.window().focusWidget()
    assert widget is not None
    qtbot.keyClicks(widget, text)


def _focused_item(editor: AssessmentEditor) -> str | None:
    row = editor.form.row_holding(editor.window().focusWidget() or editor)
    return row.item.key if row is not None else None


def _choose(monkeypatch: pytest.MonkeyPatch, definition_id: str) -> None:
    """The New assessment dialog picks ``definition_id`` and is accepted."""

    def run(dialog: NewAssessmentDialog) -> int:
        for row in range(dialog.list.count()):
            if dialog.list.item(row).data(Qt.ItemDataRole.UserRole) == definition_id:
                dialog.list.setCurrentRow(row)
        return 1

    monkeypatch.setattr(NewAssessmentDialog, "exec", run)


def _trial(ctx: Context, client_id: int, day: date, minutes: float, errors: int,
           assistance: str, effort: int) -> int:
    info = assessments.start_assessment(ctx, client_id=client_id,
                                        definition_id="task-performance-log",
                                        administered_on=day)
    info = assessments.save_answers(ctx, assessment_id=info.id, expected_version=info.version,
                                    answers={"task": "Pay a bill", "trial_date": day.isoformat(),
                                             "minutes": minutes, "errors": errors,
                                             "assistance": assistance, "effort": effort})
    return assessments.finalise_assessment(ctx, assessment_id=info.id,
                                           expected_version=info.version).id


def test_fill_in_from_the_keyboard_and_finalise(
        qtbot: QtBot, tab: AssessmentsTab, ctx: Context, client: ClientDetail,
        monkeypatch: pytest.MonkeyPatch) -> None:
    _choose(monkeypatch, "task-performance-log")
    started = tab.new_assessment()
    assert started is not None
    editor = tab.editor
    assert editor is not None and tab.stack.currentWidget() is editor
    assert _focused_item(editor) == "task"  # the first item has the keys
    _type(qtbot, editor, "Take the bus to the clinic")
    _key(qtbot, editor, Qt.Key.Key_Return)
    assert _focused_item(editor) == "trial_date"
    _type(qtbot, editor, "2026-03-02")
    _key(qtbot, editor, Qt.Key.Key_Tab)
    assert _focused_item(editor) == "minutes"
    _type(qtbot, editor, "35")
    _key(qtbot, editor, Qt.Key.Key_Return)
    _key(qtbot, editor, Qt.Key.Key_Return)  # errors left open for now
    assert _focused_item(editor) == "assistance"
    assert editor.panel.shown_value("assistance") == "—"
    _key(qtbot, editor, Qt.Key.Key_3)  # "Prompts": the score follows at once
    assert editor.panel.shown_value("assistance") == "1"
    assert editor.panel.shown_value("minutes") == "35.0"
    assert _focused_item(editor) == "effort"  # picked, and moved on
    assert tab.has_unsaved_changes()

    # Finalising with a required item open highlights it and focuses it; nothing is saved.
    assert not editor.finalise()
    assert editor.form.missing_keys() == ["errors"]
    assert _focused_item(editor) == "errors"
    assert "1 required item is still open" in editor.banner.text()
    assert assessments.get_assessment(ctx, started.id).status == "draft"

    _type(qtbot, editor, "2")
    assert editor.form.missing_keys() == []
    assert editor.finalise()
    stored = assessments.get_assessment(ctx, started.id)
    assert stored.status == "final"
    assert stored.answers["assistance"] == "prompts" and stored.answers["errors"] == 2
    assert stored.result is not None and stored.result.value("minutes") == 35
    # Read-only now: keys change nothing; Correct is offered instead of Finalise.
    editor.form.focus_item("assistance")
    _key(qtbot, editor, Qt.Key.Key_1)
    assert editor.form.answers()["assistance"] == "prompts"
    assert editor.correct_button.isVisibleTo(editor)
    assert not editor.finalise_button.isVisibleTo(editor)

    new_id = editor.correct()
    assert new_id is not None and tab.editor is not None
    assert tab.editor.info.corrects_id == started.id and not tab.editor.info.is_final
    tab.editor.leave()
    assert tab.stack.currentWidget() is tab.list_page
    statuses = {a.id: a.status for a in tab.model._rows}
    assert statuses == {new_id: "draft", started.id: "final"}


def test_leaving_saves_the_draft_and_a_crash_loses_nothing(
        qtbot: QtBot, tab: AssessmentsTab, ctx: Context, client: ClientDetail,
        app_ctx: AppContext) -> None:
    info = assessments.start_assessment(ctx, client_id=client.id,
                                        definition_id="discharge-readiness")
    editor = tab.open_assessment(info.id)
    assert editor is not None
    _key(qtbot, editor, Qt.Key.Key_2)
    editor.leave()  # Back: saved through the service
    saved = assessments.get_assessment(ctx, info.id)
    assert saved.answers == {"personal_care": "prompts"}
    assert saved.status == "draft"

    editor = tab.open_assessment(info.id)
    assert editor is not None
    assert editor.form.answers() == {"personal_care": "prompts"}
    editor.form.focus_item("shopping")
    _key(qtbot, editor, Qt.Key.Key_1)
    editor.keeper.save_now()  # what the idle timer does a second after typing
    qtbot.waitUntil(lambda: not editor.keeper.pending, timeout=5000)
    kept = drafts.get_draft(app_ctx.services, key=editor.keeper.key)
    assert kept is not None and kept.payload["answers"]["shopping"] == "independent"
    # The process dies here; the next open offers the typing back.
    tab._close_editor()
    again = tab.open_assessment(info.id)
    assert again is not None
    assert again.form.answers() == {"personal_care": "prompts", "shopping": "independent"}
    assert again.has_unsaved_changes()


def test_compare_two_administrations(
        qtbot: QtBot, tab: AssessmentsTab, app_ctx: AppContext, client: ClientDetail) -> None:
    first = _trial(app_ctx.services, client.id, date(2026, 3, 2), 40, 5, "hands_on", 8)
    second = _trial(app_ctx.services, client.id, date(2026, 3, 16), 30, 3, "independent", 7)
    tab.select(first)
    tab.select(second, add=True)
    assert tab.compare_button.isEnabled()
    dialog = tab.compare_selected()
    assert dialog is not None
    qtbot.addWidget(dialog)
    rows = {dialog.model.index(r, 0).data(): [dialog.model.index(r, c).data()
                                              for c in range(1, 5)]
            for r in range(dialog.model.rowCount())}
    independence = next(k for k in rows if k.startswith("Independence"))
    assert rows[independence] == ["0", "3", "+3", "Yes, meaningful"]
    assert rows["Perceived effort"] == ["8", "7", "−1", ""]  # under its smallest change, 2
    assert rows["Errors"][:3] == ["5", "3", "−2"]


def test_three_task_trials_make_three_points_per_series(
        qtbot: QtBot, tab: AssessmentsTab, app_ctx: AppContext, client: ClientDetail) -> None:
    for day, minutes, errors, help_, effort in [
            (date(2026, 3, 2), 40, 5, "hands_on", 8), (date(2026, 3, 9), 31, 3, "prompts", 6),
            (date(2026, 3, 16), 22, 1, "independent", 4)]:
        _trial(app_ctx.services, client.id, day, minutes, errors, help_, effort)
    assert tab.model.rowCount() == 3
    tab.table.selectRow(0)
    dialog = tab.trend_selected()
    assert dialog is not None
    qtbot.addWidget(dialog)
    chart = dialog.chart
    assert len(chart.plots) == 4  # time taken, errors, assistance, effort
    for key in chart.plots:
        assert chart.point_count(key) == 3
    minutes = next(k for k in chart.plots if k.endswith(":minutes"))
    assert chart.values(minutes) == [40.0, 31.0, 22.0]


def test_battery_view_says_what_is_missing_and_what_changed(
        qtbot: QtBot, tab: AssessmentsTab, app_ctx: AppContext, client: ClientDetail) -> None:
    ctx = app_ctx.services  # the screens hear what it changes
    model: BatteryModel = tab.battery.model
    titles = [model.index(r, BatteryModel.INSTRUMENT).data() for r in range(model.rowCount())]
    assert "Community discharge-readiness checklist" in " ".join(titles) or titles
    assert all(line.state == "missing" for line in model.lines)
    assert "missing" in tab.battery.summary.text()
    definition = library().get("discharge-readiness")
    keys = [i.key for i in definition.items() if i.scale == "support"]
    for day, code in ((date(2026, 1, 5), "hands_on"), (date(2026, 3, 2), "independent")):
        info = assessments.start_assessment(ctx, client_id=client.id,
                                            definition_id="discharge-readiness",
                                            administered_on=day)
        info = assessments.save_answers(ctx, assessment_id=info.id,
                                        expected_version=info.version,
                                        answers=dict.fromkeys(keys, code)
                                        | {i.key: "yes" for i in definition.items()
                                           if i.scale == "ready"})
        assessments.finalise_assessment(ctx, assessment_id=info.id,
                                        expected_version=info.version)
    row = next(r for r, line in enumerate(model.lines)
               if line.definition_id == "discharge-readiness")
    line = model.lines[row]
    assert line.latest is not None and line.latest.administered_on == date(2026, 3, 2)
    latest = model.index(row, BatteryModel.LATEST).data()
    assert latest.startswith("100 %")
    assert model.index(row, BatteryModel.BAND).data() == line.latest.band_label != ""
    assert "Overall readiness +" in model.index(row, BatteryModel.CHANGE).data()
    state = model.index(row, BatteryModel.STATE).data()
    assert state.startswith(("Up to date", "Out of date"))
    # Double-clicking a line opens its latest result.
    tab.battery.open_requested.emit(line.latest.id)
    assert tab.editor is not None and tab.editor.info.id == line.latest.id


def test_record_an_external_result(
        qtbot: QtBot, tab: AssessmentsTab, ctx: Context, client: ClientDetail,
        monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter([("2026-02-10", "250"), ("2026-02-10", "85")])

    def run(dialog: ExternalResultDialog) -> int:
        for day, total in answers:
            dialog.date_field.setText(day)
            dialog.total.setText(total)
            dialog.band.setText("Slight dependence")
            dialog.save()
            if dialog.recorded is not None:
                return 1
            assert "total" in dialog.error.text().lower() or dialog.error.text()
        return 0

    monkeypatch.setattr(ExternalResultDialog, "exec", run)
    _choose(monkeypatch, "barthel-index")
    result = tab.new_assessment()
    assert result is not None and result.status == "final"
    row = tab.model.row_of(result.id)
    assert tab.model.index(row, tab.model.TOTAL).data() == "85"
    assert tab.model.index(row, tab.model.BAND).data() == "Slight dependence"


def test_the_form_in_spanish(qtbot: QtBot, spanish: None, app_ctx: AppContext,
                             ctx: Context, client: ClientDetail,
                             boxes: dict[str, Any]) -> None:
    info = assessments.start_assessment(ctx, client_id=client.id,
                                        definition_id="task-performance-log")
    definition = library().get("task-performance-log")
    host = QWidget()
    qtbot.addWidget(host)
    editor = AssessmentEditor(app_ctx, info, definition, client.uuid, host)
    assert editor.save_button.text() == "&Guardar borrador"
    assert editor.form.rows["minutes"].label.text() == "Tiempo empleado (obligatorio)"
    assert editor.form.rows["assistance"].options[3].text() == "4  Ayuda física"


def test_closing_the_record_saves_the_open_draft(
        qtbot: QtBot, tab: AssessmentsTab, ctx: Context, client: ClientDetail,
        boxes: dict[str, Any]) -> None:
    info = assessments.start_assessment(ctx, client_id=client.id,
                                        definition_id="daily-living-skills")
    editor = tab.open_assessment(info.id)
    assert editor is not None
    _key(qtbot, editor, Qt.Key.Key_1)
    workspace = tab.window()
    assert isinstance(workspace, ClientWorkspace)
    assert workspace.has_unsaved_changes()
    assert "•" in workspace.tabs.tabText(workspace.tabs.currentIndex())  # marked unsaved
    boxes["answer"] = Answer.Save
    assert workspace.maybe_close()  # "Save changes?" answered Save
    first = library().get("daily-living-skills").items()[0].key
    assert assessments.get_assessment(ctx, info.id).answers == {first: editor.form.rows[
        first].codes[0]}
    assert not workspace.has_unsaved_changes()


def test_a_dashboard_link_selects_its_assessment(
        qtbot: QtBot, tab: AssessmentsTab, app_ctx: AppContext, client: ClientDetail) -> None:
    older = _trial(app_ctx.services, client.id, date(2026, 3, 2), 40, 5, "hands_on", 8)
    _trial(app_ctx.services, client.id, date(2026, 3, 9), 30, 3, "prompts", 6)
    workspace = tab.window()
    assert isinstance(workspace, ClientWorkspace)
    workspace.show_record("assessment", older)
    assert [a.id for a in tab.selected()] == [older]
