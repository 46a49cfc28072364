"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import BigInteger, DateTime, Dialect, Numeric
from sqlalchemy.types import TypeDecorator, TypeEngine


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware timestamp stored in UTC and always read back aware.

    SQLite has no time-zone type, so the value is normalised to UTC before it is written and
    tagged as UTC when read; PostgreSQL stores it as ``timestamp with time zone``.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime refused: otdesk stores timezone-aware times only")
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)  # type: ignore[no-any-return]
        return value.astimezone(UTC)  # type: ignore[no-any-return]


class Cents(TypeDecorator[int]):
    """A sum of money as a whole number of cents: exact, never a binary fraction.

    Pair it with ``whole_cents(column)``, the table's CHECK that keeps out anything else. On
    SQLite the column is an INTEGER, where a fraction written by hand stays a REAL value that
    the CHECK refuses. PostgreSQL would quietly round a fraction written to an integer column,
    so there the column is an unconstrained NUMERIC and the same CHECK refuses the fraction.
    """

    impl = BigInteger
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(Numeric())
        return dialect.type_descriptor(BigInteger())

    def process_bind_param(self, value: int | None, dialect: Dialect) -> int | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"an amount in cents must be a whole number, not {value!r}")
        return value

    def process_result_value(self, value: Any, dialect: Dialect) -> int | None:
        return None if value is None else int(value)


# The largest amount a Cents column holds: 99,999,999.99 (what Numeric(10, 2) held before).
MAX_CENTS = 9_999_999_999


def whole_cents(column: str) -> str:
    """The CHECK condition of a ``Cents`` column: whole cents, 0 to ``MAX_CENTS`` (or NULL)."""
    return f"{column} = CAST({column} AS BIGINT) AND {column} BETWEEN 0 AND {MAX_CENTS}"
