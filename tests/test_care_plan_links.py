"""From findings to the care plan on both engines: an assessment's banded score, a checklist
hazard and a home modification each suggest a need and a goal; adding one puts it in the
episode's draft (the first version, or a new version when only the active one exists); the
need names its record and the record knows which versions cite it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from io import BytesIO

import pytest
from pypdf import PdfReader

from otdesk.domain.errors import ValidationError
from otdesk.domain.vocab import CarePlanStatus, NeedSource
from otdesk.services import (
    assessments,
    care_plan_links,
    care_plans,
    checklists,
    clients,
    modifications,
    printing,
)
from otdesk.services.context import Context

MakeClient = Callable[..., clients.ClientDetail]
READINESS_ITEMS = [
    "personal_care", "meal_preparation", "shopping", "housekeeping", "laundry",
    "appliance_safety", "phone_for_help", "takes_on_time", "uses_reminders", "orders_refills",
    "budgeting", "pays_bills", "benefits", "public_transport", "new_journey", "appointments",
    "road_safety", "daily_structure", "sleep_routine", "occupation", "pacing", "coping_skills",
]


def _readiness(ctx: Context, client_id: int, code: str = "hands_on") -> assessments.AssessmentInfo:
    draft = assessments.start_assessment(ctx, client_id=client_id,
                                         definition_id="discharge-readiness",
                                         administered_on=date(2026, 10, 1))
    saved = assessments.save_answers(ctx, assessment_id=draft.id,
                                     expected_version=draft.version,
                                     answers=dict.fromkeys(READINESS_ITEMS, code))
    return assessments.finalise_assessment(ctx, assessment_id=saved.id,
                                           expected_version=saved.version)


def _rail(ctx: Context, client_id: int) -> modifications.ModificationInfo:
    return modifications.create_modification(
        ctx, client_id=client_id, area="bathroom", item_key="grab_rails",
        recommendation="Fit a grab rail beside the toilet", category="bathroom",
        owner="landlord", priority="soon")


def test_an_assessment_band_suggests_a_need_and_a_goal(
    ctx: Context, make_client: MakeClient
) -> None:
    client = make_client()
    done = _readiness(ctx, client.id)
    overall = done.result.scores["overall"] if done.result else None
    assert overall is not None and overall.band is not None
    got = care_plan_links.suggest_from(ctx, source_kind="assessment", source_id=done.id)
    assert (got.source_kind, got.source_id, got.source_detail) == (
        NeedSource.ASSESSMENT, done.id, "overall")
    band = overall.band.label.text("en")
    assert got.symptom_or_barrier == band and band in got.finding
    assert got.need_values()["source_id"] == done.id and got.goal_text
    living = care_plan_links.suggest_from(ctx, source_kind="battery", source_id=done.id,
                                          detail="living_skills")
    assert living.source_detail == "living_skills" and living.source_kind is NeedSource.BATTERY
    with pytest.raises(ValidationError) as err:
        care_plan_links.suggest_from(ctx, source_kind="assessment", source_id=done.id,
                                     detail="shoe_size")
    assert err.value.for_field("detail")


def test_adding_an_assessment_finding_starts_the_plan_and_links_both_ways(
    ctx: Context, make_client: MakeClient
) -> None:
    client = make_client()
    done = _readiness(ctx, client.id)
    plan, need = care_plan_links.add_to_plan(ctx, client_id=client.id,
                                             source_kind="assessment", source_id=done.id)
    assert (plan.plan_version, plan.status, plan.episode_id) == (
        1, CarePlanStatus.DRAFT, done.episode_id)
    assert (need.source_kind, need.source_id, need.source_detail) == (
        NeedSource.ASSESSMENT, done.id, "overall")
    [goal] = plan.goals
    assert goal.need_id == need.id and plan.barriers_of(goal.id) == (need.symptom_or_barrier,)
    # A second finding goes into the same draft, worded by the clinician.
    plan, second = care_plan_links.add_to_plan(
        ctx, client_id=client.id, source_kind="assessment", source_id=done.id,
        detail="medication", need={"text": "Forgets evening tablets"},
        goal={"text": "Uses a dosette box every evening", "gas_weight": 2})
    assert [n.text for n in plan.needs][1] == "Forgets evening tablets"
    assert plan.goals[1].gas_weight == 2.0 and plan.goals[1].need_id == second.id
    links = care_plan_links.plan_links(ctx, source_kind="assessment", source_ids=[done.id, 999])
    assert list(links) == [done.id]
    assert [(c.plan_id, c.plan_version, c.need_id) for c in links[done.id]] == [
        (plan.id, 1, need.id), (plan.id, 1, second.id)]


def test_a_modification_added_to_an_active_plan_goes_into_a_new_version(
    ctx: Context, make_client: MakeClient
) -> None:
    client = make_client()
    first, _need = care_plan_links.add_to_plan(
        ctx, client_id=client.id, source_kind="assessment",
        source_id=_readiness(ctx, client.id).id)
    active = care_plans.activate_plan(ctx, plan_id=first.id, version=first.version)
    rail = _rail(ctx, client.id)
    suggestion = care_plan_links.suggest_from(ctx, source_kind="modification", source_id=rail.id)
    assert "Fit a grab rail beside the toilet" in suggestion.goal_text
    plan, need = care_plan_links.add_to_plan(ctx, client_id=client.id,
                                             source_kind="modification", source_id=rail.id)
    assert (plan.plan_version, plan.status, plan.based_on_id) == (
        2, CarePlanStatus.DRAFT, active.id)
    assert (need.source_kind, need.source_id) == (NeedSource.MODIFICATION, rail.id)
    assert len(plan.needs) == 2 and len(care_plans.get_plan(ctx, plan_id=active.id).needs) == 1
    links = care_plan_links.plan_links(ctx, source_kind="modification", source_ids=[rail.id])
    assert [(c.plan_version, c.status) for c in links[rail.id]] == [(2, CarePlanStatus.DRAFT)]
    # The need opens its finding: the record it names is the modification.
    opened = modifications.get_modification(ctx, modification_id=need.source_id or 0)
    assert opened.recommendation == "Fit a grab rail beside the toilet"


def test_a_checklist_hazard_is_suggested_with_its_recommendation(
    ctx: Context, make_client: MakeClient
) -> None:
    client = make_client()
    started = checklists.start_checklist(ctx, client_id=client.id,
                                         definition_id="home-environment")
    saved = checklists.save_answers(ctx, checklist_id=started.id,
                                    expected_version=started.version,
                                    answers={"entrance_steps": "hazard"})
    [hazard] = checklists.hazard_recommendations(ctx, checklist_id=saved.id)
    got = care_plan_links.suggest_from(ctx, source_kind="checklist", source_id=saved.id)
    assert (got.source_detail, got.goal_text) == ("entrance_steps", hazard.text)
    plan, need = care_plan_links.add_to_plan(ctx, client_id=client.id,
                                             source_kind="checklist", source_id=saved.id)
    assert need.source_detail == "entrance_steps" and plan.goals[0].text == hazard.text


def test_another_clients_finding_is_refused(ctx: Context, make_client: MakeClient) -> None:
    owner, other = make_client(), make_client()
    rail = _rail(ctx, owner.id)
    with pytest.raises(ValidationError) as err:
        care_plan_links.add_to_plan(ctx, client_id=other.id, source_kind="modification",
                                    source_id=rail.id)
    assert err.value.for_field("source_id")
    assert care_plans.list_plans(ctx, client_id=other.id) == []




def test_the_printed_plan_names_each_finding_in_words(
    ctx: Context, make_client: MakeClient
) -> None:
    client = make_client()
    done = _readiness(ctx, client.id)
    plan, _need = care_plan_links.add_to_plan(ctx, client_id=client.id,
                                              source_kind="assessment", source_id=done.id)
    rail = _rail(ctx, client.id)
    care_plan_links.add_to_plan(ctx, client_id=client.id, source_kind="modification",
                                source_id=rail.id)
    finding = care_plan_links.finding_of(ctx, source_kind="assessment", source_id=done.id,
                                         detail="overall")
    # The record, its date as the reader writes dates, the score and its band.
    assert finding.startswith(f"{done.title} of 1 Oct 2026: ")
    assert care_plan_links.finding_of(ctx, source_kind="assessment", source_id=done.id,
                                      detail="shoe_size") == ""
    assert care_plan_links.finding_of(ctx, source_kind="modification", source_id=99_999) == ""
    pdf = printing.render(ctx, "careplan", client.record_number,
                          printing.PrintOptions(language="en", record_id=plan.id)).pdf_bytes
    text = " ".join(" ".join((page.extract_text() or "").split())
                    for page in PdfReader(BytesIO(pdf)).pages)
    assert f"Found in {finding}" in text
    assert "Home modification: Fit a grab rail beside the toilet" in text
    assert "grab_rails" not in text
