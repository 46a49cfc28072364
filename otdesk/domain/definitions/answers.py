"""Checking single answers, finding required items left open, and the recommendations that
answers call for."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from otdesk.domain.definitions.model import Definition, Item, ItemType, Texts, is_answered
from otdesk.domain.translation import _, fill
from otdesk.domain.vocab import ModificationOwner, Priority


def check_answer(definition: Definition, item_key: str, value: object) -> str | None:
    """None when ``value`` is a valid answer to the item (or no answer), else why not."""
    item = definition.item(item_key)
    if not is_answered(value):
        return None
    name = item.key
    if item.type is ItemType.CHOICE:
        scale = definition.scale_of(item)
        if scale is None or scale.option(value) is None:
            codes = ", ".join(o.code for o in scale.options) if scale else ""
            return fill(_("{item}: '{value}' is not one of its answers ({codes})"),
                        item=name, value=str(value), codes=codes)
        return None
    if item.type is ItemType.NUMBER:
        return _check_number(item, value)
    if item.type is ItemType.DATE:
        if isinstance(value, date):
            return None
        try:
            date.fromisoformat(str(value))
        except ValueError:
            return fill(_("{item}: '{value}' is not a date (YYYY-MM-DD)"), item=name,
                        value=str(value))
        return None
    if not isinstance(value, str):
        return fill(_("{item}: the answer must be text"), item=name)
    return None


def _check_number(item: Item, value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return fill(_("{item}: '{value}' is not a number"), item=item.key, value=str(value))
    if item.integer and float(value) != int(value):
        return fill(_("{item}: {value} is not a whole number"), item=item.key, value=value)
    if item.min is not None and value < item.min:
        return fill(_("{item}: {value} is below the lowest allowed, {low}"), item=item.key,
                    value=f"{value:g}", low=f"{item.min:g}")
    if item.max is not None and value > item.max:
        return fill(_("{item}: {value} is above the highest allowed, {high}"), item=item.key,
                    value=f"{value:g}", high=f"{item.max:g}")
    return None


def check_answers(definition: Definition, answers: Mapping[str, object]) -> dict[str, str]:
    """Item key -> problem, for every answer that is not valid (unknown items included)."""
    problems: dict[str, str] = {}
    for key, value in answers.items():
        if not definition.has_item(key):
            problems[key] = fill(_("{item}: there is no such item"), item=key)
            continue
        problem = check_answer(definition, key, value)
        if problem is not None:
            problems[key] = problem
    return problems


def missing_required(definition: Definition, answers: Mapping[str, object]) -> list[Item]:
    """The required items shown for ``answers`` that are still unanswered."""
    return [item for item in definition.visible_items(answers)
            if item.required and not is_answered(answers.get(item.key))]


@dataclass(frozen=True)
class Recommendation:
    """What an answer calls for, e.g. a home modification to propose."""

    item_key: str
    section_key: str
    text: Texts
    category: str
    owner: ModificationOwner
    priority: Priority


def recommendations(definition: Definition,
                    answers: Mapping[str, object]) -> list[Recommendation]:
    """The recommendations the answers call for, in item order (shown items only)."""
    shown = {item.key: n for n, item in enumerate(definition.visible_items(answers))}
    found: list[tuple[int, int, Recommendation]] = []
    for r, rule in enumerate(definition.recommendations):
        if rule.item not in shown:
            continue
        scale = definition.scale_of(definition.item(rule.item))
        option = scale.option(answers.get(rule.item)) if scale is not None else None
        if option is None:
            continue
        if option.code in rule.codes or (not rule.codes and set(rule.flags) & option.flags):
            found.append((shown[rule.item], r, Recommendation(
                rule.item, definition.section_of(rule.item).key, rule.text, rule.category,
                rule.owner, rule.priority)))
    return [rec for _n, _r, rec in sorted(found, key=lambda t: (t[0], t[1]))]
