"""Small definitions built in code for the definition-engine tests."""

from __future__ import annotations

import copy
from typing import Any

from otdesk.domain.definitions import Definition


def texts(en: str) -> dict[str, str]:
    return {"en": en, "es": f"{en} (es)", "fr": f"{en} (fr)"}


SUPPORT = {
    "options": [
        {"code": "independent", "label": texts("Independent"), "score": 3},
        {"code": "prompts", "label": texts("Needs prompts"), "score": 2},
        {"code": "hands_on", "label": texts("Needs hands-on help"), "score": 1},
        {"code": "not_able", "label": texts("Not able"), "score": 0},
        {"code": "not_assessed", "label": texts("Not assessed"), "flags": ["not_applicable"]},
    ]
}

HAZARD = {
    "options": [
        {"code": "hazard", "label": texts("Hazard"), "flags": ["hazard"]},
        {"code": "no_hazard", "label": texts("No hazard")},
        {"code": "not_applicable", "label": texts("Not applicable"),
         "flags": ["not_applicable"]},
    ]
}


def item(key: str, scale: str = "support", **extra: Any) -> dict[str, Any]:
    return {"key": key, "text": texts(key.replace("_", " ")), "scale": scale, **extra}


def rule(key: str, method: str, **extra: Any) -> dict[str, Any]:
    return {"key": key, "label": texts(key), "method": method, **extra}


def band(low: float, high: float, name: str) -> dict[str, Any]:
    return {"low": low, "high": high, "label": texts(name), "plain": texts(name)}


def skills_data(**extra: Any) -> dict[str, Any]:
    """Three skills on a 0-3 support scale, scored in several ways."""
    data: dict[str, Any] = {
        "id": "skills",
        "version": "1",
        "kind": "scale",
        "title": texts("Skills"),
        "licence": texts("Written for the tests."),
        "scales": {"support": copy.deepcopy(SUPPORT)},
        "sections": [{"key": "main", "title": texts("Main"), "items": [
            item("cooking", domain="home"),
            item("cleaning", domain="home"),
            item("bus", domain="community"),
        ]}],
        "scoring": [
            rule("total", "sum", bands=[band(0, 4, "low"), band(5, 9, "high")]),
        ],
    }
    data.update(extra)
    return data


def skills(**extra: Any) -> Definition:
    return Definition.model_validate(skills_data(**extra))
