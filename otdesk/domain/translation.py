"""The interface language for every layer: the active catalogue, plural forms, dates, numbers.

Every text a user reads is written in English in the code and marked for extraction:

- ``_("Save")`` translates now;
- ``N_("Waitlist")`` only marks a text translated later (a table of labels, a registry);
- ``ngettext("{count} client", "{count} clients", n)`` picks the plural form the language's
  catalogue says ``n`` takes (Russian has three, Arabic six);
- ``pgettext("column", "Date of birth")`` tells one use of a word from another where a
  language translates them differently (``NC_`` marks one to translate later);
- ``N_plural`` marks a plural message translated later (``Plural.text(n)``).

Values go into named ``str.format`` places (``{count}``, ``{name}``) through ``fill``, which
writes numbers and dates in the interface language. The catalogues are GNU gettext files
(``resources/locale/<lang>/LC_MESSAGES/otdesk.po``, compiled to ``.mo``); ``otdesk.catalogues``
finds them and calls ``install``. Until then, and for English, the code's own text is shown.
The module holds one language for the whole process, read by any thread; ``speaking`` lends
another one to the code running inside it, in that thread only (a Spanish handout rendered in
a worker while the screens stay in English).
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from babel import Locale, UnknownLocaleError

SOURCE_LANGUAGE = "en"
DATE_PATTERN = "d MMM y"  # "3 Jan 1977", "3 ene 1977", "3 janv. 1977"


class _State:
    """The active catalogue and language (one per process)."""

    translations: gettext.NullTranslations = gettext.NullTranslations()
    language: str = SOURCE_LANGUAGE
    locale: Locale = Locale.parse(SOURCE_LANGUAGE)


class _Lent(NamedTuple):
    translations: gettext.NullTranslations
    language: str
    locale: Locale


# The language ``speaking`` lends to the code inside it (None: the process's own).
_LENT: ContextVar[_Lent | None] = ContextVar("otdesk_lent_language", default=None)


def install(translations: gettext.NullTranslations, language: str) -> None:
    """Make ``translations`` (for the language ``language``) the one every text is read from."""
    _State.translations = translations
    _State.language = language
    _State.locale = _parse_locale(language) or Locale.parse(SOURCE_LANGUAGE)


@contextmanager
def speaking(translations: gettext.NullTranslations, language: str) -> Iterator[None]:
    """Read every text in ``language`` (from ``translations``) inside the block, in this
    thread only; other threads keep the interface language."""
    locale = _parse_locale(language) or Locale.parse(SOURCE_LANGUAGE)
    token = _LENT.set(_Lent(translations, language, locale))
    try:
        yield
    finally:
        _LENT.reset(token)


def _translations() -> gettext.NullTranslations:
    lent = _LENT.get()
    return _State.translations if lent is None else lent.translations


def current_language() -> str:
    """The code of the interface language ("en", "es", "fr")."""
    lent = _LENT.get()
    return _State.language if lent is None else lent.language


def current_locale() -> Locale:
    """Babel's locale of the interface language (its dates, numbers and names)."""
    lent = _LENT.get()
    return _State.locale if lent is None else lent.locale


def _(message: str) -> str:
    """``message`` in the interface language."""
    return _translations().gettext(message)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it yet; returns it unchanged."""
    return message


def NC_(context: str, message: str) -> tuple[str, str]:
    """Mark ``message`` for the catalogue with its ``context``; translate it later with
    ``pgettext(*marked)``."""
    return context, message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message the interface language uses for the number ``n``."""
    return _translations().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in the interface language, as used in ``context`` ("column", "status")."""
    return _translations().pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    """``ngettext`` for a message used in ``context``."""
    return _translations().npgettext(context, singular, plural, n)


class Plural(NamedTuple):
    """A message with a singular and a plural English form, translated when it is used."""

    singular: str
    plural: str

    def text(self, n: int) -> str:
        """The form for the number ``n`` in the interface language."""
        return ngettext(self.singular, self.plural, n)


def N_plural(singular: str, plural: str) -> Plural:
    """Mark a plural message for the catalogue without translating it yet."""
    return Plural(singular, plural)


def format_date(day: date) -> str:
    """A date as the interface shows it: "3 Jan 1977", "3 ene 1977", "3 janv. 1977"."""
    from babel.dates import format_date as babel_format_date  # loaded when first needed

    return str(babel_format_date(day, DATE_PATTERN, locale=current_locale()))


def format_number(number: int | float | Decimal, decimals: int | None = None) -> str:
    """A number written the interface language's way ("1,234", "1.234", "1 234"; "2.5",
    "2,5"), with exactly ``decimals`` decimals when given."""
    from babel.numbers import format_decimal  # loaded when first needed

    pattern = None if decimals is None else "#,##0" + ("." + "0" * decimals if decimals else "")
    return str(format_decimal(number, format=pattern, locale=current_locale()))


def shown(value: object) -> object:
    """A value as a message shows it: numbers and dates in the interface language."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | Decimal):
        return format_number(value)
    if isinstance(value, date):
        return format_date(value)
    return value


def fill(text: str, **values: object) -> str:
    """``text`` (already translated) with ``values`` put in its named places.

    Numbers and dates are written in the interface language; anything else as it is (a
    client's name holding "{x}" is shown as typed, never filled in again).
    """
    return text.format(**{name: shown(value) for name, value in values.items()})


def _parse_locale(code: str) -> Locale | None:
    try:
        return Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return None


def language_name(code: str) -> str:
    """The name of the language ``code`` in the interface language ("español" for "es" to a
    Spanish reader, "Spanish" to an English one); the code itself when it names no language."""
    if not code:
        return ""
    locale = _parse_locale(code)
    if locale is None:
        return code
    name = locale.get_display_name(current_locale())
    return str(name) if name else code
