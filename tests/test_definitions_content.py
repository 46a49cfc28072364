"""The shipped definitions: each validates, carries en/es/fr texts, and the schema is current."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from otdesk.domain.definitions import load_definitions
from otdesk.resources import resource_path

ROOT = Path(__file__).resolve().parents[1]
FOLDER = resource_path("definitions")
FILES = sorted(p for p in FOLDER.glob("*.json") if p.name != "definition.schema.json")


def test_the_shipped_schema_is_up_to_date() -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        from definition_schema import schema_text  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(ROOT / "tools"))
    shipped = (FOLDER / "definition.schema.json").read_text(encoding="utf-8")
    assert shipped == schema_text(), "run: python tools/definition_schema.py"
    assert json.loads(shipped)["properties"]["kind"]


def test_every_shipped_definition_validates() -> None:
    library = load_definitions([FOLDER])
    assert [str(p) for p in library.problems] == []
    assert len(library) == len(FILES)
