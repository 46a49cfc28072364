"""Environmental checklists from a checklist definition: started, answered (checked against
the definition), finalised and then read-only; hazards offer their recommendations, which
become home modifications."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from otdesk.domain.errors import ConflictError, ValidationError
from otdesk.domain.vocab import HazardAnswer, ModificationOwner, ModificationStatus, Priority
from otdesk.services import checklists, clients, modifications
from otdesk.services.context import Context

MakeClient = Callable[..., clients.ClientDetail]
HOME = "home-environment"


def test_a_visit_is_answered_area_by_area_and_finalised(
    ctx: Context, make_client: MakeClient
) -> None:
    client = make_client()
    started = checklists.start_checklist(ctx, client_id=client.id, definition_id=HOME)
    assert (started.status.value, started.definition_id, started.answers) == ("draft", HOME, {})
    assert started.episode_id is not None  # filed under the client's open episode
    saved = checklists.save_answers(
        ctx, checklist_id=started.id, expected_version=started.version,
        answers={"entrance_steps": "hazard", "entrance_dark": "no_hazard",
                 "keys_lock": "not_applicable"},
        notes={"entrance_steps": "Second step loose"}, summary="First visit")
    steps = saved.answers["entrance_steps"]
    assert (steps.area, steps.code, steps.answer, steps.note) == (
        "entrance", "hazard", HazardAnswer.HAZARD, "Second step loose")
    assert saved.answers["keys_lock"].answer is HazardAnswer.NOT_APPLICABLE
    assert saved.hazards == 1 and saved.summary == "First visit"
    cleared = checklists.save_answers(ctx, checklist_id=saved.id,
                                      expected_version=saved.version,
                                      answers={"entrance_dark": None})
    assert set(cleared.answers) == {"entrance_steps", "keys_lock"}
    with pytest.raises(ConflictError):
        checklists.save_answers(ctx, checklist_id=saved.id, expected_version=saved.version,
                                answers={"entrance_dark": "hazard"})

    with pytest.raises(ValidationError) as refused:  # a required item is still open
        checklists.finalise_checklist(ctx, checklist_id=cleared.id,
                                      expected_version=cleared.version)
    assert "still to answer" in str(refused.value) and "clinic policy" in str(refused.value)
    ready = checklists.save_answers(ctx, checklist_id=cleared.id,
                                    expected_version=cleared.version,
                                    answers={"risk_check": "no"})
    final = checklists.finalise_checklist(ctx, checklist_id=ready.id,
                                          expected_version=ready.version)
    assert final.is_final and final.finalised_at is not None
    with pytest.raises(ValidationError) as refused:
        checklists.save_answers(ctx, checklist_id=final.id, expected_version=final.version,
                                answers={"entrance_dark": "hazard"})
    assert "can no longer be changed" in str(refused.value)
    assert [c.id for c in checklists.list_for_client(ctx, client_id=client.id)] == [final.id]


def test_answers_are_checked_against_the_definition(
    ctx: Context, make_client: MakeClient
) -> None:
    client = make_client()
    c = checklists.start_checklist(ctx, client_id=client.id, definition_id=HOME)
    with pytest.raises(ValidationError) as refused:
        checklists.save_answers(ctx, checklist_id=c.id, expected_version=c.version,
                                answers={"entrance_steps": "maybe", "no_such_item": "hazard"})
    fields = {e.field for e in refused.value.errors}
    assert fields == {"entrance_steps", "no_such_item"}
    assert "'maybe' is not one of its answers" in str(refused.value)
    assert checklists.get_checklist(ctx, checklist_id=c.id).answers == {}
    with pytest.raises(ValidationError) as refused:
        checklists.start_checklist(ctx, client_id=client.id, definition_id="discharge-readiness")
    assert "is not a checklist" in str(refused.value)
    with pytest.raises(ValidationError):
        checklists.start_checklist(ctx, client_id=client.id, definition_id="no-such-list")


def test_a_hazard_becomes_a_modification_once(ctx: Context, make_client: MakeClient) -> None:
    client = make_client()
    c = checklists.start_checklist(ctx, client_id=client.id, definition_id=HOME)
    c = checklists.save_answers(ctx, checklist_id=c.id, expected_version=c.version,
                                answers={"entrance_steps": "hazard", "stairs_rails": "hazard",
                                         "entrance_dark": "no_hazard"})
    offered = checklists.hazard_recommendations(ctx, checklist_id=c.id)
    assert [r.item_key for r in offered] == ["entrance_steps", "stairs_rails"]
    steps = offered[0]
    assert steps.text.startswith("Repair the steps") and steps.owner is ModificationOwner.LANDLORD
    assert steps.priority is Priority.SOON and steps.category == "entrance"
    assert steps.modification_id is None

    made = checklists.accept_recommendation(ctx, checklist_id=c.id, item_key="entrance_steps",
                                            owner_name="Harbour Housing",
                                            estimated_cost_cents=20000)
    assert (made.client_id, made.checklist_id, made.item_key) == (client.id, c.id,
                                                                  "entrance_steps")
    assert made.recommendation == steps.text and made.area == steps.area
    assert made.status is ModificationStatus.RECOMMENDED and made.owner_name == "Harbour Housing"
    again = checklists.hazard_recommendations(ctx, checklist_id=c.id)
    assert again[0].modification_id == made.id
    with pytest.raises(ValidationError) as refused:
        checklists.accept_recommendation(ctx, checklist_id=c.id, item_key="entrance_steps")
    assert "already has a modification" in str(refused.value)
    with pytest.raises(ValidationError):
        checklists.accept_recommendation(ctx, checklist_id=c.id, item_key="entrance_dark")
    assert [m.id for m in modifications.list_for_client(ctx, client_id=client.id)] == [made.id]
