"""The session-topic catalogue and the note templates: shipped data files, plus the clinic's
own topics in ``<data folder>/session_topics.json`` (or the file ``OTDESK_SESSION_TOPICS``
names), read once and kept."""

from __future__ import annotations

import json
import os
import threading
from functools import cache
from pathlib import Path

from otdesk.domain.session_notes import (
    CatalogueError,
    NoteTemplate,
    Topic,
    parse_template,
    parse_topics,
)
from otdesk.domain.translation import _, fill
from otdesk.domain.vocab import NoteFormat
from otdesk.paths import data_dir
from otdesk.resources import resource_path

TOPICS_ENV = "OTDESK_SESSION_TOPICS"
_lock = threading.Lock()
_topics: list[Topic] | None = None


def clinic_topics_file() -> Path:
    """Where a clinic adds its own session topics."""
    override = os.environ.get(TOPICS_ENV, "").strip()
    return Path(override) if override else data_dir() / "session_topics.json"


def _read(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CatalogueError(fill(_("{file} cannot be read: {reason}"), file=str(path),
                                  reason=str(exc))) from exc


def topics() -> list[Topic]:
    """Every session topic: the shipped ones, then the clinic's (a clinic code that repeats a
    shipped one is refused, naming the file)."""
    global _topics
    with _lock:
        if _topics is None:
            shipped = resource_path("session_topics.json")
            found = parse_topics(_read(shipped), str(shipped), shipped=True)
            extra = clinic_topics_file()
            if extra.is_file():
                known = {t.code for t in found}
                for topic in parse_topics(_read(extra), str(extra), shipped=False):
                    if topic.code in known:
                        raise CatalogueError(fill(
                            _("{file}: the topic code {code} is already one of otdesk's"),
                            file=str(extra), code=topic.code))
                    found.append(topic)
            _topics = found
        return list(_topics)


def reload_topics() -> list[Topic]:
    """Read the topic files again (after a clinic changes its own)."""
    global _topics
    with _lock:
        _topics = None
    return topics()


@cache
def template(note_format: NoteFormat) -> NoteTemplate:
    """The note template of ``note_format``."""
    path = resource_path("note_templates", f"{note_format.value}.json")
    found = parse_template(_read(path), str(path))
    if found.id != note_format.value:
        raise CatalogueError(fill(_("{file}: expected the template {id}"), file=str(path),
                                  id=note_format.value))
    return found


def templates() -> list[NoteTemplate]:
    """Every note template, in the order of ``NoteFormat``."""
    return [template(f) for f in NoteFormat]
