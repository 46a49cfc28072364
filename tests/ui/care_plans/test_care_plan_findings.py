"""From findings to the care plan on screen: an assessment's finding becomes a need with a
goal, the plan is finished (interventions for psychiatry and the family), put in effect,
reviewed and discussed at a case conference; the assessment then says it is in the plan and
the need opens it. A home modification is added from the Home checklists tab and from the
clinic's modifications page."""

from __future__ import annotations

from datetime import date
from typing import Any

from pytestqt.qtbot import QtBot

from otdesk.domain.records import RecordKind
from otdesk.domain.vocab import CarePlanStatus, Discipline, NeedSource
from otdesk.services import assessments, checklists, modifications
from otdesk.services.clients import ClientDetail
from otdesk.services.context import Context
from otdesk.ui.care_plans.findings import AddToPlanDialog
from otdesk.ui.care_plans.reviews import ReviewDialog, level_field
from otdesk.ui.client_record import ClientWorkspace
from otdesk.ui.client_record.record_dialog import RecordDialog
from otdesk.ui.client_record.tabs.assessments import AssessmentsTab
from otdesk.ui.client_record.tabs.care_plan import CarePlanTab
from otdesk.ui.client_record.tabs.home_checklists import HomeChecklistsTab
from otdesk.ui.modifications.view import ModificationsView
from otdesk.ui.shell.app_context import AppContext

from .conftest import Filler, type_in

READINESS_ITEMS = [
    "personal_care", "meal_preparation", "shopping", "housekeeping", "laundry",
    "appliance_safety", "phone_for_help", "takes_on_time", "uses_reminders", "orders_refills",
    "budgeting", "pays_bills", "benefits", "public_transport", "new_journey", "appointments",
    "road_safety", "daily_structure", "sleep_routine", "occupation", "pacing", "coping_skills",
]


def _readiness(ctx: Context, client_id: int) -> assessments.AssessmentInfo:
    draft = assessments.start_assessment(ctx, client_id=client_id,
                                         definition_id="discharge-readiness",
                                         administered_on=date(2026, 10, 1))
    saved = assessments.save_answers(ctx, assessment_id=draft.id,
                                     expected_version=draft.version,
                                     answers=dict.fromkeys(READINESS_ITEMS, "hands_on"))
    return assessments.finalise_assessment(ctx, assessment_id=saved.id,
                                           expected_version=saved.version)


def _rail(ctx: Context, client_id: int) -> modifications.ModificationInfo:
    return modifications.create_modification(
        ctx, client_id=client_id, area="bathroom", item_key="grab_rails",
        recommendation="Fit a grab rail beside the toilet", category="bathroom",
        owner="landlord", priority="soon")


def _workspace(qtbot: QtBot, app_ctx: AppContext, client_id: int) -> ClientWorkspace:
    w = ClientWorkspace(app_ctx, client_id)
    qtbot.addWidget(w)
    w.resize(1366, 800)
    w.show()
    return w


def _intervention(qtbot: QtBot, discipline: Discipline, what: str) -> Filler:
    def fill(d: RecordDialog) -> None:
        combo = d.form.control("discipline")
        combo.setCurrentIndex(combo.findData(discipline.value))
        type_in(qtbot, d.form.control("description"), what)
        type_in(qtbot, d.form.control("frequency"), "Weekly")
    return fill


def test_an_assessment_finding_becomes_a_plan_that_is_reviewed(
    qtbot: QtBot, app_ctx: AppContext, client: ClientDetail, ctx: Context,
    boxes: dict[str, Any], dialogs: list[Filler],
) -> None:
    done = _readiness(ctx, client.id)
    w = _workspace(qtbot, app_ctx, client.id)
    tab = w.tab("assessments")
    assert isinstance(tab, AssessmentsTab)
    w.show_tab(tab)
    tab.select(done.id)
    assert tab.plan_button.isEnabled() and not tab.plan_note.isVisible()

    def word(d: RecordDialog) -> None:
        assert isinstance(d, AddToPlanDialog)
        assert d.suggestion.source_id == done.id and d.form.values()["with_goal"]
        activity = d.form.control("activity_limited")
        activity.selectAll()
        type_in(qtbot, activity, "Daily living at home")

    dialogs.append(word)
    tab.plan_button.click()
    plan_tab = w.current_tab()
    assert isinstance(plan_tab, CarePlanTab)  # the plan is shown at once
    plan = plan_tab.plan
    assert plan is not None and plan.status is CarePlanStatus.DRAFT
    need = plan.needs[0]
    assert (need.source_kind, need.source_id) == (NeedSource.ASSESSMENT, done.id)
    assert need.activity_limited == "Daily living at home"
    assert plan.goals[0].need_id == need.id
    editor = plan_tab.editor
    assert editor.needs.model.data(editor.needs.model.index(0, 3)) == "Assessment"
    assert editor.needs.source_button.isEnabled()

    dialogs.append(_intervention(qtbot, Discipline.PSYCHIATRY, "Review medication timing"))
    editor.interventions.add_button.click()
    dialogs.append(_intervention(qtbot, Discipline.FAMILY, "Prompt the morning routine"))
    editor.interventions.add_button.click()
    plan_tab.activate_button.click()
    plan = plan_tab.plan
    assert plan is not None and plan.status is CarePlanStatus.ACTIVE
    assert {i.discipline for i in plan.interventions} == {Discipline.PSYCHIATRY,
                                                           Discipline.FAMILY}
    goal = plan.goals[0]

    def rate(d: RecordDialog) -> None:
        assert isinstance(d, ReviewDialog)
        combo = d.form.control(level_field(goal))
        combo.setCurrentIndex(combo.findData(-1))
        assert d.score.text() == "40.0"

    dialogs.append(rate)
    plan_tab.reviews.review_button.click()
    assert plan_tab.plan is not None and plan_tab.plan.latest_review is not None
    assert plan_tab.plan.latest_review.t_score == 40.0
    assert plan_tab.reviews.model.data(plan_tab.reviews.model.index(0, 1)) == "40.0"

    def confer(d: RecordDialog) -> None:
        type_in(qtbot, d.attendees.edits[Discipline.PSYCHIATRY], "Dr Okafor")
        type_in(qtbot, d.form.control("decisions"), "Carry on")

    dialogs.append(confer)
    plan_tab.reviews.conference_button.click()
    assert plan_tab.plan is not None and len(plan_tab.plan.conferences) == 1

    # Both ways: the assessment says it is in the plan, and the need opens the assessment.
    w.show_tab(tab)
    assert tab.plan_note.text() == "In care plan v1"
    w.show_tab(plan_tab)
    editor.needs.table.selectRow(0)
    editor.needs.source_button.click()
    assert w.current_tab() is tab
    assert [a.id for a in tab.selected()] == [done.id]
    assert boxes["warned"] == []


def test_a_hazard_answered_on_a_visit_is_added_to_the_plan(
    qtbot: QtBot, app_ctx: AppContext, client: ClientDetail, ctx: Context,
    boxes: dict[str, Any], dialogs: list[Filler],
) -> None:
    started = checklists.start_checklist(ctx, client_id=client.id,
                                         definition_id="home-environment")
    w = _workspace(qtbot, app_ctx, client.id)
    tab = w.tab("home_checklists")
    assert isinstance(tab, HomeChecklistsTab)
    w.show_tab(tab)
    tab.show_record(RecordKind.CHECKLIST, started.id)
    editor = tab.editor
    editor.areas.setCurrentRow(1)  # the entrance
    steps = editor.combos["entrance_steps"]
    steps.setCurrentIndex(steps.findData("hazard"))  # typed, not saved yet
    assert editor.current_hazard() == "entrance_steps" and not tab.visit_note.isVisible()
    dialogs.append(lambda d: None)
    tab.hazard_plan_button.click()
    plan_tab = w.current_tab()
    assert isinstance(plan_tab, CarePlanTab) and plan_tab.plan is not None
    need = plan_tab.plan.needs[0]
    assert (need.source_kind, need.source_id, need.source_detail) == (
        NeedSource.CHECKLIST, started.id, "entrance_steps")
    # The need's card names the finding in words, not by its stored key.
    needs = plan_tab.editor.needs
    qtbot.waitUntil(lambda: needs.table.model().rowCount() == 1)
    needs.table.selectRow(0)
    card = needs.card()
    assert "Home environment and modifications" in card, card
    assert "entrance_steps" not in card
    assert checklists.get_checklist(ctx, checklist_id=started.id).answers[
        "entrance_steps"].code == "hazard"  # the answer was saved first
    w.show_tab(tab)
    assert tab.visit_note.text() == "In care plan v1"


def test_a_modification_is_added_from_the_home_checklists_tab(
    qtbot: QtBot, app_ctx: AppContext, client: ClientDetail, ctx: Context,
    boxes: dict[str, Any], dialogs: list[Filler],
) -> None:
    rail = _rail(ctx, client.id)
    w = _workspace(qtbot, app_ctx, client.id)
    tab = w.tab("home_checklists")
    assert isinstance(tab, HomeChecklistsTab)
    w.show_tab(tab)
    tab.modification_table.selectRow(0)
    dialogs.append(lambda d: None)  # the suggestion as it is
    tab.plan_button.click()
    plan_tab = w.current_tab()
    assert isinstance(plan_tab, CarePlanTab) and plan_tab.plan is not None
    need = plan_tab.plan.needs[0]
    assert (need.source_kind, need.source_id) == (NeedSource.MODIFICATION, rail.id)
    w.show_tab(tab)
    assert tab.plan_note.text() == "In care plan v1"


def test_the_clinic_modifications_page_adds_one_and_opens_the_plan(
    qtbot: QtBot, app_ctx: AppContext, client: ClientDetail, ctx: Context,
    boxes: dict[str, Any], dialogs: list[Filler],
) -> None:
    rail = _rail(ctx, client.id)
    view = ModificationsView(app_ctx)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    view.table.setCurrentIndex(view.proxy.index(0, 0))
    dialogs.append(lambda d: None)
    with qtbot.waitSignal(view.open_record) as opened:
        view.add_selected_to_plan()
    ref = opened.args[0]
    assert (ref.entity, ref.client_id) == (RecordKind.CARE_PLAN, client.id)
    assert view.plan_note.text() == "In care plan v1"
    from otdesk.services import care_plans

    plan = care_plans.get_plan(ctx, plan_id=ref.id)
    assert [n.source_id for n in plan.needs] == [rail.id]
