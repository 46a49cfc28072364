"""Scores from answers: the named methods, score ranges, bands, and comparing two results.

Only items shown for the answers count. An answer whose option is flagged not applicable (or
has no score) takes its item out of the score: it is neither answered nor expected. A score
with fewer answers than its rule's minimum is None, with the reason kept.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from otdesk.domain.definitions.model import (
    FLAG_NOT_APPLICABLE,
    Band,
    Definition,
    Item,
    ItemType,
    Missing,
    ScoreRule,
    ScoringMethod,
    Texts,
    is_answered,
)
from otdesk.domain.translation import _, fill


@dataclass(frozen=True)
class Score:
    """One computed score."""

    key: str
    label: Texts
    value: float | None
    answered: int
    expected: int
    band: Band | None
    minimum: float
    maximum: float
    reason: str | None = None  # why there is no value (too few answers)

    def to_json(self) -> dict[str, Any]:
        """A plain dict for storing."""
        return {
            "key": self.key, "label": self.label.root, "value": self.value,
            "answered": self.answered, "expected": self.expected,
            "band": None if self.band is None else self.band.model_dump(mode="json"),
            "minimum": self.minimum, "maximum": self.maximum, "reason": self.reason,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Score:
        """The score ``to_json`` stored."""
        band = data.get("band")
        return cls(
            key=str(data["key"]), label=Texts(dict(data["label"])),
            value=None if data.get("value") is None else float(data["value"]),
            answered=int(data["answered"]), expected=int(data["expected"]),
            band=None if band is None else Band.model_validate(band),
            minimum=float(data["minimum"]), maximum=float(data["maximum"]),
            reason=data.get("reason"),
        )


@dataclass(frozen=True)
class ScoreResult:
    """Every score of one administration, keyed by rule key (domains and the total)."""

    definition_id: str
    version: str
    scores: dict[str, Score] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """A plain dict for storing."""
        return {"definition_id": self.definition_id, "version": self.version,
                "scores": [s.to_json() for s in self.scores.values()]}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ScoreResult:
        """The result ``to_json`` stored."""
        scores = [Score.from_json(s) for s in data.get("scores", ())]
        return cls(str(data["definition_id"]), str(data["version"]),
                   {s.key: s for s in scores})

    def value(self, key: str) -> float | None:
        """The value of score ``key`` (None if absent or not computed)."""
        score = self.scores.get(key)
        return None if score is None else score.value


@dataclass(frozen=True)
class ScoreChange:
    """How one score moved between two administrations."""

    key: str
    label: Texts
    before: float | None
    after: float | None
    change: float | None
    meaningful: bool


# -- ranges ----------------------------------------------------------------------------


def rule_items(definition: Definition, rule: ScoreRule) -> list[Item]:
    """The items a rule scores: its list, else its domain's items, else every scored item."""
    if rule.items is not None:
        return [definition.item(key) for key in rule.items if definition.has_item(key)]
    items = definition.items()
    if rule.domain is not None:
        return [i for i in items if i.in_domain(rule.domain)]
    return [i for i in items if scorable(definition, i, rule.method)]


def scorable(definition: Definition, item: Item, method: ScoringMethod) -> bool:
    """Whether a rule of ``method`` can score the item (a count needs only answers)."""
    if method is ScoringMethod.COUNT:
        return item.type is ItemType.CHOICE
    return item_range(definition, item) is not None


def item_range(definition: Definition, item: Item) -> tuple[float, float] | None:
    """The lowest and highest score of one item, or None if it cannot be scored."""
    if item.type is ItemType.NUMBER:
        if item.min is None or item.max is None:
            return None
        return item.min, item.max
    scale = definition.scale_of(item)
    if item.type is not ItemType.CHOICE or scale is None or not scale.scored():
        return None
    scores = scale.scored()
    return min(scores), max(scores)


def can_drop_out(definition: Definition, item: Item) -> bool:
    """Whether an item can leave a score's expected items (hidden, or not applicable)."""
    if item.show_if is not None or definition.section_of(item.key).show_if is not None:
        return True
    scale = definition.scale_of(item)
    return scale is not None and any(o.not_applicable for o in scale.options)


def _weight(rule: ScoreRule, key: str) -> float:
    return rule.weights.get(key, 1.0)


def raw_range(definition: Definition, rule: ScoreRule) -> tuple[float, float]:
    """The score range before rounding."""
    items = rule_items(definition, rule)
    ranges = [(i, item_range(definition, i)) for i in items]
    bounded = [(i, r) for i, r in ranges if r is not None]
    method = rule.method
    if method is ScoringMethod.COUNT:
        return 0.0, float(len(items))
    if method is ScoringMethod.PERCENT:
        return 0.0, 100.0
    if method is ScoringMethod.MEAN:
        return min(r[0] for _i, r in bounded), max(r[1] for _i, r in bounded)
    if method is ScoringMethod.GAS_T_SCORE:
        low = min(r[0] for _i, r in bounded)
        high = max(r[1] for _i, r in bounded)
        # T is largest when every goal reaches its top level with equal weights: then
        # sum(w x) / sqrt(...) = x * n / sqrt((1-rho) n + rho n^2) (Cauchy-Schwarz).
        spread = 1 / math.sqrt((1 - rule.rho) / len(bounded) + rule.rho)
        return 50 + 10 * low * spread, 50 + 10 * high * spread
    low_total = high_total = 0.0
    for item, (lo, hi) in bounded:
        w = 1.0 if method is ScoringMethod.SUM else _weight(rule, item.key)
        a, b = sorted((w * lo, w * hi))
        if rule.missing is Missing.SKIP or can_drop_out(definition, item):
            a, b = min(a, 0.0), max(b, 0.0)
        low_total += a
        high_total += b
    return low_total, high_total


def rule_range(definition: Definition, rule: ScoreRule) -> tuple[float, float]:
    """The lowest and highest value of a score, at the decimals it is given to."""
    low, high = raw_range(definition, rule)
    return round(low, rule.places), round(high, rule.places)


def step(rule: ScoreRule) -> float:
    """The smallest difference between two values of a score."""
    return 10.0 ** -rule.places


# -- scoring ---------------------------------------------------------------------------


@dataclass
class _Collected:
    values: dict[str, float]  # item key -> its score, for answered items
    expected: list[Item]  # shown and not answered "not applicable"
    counted: int = 0  # answers that a count rule counts


def _collect(definition: Definition, rule: ScoreRule, answers: Mapping[str, object],
             shown: set[str]) -> _Collected:
    values: dict[str, float] = {}
    expected: list[Item] = []
    counted = 0
    codes, flags = set(rule.count_codes), set(rule.count_flags)
    for item in rule_items(definition, rule):
        if item.key not in shown:
            continue
        value = answers.get(item.key)
        if item.type is ItemType.NUMBER:
            expected.append(item)
            if is_answered(value) and isinstance(value, int | float):
                values[item.key] = float(value)
            continue
        scale = definition.scale_of(item)
        option = scale.option(value) if scale is not None and is_answered(value) else None
        if option is not None:
            hit = option.code in codes or bool(flags & option.flags)
            # A count needs no scores: only an answer flagged not applicable (and not itself
            # counted) leaves it; other methods leave out every answer without a score.
            out = (FLAG_NOT_APPLICABLE in option.flags and not hit
                   if rule.method is ScoringMethod.COUNT else option.not_applicable)
            if out:
                continue
        expected.append(item)
        if option is None:
            continue
        values[item.key] = option.score if option.score is not None else 0.0
        if option.code in codes or flags & option.flags:
            counted += 1
    return _Collected(values, expected, counted)


def _lowest(definition: Definition, rule: ScoreRule, item: Item) -> float:
    lo, hi = item_range(definition, item) or (0.0, 0.0)
    w = 1.0 if rule.method is ScoringMethod.SUM else _weight(rule, item.key)
    return min(w * lo, w * hi)


def _sum(definition: Definition, rule: ScoreRule, got: _Collected) -> float:
    weighted = rule.method is ScoringMethod.WEIGHTED_SUM
    total = sum((_weight(rule, k) if weighted else 1.0) * v for k, v in got.values.items())
    missing = [i for i in got.expected if i.key not in got.values]
    if not missing or rule.missing is Missing.SKIP:
        return total
    if rule.missing is Missing.LOWEST:
        return total + sum(_lowest(definition, rule, i) for i in missing)
    # Prorate: the answered items' place in their own range, carried over to all expected.
    def span(items: list[Item]) -> tuple[float, float]:
        lows = highs = 0.0
        for i in items:
            lo, hi = item_range(definition, i) or (0.0, 0.0)
            w = _weight(rule, i.key) if weighted else 1.0
            a, b = sorted((w * lo, w * hi))
            lows, highs = lows + a, highs + b
        return lows, highs

    answered = [i for i in got.expected if i.key in got.values]
    lo_a, hi_a = span(answered)
    lo_e, hi_e = span(got.expected)
    share = 0.0 if hi_a == lo_a else (total - lo_a) / (hi_a - lo_a)
    return lo_e + share * (hi_e - lo_e)


def _gas(definition: Definition, rule: ScoreRule, got: _Collected,
         answers: Mapping[str, object]) -> float:
    levels = dict(got.values)
    if rule.missing is Missing.LOWEST:
        for item in got.expected:
            levels.setdefault(item.key, _lowest(definition, rule, item))
    weights: dict[str, float] = {}
    for key in levels:
        weight = answers.get(rule.weight_items.get(key, ""))
        weights[key] = (float(weight) if isinstance(weight, int | float) and weight > 0
                        else _weight(rule, key))
    return gas_t_score([(levels[k], weights[k]) for k in levels], rho=rule.rho)


def gas_t_score(goals: list[tuple[float, float]], *, rho: float = 0.3) -> float:
    """Kiresuk and Sherman's T-score of goals given as (level -2..+2, weight)."""
    weighted = sum(w * x for x, w in goals)
    squares = sum(w * w for _x, w in goals)
    total = sum(w for _x, w in goals)
    return 50 + 10 * weighted / math.sqrt((1 - rho) * squares + rho * total * total)


def _value(definition: Definition, rule: ScoreRule, got: _Collected,
           answers: Mapping[str, object]) -> float:
    method = rule.method
    if method is ScoringMethod.COUNT:
        return float(got.counted)
    if method is ScoringMethod.GAS_T_SCORE:
        return _gas(definition, rule, got, answers)
    if method in (ScoringMethod.SUM, ScoringMethod.WEIGHTED_SUM):
        return _sum(definition, rule, got)
    values = dict(got.values)
    if rule.missing is Missing.LOWEST:
        for item in got.expected:
            values.setdefault(item.key, _lowest(definition, rule, item))
    if method is ScoringMethod.MEAN:
        return sum(values.values()) / len(values)
    lows = highs = 0.0  # percent of the range of the items counted
    for key in values:
        lo, hi = item_range(definition, definition.item(key)) or (0.0, 0.0)
        lows, highs = lows + lo, highs + hi
    return 0.0 if highs == lows else 100 * (sum(values.values()) - lows) / (highs - lows)


def score_rule(definition: Definition, rule: ScoreRule, answers: Mapping[str, object],
               shown: set[str] | None = None) -> Score:
    """One score for ``answers``."""
    if shown is None:
        shown = {i.key for i in definition.visible_items(answers)}
    got = _collect(definition, rule, answers, shown)
    low, high = rule_range(definition, rule)
    answered = len(got.values)
    base = dict(key=rule.key, label=rule.label, answered=answered, expected=len(got.expected),
                minimum=low, maximum=high)
    if answered < rule.min_answered:
        reason = fill(_("too few answers: {answered} given, at least {needed} needed"),
                      answered=answered, needed=rule.min_answered)
        return Score(value=None, band=None, reason=reason, **base)  # type: ignore[arg-type]
    value = min(max(round(_value(definition, rule, got, answers), rule.places), low), high)
    band = next((b for b in rule.bands if b.holds(value)), None)
    return Score(value=value, band=band, **base)  # type: ignore[arg-type]


def score(definition: Definition, answers: Mapping[str, object]) -> ScoreResult:
    """Every score of ``definition`` for ``answers`` (item key -> option code or value)."""
    shown = {i.key for i in definition.visible_items(answers)}
    return ScoreResult(definition.id, definition.version, {
        rule.key: score_rule(definition, rule, answers, shown) for rule in definition.scoring})


def compare(definition: Definition, before: ScoreResult,
            after: ScoreResult) -> list[ScoreChange]:
    """How each score changed from ``before`` to ``after``, with meaningful changes flagged
    (at least the smallest meaningful change of the rule, else of the definition)."""
    changes = []
    for rule in definition.scoring:
        old, new = before.value(rule.key), after.value(rule.key)
        change = None if old is None or new is None else round(new - old, rule.places)
        smallest = definition.min_change_of(rule.key)
        meaningful = (change is not None and smallest is not None
                      and abs(change) >= smallest - 1e-9)
        changes.append(ScoreChange(rule.key, rule.label, old, new, change, meaningful))
    return changes
