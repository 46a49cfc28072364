"""Care-plan rules without storage: what each status of a version allows, the GAS T-score of a
review, and how the items of two versions are paired for a side-by-side comparison.

A draft may change in every part; an active version only in its goals' statuses, its review
date, and the reviews and case conferences recorded against it; a superseded version never.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from otdesk.domain.definitions.scoring import gas_t_score
from otdesk.domain.errors import OtdeskError
from otdesk.domain.translation import N_, NC_, pgettext

GAS_LEVELS = (-2, -1, 0, 1, 2)
GAS_RHO = 0.3  # the correlation between goals Kiresuk and Sherman assume
ACTIVE_PLAN_FIELDS = frozenset({"review_date"})  # what an active version may still change

DRAFT_ONLY = N_("Care plan version {number} is in effect: start a new version to change its "
                "{what}.")
SUPERSEDED = N_("Care plan version {number} was superseded and can no longer be changed.")


class CarePlanError(OtdeskError):
    """The plan's status, or its episode's other versions, forbid the change; the message says
    why and what to do instead."""


def review_t_score(rated: Iterable[tuple[int, float]]) -> float | None:
    """The GAS T-score of goals rated at a review, given as (level -2..+2, weight); None when
    no goal was rated."""
    goals = [(float(level), float(weight)) for level, weight in rated]
    if not goals:
        return None
    return round(gas_t_score(goals, rho=GAS_RHO), 2)


class Change(StrEnum):
    """How an item differs between an older and a newer version."""

    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    SAME = "same"

    @property
    def label(self) -> str:
        """The change in the interface language."""
        return pgettext(*_CHANGE_LABELS[self])


_CHANGE_LABELS = {
    Change.ADDED: NC_("plan comparison", "added"),
    Change.REMOVED: NC_("plan comparison", "removed"),
    Change.CHANGED: NC_("plan comparison", "changed"),
    Change.SAME: NC_("plan comparison", "same"),
}


@dataclass(frozen=True)
class Item:
    """One item of a version as compared: its place (kept when a version is copied), the words
    it is matched by, and the whole of it in words."""

    position: int
    key_text: str
    shown: str


def pair_items(
    older: Sequence[Item], newer: Sequence[Item]
) -> list[tuple[Item | None, Item | None]]:
    """Pair each older item with its newer counterpart: the same wording first, then the same
    place (a reworded goal); the rest were removed or added. In the newer version's order,
    removed items last."""
    pairs: dict[int, Item] = {}  # index in newer -> older item
    left = list(older)
    for i, item in enumerate(newer):
        match = next((o for o in left if o.key_text == item.key_text), None)
        if match is not None:
            pairs[i] = match
            left.remove(match)
    for i, item in enumerate(newer):
        if i in pairs:
            continue
        match = next((o for o in left if o.position == item.position), None)
        if match is not None:
            pairs[i] = match
            left.remove(match)
    out: list[tuple[Item | None, Item | None]] = [
        (pairs.get(i), item) for i, item in enumerate(newer)
    ]
    out.extend((o, None) for o in left)
    return out


def change_of(older: Item | None, newer: Item | None) -> Change:
    """Whether a pair was added, removed, changed or is the same."""
    if older is None:
        return Change.ADDED
    if newer is None:
        return Change.REMOVED
    return Change.SAME if older.shown == newer.shown else Change.CHANGED
