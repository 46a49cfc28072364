"""The domain's reasons for refusing a field, in the interface language.

The domain builds its generic reasons from the English templates in
``otdesk/domain/messages.py`` (``FieldError.of``) and keeps the template and its values. The
same templates are listed here as literal text so lupdate puts them in the translations
(context "FieldErrors"); a test keeps this list equal to the domain's. Among them are the
reasons a client CSV import gives for the file, its header and its rows. A reason built
without a template (a service's own sentence) is shown in English.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from otdesk.domain.errors import FieldError

CONTEXT = "FieldErrors"

KNOWN_TEMPLATES = (
    QT_TRANSLATE_NOOP("FieldErrors", "is required"),
    QT_TRANSLATE_NOOP("FieldErrors", "is required (one of {choices})"),
    QT_TRANSLATE_NOOP("FieldErrors", "is {length:,} characters long; the limit is {limit:,}"),
    QT_TRANSLATE_NOOP("FieldErrors", "holds a broken character (an unpaired surrogate)"),
    QT_TRANSLATE_NOOP("FieldErrors", "holds a NUL character, which cannot be stored"),
    QT_TRANSLATE_NOOP("FieldErrors", "holds a line break ({code}), which is not allowed here"),
    QT_TRANSLATE_NOOP(
        "FieldErrors", "holds a control character ({code}), which is not allowed here"
    ),
    QT_TRANSLATE_NOOP(
        "FieldErrors",
        "holds an invisible formatting character ({code}), which could make it show as "
        "something else",
    ),
    QT_TRANSLATE_NOOP("FieldErrors", "'{value}' is not a date in the form YYYY-MM-DD"),
    QT_TRANSLATE_NOOP("FieldErrors", "'{value}' is not a real date ({problem})"),
    QT_TRANSLATE_NOOP("FieldErrors", "is in the future"),
    QT_TRANSLATE_NOOP("FieldErrors", "is more than {years} years ago"),
    QT_TRANSLATE_NOOP("FieldErrors", "'{value}' is not yes or no"),
    QT_TRANSLATE_NOOP("FieldErrors", "'{value}' is not one of {choices}"),
    QT_TRANSLATE_NOOP("FieldErrors", "'{value}' is not a whole number"),
    QT_TRANSLATE_NOOP("FieldErrors", "must be at least {minimum}"),
    QT_TRANSLATE_NOOP("FieldErrors", "must be at most {maximum}"),
    QT_TRANSLATE_NOOP("FieldErrors", "'{value}' is not a language code such as en, es or pt-BR"),
    QT_TRANSLATE_NOOP("FieldErrors", "is before the {other} ({date})"),
    QT_TRANSLATE_NOOP("FieldErrors", "must be text"),
    QT_TRANSLATE_NOOP("FieldErrors", "must be a date"),
    QT_TRANSLATE_NOOP("FieldErrors", "is not a field of this record"),
    QT_TRANSLATE_NOOP("FieldErrors", "{value} is already in use"),
    QT_TRANSLATE_NOOP("FieldErrors", "does not exist"),
    QT_TRANSLATE_NOOP("FieldErrors", "is a folder, not a CSV file"),
    QT_TRANSLATE_NOOP("FieldErrors", "is {size:,} bytes; the limit is {limit:,}"),
    QT_TRANSLATE_NOOP("FieldErrors", "grew past the limit of {limit:,} bytes while it was read"),
    QT_TRANSLATE_NOOP(
        "FieldErrors",
        "is not a regular file (a device, a pipe or a socket cannot be imported)",
    ),
    QT_TRANSLATE_NOOP("FieldErrors", "cannot be read ({problem})"),
    QT_TRANSLATE_NOOP(
        "FieldErrors", "is not UTF-8 text (save it from the spreadsheet as 'CSV UTF-8')"
    ),
    QT_TRANSLATE_NOOP("FieldErrors", "is not valid CSV ({problem})"),
    QT_TRANSLATE_NOOP("FieldErrors", "is empty: it has no header row"),
    QT_TRANSLATE_NOOP("FieldErrors", "has no client rows"),
    QT_TRANSLATE_NOOP("FieldErrors", "appears more than once in the header"),
    QT_TRANSLATE_NOOP(
        "FieldErrors", "is not a column otdesk knows (see 'otdesk import-clients --help')"
    ),
    QT_TRANSLATE_NOOP("FieldErrors", "is a required column but the header lacks it"),
    QT_TRANSLATE_NOOP("FieldErrors", "column {position} has no name"),
    QT_TRANSLATE_NOOP("FieldErrors", "has {cells} cell but the header has {columns}"),
    QT_TRANSLATE_NOOP("FieldErrors", "has {cells} cells but the header has {columns}"),
    QT_TRANSLATE_NOOP("FieldErrors", "no staff member has the user name '{username}'"),
    QT_TRANSLATE_NOOP("FieldErrors", "'{username}' is no longer active"),
    QT_TRANSLATE_NOOP("FieldErrors", "is given without a diagnosis"),
    QT_TRANSLATE_NOOP("FieldErrors", "{value} already appears on line {line}"),
    QT_TRANSLATE_NOOP("FieldErrors", "{value} is already in use in the database"),
)


def reason_text(error: FieldError) -> str:
    """``error``'s reason in the interface language (its English reason when not translatable).
    """
    if not error.template:
        return error.reason
    translated = QCoreApplication.translate(CONTEXT, error.template)
    try:
        return translated.format(**error.params)
    except (KeyError, IndexError, ValueError, TypeError, AttributeError):
        return error.reason  # a translation that lost or broke a place: English beats garbage
