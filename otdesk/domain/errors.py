"""Error types every layer understands.

Services raise these; the command line prints them as one sentence and the desktop shows a
validation error beside the field it names.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field


class OtdeskError(Exception):
    """Base of the errors a user can act on (never a programming error)."""


SHOWN_VALUE_MAX = 60  # characters of a refused value a message quotes


def shortened(value: str) -> str:
    """``value`` cut to what a message may quote: a 10 MB cell is named, not repeated."""
    if len(value) <= SHOWN_VALUE_MAX:
        return value
    return value[: SHOWN_VALUE_MAX - 1] + "…"


@dataclass(frozen=True)
class FieldError:
    """One problem with one field: which field and why, in plain words.

    ``reason`` is the English sentence. A reason built by ``FieldError.of`` also keeps its
    English ``template`` (see ``otdesk.domain.messages``) and the ``params`` filled into it,
    so the desktop can show the reason in the interface language; equality ignores both.
    """

    field: str
    reason: str
    row: int | None = None  # a line number, when the value came from a file
    template: str = dataclass_field(default="", compare=False)
    params: Mapping[str, object] = dataclass_field(
        default_factory=dict, compare=False, hash=False
    )

    @classmethod
    def of(
        cls, field: str, template: str, row: int | None = None, **params: object
    ) -> FieldError:
        """The problem ``template.format(**params)`` with ``field``, keeping template and params
        (text values are shortened to what a message may quote)."""
        shown = {k: shortened(v) if isinstance(v, str) else v for k, v in params.items()}
        return cls(field, template.format(**shown), row, template, shown)

    def __str__(self) -> str:
        where = f"line {self.row}, " if self.row is not None else ""
        return f"{where}{self.field}: {self.reason}"


class ValidationError(OtdeskError):
    """One or more fields hold values the clinic's rules refuse."""

    def __init__(self, errors: list[FieldError] | FieldError) -> None:
        self.errors: list[FieldError] = [errors] if isinstance(errors, FieldError) else errors
        super().__init__("; ".join(str(e) for e in self.errors))

    @classmethod
    def single(cls, field: str, reason: str) -> ValidationError:
        """Build an error for one field."""
        return cls(FieldError(field, reason))

    def for_field(self, field: str) -> str | None:
        """The reason given for ``field``, if any."""
        for e in self.errors:
            if e.field == field:
                return e.reason
        return None


class NotFoundError(OtdeskError):
    """The record asked for does not exist (or was deleted)."""

    def __init__(self, entity: str, key: object) -> None:
        self.entity = entity
        self.key = key
        super().__init__(f"No {entity} with {key!s} was found.")


class ConflictError(OtdeskError):
    """Someone saved the record after it was read: saving now would overwrite their work."""

    def __init__(self, entity: str, key: object, expected: int | None, actual: int | None) -> None:
        self.entity = entity
        self.key = key
        self.expected_version = expected
        self.actual_version = actual
        saved = (f"the saved one is version {actual}" if actual is not None
                 else "it has since been deleted")
        super().__init__(
            f"The {entity}{f' {key!s}' if str(key) else ''} was changed by someone else since "
            "you opened it "
            f"(your copy is version {expected}, {saved})."
        )


class PermissionDeniedError(OtdeskError):
    """The acting staff member may not do this."""


class StorageError(OtdeskError):
    """The database cannot be opened, upgraded or read."""
