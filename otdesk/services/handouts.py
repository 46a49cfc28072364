"""The family handout texts: our own plain-language texts, one file per session topic and
language, ``resources/handouts/<language>/<topic>.json``::

    {"format": "otdesk-handout", "version": 1, "topic": "sleep_routine", "language": "en",
     "title": "...", "paragraphs": ["...", ...], "to_do": ["...", ...]}

Read once per file and kept; a file that cannot be used raises ``CatalogueError`` naming
the file and the field.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from otdesk.domain.session_notes import CatalogueError
from otdesk.domain.translation import _, fill
from otdesk.resources import resource_path

FORMAT = "otdesk-handout"


@dataclass(frozen=True)
class HandoutText:
    """One topic's handout in one language."""

    topic: str
    language: str
    title: str
    paragraphs: tuple[str, ...]
    to_do: tuple[str, ...]
    version: int
    path: Path

    @property
    def all_text(self) -> str:
        """Everything the family reads, as sentences (for readability scores)."""
        return "\n".join([*self.paragraphs, *(_sentence(t) for t in self.to_do)])


def _sentence(text: str) -> str:
    return text if text.rstrip().endswith((".", "!", "?", ":")) else text.rstrip() + "."


def handout_path(topic: str, language: str) -> Path:
    """Where the handout of ``topic`` in ``language`` is kept."""
    return resource_path("handouts", language, f"{topic}.json")


def _texts(data: dict[str, object], name: str, path: Path) -> tuple[str, ...]:
    value = data.get(name)
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise CatalogueError(fill(_("{file}: {field} must be a list of texts"),
                                  file=str(path), field=name))
    return tuple(value)


def parse_handout(data: object, path: Path, topic: str, language: str) -> HandoutText:
    """A handout file's content, checked (``CatalogueError`` naming file and field)."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise CatalogueError(fill(_("{file}: not an otdesk handout (format {format})"),
                                  file=str(path), format=FORMAT))
    for name, expected in (("topic", topic), ("language", language)):
        if data.get(name) != expected:
            raise CatalogueError(fill(_("{file}: {field} must be {value}"), file=str(path),
                                      field=name, value=expected))
    title = data.get("title")
    version = data.get("version")
    if not isinstance(title, str) or not title.strip():
        raise CatalogueError(fill(_("{file}: {field} must be a text"), file=str(path),
                                  field="title"))
    if not isinstance(version, int) or version < 1:
        raise CatalogueError(fill(_("{file}: {field} must be {value}"), file=str(path),
                                  field="version", value="1, 2, ..."))
    return HandoutText(topic, language, title, _texts(data, "paragraphs", path),
                       _texts(data, "to_do", path), version, path)


@cache
def handout(topic: str, language: str) -> HandoutText | None:
    """The handout of ``topic`` in ``language``; None when otdesk has none."""
    path = handout_path(topic, language)
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CatalogueError(fill(_("{file} cannot be read: {reason}"), file=str(path),
                                  reason=str(exc))) from exc
    return parse_handout(data, path, topic, language)


def all_handouts() -> list[HandoutText]:
    """Every shipped handout, by language and topic."""
    root = resource_path("handouts")
    found = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        for file in sorted(folder.glob("*.json")):
            text = handout(file.stem, folder.name)
            if text is not None:
                found.append(text)
    return found
