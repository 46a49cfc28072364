"""Columns whose values the database itself restricts to a vocabulary of the domain.

An enumerated column (a status, a priority, a discipline ...) is declared with
``vocab_column(SomeEnum)``: a VARCHAR with a CHECK constraint listing exactly the enum's codes,
so raw SQL cannot write a value the application does not know. The constraint is built from the
enum in ``otdesk/domain/vocab.py``; a new member therefore needs a migration that widens the
CHECK, and ``tests/test_schema_rules.py`` fails until the database and the enum agree again.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from sqlalchemy import Enum
from sqlalchemy.orm import MappedColumn, mapped_column

VOCABULARY = "vocabulary"  # the Column.info key naming a column's enum


def vocab_column(
    vocabulary: type[StrEnum],
    *,
    default: StrEnum | None = None,
    index: bool = False,
    length: int = 20,
    nullable: bool = False,
) -> MappedColumn[Any]:
    """A text column holding one of ``vocabulary``'s codes, kept so by a CHECK (required unless
    ``nullable``: NULL then means "none")."""
    codes = [member.value for member in vocabulary]
    kind = Enum(
        *codes,
        native_enum=False,  # a VARCHAR and a CHECK on both engines, not a PostgreSQL type
        create_constraint=True,
        length=length,
        validate_strings=False,  # the services validate; the database has the last word
    )
    options: dict[str, Any] = {
        "index": index, "nullable": nullable, "info": {VOCABULARY: vocabulary}
    }
    if default is not None:
        options["default"] = default.value
    return mapped_column(kind, **options)
