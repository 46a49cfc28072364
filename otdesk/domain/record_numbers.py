"""The next record number in a clinic's own numbering ("OT-0417" after "OT-0416").

Clinics number their records in a pattern of their own: a fixed prefix, then a number padded
to a fixed width. The suggestion follows the pattern of the clinic's latest record, so it
keeps working when the clinic changes its numbering; a clinic that takes its numbers from
elsewhere (a hospital register) simply types over it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

_NUMBERED = re.compile(r"(?P<prefix>.*?)(?P<digits>\d+)")


class Pattern(NamedTuple):
    """A record number taken apart: the text before its number, and the number's digits."""

    prefix: str
    digits: str

    @property
    def width(self) -> int:
        """How many characters a number in this pattern has."""
        return len(self.prefix) + len(self.digits)

    def number(self, value: int) -> str:
        """``value`` written in this pattern (padded as the digits are)."""
        return f"{self.prefix}{value:0{len(self.digits)}d}"


def pattern_of(record_number: str) -> Pattern | None:
    """The pattern of a record number ending in digits, else None ("Smith family")."""
    found = _NUMBERED.fullmatch(record_number)
    return Pattern(found["prefix"], found["digits"]) if found else None


def following(pattern: Pattern, highest_first: Iterable[str]) -> int:
    """The number after the greatest record number in ``pattern`` among ``highest_first``
    (record numbers as long as the pattern's, greatest first, which may include others);
    the pattern's own number plus one when none is in the pattern."""
    for record_number in highest_first:
        found = pattern_of(record_number)
        if found is not None and found.prefix == pattern.prefix:
            return int(found.digits) + 1
    return int(pattern.digits) + 1
