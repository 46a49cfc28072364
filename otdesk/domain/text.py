"""Text rules: what free text may hold, and how names are folded for searching."""

from __future__ import annotations

import re
import unicodedata

from otdesk.domain import messages
from otdesk.domain.errors import FieldError

# Single-line fields refuse all control characters; multi-line fields allow tab and line breaks.
_CONTROL_SINGLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_CONTROL_MULTI = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")

NAME_MAX = 200
SHORT_MAX = 500
LONG_MAX = 100_000


def check_text(
    field: str,
    value: str | None,
    *,
    required: bool = False,
    multiline: bool = False,
    max_length: int = SHORT_MAX,
) -> FieldError | None:
    """Return why ``value`` cannot be stored in ``field``, or None when it can.

    Text is stored exactly as given; nothing is trimmed or rewritten here.
    """
    if value is None or value.strip() == "":
        return FieldError.of(field, messages.REQUIRED) if required else None
    if len(value) > max_length:
        return FieldError.of(field, messages.TOO_LONG, count=len(value), limit=max_length)
    if _SURROGATE.search(value):
        return FieldError.of(field, messages.BROKEN_CHARACTER)
    if "\x00" in value:
        return FieldError.of(field, messages.NUL)
    bad = (_CONTROL_MULTI if multiline else _CONTROL_SINGLE).search(value)
    if bad:
        line_break = bad.group() in "\r\n\u2028\u2029"
        template = messages.LINE_BREAK if line_break else messages.CONTROL
        return FieldError.of(field, template, code=f"U+{ord(bad.group()):04X}")
    return None


# Joiners that some scripts need inside a word (Persian and many Indic names use U+200C).
_JOINERS = frozenset("\u200c\u200d")


def _shows_beside_joiner(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LM"


def check_identity(field: str, value: str) -> FieldError | None:
    """Refuse invisible formatting characters in a name or record number.

    Direction overrides and isolates, direction marks, zero-width spaces, the soft hyphen and
    every other Unicode format character (category Cf) can make a name display as something
    else, or two records look alike. The zero-width joiner and non-joiner stay allowed between
    two letters, where scripts that need them use them.
    """
    for i, ch in enumerate(value):
        if unicodedata.category(ch) != "Cf":
            continue
        if ch in _JOINERS and 0 < i < len(value) - 1 and _shows_beside_joiner(value[i - 1]) \
                and _shows_beside_joiner(value[i + 1]):
            continue
        return FieldError.of(field, messages.INVISIBLE, code=f"U+{ord(ch):04X}")
    return None


# Explicit direction controls (UAX #9): which close which.
_EMBEDDINGS = frozenset("\u202a\u202b\u202d\u202e")  # LRE RLE LRO RLO, closed by PDF
_ISOLATES = frozenset("\u2066\u2067\u2068")  # LRI RLI FSI, closed by PDI
_PDF, _PDI, _FSI = "\u202c", "\u2069", "\u2068"


def isolate(text: str) -> str:
    """``text`` as a bidirectional isolate, to put the user's free text inside interface text.

    Whatever direction controls the text holds act inside it only: stray closers are dropped,
    anything left open is closed, and the whole is wrapped in FSI ... PDI, so the text can
    neither reorder the words around it nor be cut short by them.
    """
    out: list[str] = []
    open_: list[str] = []
    for ch in text:
        if ch in _EMBEDDINGS or ch in _ISOLATES:
            open_.append(ch)
        elif ch == _PDF:
            if not open_ or open_[-1] not in _EMBEDDINGS:
                continue
            open_.pop()
        elif ch == _PDI:
            if not any(c in _ISOLATES for c in open_):
                continue
            while open_.pop() not in _ISOLATES:  # a PDI also ends embeddings opened inside
                pass
        out.append(ch)
    for ch in reversed(open_):
        out.append(_PDI if ch in _ISOLATES else _PDF)
    return _FSI + "".join(out) + _PDI


# Letters that are not "letter + accent" in Unicode, so decomposition leaves them alone.
_LETTER_FOLDS = str.maketrans(
    {"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ħ": "h", "Ħ": "h",
     "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ı": "i", "þ": "th", "Þ": "th"}
)


def fold(text: str) -> str:
    """Fold text for searching: case- and accent-insensitive ("Zoë" and "ZOE" fold alike)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LETTER_FOLDS))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold()


_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def search_terms(*texts: str | None) -> set[str]:
    """The folded words of ``texts`` under which a record can be found."""
    terms: set[str] = set()
    for text in texts:
        if text:
            terms.update(w[:100] for w in _WORD.findall(fold(text)))
    return terms


# Record-number words live in the same index as name words, marked so that a typed name
# ("d") never matches every record number of a clinic that numbers them "DEMO-...".
RECORD_MARK = "#"


def record_terms(record_number: str) -> set[str]:
    """Index words of a record number: each word, and the whole number without punctuation."""
    words = _WORD.findall(fold(record_number))
    terms = {RECORD_MARK + w[:99] for w in words}
    if len(words) > 1:
        terms.add(RECORD_MARK + "".join(words)[:99])
    return terms


def record_query(token: str) -> str:
    """The index prefix a typed record number (or part of one) is looked up by."""
    return RECORD_MARK + "".join(_WORD.findall(fold(token)))[:99]


def looks_like_record_number(token: str) -> bool:
    """A typed token with a digit in it is searched as a record number, not as a name."""
    return any(ch.isdigit() for ch in token)


def query_words(query: str) -> list[str]:
    """Split a typed query into folded words, longest first (the most selective first)."""
    words = {w[:100] for w in _WORD.findall(fold(query))}
    return sorted(words, key=lambda w: (-len(w), w))
