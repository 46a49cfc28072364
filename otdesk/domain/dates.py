"""Dates as a clinic writes them, and ages computed from them."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from otdesk.domain import messages
from otdesk.domain.errors import FieldError

_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_MAX_AGE = 120  # years: older dates of birth are typing mistakes
_DMY = re.compile(r"^\s*(\d{1,2})[/.](\d{1,2})[/.](\d{4})\s*$")


def utcnow() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


def parse_date(field: str, text: str) -> date | FieldError:
    """Read a YYYY-MM-DD date, or say what is wrong with it."""
    m = _ISO.match(text)
    if not m:
        return FieldError.of(field, messages.NOT_A_DATE, value=text)
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
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
