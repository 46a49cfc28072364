"""Each scoring method against answers worked out by hand, and comparing two results."""

from __future__ import annotations

import pytest

from otdesk.domain.definitions import (
    Definition,
    ScoreResult,
    compare,
    gas_t_score,
    score,
)
from tests.definition_samples import HAZARD, band, item, rule, skills, skills_data, texts

ALL_THREE = {"cooking": "independent", "cleaning": "prompts", "bus": "hands_on"}  # 3, 2, 1
TWO = {"cooking": "independent", "cleaning": "prompts"}  # 3, 2 and bus unanswered


def one_rule(method: str, **extra: object) -> Definition:
    return skills(scoring=[rule("s", method, **extra)])


def test_sum_adds_the_option_scores_and_finds_the_band() -> None:
    result = score(skills(), ALL_THREE).scores["total"]
    assert result.value == 6  # 3 + 2 + 1
    assert (result.answered, result.expected) == (3, 3)
    assert (result.minimum, result.maximum) == (0, 9)
    assert result.band is not None and result.band.label.text("en") == "high"


def test_sum_of_a_missing_answer_skipped_lowest_or_prorated() -> None:
    assert score(one_rule("sum"), TWO).scores["s"].value == 5  # 3 + 2
    assert score(one_rule("sum", missing="lowest"), TWO).scores["s"].value == 5  # + 0
    # prorated: 5 of the answered range 0..6 is 5/6 of the way; over 0..9 that is 7.5
    assert score(one_rule("sum", missing="prorate", decimals=1), TWO).scores["s"].value == 7.5


def test_not_applicable_takes_the_item_out_of_the_score() -> None:
    answers = {**TWO, "bus": "not_assessed"}
    result = score(one_rule("percent", decimals=1), answers).scores["s"]
    assert (result.answered, result.expected) == (2, 2)
    assert result.value == 83.3  # 5 of a possible 6


def test_mean_over_answered_or_with_missing_as_lowest() -> None:
    assert score(one_rule("mean"), ALL_THREE).scores["s"].value == 2.0  # 6 / 3
    assert score(one_rule("mean"), TWO).scores["s"].value == 2.5  # 5 / 2
    assert score(one_rule("mean", missing="lowest"), TWO).scores["s"].value == 1.7  # 5 / 3


def test_percent_of_the_possible_range() -> None:
    assert score(one_rule("percent", decimals=1), ALL_THREE).scores["s"].value == 66.7  # 6/9


def test_weighted_sum() -> None:
    definition = one_rule("weighted_sum", weights={"cooking": 2, "cleaning": 1, "bus": 0.5})
    assert score(definition, ALL_THREE).scores["s"].value == 8.5  # 2*3 + 1*2 + 0.5*1
    assert definition.score_range("s") == (0, 10.5)  # 2*3 + 3 + 1.5


def test_scores_per_domain() -> None:
    definition = skills(scoring=[rule("home", "sum", domain="home"),
                                 rule("community", "sum", domain="community")])
    result = score(definition, ALL_THREE)
    assert (result.value("home"), result.value("community")) == (5, 1)


def test_count_of_hazards() -> None:
    definition = Definition.model_validate({
        "id": "home", "version": "1", "kind": "checklist", "title": texts("Home"),
        "licence": texts("Ours"), "scales": {"hazard": HAZARD},
        "sections": [{"key": "kitchen", "title": texts("Kitchen"), "items": [
            item(k, "hazard") for k in ("rugs", "cords", "stool", "gas")]}],
        "scoring": [rule("hazards", "count", count_flags=["hazard"])],
    })
    answers = {"rugs": "hazard", "cords": "no_hazard", "stool": "hazard",
               "gas": "not_applicable"}
    result = score(definition, answers).scores["hazards"]
    assert result.value == 2
    assert (result.answered, result.expected) == (3, 3)
    assert definition.score_range("hazards") == (0, 4)


def test_too_few_answers_give_no_score_and_say_why() -> None:
    result = score(one_rule("sum", min_answered=3), TWO).scores["s"]
    assert result.value is None
    assert result.reason is not None and "2" in result.reason and "3" in result.reason


def test_gas_t_score_worked_examples() -> None:
    # Four unweighted goals at -1, 0, +1, +2 (the simplified form in Turner-Stokes 2009,
    # "Goal attainment scaling (GAS) in rehabilitation: a practical guide", rho = 0.3):
    # T = 50 + 10 * 2 / sqrt(0.7 * 4 + 0.3 * 4^2) = 50 + 20 / sqrt(7.6) = 50 + 7.2548 = 57.25
    assert gas_t_score([(-1, 1), (0, 1), (1, 1), (2, 1)]) == pytest.approx(57.2548, abs=1e-4)
    # Weighted: weights 2, 1, 3 and levels +1, 0, -1: sum(wx) = 2 - 3 = -1,
    # sum(w^2) = 14, (sum w)^2 = 36: T = 50 - 10 / sqrt(0.7 * 14 + 0.3 * 36)
    # = 50 - 10 / sqrt(20.6) = 50 - 2.2033 = 47.797
    assert gas_t_score([(1, 2), (0, 1), (-1, 3)]) == pytest.approx(47.7967, abs=1e-4)
    # Every goal met as expected gives 50, whatever the weights.
    assert gas_t_score([(0, 1), (0, 4), (0, 2)]) == 50


def gas_definition() -> Definition:
    levels = {"options": [{"code": str(x), "label": texts(str(x)), "score": x}
                          for x in (-2, -1, 0, 1, 2)]}
    goals = []
    for n in (1, 2, 3):
        goals += [item(f"goal{n}", "gas"),
                  {"key": f"goal{n}_weight", "text": texts("weight"), "type": "number",
                   "min": 1, "max": 10}]
    return Definition.model_validate({
        "id": "gas", "version": "1", "kind": "goals", "title": texts("GAS"),
        "licence": texts("A method"), "scales": {"gas": levels},
        "sections": [{"key": "goals", "title": texts("Goals"), "items": goals}],
        "scoring": [rule("t", "gas_t_score", items=["goal1", "goal2", "goal3"],
                         weight_items={f"goal{n}": f"goal{n}_weight" for n in (1, 2, 3)})],
    })


def test_gas_t_score_from_answers_with_weights() -> None:
    definition = gas_definition()
    answers = {"goal1": "1", "goal1_weight": 2, "goal2": "0", "goal2_weight": 1,
               "goal3": "-1", "goal3_weight": 3}
    assert score(definition, answers).value("t") == 47.8  # the weighted example above
    # Unweighted goals (no weights answered) at +2, +2, +2: 50 + 60 / sqrt(2.1 + 2.7)
    assert score(definition, {"goal1": "2", "goal2": "2", "goal3": "2"}).value("t") == 77.4
    assert definition.score_range("t") == (22.6, 77.4)


def test_stored_results_come_back_the_same() -> None:
    result = score(skills(), ALL_THREE)
    assert ScoreResult.from_json(result.to_json()) == result


def test_compare_flags_changes_of_at_least_the_smallest_meaningful_change() -> None:
    definition = skills(scoring=[rule("home", "sum", domain="home", min_change=2),
                                 rule("community", "sum", domain="community", min_change=2)])
    before = score(definition, {"cooking": "not_able", "cleaning": "hands_on",
                                "bus": "hands_on"})
    after = score(definition, {"cooking": "prompts", "cleaning": "hands_on", "bus": "prompts"})
    changes = {c.key: c for c in compare(definition, before, after)}
    assert (changes["home"].before, changes["home"].after, changes["home"].change) == (1, 3, 2)
    assert changes["home"].meaningful
    assert changes["community"].change == 1 and not changes["community"].meaningful


def test_a_definition_without_a_smallest_change_flags_nothing() -> None:
    definition = skills()
    before = score(definition, {"cooking": "not_able"})
    after = score(definition, ALL_THREE)
    assert [c.meaningful for c in compare(definition, before, after)] == [False]


def test_hidden_items_do_not_count() -> None:
    data = skills_data()
    data["sections"][0]["items"][2]["show_if"] = {"item": "cooking", "in": ["not_able"]}
    definition = Definition.model_validate(data)
    result = score(definition, ALL_THREE).scores["total"]
    assert (result.value, result.expected) == (5, 2)  # bus is hidden: cooking is not "not able"
    assert [i.key for i in definition.visible_items(ALL_THREE)] == ["cooking", "cleaning"]


def test_bands_are_read_from_the_definition() -> None:
    definition = skills(scoring=[rule("total", "sum", bands=[band(0, 9, "all")])])
    assert score(definition, {}).scores["total"].value is None
