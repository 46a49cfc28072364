"""Error types every layer understands.

Services raise these; the command line prints them as one sentence and the desktop shows a
validation error beside the field it names. Every message is in the interface language
(``otdesk.domain.translation``), made when the error is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from otdesk.domain.records import RecordKind
from otdesk.domain.translation import Plural, _, fill


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

    ``reason`` is the sentence in the interface language. A reason made by ``FieldError.of``
    also keeps the English ``template`` it was translated from (see ``otdesk.domain.messages``:
    it says which problem this is, in any language) and the ``params`` put into it; equality
    ignores both.
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
        cls, field: str, template: str | Plural, row: int | None = None, **params: object
    ) -> FieldError:
        """The problem ``template`` (marked with ``N_`` or ``N_plural``, whose number is
        ``count``) in the interface language with ``params`` filled in, about ``field``
        (text values are shortened to what a message may quote)."""
        shown = {k: shortened(v) if isinstance(v, str) else v for k, v in params.items()}
        if isinstance(template, Plural):
            count = shown["count"]
            text = template.text(count if isinstance(count, int) else 0)
            english = template.singular
        else:
            text, english = _(template), template
        return cls(field, fill(text, **shown), row, english, shown)

    def __str__(self) -> str:
        if self.row is None:
            return f"{self.field}: {self.reason}"
        return _("line {line}, {field}: {reason}").format(
            line=self.row, field=self.field, reason=self.reason
        )


class ValidationError(OtdeskError):
    """One or more fields hold values the clinic's rules refuse."""

    def __init__(self, errors: list[FieldError] | FieldError) -> None:
        self.errors: list[FieldError] = [errors] if isinstance(errors, FieldError) else errors
        super().__init__("; ".join(str(e) for e in self.errors))

    @classmethod
    def single(cls, field: str, template: str, **params: object) -> ValidationError:
        """Build an error for one field from a message marked with ``N_``."""
        return cls(FieldError.of(field, template, None, **params))

    def for_field(self, field: str) -> str | None:
        """The reason given for ``field``, if any."""
        for e in self.errors:
            if e.field == field:
                return e.reason
        return None


def record_name(entity: str) -> str:
    """A kind of record as a message names it ("family member"), in the interface language."""
    try:
        return RecordKind.of(str(entity)).label
    except ValueError:
        return str(entity).replace("_", " ")


class NotFoundError(OtdeskError):
    """The record asked for does not exist (or was deleted)."""

    def __init__(self, entity: str, key: object, message: str | None = None) -> None:
        self.entity = entity
        self.key = key
        super().__init__(
            message
            or _("No {record} with {key} was found.").format(record=record_name(entity), key=key)
        )


class ConflictError(OtdeskError):
    """Someone saved the record after it was read: saving now would overwrite their work."""

    def __init__(self, entity: str, key: object, expected: int | None, actual: int | None) -> None:
        self.entity = entity
        self.key = key
        self.expected_version = expected
        self.actual_version = actual
        if actual is None and expected is not None:
            text = _(
                "The {record} {key} was changed by someone else since you opened it "
                "(your copy is version {expected}, it has since been deleted)."
            )
        elif expected is None or actual is None:
            text = _("The {record} {key} was changed by someone else since you opened it.")
        else:
            text = _(
                "The {record} {key} was changed by someone else since you opened it "
                "(your copy is version {expected}, the saved one is version {actual})."
            )
        message = text.format(record=record_name(entity), key=key, expected=expected,
                              actual=actual)
        super().__init__(" ".join(message.split()))  # a record without a key: no double space


class PermissionDeniedError(OtdeskError):
    """The acting staff member may not do this."""


class StorageError(OtdeskError):
    """The database cannot be opened, upgraded or read."""
