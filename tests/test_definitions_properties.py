"""Properties of every shipped definition (and of samples using every method and missing-answer
rule): any answers within the scales give scores inside the declared range, and the bands
cover that range exactly once."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from otdesk.domain.definitions import (
    Definition,
    Item,
    ItemType,
    check_answer,
    load_definitions,
    score,
)
from otdesk.domain.definitions.scoring import step
from otdesk.resources import resource_path
from tests.definition_samples import HAZARD, SUPPORT, band, item, rule, texts

SHIPPED = load_definitions([resource_path("definitions")]).all()


def every_method() -> Definition:
    """Items that can be hidden or not applicable, scored by every method and missing rule."""
    levels = {"options": [{"code": str(x), "label": texts(str(x)), "score": x}
                          for x in (-2, -1, 0, 1, 2)]}
    rules: list[dict[str, Any]] = []
    for missing in ("skip", "lowest", "prorate"):
        rules += [
            rule(f"sum_{missing}", "sum", missing=missing, domain="skills"),
            rule(f"mean_{missing}", "mean", missing=missing, domain="skills"),
            rule(f"percent_{missing}", "percent", missing=missing, domain="skills",
                 bands=[band(0, 49, "low"), band(50, 100, "high")]),
            rule(f"weighted_{missing}", "weighted_sum", missing=missing, domain="skills",
                 weights={"a": 2, "b": 0.5, "minutes": 0.1}),
            rule(f"gas_{missing}", "gas_t_score", missing=missing, items=["g1", "g2"],
                 weights={"g1": 3}),
        ]
    rules.append(rule("hazards", "count", count_flags=["hazard"], items=["h1", "h2"]))
    return Definition.model_validate({
        "id": "every-method", "version": "1", "kind": "scale", "title": texts("All"),
        "licence": texts("Tests"), "scales": {"support": SUPPORT, "hazard": HAZARD,
                                              "level": levels},
        "sections": [
            {"key": "one", "title": texts("One"), "items": [
                item("a", domain="skills"),
                item("b", domain="skills", show_if={"item": "a", "in": ["prompts", "hands_on"]}),
                {"key": "minutes", "text": texts("Minutes"), "type": "number", "min": 5,
                 "max": 60, "domain": "skills"},
                item("h1", "hazard"), item("h2", "hazard")]},
            {"key": "two", "title": texts("Two"), "show_if": {"item": "h1", "answered": True},
             "items": [item("c", domain="skills"), item("g1", "level"), item("g2", "level")]},
        ],
        "scoring": rules,
    })


DEFINITIONS = [*SHIPPED, every_method()]


def value_for(definition: Definition, it: Item) -> st.SearchStrategy[object]:
    if it.type is ItemType.CHOICE:
        scale = definition.scale_of(it)
        assert scale is not None
        return st.sampled_from([o.code for o in scale.options])
    if it.type is ItemType.NUMBER:
        low, high = it.min if it.min is not None else 0, it.max if it.max is not None else 1e6
        if it.integer:
            return st.integers(int(low), int(high))
        return st.floats(low, high, allow_nan=False)
    if it.type is ItemType.DATE:
        return st.dates().map(lambda d: d.isoformat())
    return st.text(max_size=20)


@st.composite
def definition_and_answers(draw: st.DrawFn) -> tuple[Definition, dict[str, object]]:
    definition = draw(st.sampled_from(DEFINITIONS))
    answers: dict[str, object] = {}
    for it in definition.items():
        value = draw(st.one_of(st.none(), value_for(definition, it)))
        if value is not None:
            answers[it.key] = value
    return definition, answers


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(definition_and_answers())
def test_scores_stay_inside_the_declared_range(case: tuple[Definition, dict[str, object]]) \
        -> None:
    definition, answers = case
    assert all(check_answer(definition, k, v) is None for k, v in answers.items())
    for key, result in score(definition, answers).scores.items():
        assert (result.minimum, result.maximum) == definition.score_range(key)
        assert result.answered <= result.expected
        if result.value is None:
            assert result.reason
            continue
        assert result.minimum <= result.value <= result.maximum, (definition.id, key)
        if definition.rule(key).bands:
            assert result.band is not None and result.band.holds(result.value)


def test_bands_cover_the_range_exactly_once() -> None:
    checked = 0
    for definition in DEFINITIONS:
        for rule_ in definition.scoring:
            if not rule_.bands:
                continue
            low, high = definition.score_range(rule_.key)
            gap = step(rule_)
            for n in range(round((high - low) / gap) + 1):
                value = round(low + n * gap, rule_.places)
                holding = [b for b in rule_.bands if b.holds(value)]
                assert len(holding) == 1, (definition.id, rule_.key, value, holding)
                checked += 1
    assert checked > 1000  # the percent, T-score and sum bands were all walked
