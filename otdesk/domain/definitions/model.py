"""What a definition file holds: answer scales, sections and items, scoring rules, bands and
recommendation rules, as pydantic models (the shipped JSON Schema is exported from them).

Each model checks its own fields; ``Definition`` then checks the file as a whole (unique keys,
references to scales and items, bands against the score range) in ``otdesk.domain.definitions
.checks``. A definition never runs code: conditions and scoring are data.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    RootModel,
    field_validator,
    model_validator,
)

from otdesk.domain.translation import NC_, pgettext
from otdesk.domain.vocab import ModificationOwner, Priority

FALLBACK_LANGUAGE = "en"

Key = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64,
                           description="lower-case letters, digits and underscores")]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Texts(RootModel[dict[str, str]]):
    """One text in several languages: ``{"en": "...", "es": "...", "fr": "..."}``."""

    model_config = ConfigDict(frozen=True)

    @field_validator("root")
    @classmethod
    def _has_english(cls, value: dict[str, str]) -> dict[str, str]:
        if not value.get(FALLBACK_LANGUAGE, "").strip():
            raise ValueError("needs an English text (\"en\")")
        return value

    def text(self, language: str) -> str:
        """The text in ``language`` ("es", or "es-MX" falling back to "es"), else English."""
        if language in self.root:
            return self.root[language]
        base = language.split("-")[0].split("_")[0]
        return self.root.get(base) or self.root[FALLBACK_LANGUAGE]

    def languages(self) -> frozenset[str]:
        """The languages this text is written in."""
        return frozenset(lang for lang, text in self.root.items() if text.strip())

    def __str__(self) -> str:
        return self.root[FALLBACK_LANGUAGE]


class DefinitionKind(StrEnum):
    """What sort of form a definition is."""

    SCALE = "scale"
    CHECKLIST = "checklist"
    GOALS = "goals"
    EXTERNAL = "external"
    TASK_LOG = "task_log"

    @property
    def label(self) -> str:
        """The kind as the interface names it."""
        return pgettext(*_KIND_LABELS[self.value])


_KIND_LABELS = {
    "scale": NC_("definition kind", "Scale"),
    "checklist": NC_("definition kind", "Checklist"),
    "goals": NC_("definition kind", "Individual goals"),
    "external": NC_("definition kind", "External result"),
    "task_log": NC_("definition kind", "Task log"),
}


class ItemType(StrEnum):
    """How an item is answered."""

    CHOICE = "choice"
    NUMBER = "number"
    TEXT = "text"
    DATE = "date"


class ScoringMethod(StrEnum):
    """The fixed set of ways a score is computed."""

    SUM = "sum"
    MEAN = "mean"
    COUNT = "count"
    PERCENT = "percent"
    WEIGHTED_SUM = "weighted_sum"
    GAS_T_SCORE = "gas_t_score"


class Missing(StrEnum):
    """How an expected item left unanswered counts in a score."""

    SKIP = "skip"  # left out: the score is over the answered items
    LOWEST = "lowest"  # counted as the item's lowest score
    PRORATE = "prorate"  # the answered items' share of their range, spread over all items


FLAG_HAZARD = "hazard"
FLAG_NOT_APPLICABLE = "not_applicable"


class Option(_Model):
    """One answer of a scale."""

    code: Annotated[str, Field(min_length=1, max_length=32)]
    label: Texts
    score: float | None = Field(
        default=None, description="the option's score; none: it does not count in scores")
    flags: frozenset[str] = Field(
        default=frozenset(), description="for example hazard or not_applicable")
    shortcut: Annotated[str, Field(min_length=1, max_length=1)] | None = Field(
        default=None, description="the key that picks it (1-9 in order when left out)")

    @property
    def not_applicable(self) -> bool:
        """Whether this answer takes the item out of scoring (not applicable, not assessed)."""
        return FLAG_NOT_APPLICABLE in self.flags or self.score is None


class Scale(_Model):
    """A set of answers items share."""

    key: Key
    options: Annotated[list[Option], Field(min_length=1)]

    @model_validator(mode="before")
    @classmethod
    def _number_shortcuts(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("options"), list):
            taken = {o.get("shortcut") for o in data["options"] if isinstance(o, dict)}
            options = []
            for index, option in enumerate(data["options"], start=1):
                digit = str(index)
                if (isinstance(option, dict) and option.get("shortcut") is None
                        and index <= 9 and digit not in taken):
                    option = {**option, "shortcut": digit}
                options.append(option)
            data = {**data, "options": options}
        return data

    def option(self, code: object) -> Option | None:
        """The option with ``code``, if any."""
        for option in self.options:
            if option.code == code:
                return option
        return None

    def scored(self) -> list[float]:
        """The scores of options that count."""
        return [o.score for o in self.options if o.score is not None and not o.not_applicable]


Scalar = str | float | bool


class Condition(_Model):
    """When an item is shown: another item's answer equals a value, is one of some values,
    or is (not) answered. Exactly one test."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    item: Key
    equals: Scalar | None = None
    in_: list[Scalar] | None = Field(default=None, alias="in")
    answered: bool | None = None

    @model_validator(mode="after")
    def _one_test(self) -> Condition:
        tests = [t for t in (self.equals, self.in_, self.answered) if t is not None]
        if len(tests) != 1:
            raise ValueError('needs exactly one of "equals", "in" or "answered"')
        return self

    def holds(self, answers: Mapping[str, object]) -> bool:
        """Whether the condition is true for ``answers``."""
        value = answers.get(self.item)
        if self.answered is not None:
            return is_answered(value) == self.answered
        if not is_answered(value):
            return False
        if self.equals is not None:
            return _same(value, self.equals)
        return any(_same(value, v) for v in self.in_ or ())


def _same(value: object, wanted: Scalar) -> bool:
    if isinstance(wanted, bool) or isinstance(value, bool):
        return value == wanted
    if isinstance(wanted, int | float) and isinstance(value, int | float):
        return float(value) == float(wanted)
    return str(value) == str(wanted)


def is_answered(value: object) -> bool:
    """Whether an answer counts as given (not None, not blank text)."""
    if value is None:
        return False
    return not (isinstance(value, str) and not value.strip())


class Item(_Model):
    """One question, check or measurement."""

    key: Key
    text: Texts
    help: Texts | None = None
    type: ItemType = ItemType.CHOICE
    scale: Key | None = Field(default=None, description="the scale of a choice item")
    required: bool = False
    show_if: Condition | None = None
    domain: Key | None = Field(default=None, description="the scored domain it counts in")
    domains: list[Key] = Field(default_factory=list, description="or several domains")
    min: float | None = Field(default=None, description="a number item's lowest value")
    max: float | None = Field(default=None, description="a number item's highest value")
    unit: Texts | None = None
    integer: bool = Field(default=False, description="a number item takes whole numbers")

    @model_validator(mode="after")
    def _fits_type(self) -> Item:
        if self.type is ItemType.CHOICE and self.scale is None:
            raise ValueError("a choice item needs a scale")
        if self.type is not ItemType.CHOICE and self.scale is not None:
            raise ValueError("only a choice item has a scale")
        if self.type is not ItemType.NUMBER and (self.min is not None or self.max is not None):
            raise ValueError("only a number item has a min or max")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("min is above max")
        return self

    def in_domain(self, domain: str) -> bool:
        """Whether the item counts in ``domain``."""
        return domain == self.domain or domain in self.domains


class Section(_Model):
    """A group of items (for a home checklist, an area or room)."""

    key: Key
    title: Texts
    help: Texts | None = None
    show_if: Condition | None = None
    items: Annotated[list[Item], Field(min_length=1)]


class Band(_Model):
    """An inclusive range of a score with a clinician's label and a plain-language one."""

    low: float
    high: float
    label: Texts
    plain: Texts

    def holds(self, value: float) -> bool:
        """Whether ``value`` lies in the band."""
        return self.low - 1e-9 <= value <= self.high + 1e-9


class ScoreRule(_Model):
    """How one score (a domain or the total) is computed."""

    key: Key
    label: Texts
    method: ScoringMethod
    items: list[Key] | None = Field(
        default=None, description="the items scored; else those of the domain, else all")
    domain: Key | None = None
    weights: dict[str, float] = Field(
        default_factory=dict, description="per item (weighted_sum, gas_t_score); else 1")
    weight_items: dict[str, Key] = Field(
        default_factory=dict,
        description="gas_t_score: per goal item, the number item whose answer is its weight")
    count_codes: list[str] = Field(default_factory=list, description="count: answers counted")
    count_flags: list[str] = Field(
        default_factory=list, description="count: answers with these flags are counted")
    missing: Missing = Missing.SKIP
    min_answered: Annotated[int, Field(ge=1)] = 1
    decimals: Annotated[int, Field(ge=0, le=4)] | None = Field(
        default=None, description="the score is rounded to this (default by method)")
    rho: Annotated[float, Field(ge=0, lt=1)] = Field(
        default=0.3, description="gas_t_score: the assumed correlation between goals")
    bands: list[Band] = Field(default_factory=list)
    min_change: Annotated[float, Field(gt=0)] | None = Field(
        default=None, description="the smallest change that is meaningful")

    @property
    def places(self) -> int:
        """The decimals the score is given to."""
        if self.decimals is not None:
            return self.decimals
        return {ScoringMethod.MEAN: 1, ScoringMethod.GAS_T_SCORE: 1,
                ScoringMethod.WEIGHTED_SUM: 2}.get(self.method, 0)


class RecommendationRule(_Model):
    """An answer that calls for a recommendation (a hazard becomes a home modification)."""

    item: Key
    codes: list[str] = Field(default_factory=list, description="answers that trigger it")
    flags: list[str] = Field(
        default_factory=lambda: [FLAG_HAZARD],
        description="answers with any of these flags trigger it (default: hazard)")
    text: Texts
    category: Key
    owner: ModificationOwner
    priority: Priority = Priority.ROUTINE


class Definition(_Model):
    """One version of an instrument, checklist, goal form, external result or task log."""

    schema_: str | None = Field(default=None, alias="$schema")
    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_-]*$", max_length=64)]
    version: Annotated[str, Field(pattern=r"^[0-9]+(\.[0-9]+)*$")]
    kind: DefinitionKind
    title: Texts
    description: Texts | None = None
    licence: Texts
    attribution: Texts | None = None
    edition: str = ""
    label_note: Texts | None = Field(
        default=None, description='e.g. "clinical checklist, not a standardised instrument"')
    scales: dict[Key, Scale] = Field(default_factory=dict)
    sections: Annotated[list[Section], Field(min_length=1)]
    scoring: list[ScoreRule] = Field(default_factory=list)
    total: Key | None = Field(default=None, description="the scoring rule that is the total")
    min_change: Annotated[float, Field(gt=0)] | None = None
    recommendations: list[RecommendationRule] = Field(default_factory=list)

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    _items: dict[str, Item] = PrivateAttr(default_factory=dict)
    _section_of: dict[str, Section] = PrivateAttr(default_factory=dict)
    _rules: dict[str, ScoreRule] = PrivateAttr(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _scale_keys(cls, data: Any) -> Any:
        # A scale's key is the name it is filed under; writing it twice is allowed, not needed.
        if isinstance(data, dict) and isinstance(data.get("scales"), dict):
            data = {**data, "scales": {
                name: ({"key": name, **scale} if isinstance(scale, dict) else scale)
                for name, scale in data["scales"].items()}}
        return data

    @model_validator(mode="after")
    def _cross_check(self) -> Definition:
        from otdesk.domain.definitions.checks import DefinitionProblems, cross_check

        problems = cross_check(self)
        if problems:
            raise DefinitionProblems(problems)
        return self

    def model_post_init(self, context: Any, /) -> None:
        """Index items, sections and rules by key."""
        for section in self.sections:
            for item in section.items:
                self._items.setdefault(item.key, item)
                self._section_of.setdefault(item.key, section)
        self._rules = {rule.key: rule for rule in self.scoring}

    # -- helpers -------------------------------------------------------------------------

    def items(self) -> list[Item]:
        """Every item, in order."""
        return [item for section in self.sections for item in section.items]

    def item(self, key: str) -> Item:
        """The item with ``key`` (``UnknownItem`` if none)."""
        from otdesk.domain.definitions.errors import UnknownItem

        try:
            return self._items[key]
        except KeyError:
            raise UnknownItem(self.id, key) from None

    def has_item(self, key: str) -> bool:
        """Whether the definition has an item ``key``."""
        return key in self._items

    def section_of(self, key: str) -> Section:
        """The section holding item ``key``."""
        self.item(key)
        return self._section_of[key]

    def scale_of(self, item: Item) -> Scale | None:
        """The answer scale of a choice item."""
        return self.scales.get(item.scale) if item.scale else None

    def rule(self, key: str) -> ScoreRule:
        """The scoring rule ``key``."""
        from otdesk.domain.definitions.errors import UnknownItem

        try:
            return self._rules[key]
        except KeyError:
            raise UnknownItem(self.id, key) from None

    def total_rule(self) -> ScoreRule | None:
        """The rule named as the total, else the last rule, if any."""
        if self.total:
            return self._rules[self.total]
        return self.scoring[-1] if self.scoring else None

    def min_change_of(self, rule_key: str) -> float | None:
        """The smallest meaningful change of a score (the rule's, else the definition's)."""
        rule = self.rule(rule_key)
        return rule.min_change if rule.min_change is not None else self.min_change

    def visible_items(self, answers: Mapping[str, object]) -> list[Item]:
        """The items shown for ``answers`` (conditions hold, sections shown)."""
        return [item for item in self._iter_visible(answers)]

    def _iter_visible(self, answers: Mapping[str, object]) -> Iterator[Item]:
        # Conditions refer to earlier items only (checked), so one pass in order is enough;
        # an answer to a hidden item does not make later items appear.
        shown: dict[str, object] = {}
        for section in self.sections:
            if section.show_if is not None and not section.show_if.holds(shown):
                continue
            for item in section.items:
                if item.show_if is None or item.show_if.holds(shown):
                    shown[item.key] = answers.get(item.key)
                    yield item

    def score_range(self, rule_key: str) -> tuple[float, float]:
        """The lowest and highest value the score ``rule_key`` can take."""
        from otdesk.domain.definitions.scoring import rule_range

        return rule_range(self, self.rule(rule_key))

    def title_in(self, language: str) -> str:
        """The title in ``language``."""
        return self.title.text(language)


Answers = Mapping[str, object]
ItemKind = Literal["choice", "number", "text", "date"]
