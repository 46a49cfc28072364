"""Dates as a clinic writes them, and ages computed from them."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from otdesk.domain import messages
from otdesk.domain.errors import FieldError
from otdesk.domain.vocab import DateOrder

_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_MAX_AGE = 120  # years: older dates of birth are typing mistakes
_DMY = re.compile(r"^\s*(\d{1,2})[/.](\d{1,2})[/.](\d{4})\s*$")
# Any date written with separators other than ISO's: day, month and year in some order.
_WRITTEN = re.compile(r"^\s*(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})\s*$")
# Where each of year, month and day stands in a written date, by the clinic's order.
_POSITIONS = {DateOrder.DMY: (3, 2, 1), DateOrder.MDY: (3, 1, 2)}


def utcnow() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


def parse_date(field: str, text: str, order: DateOrder = DateOrder.YMD) -> date | FieldError:
    """Read a date, or say what is wrong with it.

    YYYY-MM-DD is always read. Where the clinic writes dates day/month/year (or month/day/year)
    those are read too, with '/', '.' or '-' between the parts; a two-digit year, or a written
    date in a clinic that has not said its order, is refused as ambiguous rather than guessed.
    """
    m = _ISO.match(text)
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    else:
        written = _WRITTEN.match(text)
        if order is DateOrder.YMD:
            problem = messages.NOT_A_DATE_NO_ORDER if written else messages.NOT_A_DATE
            return FieldError.of(field, problem, value=text)
        form = "DD/MM/YYYY" if order is DateOrder.DMY else "MM/DD/YYYY"
        if written is None:
            return FieldError.of(field, messages.NOT_A_DATE_OR, value=text, form=form)
        if len(written[3]) != 4 and len(written[1]) != 4:
            return FieldError.of(field, messages.AMBIGUOUS_DATE, value=text, form=form)
        positions = (1, 2, 3) if len(written[1]) == 4 else _POSITIONS[order]
        y, mo, d = (int(written[i]) for i in positions)
    try:
        return date(y, mo, d)
    except ValueError as exc:
        return FieldError.of(field, messages.NOT_A_REAL_DATE, value=text, problem=str(exc))


def guess_date(text: str) -> date | None:
    """Read a typed search term as a date (YYYY-MM-DD or DD/MM/YYYY), or None."""
    for pattern, order in ((_ISO, (1, 2, 3)), (_DMY, (3, 2, 1))):
        m = pattern.match(text)
        if m:
            y, mo, d = (int(m[i]) for i in order)
            try:
                return date(y, mo, d)
            except ValueError:
                return None
    return None


def age_on(born: date, on: date) -> int:
    """Whole years between a date of birth and ``on``."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def check_birth_date(field: str, born: date, today: date) -> FieldError | None:
    """A date of birth must be in the past and within a human lifespan."""
    if born > today:
        return FieldError.of(field, messages.IN_FUTURE)
    if today.year - born.year > _MAX_AGE:
        return FieldError.of(field, messages.TOO_OLD, count=_MAX_AGE)
    return None
