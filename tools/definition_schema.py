"""Write resources/definitions/definition.schema.json from the definition models.

    python tools/definition_schema.py

Run it after changing ``otdesk/domain/definitions/model.py``; a test checks the shipped file
is up to date.
"""

from __future__ import annotations

import json
from pathlib import Path

from otdesk.domain.definitions import json_schema

TARGET = Path(__file__).resolve().parent.parent / "resources" / "definitions" / (
    "definition.schema.json")


def schema_text() -> str:
    """The schema as the shipped file holds it."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


if __name__ == "__main__":
    TARGET.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {TARGET}")
