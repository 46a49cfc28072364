"""Single answers are checked with a message naming the item; texts fall back to English."""

from __future__ import annotations

from datetime import date

import pytest

from otdesk.domain.definitions import (
    Definition,
    Texts,
    UnknownItem,
    check_answer,
    check_answers,
    missing_required,
)
from tests.definition_samples import skills_data, texts


def definition() -> Definition:
    data = skills_data()
    data["sections"][0]["items"] += [
        {"key": "minutes", "text": texts("Minutes"), "type": "number", "min": 0, "max": 90,
         "integer": True, "required": True},
        {"key": "seen_on", "text": texts("Seen on"), "type": "date"},
        {"key": "note", "text": texts("Note"), "type": "text"},
    ]
    data["scoring"][0]["items"] = ["cooking", "cleaning", "bus"]
    data["sections"][0]["items"][1]["required"] = True
    data["sections"][0]["items"][1]["show_if"] = {"item": "cooking", "answered": True}
    return Definition.model_validate(data)


def test_valid_and_empty_answers_pass() -> None:
    d = definition()
    for key, value in (("cooking", "prompts"), ("minutes", 30), ("seen_on", "2026-11-30"),
                       ("seen_on", date(2026, 11, 30)), ("note", "calm"), ("note", ""),
                       ("cooking", None)):
        assert check_answer(d, key, value) is None, (key, value)


@pytest.mark.parametrize(("key", "value", "message"), [
    ("cooking", "sometimes",
     "cooking: 'sometimes' is not one of its answers (independent, prompts, hands_on, "
     "not_able, not_assessed)"),
    ("minutes", 91, "minutes: 91 is above the highest allowed, 90"),
    ("minutes", -1, "minutes: -1 is below the lowest allowed, 0"),
    ("minutes", 2.5, "minutes: 2.5 is not a whole number"),
    ("minutes", "ten", "minutes: 'ten' is not a number"),
    ("minutes", True, "minutes: 'True' is not a number"),
    ("seen_on", "30/11/2026", "seen_on: '30/11/2026' is not a date (YYYY-MM-DD)"),
    ("note", 7, "note: the answer must be text"),
])
def test_invalid_answers_are_named(key: str, value: object, message: str) -> None:
    assert check_answer(definition(), key, value) == message


def test_unknown_items() -> None:
    d = definition()
    assert check_answers(d, {"ironing": "yes", "cooking": "prompts"}) == {
        "ironing": "ironing: there is no such item"}
    with pytest.raises(UnknownItem, match="'ironing'"):
        check_answer(d, "ironing", "yes")


def test_required_items_left_open_count_only_when_shown() -> None:
    d = definition()
    assert [i.key for i in missing_required(d, {})] == ["minutes"]
    assert [i.key for i in missing_required(d, {"cooking": "prompts"})] == [
        "cleaning", "minutes"]


def test_texts_fall_back_to_english() -> None:
    text = Texts({"en": "Kitchen", "es": "Cocina"})
    assert (text.text("es"), text.text("es-MX"), text.text("fr")) == (
        "Cocina", "Cocina", "Kitchen")
    with pytest.raises(ValueError, match="English"):
        Texts({"es": "Cocina"})
