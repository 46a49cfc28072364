"""Amounts of money as the database keeps them: whole cents. Typed amounts may use a point or
a comma before the cents ("1234.50", "1234,50") and either as a thousands separator when the
other one marks the cents ("1,234.50", "1.234,50")."""

from __future__ import annotations

import re
from decimal import Decimal

from otdesk.domain.translation import format_number

_AMOUNT = re.compile(r"^(\d+)(?:[.,](\d{1,2}))?$")


def parse_cents(text: str) -> int | None:
    """Whole cents of a typed amount; None for blank text. ValueError when it is not one."""
    typed = "".join(text.split()).lstrip("$€£")
    if not typed:
        return None
    if "," in typed and "." in typed:  # the later mark is the decimal one
        thousands = "," if typed.rfind(",") < typed.rfind(".") else "."
        typed = typed.replace(thousands, "")
    elif re.fullmatch(r"\d{1,3}([.,]\d{3})+", typed):  # "1,234" or "1.234.567"
        typed = typed.replace(",", "").replace(".", "")
    found = _AMOUNT.match(typed)
    if found is None:
        raise ValueError(text)
    whole, part = found.group(1), (found.group(2) or "").ljust(2, "0")
    return int(whole) * 100 + int(part)


def plain_amount(cents: int | None) -> str:
    """Cents as an amount to edit, with two decimals and no thousands separator ("1234.50")."""
    return "" if cents is None else f"{cents // 100}.{cents % 100:02d}"


def shown_amount(cents: int | None) -> str:
    """Cents as an amount to read, in the interface language's way ("1,234.50",
    "1.234,50"); "" for none. No currency sign: the clinic's currency is not recorded."""
    return "" if cents is None else format_number(Decimal(cents).scaleb(-2), decimals=2)
