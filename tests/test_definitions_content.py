"""The shipped definitions: each validates, carries en/es/fr texts, and the schema is current."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from otdesk.domain.definitions import (
    DefinitionKind,
    check_answer,
    compare,
    load_definitions,
    load_file,
    missing_required,
    recommendations,
    score,
)
from otdesk.domain.vocab import ModificationOwner, Priority
from otdesk.resources import resource_path

ROOT = Path(__file__).resolve().parents[1]
FOLDER = resource_path("definitions")
FILES = sorted(p for p in FOLDER.glob("*.json") if p.name != "definition.schema.json")


def test_the_shipped_schema_is_up_to_date() -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        from definition_schema import schema_text  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(ROOT / "tools"))
    shipped = (FOLDER / "definition.schema.json").read_text(encoding="utf-8")
    assert shipped == schema_text(), "run: python tools/definition_schema.py"
    assert json.loads(shipped)["properties"]["kind"]


def test_every_shipped_definition_validates() -> None:
    library = load_definitions([FOLDER])
    assert [str(p) for p in library.problems] == []
    assert len(library) == len(FILES)


LIBRARY = load_definitions([FOLDER])
SHIPPED = LIBRARY.all()
LANGUAGES = {"en", "es", "fr"}


def _texts(value: object, path: str = "") -> list[tuple[str, dict[str, str]]]:
    """Every translated text (a dict with an "en" key) inside a definition file's data."""
    if isinstance(value, dict):
        if "en" in value and all(isinstance(v, str) for v in value.values()):
            return [(path, value)]
        return [t for k, v in value.items() for t in _texts(v, f"{path}.{k}")]
    if isinstance(value, list):
        return [t for n, v in enumerate(value) for t in _texts(v, f"{path}[{n}]")]
    return []


@pytest.mark.parametrize("file", FILES, ids=lambda p: p.name)
def test_every_text_is_written_in_english_spanish_and_french(file: Path) -> None:
    data = json.loads(file.read_text(encoding="utf-8"))
    missing = [path for path, text in _texts(data)
               if {lang for lang, words in text.items() if words.strip()} != LANGUAGES]
    assert missing == []


@pytest.mark.parametrize("file", FILES, ids=lambda p: p.name)
def test_file_names_say_id_and_version(file: Path) -> None:
    definition, problems = load_file(file)
    assert problems == [] and definition is not None
    assert file.name == f"{definition.id}.{definition.version}.json"


def test_the_content_a_clinic_needs_on_day_one_is_there() -> None:
    kinds = {d.id: d.kind for d in LIBRARY.latest()}
    assert kinds == {
        "discharge-readiness": DefinitionKind.SCALE,
        "daily-living-skills": DefinitionKind.SCALE,
        "caregiver-check-in": DefinitionKind.SCALE,
        "client-priorities": DefinitionKind.GOALS,
        "goal-attainment-scaling": DefinitionKind.GOALS,
        "task-performance-log": DefinitionKind.TASK_LOG,
        "kohlman-living-skills": DefinitionKind.EXTERNAL,
        "allen-cognitive-level": DefinitionKind.EXTERNAL,
        "readiness-hospital-discharge": DefinitionKind.EXTERNAL,
        "barthel-index": DefinitionKind.EXTERNAL,
        "cdc-steadi-check-for-safety": DefinitionKind.CHECKLIST,
        "cpsc-home-safety": DefinitionKind.CHECKLIST,
        "home-environment": DefinitionKind.CHECKLIST,
    }


def test_licensed_tools_are_recorded_as_results_never_as_items() -> None:
    # CLINICAL.md: Kohlman, Allen, RHDS and Barthel ship as external results only.
    for definition in LIBRARY.by_kind(DefinitionKind.EXTERNAL):
        assert [i.key for i in definition.items()] == [
            "version", "date", "total", "band", "administered_by"], definition.id
        assert definition.scales == {}


def test_our_own_tools_say_they_are_not_standardised() -> None:
    for definition_id in ("discharge-readiness", "daily-living-skills", "caregiver-check-in",
                          "client-priorities", "home-environment"):
        note = LIBRARY.get(definition_id).label_note
        assert note is not None and "not a standardised instrument" in note.text("en")


def test_public_domain_checklists_are_attributed_with_their_edition() -> None:
    for definition_id, agency in (("cdc-steadi-check-for-safety", "CDC"),
                                  ("cpsc-home-safety", "CPSC")):
        definition = LIBRARY.get(definition_id)
        assert definition.attribution is not None
        assert agency in definition.attribution.text("en")
        assert agency in definition.edition


def test_every_hazard_offers_a_recommendation() -> None:
    for definition in LIBRARY.by_kind(DefinitionKind.CHECKLIST):
        hazard_items = {i.key for i in definition.items() if i.scale == "hazard"}
        recommended = {r.item for r in definition.recommendations}
        assert hazard_items == recommended, definition.id


def test_a_hazard_answer_becomes_a_recommendation_with_owner_and_priority() -> None:
    definition = LIBRARY.get("cdc-steadi-check-for-safety")
    answers = {"broken_steps": "hazard", "throw_rugs": "no_hazard", "slippery_tub": "hazard"}
    found = recommendations(definition, answers)
    assert [(r.item_key, r.section_key, r.owner, r.priority) for r in found] == [
        ("broken_steps", "stairs", ModificationOwner.LANDLORD, Priority.URGENT),
        ("slippery_tub", "bathrooms", ModificationOwner.FAMILY, Priority.SOON),
    ]
    assert score(definition, answers).value("hazards") == 2


def test_risk_items_show_only_where_clinic_policy_asks() -> None:
    definition = LIBRARY.get("home-environment")
    keys = {i.key for i in definition.visible_items({"risk_check": "no"})}
    assert "medication_stockpile" not in keys and "clutter_exits" in keys
    keys = {i.key for i in definition.visible_items({"risk_check": "yes"})}
    assert "medication_stockpile" in keys
    found = recommendations(definition, {"risk_check": "no", "medication_stockpile": "hazard"})
    assert found == []


def test_client_priorities_flag_a_change_of_two_or_more() -> None:
    definition = LIBRARY.get("client-priorities")
    before = score(definition, {"problem1": "Cooking", "problem1_performance": "3",
                                "problem1_satisfaction": "2", "problem2": "Bus",
                                "problem2_performance": "4", "problem2_satisfaction": "4"})
    after = score(definition, {"problem1": "Cooking", "problem1_performance": "6",
                               "problem1_satisfaction": "3", "problem2": "Bus",
                               "problem2_performance": "5", "problem2_satisfaction": "4"})
    changes = {c.key: c for c in compare(definition, before, after)}
    assert (changes["performance"].before, changes["performance"].after) == (3.5, 5.5)
    assert changes["performance"].meaningful  # +2.0
    assert changes["satisfaction"].change == 0.5 and not changes["satisfaction"].meaningful


def test_the_tenth_rating_is_picked_with_the_zero_key() -> None:
    rating = LIBRARY.get("client-priorities").scales["rating"]
    assert [o.shortcut for o in rating.options] == [*"1234567890"]


def test_a_task_trial_scores_each_measure_for_the_trend() -> None:
    definition = LIBRARY.get("task-performance-log")
    trial = {"task": "Take the bus to the clinic", "trial_date": "2026-11-03", "minutes": 42.5,
             "errors": 3, "assistance": "prompts", "effort": 7}
    assert missing_required(definition, trial) == []
    result = score(definition, trial)
    assert [result.value(k) for k in ("minutes", "errors", "assistance", "effort")] == [
        42.5, 3, 1, 7]
    assert check_answer(definition, "effort", 11) == (
        "effort: 11 is above the highest allowed, 10")


def test_gas_scores_five_goals_with_weights() -> None:
    definition = LIBRARY.get("goal-attainment-scaling")
    answers = {"goal1": "Cook twice a week", "goal1_level": "+1", "goal1_weight": 2,
               "goal2": "Bus alone", "goal2_level": "0", "goal2_weight": 1,
               "goal3": "Pay rent on time", "goal3_level": "-1", "goal3_weight": 3}
    score_ = score(definition, answers).scores["t_score"]
    assert score_.value == 47.8  # the weighted worked example in test_definitions_scoring
    assert score_.band is not None and score_.band.label.text("en") == "Below expected overall"
    assert [i.key for i in definition.visible_items({})] == ["goal1"]
