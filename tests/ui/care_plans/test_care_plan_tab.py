"""The Care plan tab: a plan built from the keyboard and dialogs, put in effect, reviewed with a
level per goal (the T-score shown), discussed at a case conference; versions compared; the
version in effect locked; the dashboard's review line opening the plan."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from otdesk.domain.vocab import CarePlanStatus, Discipline, GoalStatus
from otdesk.services import care_plan_reviews, care_plans, episodes
from otdesk.services.clients import ClientDetail
from otdesk.services.context import Context
from otdesk.ui.care_plans.history import CompareDialog
from otdesk.ui.care_plans.models import (
    ComparisonModel,
    GoalsModel,
    InterventionsModel,
    NeedsModel,
    ReviewsModel,
    VersionsModel,
)
from otdesk.ui.care_plans.reviews import ConferenceDialog, ReviewDialog, level_field
from otdesk.ui.client_record import ClientWorkspace
from otdesk.ui.client_record.record_dialog import RecordDialog
from otdesk.ui.client_record.tabs.care_plan import PLAN_PAGE, REVIEWS_PAGE, CarePlanTab
from otdesk.ui.shell.app_context import AppContext

from .conftest import Filler, focus
from .conftest import type_in as _type


def _need(qtbot: QtBot) -> Filler:
    def fill(d: RecordDialog) -> None:
        _type(qtbot, d.form.control("text"), "Mornings are hard to start")
        _type(qtbot, d.form.control("symptom_or_barrier"), "Low energy after waking")
        _type(qtbot, d.form.control("activity_limited"), "Preparing breakfast")
    return fill


def _goal(qtbot: QtBot) -> Filler:
    def fill(d: RecordDialog) -> None:
        need = d.form.control("need_id")
        need.setCurrentIndex(1)  # the need just added
        _type(qtbot, d.form.control("text"), "Makes breakfast 5 days a week")
        _type(qtbot, d.form.control("measure"), "Days a week, from the client's log")
        _type(qtbot, d.form.control("baseline"), "1 day a week")
        levels = d.form.control("gas_levels").parentWidget()
        for level, words in ((-2, "Never"), (-1, "1-2 days"), (0, "3-4 days"),
                             (1, "5 days"), (2, "Every day")):
            _type(qtbot, levels.edits[level], words)
        family = d.form.control("plain_language").parentWidget()
        family.text.setFocus()
        family.text.insertPlainText("Marta hace su desayuno casi todos los días")
    return fill


def _intervention(qtbot: QtBot, discipline: Discipline, what: str, who: str,
                  for_family: str = "") -> Filler:
    def fill(d: RecordDialog) -> None:
        combo = d.form.control("discipline")
        combo.setCurrentIndex(combo.findData(discipline.value))
        _type(qtbot, d.form.control("description"), what)
        _type(qtbot, d.form.control("frequency"), "Weekly")
        _type(qtbot, d.form.control("owner_name"), who)
        if for_family:
            family = d.form.control("plain_language").parentWidget()
            family.text.setFocus()
            family.text.insertPlainText(for_family)
    return fill


def _build_active_plan(qtbot: QtBot, tab: CarePlanTab, dialogs: list[Filler]) -> None:
    tab.new_plan_button.click()
    editor = tab.editor
    dialogs.append(_need(qtbot))
    editor.needs.add_button.click()
    dialogs.append(_goal(qtbot))
    editor.goals.add_button.click()
    dialogs.append(_intervention(qtbot, Discipline.PSYCHIATRY, "Review morning sedation",
                                 "Dr Okafor"))
    editor.interventions.add_button.click()
    dialogs.append(_intervention(qtbot, Discipline.FAMILY, "Cue breakfast, do not do it",
                                 "Sister", for_family="Recuérdele el desayuno y espere"))
    editor.interventions.add_button.click()
    tab.activate_button.click()


def test_build_activate_review_and_conference(
    qtbot: QtBot, open_tab: Callable[[int], CarePlanTab], client: ClientDetail, ctx: Context,
    boxes: dict[str, Any], dialogs: list[Filler],
) -> None:
    tab = open_tab(client.id)
    assert tab.empty.isVisible() and tab.new_plan_button.isVisible()
    _build_active_plan(qtbot, tab, dialogs)
    assert boxes["warned"] == []
    plan = tab.plan
    assert plan is not None and plan.status is CarePlanStatus.ACTIVE
    assert [n.activity_limited for n in plan.needs] == ["Preparing breakfast"]
    goal = plan.goals[0]
    assert goal.need_id == plan.needs[0].id
    assert goal.gas_levels == {"-2": "Never", "-1": "1-2 days", "0": "3-4 days", "1": "5 days",
                               "2": "Every day"}
    assert goal.plain_language == {"en": "Marta hace su desayuno casi todos los días"}
    assert {(i.discipline, i.goal_id) for i in plan.interventions} == {
        (Discipline.PSYCHIATRY, goal.id), (Discipline.FAMILY, goal.id)}
    task = next(i for i in plan.interventions if i.discipline is Discipline.FAMILY)
    assert task.plain_language == {"en": "Recuérdele el desayuno y espere"}
    # Locked look: no editing of the content, but the goal's status may still be set.
    editor = tab.editor
    assert editor.lock_text.startswith("Locked: version 1 is in effect")
    assert editor.header.property("role") == "banner-locked"
    assert not editor.needs.add_button.isVisible()
    assert not editor.interventions.edit_button.isVisible()
    assert editor.goals.status_button.isVisible()
    # At a glance: what each discipline does, which barrier each goal addresses.
    glance = editor.glance.text()
    assert "Psychiatry" in glance and "Review morning sedation" in glance
    assert "Family" in glance and "Low energy after waking" in glance

    def rate(d: RecordDialog) -> None:
        assert isinstance(d, ReviewDialog)
        combo = d.form.control(level_field(goal))
        assert "5 days" in combo.itemText(combo.findData(1))  # the goal's own words
        combo.setCurrentIndex(combo.findData(1))
        assert d.score.text() == "60.0"  # one goal at +1: 50 + 10 * 1 / sqrt(0.7 + 0.3)
        _type(qtbot, d.form.control("notes"), "Breakfast most days now")

    dialogs.append(rate)
    tab.reviews.review_button.click()
    assert tab.pages.currentIndex() == REVIEWS_PAGE
    review = tab.plan.latest_review if tab.plan else None
    assert review is not None and review.level_of(goal.id) == 1
    assert tab.reviews.model.rowCount() == 1
    assert tab.reviews.chart is not None and tab.reviews.chart.values("t_score") == [
        pytest.approx(review.t_score)]
    assert "5 days" in tab.reviews.review_card.text()

    next_review = ctx.today() + timedelta(days=60)

    def confer(d: RecordDialog) -> None:
        assert isinstance(d, ConferenceDialog)
        _type(qtbot, d.attendees.edits[Discipline.PSYCHIATRY], "Dr Okafor")
        _type(qtbot, d.attendees.edits[Discipline.FAMILY], "Sister, Mother")
        _type(qtbot, d.form.control("client_view"), "Feels more awake")
        _type(qtbot, d.form.control("family_view"), "Fewer arguments at breakfast")
        _type(qtbot, d.form.control("decisions"), "Keep the plan; add lunch next time")
        d.form.control("next_review_date").parentWidget().setText(next_review.isoformat())

    dialogs.append(confer)
    tab.reviews.conference_button.click()
    plan = tab.plan
    assert plan is not None and plan.status is CarePlanStatus.ACTIVE
    conference = plan.conferences[-1]
    assert [(a.discipline, a.name) for a in conference.attendees] == [
        (Discipline.PSYCHIATRY, "Dr Okafor"), (Discipline.FAMILY, "Sister"),
        (Discipline.FAMILY, "Mother")]
    assert plan.next_joint_review == next_review
    assert "Fewer arguments" in tab.reviews.conferences.text()


def test_set_a_goal_status_on_the_plan_in_effect_and_undo_it(
    qtbot: QtBot, open_tab: Callable[[int], CarePlanTab], client: ClientDetail, ctx: Context,
    boxes: dict[str, Any], dialogs: list[Filler],
) -> None:
    tab = open_tab(client.id)
    _build_active_plan(qtbot, tab, dialogs)
    goals = tab.editor.goals
    goals.table.selectRow(0)

    def achieved(d: RecordDialog) -> None:
        status = d.form.control("status")
        status.setCurrentIndex(status.findData(GoalStatus.ACHIEVED.value))
        _type(qtbot, d.form.control("reason"), "Five days for a month")

    dialogs.append(achieved)
    focus(qtbot, goals.table)
    qtbot.keyClick(goals.table, Qt.Key.Key_Return)  # on the plan in effect: its status
    assert tab.plan is not None and tab.plan.goals[0].status is GoalStatus.ACHIEVED
    assert "Five days for a month" in goals.model.data(goals.model.index(0, 4))
    tab.tc.undo_stack.undo()
    assert tab.plan.goals[0].status is GoalStatus.ACTIVE
    assert care_plans.get_plan(ctx, plan_id=tab.plan.id).goals[0].status is GoalStatus.ACTIVE


def test_new_version_comparison_shows_the_reworded_goal(
    qtbot: QtBot, open_tab: Callable[[int], CarePlanTab], client: ClientDetail, ctx: Context,
    boxes: dict[str, Any], dialogs: list[Filler],
) -> None:
    tab = open_tab(client.id)
    _build_active_plan(qtbot, tab, dialogs)
    first = tab.plan
    assert first is not None
    tab.new_version_button.click()
    draft = tab.plan
    assert draft is not None and draft.plan_version == 2 and draft.status is CarePlanStatus.DRAFT
    assert "is a draft" in tab.editor.lock_text
    assert tab.editor.header.property("role") == "banner-ok"
    goals = tab.editor.goals
    goals.table.selectRow(0)

    def reword(d: RecordDialog) -> None:
        text = d.form.control("text")
        text.selectAll()
        _type(qtbot, text, "Makes breakfast every day")

    dialogs.append(reword)
    focus(qtbot, goals.table)
    qtbot.keyClick(goals.table, Qt.Key.Key_Return)  # on a draft: the goal itself
    needs = tab.editor.needs
    needs.table.selectRow(0)
    focus(qtbot, needs.table)
    qtbot.keyClick(needs.table, Qt.Key.Key_Delete)
    assert tab.plan is not None and tab.plan.needs == ()
    assert tab.plan.goals[0].need_id is None
    tab.tc.undo_stack.undo()
    assert tab.plan is not None and len(tab.plan.needs) == 1
    tab.activate_button.click()
    assert [v.status for v in tab.versions] == [CarePlanStatus.ACTIVE, CarePlanStatus.SUPERSEDED]
    history = tab.history
    history.table.selectAll()
    dialog = history.compare_button.click() or tab.findChild(CompareDialog)
    assert isinstance(dialog, CompareDialog)
    qtbot.addWidget(dialog)
    model = dialog.model
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Version 1"
    rows = {model.data(model.index(r, 0)): r for r in range(model.rowCount())}
    row = rows["Goal 1"]
    assert model.data(model.index(row, 1)).startswith("Makes breakfast 5 days a week")
    assert model.data(model.index(row, 2)).startswith("Makes breakfast every day")
    assert model.data(model.index(row, 3)) == "≠ changed"  # in words, not only in colour
    assert model.data(model.index(row, 0), Qt.ItemDataRole.FontRole).bold()
    need_row = rows["Need 1"]
    assert model.data(model.index(need_row, 3)) == "same"
    dialog.only_changes.setChecked(True)
    assert dialog.proxy.rowCount() < model.rowCount()
    # The superseded version shows read-only, its goal status fixed too.
    tab.show_version(first.id)
    assert tab.editor.lock_text.startswith("Locked: version 1 was superseded")
    assert not tab.editor.goals.status_button.isVisible()
    assert not tab.activate_button.isEnabled()


def test_the_dashboard_review_line_opens_the_plan(
    qtbot: QtBot, app_ctx: AppContext, client: ClientDetail, ctx: Context,
    boxes: dict[str, Any],
) -> None:
    from otdesk.ui.shell.main_window import MainWindow
    from otdesk.ui.shell.navigation import DASHBOARD

    episode = next(e for e in episodes.list_episodes(ctx, client_id=client.id) if e.is_open)
    plan = care_plans.create_plan(ctx, client_id=client.id, episode_id=episode.id,
                                  values={"review_date": ctx.today() + timedelta(days=3)})
    plan = care_plans.add_goal(ctx, plan_id=plan.id, version=plan.version,
                               values={"text": "Walks to the shop"})
    plan = care_plans.activate_plan(ctx, plan_id=plan.id, version=plan.version)
    care_plans.new_version(ctx, plan_id=plan.id)  # a newer draft beside it: the line names v1
    window = MainWindow.for_session(app_ctx)
    qtbot.addWidget(window)
    window.show()
    window.show_page(DASHBOARD)

    def card() -> Any:
        return next((c for c in window.dashboard.sections
                     if c.key == "care_plan_reviews" and c.model.rowCount()), None)

    qtbot.waitUntil(lambda: card() is not None)
    table = card().table
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    workspace = window.stack.currentWidget()
    assert isinstance(workspace, ClientWorkspace) and workspace.client_id == client.id
    tab = workspace.current_tab()
    assert isinstance(tab, CarePlanTab)
    assert tab.plan is not None and tab.plan.id == plan.id
    assert tab.plan.status is CarePlanStatus.ACTIVE
    assert tab.pages.currentIndex() == PLAN_PAGE
    goals = tab.editor.goals.model
    assert goals.data(goals.index(0, 1)) == "Walks to the shop"


def test_the_care_plan_models_pass_the_model_tester(
    qtbot: QtBot, qtmodeltester: Any, open_tab: Callable[[int], CarePlanTab],
    client: ClientDetail, ctx: Context, boxes: dict[str, Any], dialogs: list[Filler],
) -> None:
    tab = open_tab(client.id)
    _build_active_plan(qtbot, tab, dialogs)
    plan = tab.plan
    assert plan is not None
    draft = care_plans.new_version(ctx, plan_id=plan.id)
    comparison = care_plans.compare_plans(ctx, older_id=plan.id, newer_id=draft.id)
    interventions = InterventionsModel()
    interventions.set_goals(plan.goals)
    interventions.set_records(plan.interventions)
    needs, goals, versions = NeedsModel(), GoalsModel(), VersionsModel()
    needs.set_records(plan.needs)
    goals.set_records(plan.goals)
    versions.set_records(care_plans.list_plans(ctx, client_id=client.id))
    compared = ComparisonModel()
    compared.set_rows(comparison.rows, comparison.older_version, comparison.newer_version)
    reviews = ReviewsModel()
    reviews.set_records([care_plan_reviews.record_review(
        ctx, plan_id=plan.id, review_date=ctx.today(), levels={plan.goals[0].id: 0})])
    for model in (needs, goals, interventions, versions, compared, reviews):
        assert model.rowCount() > 0
        qtmodeltester.check(model, force_py=True)


def test_a_review_left_half_typed_by_a_crash_is_offered_back(
    qtbot: QtBot, app_ctx: AppContext, client: ClientDetail, ctx: Context,
    boxes: dict[str, Any], monkeypatch: pytest.MonkeyPatch,
) -> None:
    from otdesk.services import drafts
    from otdesk.ui.editing.drafts_ui import AUTO_RESTORE, client_draft_key

    episode = next(e for e in episodes.list_episodes(ctx, client_id=client.id) if e.is_open)
    plan = care_plans.create_plan(ctx, client_id=client.id, episode_id=episode.id)
    plan = care_plans.add_goal(ctx, plan_id=plan.id, version=plan.version,
                               values={"text": "Walks to the shop"})
    plan = care_plans.activate_plan(ctx, plan_id=plan.id, version=plan.version)
    drafts.save_draft(ctx, key=client_draft_key(client.uuid, f"care_plan:review:{plan.uuid}"),
                      title="Review", payload={"changes": {"notes": "Half typed"},
                                               AUTO_RESTORE: True})
    restored: list[str] = []

    def run(dialog: RecordDialog) -> int:
        assert isinstance(dialog, ReviewDialog)
        qtbot.waitUntil(lambda: dialog.form.values()["notes"] == "Half typed")
        restored.append(dialog.form.values()["notes"])
        return 0

    monkeypatch.setattr(RecordDialog, "exec", run)
    w = ClientWorkspace(app_ctx, client.id)  # the tab with typing left behind opens first
    qtbot.addWidget(w)
    w.show()
    assert isinstance(w.current_tab(), CarePlanTab)
    qtbot.waitUntil(lambda: restored == ["Half typed"])
