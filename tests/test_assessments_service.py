"""Assessments through the services, on both engines: start, answer, finalise, read-only once
final (in the service and in the database), corrections, external results, comparisons and
trends, and the discharge-readiness battery."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from otdesk.db.models import Assessment, BatteryInstrument
from otdesk.domain.definitions import UnknownDefinition
from otdesk.domain.errors import ConflictError, NotFoundError, ValidationError
from otdesk.domain.records import RecordKind
from otdesk.services import assessments as a
from otdesk.services import clients
from otdesk.services._records import stamp_new
from otdesk.services.context import Context

MakeClient = Callable[..., clients.ClientDetail]

CAREGIVER = "caregiver-check-in"
CAREGIVER_ALL = {
    "worn_out": "often", "sleep_affected": "sometimes", "worried_safety": "often",
    "own_health": "never", "no_time": "mostly", "relationship_strain": "sometimes",
    "know_plan": "never", "know_signs": "sometimes", "know_whom_to_call": "often",
    "feel_supported": "mostly",
}
READINESS = "discharge-readiness"
READINESS_ITEMS = [
    "personal_care", "meal_preparation", "shopping", "housekeeping", "laundry",
    "appliance_safety", "phone_for_help", "takes_on_time", "uses_reminders", "orders_refills",
    "budgeting", "pays_bills", "benefits", "public_transport", "new_journey", "appointments",
    "road_safety", "daily_structure", "sleep_routine", "occupation", "pacing", "coping_skills",
]


def _done(ctx: Context, client_id: int, definition_id: str, answers: dict[str, Any],
          on: date) -> a.AssessmentInfo:
    draft = a.start_assessment(ctx, client_id=client_id, definition_id=definition_id,
                               administered_on=on)
    saved = a.save_answers(ctx, assessment_id=draft.id, expected_version=draft.version,
                           answers=answers)
    return a.finalise_assessment(ctx, assessment_id=saved.id, expected_version=saved.version)


def _readiness(code: str) -> dict[str, Any]:
    return dict.fromkeys(READINESS_ITEMS, code)


def test_start_answer_finalise_and_read_back(ctx: Context, make_client: MakeClient) -> None:
    client = make_client()
    announced: list[Any] = []
    ctx = Context(ctx.db, ctx.actor_id, ctx.workstation, on_change=announced.append)
    draft = a.start_assessment(ctx, client_id=client.id, definition_id=CAREGIVER,
                               administered_on=date(2026, 11, 2))
    assert (draft.status, draft.definition_version, draft.title) == ("draft", "1",
                                                                     "Caregiver check-in")
    assert draft.episode_id is not None  # the open episode the client was added with
    assert RecordKind.ASSESSMENT in announced[-1].kinds
    saved = a.save_answers(ctx, assessment_id=draft.id, expected_version=draft.version,
                           answers=CAREGIVER_ALL, comment="seen at home")
    assert saved.result is not None
    assert saved.result.value("strain") == 2 + 1 + 2 + 0 + 3 + 1
    assert saved.result.value("information_gaps") == 3 + 2 + 1 + 0
    final = a.finalise_assessment(ctx, assessment_id=saved.id, expected_version=saved.version)
    assert final.is_final and final.finalised_at is not None
    assert final.author_name == "Clinic Administrator"
    again = a.get_assessment(ctx, final.id)
    assert again.answers == CAREGIVER_ALL and again.comment == "seen at home"
    assert again.result == final.result
    assert [x.id for x in a.list_assessments(ctx, client.id)] == [final.id]


def test_an_answer_the_definition_refuses_is_named(ctx: Context,
                                                   make_client: MakeClient) -> None:
    draft = a.start_assessment(ctx, client_id=make_client().id, definition_id=CAREGIVER)
    with pytest.raises(ValidationError) as refused:
        a.save_answers(ctx, assessment_id=draft.id, expected_version=draft.version,
                       answers={"worn_out": "always", "no_such_item": "x"})
    reason = refused.value.for_field("worn_out")
    assert reason is not None and "'always' is not one of its answers" in reason
    assert str(refused.value).startswith("worn_out: 'always'")
    assert refused.value.for_field("no_such_item") is not None
    # Nothing was saved, and a stale copy is refused.
    assert a.get_assessment(ctx, draft.id).answers == {}
    a.save_answers(ctx, assessment_id=draft.id, expected_version=draft.version,
                   answers={"worn_out": "never"})
    with pytest.raises(ConflictError):
        a.save_answers(ctx, assessment_id=draft.id, expected_version=draft.version,
                       answers={"worn_out": "often"})


def test_answers_merge_and_a_blank_answer_clears_an_item(ctx: Context,
                                                         make_client: MakeClient) -> None:
    draft = a.start_assessment(ctx, client_id=make_client().id, definition_id=CAREGIVER)
    one = a.save_answers(ctx, assessment_id=draft.id, expected_version=draft.version,
                         answers={"worn_out": "often", "sleep_affected": "never"})
    two = a.save_answers(ctx, assessment_id=one.id, expected_version=one.version,
                         answers={"worn_out": None, "no_time": "mostly"})
    assert two.answers == {"sleep_affected": "never", "no_time": "mostly"}


def test_finalising_names_the_required_items_left_open(ctx: Context,
                                                       make_client: MakeClient) -> None:
    draft = a.start_assessment(ctx, client_id=make_client().id, definition_id=CAREGIVER)
    with pytest.raises(ValidationError, match="nothing has been answered"):
        a.finalise_assessment(ctx, assessment_id=draft.id, expected_version=draft.version)
    partial = dict(CAREGIVER_ALL)
    del partial["know_plan"], partial["feel_supported"]
    saved = a.save_answers(ctx, assessment_id=draft.id, expected_version=draft.version,
                           answers=partial)
    with pytest.raises(ValidationError) as refused:
        a.finalise_assessment(ctx, assessment_id=saved.id, expected_version=saved.version)
    assert {e.field for e in refused.value.errors} == {"know_plan", "feel_supported"}
    assert a.get_assessment(ctx, saved.id).status == "draft"


def test_a_finalised_assessment_is_read_only_in_the_service_and_the_database(
    ctx: Context, make_client: MakeClient
) -> None:
    final = _done(ctx, make_client().id, CAREGIVER, CAREGIVER_ALL, date(2026, 11, 2))
    for attempt in (
        lambda: a.save_answers(ctx, assessment_id=final.id, expected_version=final.version,
                               answers={"worn_out": "never"}),
        lambda: a.finalise_assessment(ctx, assessment_id=final.id,
                                      expected_version=final.version),
        lambda: a.discard_draft(ctx, assessment_id=final.id, expected_version=final.version),
    ):
        with pytest.raises(a.FinalisedAssessmentError, match="correction"):
            attempt()
    with pytest.raises(DBAPIError, match="read-only"), ctx.db.engine.begin() as conn:
        conn.execute(text("UPDATE assessments SET answers = '{}' WHERE id = :id"),
                     {"id": final.id})
    assert a.get_assessment(ctx, final.id).answers == CAREGIVER_ALL


def test_a_correction_is_a_new_draft_linked_to_the_unchanged_original(
    ctx: Context, make_client: MakeClient
) -> None:
    client = make_client()
    final = _done(ctx, client.id, CAREGIVER, CAREGIVER_ALL, date(2026, 11, 2))
    fix = a.correct_assessment(ctx, assessment_id=final.id)
    assert (fix.status, fix.corrects_id, fix.answers) == ("draft", final.id, CAREGIVER_ALL)
    assert fix.administered_on == final.administered_on
    original = a.get_assessment(ctx, final.id)
    assert original.corrected_by_id == fix.id and original.version == final.version
    with pytest.raises(ValidationError, match="already has a correction"):
        a.correct_assessment(ctx, assessment_id=final.id)
    with pytest.raises(ValidationError, match="draft"):
        a.correct_assessment(ctx, assessment_id=fix.id)
    fixed = a.save_answers(ctx, assessment_id=fix.id, expected_version=fix.version,
                           answers={"worn_out": "never"})
    done = a.finalise_assessment(ctx, assessment_id=fixed.id, expected_version=fixed.version)
    # The correction stands in the trend; the original stays in the history.
    series = {s.key: s for s in a.trend(ctx, client.id, CAREGIVER)}
    assert series["strain"].points == [(date(2026, 11, 2), 7.0)]
    assert {x.id for x in a.list_assessments(ctx, client.id)} == {final.id, done.id}


def test_a_draft_is_discarded(ctx: Context, make_client: MakeClient) -> None:
    client = make_client()
    draft = a.start_assessment(ctx, client_id=client.id, definition_id=CAREGIVER)
    a.discard_draft(ctx, assessment_id=draft.id, expected_version=draft.version)
    with pytest.raises(NotFoundError):
        a.get_assessment(ctx, draft.id)


def test_unknown_definitions_and_clients_are_named(ctx: Context,
                                                   make_client: MakeClient) -> None:
    with pytest.raises(UnknownDefinition, match="no-such-scale"):
        a.start_assessment(ctx, client_id=make_client().id, definition_id="no-such-scale")
    with pytest.raises(NotFoundError):
        a.start_assessment(ctx, client_id=987654, definition_id=CAREGIVER)


def test_the_band_of_the_total_in_clinician_and_plain_words(ctx: Context,
                                                            make_client: MakeClient) -> None:
    final = _done(ctx, make_client().id, READINESS, _readiness("independent"),
                  date(2026, 10, 1))
    assert final.result is not None and final.result.value("overall") == 100
    assert final.band_label == "Independent in nearly all areas checked"
    assert final.plain_band and final.plain_band != final.band_label
    assert final.to_json()["scores"]["overall"]["value"] == 100


def test_an_external_result_is_final_at_once_and_checked_against_its_range(
    ctx: Context, make_client: MakeClient
) -> None:
    client = make_client()
    kels = a.record_external_result(ctx, client_id=client.id,
                                    definition_id="kohlman-living-skills",
                                    administered_on=date(2026, 9, 1), total="5,5",
                                    band="needs some support", comment="clinic room")
    assert kels.is_final and kels.external_total == "5.5"
    assert kels.band_label == "needs some support"
    assert kels.result is not None and kels.result.value("total") == 5.5
    with pytest.raises(ValidationError, match="21"):
        a.record_external_result(ctx, client_id=client.id,
                                 definition_id="kohlman-living-skills",
                                 administered_on=date(2026, 9, 1), total=21)
    with pytest.raises(ValidationError, match="not an external result"):
        a.record_external_result(ctx, client_id=client.id, definition_id=CAREGIVER,
                                 administered_on=date(2026, 9, 1), total=3)


def test_compare_flags_meaningful_changes(ctx: Context, make_client: MakeClient) -> None:
    client = make_client()
    first = {"problem1": "Cooking", "problem1_importance": "9", "problem1_performance": "3",
             "problem1_satisfaction": "2"}
    later = {**first, "problem1_performance": "6", "problem1_satisfaction": "3"}
    before = _done(ctx, client.id, "client-priorities", first, date(2026, 6, 1))
    after = _done(ctx, client.id, "client-priorities", later, date(2026, 9, 1))
    comparison = a.compare_assessments(ctx, before.id, after.id)
    changes = {c.key: c for c in comparison.changes}
    assert (changes["performance"].change, changes["performance"].meaningful) == (3, True)
    assert (changes["satisfaction"].change, changes["satisfaction"].meaningful) == (1, False)
    other = _done(ctx, client.id, CAREGIVER, CAREGIVER_ALL, date(2026, 9, 2))
    with pytest.raises(ValidationError, match="same instrument"):
        a.compare_assessments(ctx, before.id, other.id)


def test_trend_gives_one_series_per_domain_and_the_total(ctx: Context,
                                                         make_client: MakeClient) -> None:
    client = make_client()
    for on, code in ((date(2026, 3, 1), "hands_on"), (date(2026, 6, 1), "prompts"),
                     (date(2026, 9, 1), "independent")):
        _done(ctx, client.id, READINESS, _readiness(code), on)
    a.start_assessment(ctx, client_id=client.id, definition_id=READINESS)  # drafts left out
    series = {s.key: s for s in a.trend(ctx, client.id, READINESS)}
    assert "overall" in series and "living_skills" in series
    assert [p[0] for p in series["overall"].points] == [date(2026, 3, 1), date(2026, 6, 1),
                                                        date(2026, 9, 1)]
    values = [p[1] for p in series["overall"].points]
    assert values == sorted(values) and values[0] < values[-1]
    assert series["overall"].task == ""


def test_task_log_trend_per_measure_and_task_over_three_trials(
    ctx: Context, make_client: MakeClient
) -> None:
    client = make_client()
    trials = [("2026-10-01", 40, 5, "hands_on", 8), ("2026-10-08", 31, 3, "prompts", 6),
              ("2026-10-15", 22, 1, "independent", 3)]
    for when, minutes, errors, help_level, effort in reversed(trials):
        _done(ctx, client.id, "task-performance-log", {
            "task": "Prepare a simple meal", "trial_date": when, "minutes": minutes,
            "errors": errors, "assistance": help_level, "effort": effort}, date(2026, 10, 20))
    _done(ctx, client.id, "task-performance-log", {
        "task": "Pay a bill", "trial_date": "2026-10-02", "minutes": 15, "errors": 2,
        "assistance": "prompts", "effort": 5}, date(2026, 10, 2))
    series = a.trend(ctx, client.id, "task-performance-log")
    meal = {s.key: s for s in series if s.task == "Prepare a simple meal"}
    assert set(meal) == {"minutes", "errors", "assistance", "effort"}
    assert meal["minutes"].points == [(date(2026, 10, 1), 40.0), (date(2026, 10, 8), 31.0),
                                      (date(2026, 10, 15), 22.0)]
    assert [v for _d, v in meal["errors"].points] == [5, 3, 1]
    assistance = [v for _d, v in meal["assistance"].points]
    assert assistance == sorted(assistance) and assistance[0] < assistance[-1]
    assert {s.task for s in series} == {"Prepare a simple meal", "Pay a bill"}


def test_battery_missing_due_and_current(ctx: Context, make_client: MakeClient) -> None:
    client = make_client()
    with ctx.db.transaction() as session:
        for position, (definition_id, days) in enumerate(
                ((READINESS, 90), (CAREGIVER, 30), ("barthel-index", 60))):
            row = BatteryInstrument(definition_id=definition_id, repeat_days=days,
                                    position=position, active=True)
            stamp_new(row, ctx)
            session.add(row)
        retired = BatteryInstrument(definition_id="daily-living-skills", repeat_days=90,
                                    position=1, active=False)  # left out of the battery
        stamp_new(retired, ctx)
        session.add(retired)
    _done(ctx, client.id, READINESS, _readiness("hands_on"), date(2026, 6, 1))
    _done(ctx, client.id, READINESS, _readiness("independent"), date(2026, 10, 1))
    _done(ctx, client.id, CAREGIVER, CAREGIVER_ALL, date(2026, 9, 1))
    lines = a.battery_status(ctx, client.id, today=date(2026, 11, 1))
    assert [line.definition_id for line in lines] == [READINESS, CAREGIVER, "barthel-index"]
    readiness, caregiver, barthel = lines
    assert (readiness.state, readiness.due_on) == ("current", date(2026, 12, 30))
    assert readiness.first is not None and readiness.first.administered_on == date(2026, 6, 1)
    assert readiness.latest is not None and readiness.latest.administered_on == date(2026, 10, 1)
    overall = {c.key: c for c in readiness.changes}["overall"]
    assert overall.before is not None and overall.after == 100 and overall.change
    assert "next due" in readiness.summary and "Independent" in readiness.summary
    assert (caregiver.state, caregiver.due_on) == ("due", date(2026, 10, 1))
    assert "due since" in caregiver.summary
    assert (barthel.state, barthel.latest, barthel.due_on) == ("missing", None, None)
    assert a.battery_summary(lines) == (
        "Instruments up to date: 1 of 3; missing: Barthel Index, result; "
        "due: Caregiver check-in")


def test_the_default_battery_when_the_clinic_names_none(ctx: Context,
                                                        make_client: MakeClient) -> None:
    lines = a.battery_status(ctx, make_client().id, today=date(2026, 11, 1))
    assert [line.definition_id for line in lines] == list(a.DEFAULT_BATTERY)
    assert all(line.state == "missing" for line in lines)


def test_a_result_stored_before_definitions_is_listed_by_its_name(
    ctx: Context, make_client: MakeClient
) -> None:
    # Older databases hold results-only rows naming no installed definition.
    client = make_client()
    with ctx.db.transaction() as session:
        row = Assessment(client_id=client.id, instrument_id="external", instrument_version="1",
                         administered_on=date(2025, 5, 1), status="final",
                         answers={"instrument_name": "Barthel Index"}, external_total="70")
        stamp_new(row, ctx)
        session.add(row)
    [old] = a.list_assessments(ctx, client.id)
    assert (old.title, old.kind, old.result, old.external_total) == (
        "Barthel Index", None, None, "70")
    assert old.to_json()["total"] is None and old.is_final
