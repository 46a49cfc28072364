"""The English templates of the generic reasons a field is refused.

Each is a ``str.format`` template with named places; ``FieldError.of`` fills it in for the
English sentence the command line prints and keeps the template and its values, so the
desktop can show the reason in the interface language. The desktop lists the same texts for
translation in ``otdesk/ui/field_messages.py`` (a test keeps the two lists equal).
"""

from __future__ import annotations

REQUIRED = "is required"
REQUIRED_ONE_OF = "is required (one of {choices})"
TOO_LONG = "is {length:,} characters long; the limit is {limit:,}"
BROKEN_CHARACTER = "holds a broken character (an unpaired surrogate)"
NUL = "holds a NUL character, which cannot be stored"
LINE_BREAK = "holds a line break ({code}), which is not allowed here"
CONTROL = "holds a control character ({code}), which is not allowed here"
NOT_A_DATE = "'{value}' is not a date in the form YYYY-MM-DD"
NOT_A_REAL_DATE = "'{value}' is not a real date ({problem})"
IN_FUTURE = "is in the future"
TOO_OLD = "is more than {years} years ago"
NOT_YES_NO = "'{value}' is not yes or no"
NOT_ONE_OF = "'{value}' is not one of {choices}"
NOT_WHOLE_NUMBER = "'{value}' is not a whole number"
AT_LEAST = "must be at least {minimum}"
AT_MOST = "must be at most {maximum}"
NOT_LANGUAGE = "'{value}' is not a language code such as en, es or pt-BR"
BEFORE = "is before the {other} ({date})"
MUST_BE_TEXT = "must be text"
MUST_BE_DATE = "must be a date"
UNKNOWN_FIELD = "is not a field of this record"
IN_USE = "{value} is already in use"

ALL: tuple[str, ...] = (
    REQUIRED,
    REQUIRED_ONE_OF,
    TOO_LONG,
    BROKEN_CHARACTER,
    NUL,
    LINE_BREAK,
    CONTROL,
    NOT_A_DATE,
    NOT_A_REAL_DATE,
    IN_FUTURE,
    TOO_OLD,
    NOT_YES_NO,
    NOT_ONE_OF,
    NOT_WHOLE_NUMBER,
    AT_LEAST,
    AT_MOST,
    NOT_LANGUAGE,
    BEFORE,
    MUST_BE_TEXT,
    MUST_BE_DATE,
    UNKNOWN_FIELD,
    IN_USE,
)
