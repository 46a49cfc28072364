"""Typed amounts of money become whole cents; anything else is refused."""

from __future__ import annotations

import pytest

from otdesk.domain.money import parse_cents, plain_amount


@pytest.mark.parametrize(("typed", "cents"), [
    ("1234.50", 123450), ("1234,50", 123450), ("1,234.50", 123450), ("1.234,50", 123450),
    ("12", 1200), ("12.5", 1250), (" 7 ", 700), ("$ 80", 8000), ("", None), ("0", 0),
])
def test_typed_amounts_become_cents(typed: str, cents: int | None) -> None:
    assert parse_cents(typed) == cents


@pytest.mark.parametrize("typed", ["banana", "-5", "1.2.3", "12.345.6", "1,5,0"])
def test_what_is_no_amount_is_refused(typed: str) -> None:
    with pytest.raises(ValueError):
        parse_cents(typed)


def test_cents_are_shown_with_two_decimals() -> None:
    assert [plain_amount(c) for c in (123450, 5, 0, None)] == ["1234.50", "0.05", "0.00", ""]
