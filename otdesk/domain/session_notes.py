"""Family-session notes without storage: topic catalogues, note templates, and the content hash
a signature covers.

A topic catalogue and a note template are JSON data files (``resources/session_topics.json``,
``resources/note_templates/*.json``); ``parse_topics`` and ``parse_template`` check one and
name the file and the entry that is wrong. ``content_hash`` is the SHA-256 of a canonical JSON
(sorted keys, no spaces, UTF-8) of what was signed, so the same note always gives the same hash.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from otdesk.domain.errors import OtdeskError
from otdesk.domain.translation import _, fill

TOPICS_FORMAT = "otdesk-session-topics"
TEMPLATE_FORMAT = "otdesk-note-template"
LANGUAGES = ("en", "es", "fr")  # every shipped text carries these


class CatalogueError(OtdeskError):
    """A topic catalogue or note template file cannot be used; the message names it."""


class NoteLockedError(OtdeskError):
    """The note was signed: it can no longer change (an addendum corrects it)."""


def _text(labels: Mapping[str, str], language: str) -> str:
    base = language.split("-")[0]
    return labels.get(language) or labels.get(base) or labels.get("en") or ""


@dataclass(frozen=True)
class Topic:
    """A topic a family session may cover."""

    code: str
    labels: Mapping[str, str]

    def label(self, language: str) -> str:
        """The topic's name in ``language`` (English when the file has none)."""
        return _text(self.labels, language)


@dataclass(frozen=True)
class Section:
    """One section of a note template (its key in the stored note, and its title)."""

    key: str
    titles: Mapping[str, str]

    def title(self, language: str) -> str:
        """The section's title in ``language`` (English when the file has none)."""
        return _text(self.titles, language)


@dataclass(frozen=True)
class NoteTemplate:
    """How a note is laid out: SOAP, DAP, BIRP, narrative."""

    id: str
    version: int
    names: Mapping[str, str]
    sections: tuple[Section, ...]

    def name(self, language: str) -> str:
        """The template's name in ``language``."""
        return _text(self.names, language)

    @property
    def keys(self) -> tuple[str, ...]:
        """The section keys, in order."""
        return tuple(s.key for s in self.sections)


def _problem(source: str, where: str, why: str) -> CatalogueError:
    return CatalogueError(fill(_("{file}, {where}: {why}"), file=source, where=where, why=why))


def _labels(value: Any, source: str, where: str, *, require_all: bool) -> dict[str, str]:
    if not isinstance(value, dict) or not value or not all(
        isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in value.items()
    ):
        raise _problem(source, where, _("expected an object of texts by language code"))
    missing = [lang for lang in LANGUAGES if lang not in value] if require_all else (
        [] if "en" in value else ["en"])
    if missing:
        raise _problem(source, where, fill(_("no text in {languages}"),
                                           languages=", ".join(missing)))
    return dict(value)


def _code(value: Any, source: str, where: str) -> str:
    if not isinstance(value, str) or not value or not value.replace("_", "").isalnum() \
            or not value.isascii() or value != value.lower():
        raise _problem(source, where, _("a code is lower-case letters, digits and underscores"))
    return value


def parse_topics(data: Any, source: str, *, shipped: bool) -> list[Topic]:
    """The topics of one catalogue file (a clinic's file needs English at least; the shipped
    one every language otdesk ships)."""
    if not isinstance(data, dict) or data.get("format") != TOPICS_FORMAT:
        raise _problem(source, "format", fill(_("expected \"{format}\""), format=TOPICS_FORMAT))
    entries = data.get("topics")
    if not isinstance(entries, list):
        raise _problem(source, "topics", _("expected a list"))
    topics: list[Topic] = []
    seen: set[str] = set()
    for n, entry in enumerate(entries, start=1):
        where = fill(_("topic {number}"), number=n)
        if not isinstance(entry, dict):
            raise _problem(source, where, _("expected an object"))
        code = _code(entry.get("code"), source, where)
        if code in seen:
            raise _problem(source, where, fill(_("the code {code} is used twice"), code=code))
        seen.add(code)
        topics.append(Topic(code, _labels(entry.get("label"), source, where,
                                          require_all=shipped)))
    return topics


def parse_template(data: Any, source: str) -> NoteTemplate:
    """A note template from its file's data."""
    if not isinstance(data, dict) or data.get("format") != TEMPLATE_FORMAT:
        raise _problem(source, "format", fill(_("expected \"{format}\""), format=TEMPLATE_FORMAT))
    template_id = _code(data.get("id"), source, "id")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _problem(source, "version", _("expected a whole number from 1"))
    names = _labels(data.get("name"), source, "name", require_all=True)
    entries = data.get("sections")
    if not isinstance(entries, list) or not entries:
        raise _problem(source, "sections", _("expected a list of at least one section"))
    sections: list[Section] = []
    for n, entry in enumerate(entries, start=1):
        where = fill(_("section {number}"), number=n)
        if not isinstance(entry, dict):
            raise _problem(source, where, _("expected an object"))
        key = _code(entry.get("key"), source, where)
        if key in (s.key for s in sections):
            raise _problem(source, where, fill(_("the code {code} is used twice"), code=key))
        sections.append(Section(key, _labels(entry.get("title"), source, where,
                                             require_all=True)))
    return NoteTemplate(template_id, version, names, tuple(sections))


def canonical_json(content: Mapping[str, Any]) -> str:
    """One spelling of ``content`` as JSON: sorted keys, no spaces, non-ASCII kept."""
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def content_hash(content: Mapping[str, Any]) -> str:
    """SHA-256 (hex) of the canonical JSON of ``content``."""
    return hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()


def cosignature_hash(content_hash_: str, signer_id: int, signed_at: str) -> str:
    """The hash a co-signature covers: the note's content hash, who co-signed and when."""
    return content_hash({"content_hash": content_hash_, "signer_id": signer_id,
                         "signed_at": signed_at})
