"""Checks of a definition as a whole, run by pydantic when a ``Definition`` is validated.

Each problem names the place in the file (``sections[2].items[4].scale``) and says what is
wrong in plain words. They are gathered, not stopped at the first, so a file's author sees
every problem at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from otdesk.domain.translation import _

if TYPE_CHECKING:
    from otdesk.domain.definitions.model import Condition, Definition, ScoreRule

Found = list[tuple[str, str]]  # (path in the file, problem)


class DefinitionProblems(ValueError):  # noqa: N818 (carries problems, read by the loader)
    """The problems of a definition as a whole, each with its path in the file."""

    def __init__(self, problems: Found) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{path}: {message}" for path, message in problems))


def cross_check(definition: Definition) -> Found:
    """Every problem of ``definition`` as a whole."""
    found: Found = []
    order = _check_keys(definition, found)
    _check_scales(definition, found)
    _check_conditions(definition, order, found)
    if not found:  # scores can only be checked once items and scales hold together
        _check_scoring(definition, found)
        _check_recommendations(definition, found)
    return found


def _check_keys(definition: Definition, found: Found) -> dict[str, int]:
    """Unique section and item keys, and scales that exist; returns item key -> position."""
    order: dict[str, int] = {}
    sections: set[str] = set()
    position = 0
    for s, section in enumerate(definition.sections):
        if section.key in sections:
            found.append((f"sections[{s}].key",
                          _("the section key '{key}' is used twice").format(key=section.key)))
        sections.add(section.key)
        for i, item in enumerate(section.items):
            where = f"sections[{s}].items[{i}]"
            if item.key in order:
                found.append((f"{where}.key",
                              _("the item key '{key}' is used twice").format(key=item.key)))
            order.setdefault(item.key, position)
            position += 1
            if item.scale is not None and item.scale not in definition.scales:
                found.append((f"{where}.scale",
                              _("there is no scale '{scale}' in \"scales\"").format(
                                  scale=item.scale)))
    return order


def _check_scales(definition: Definition, found: Found) -> None:
    for name, scale in definition.scales.items():
        if scale.key != name:
            found.append((f"scales.{name}.key",
                          _("the scale is filed under '{name}' but its key is '{key}'").format(
                              name=name, key=scale.key)))
        codes: set[str] = set()
        shortcuts: set[str] = set()
        for o, option in enumerate(scale.options):
            where = f"scales.{name}.options[{o}]"
            if option.code in codes:
                found.append((f"{where}.code",
                              _("the answer code '{code}' is used twice").format(
                                  code=option.code)))
            codes.add(option.code)
            if option.shortcut is not None:
                if option.shortcut in shortcuts:
                    found.append((f"{where}.shortcut",
                                  _("the shortcut '{key}' is used twice").format(
                                      key=option.shortcut)))
                shortcuts.add(option.shortcut)


def _check_condition(definition: Definition, condition: Condition, where: str,
                     before: int, order: dict[str, int], found: Found) -> None:
    target = condition.item
    if target not in order:
        found.append((f"{where}.item", _("there is no item '{key}'").format(key=target)))
        return
    if order[target] >= before:
        found.append((f"{where}.item",
                      _("a condition can only look at an earlier item, and '{key}' is not "
                        "earlier").format(key=target)))
    scale = definition.scale_of(definition.item(target))
    wanted = [condition.equals] if condition.equals is not None else condition.in_ or []
    if scale is not None:
        for value in wanted:
            if scale.option(value) is None:
                found.append((f"{where}", _("'{value}' is not an answer of the item "
                                            "'{key}'").format(value=value, key=target)))


def _check_conditions(definition: Definition, order: dict[str, int], found: Found) -> None:
    position = 0
    for s, section in enumerate(definition.sections):
        if section.show_if is not None:
            _check_condition(definition, section.show_if, f"sections[{s}].show_if", position,
                             order, found)
        for i, item in enumerate(section.items):
            if item.show_if is not None:
                _check_condition(definition, item.show_if,
                                 f"sections[{s}].items[{i}].show_if", position, order, found)
            position += 1


def _check_scoring(definition: Definition, found: Found) -> None:
    from otdesk.domain.definitions.scoring import rule_items, scorable

    keys: set[str] = set()
    for r, rule in enumerate(definition.scoring):
        where = f"scoring[{r}]"
        if rule.key in keys:
            found.append((f"{where}.key",
                          _("the score key '{key}' is used twice").format(key=rule.key)))
        keys.add(rule.key)
        before = len(found)
        for n, key in enumerate(rule.items or ()):
            if not definition.has_item(key):
                found.append((f"{where}.items[{n}]",
                              _("there is no item '{key}'").format(key=key)))
            elif not scorable(definition, definition.item(key), rule.method):
                found.append((f"{where}.items[{n}]", _(
                    "the item '{key}' cannot be scored (a choice with scored answers, or a "
                    "number with a min and a max, can)").format(key=key)))
        if len(found) > before:
            continue
        items = rule_items(definition, rule)
        if not items:
            found.append((where, _("this score has no items to score")))
            continue
        _check_rule(definition, rule, where, [i.key for i in items], found)
    if definition.total is not None and definition.total not in keys:
        found.append(("total", _("there is no score '{key}'").format(key=definition.total)))


def _check_rule(definition: Definition, rule: ScoreRule, where: str, items: list[str],
                found: Found) -> None:
    from otdesk.domain.definitions.model import ItemType, ScoringMethod
    from otdesk.domain.definitions.scoring import item_range, rule_range, step

    for key in [*rule.weights, *rule.weight_items]:
        if key not in items:
            found.append((f"{where}.weights",
                          _("'{key}' is not one of the items of this score").format(key=key)))
    if any(w <= 0 for w in rule.weights.values()):
        found.append((f"{where}.weights", _("weights must be above 0")))
    for goal, weight_key in rule.weight_items.items():
        weight = definition.item(weight_key) if definition.has_item(weight_key) else None
        if weight is None or weight.type is not ItemType.NUMBER or (weight.min or 0) <= 0:
            found.append((f"{where}.weight_items.{goal}", _(
                "'{key}' must be a number item whose min is above 0").format(key=weight_key)))
    if rule.method is ScoringMethod.COUNT and not (rule.count_codes or rule.count_flags):
        found.append((where, _("a count needs \"count_codes\" or \"count_flags\"")))
    if rule.method is ScoringMethod.GAS_T_SCORE:
        for key in items:
            lo, hi = item_range(definition, definition.item(key)) or (0.0, 0.0)
            if not lo < 0 < hi:
                found.append((where, _("the goal '{key}' needs levels below and above "
                                       "0").format(key=key)))
                return
    if rule.min_answered > len(items):
        found.append((f"{where}.min_answered",
                      _("needs {needed} answers but the score has only {count} items").format(
                          needed=rule.min_answered, count=len(items))))
    low, high = rule_range(definition, rule)
    gap = step(rule)
    bands = rule.bands
    for b, band in enumerate(bands):
        path = f"{where}.bands[{b}]"
        if band.low > band.high:
            found.append((path, _("low is above high")))
        elif b == 0 and abs(band.low - low) > 1e-9:
            found.append((f"{path}.low", _("the first band must start at the lowest score, "
                                           "{low}").format(low=_num(low))))
        elif b > 0:
            expected = round(bands[b - 1].high + gap, rule.places)
            if band.low < expected - 1e-9:
                found.append((f"{path}.low", _("this band overlaps the one before it (it "
                                               "should start at {low})").format(
                                                   low=_num(expected))))
            elif band.low > expected + 1e-9:
                found.append((f"{path}.low", _("there is a gap before this band (it should "
                                               "start at {low})").format(low=_num(expected))))
    if bands and abs(bands[-1].high - high) > 1e-9:
        found.append((f"{where}.bands[{len(bands) - 1}].high",
                      _("the last band must end at the highest score, {high}").format(
                          high=_num(high))))


def _num(value: float) -> str:
    return f"{value:g}"


def _check_recommendations(definition: Definition, found: Found) -> None:
    for r, rule in enumerate(definition.recommendations):
        where = f"recommendations[{r}]"
        if not definition.has_item(rule.item):
            found.append((f"{where}.item", _("there is no item '{key}'").format(key=rule.item)))
            continue
        scale = definition.scale_of(definition.item(rule.item))
        if scale is None:
            found.append((f"{where}.item", _("the item '{key}' has no answers to "
                                             "recommend on").format(key=rule.item)))
            continue
        for code in rule.codes:
            if scale.option(code) is None:
                found.append((f"{where}.codes", _("'{value}' is not an answer of the item "
                                                  "'{key}'").format(value=code,
                                                                    key=rule.item)))
        flags = {f for o in scale.options for f in o.flags}
        if not rule.codes and not flags & set(rule.flags):
            found.append((f"{where}.flags", _("no answer of the item '{key}' has these "
                                              "flags").format(key=rule.item)))
