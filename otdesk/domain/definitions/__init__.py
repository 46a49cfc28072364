"""The definition engine: instruments, checklists, goal forms, external results and task logs
as data files, validated, scored and turned into recommendations without running any code.

    library = load_definitions([folder])
    definition = library.get("discharge-readiness")
    result = score(definition, {"cooking": "independent", ...})
"""

from otdesk.domain.definitions.answers import (
    Recommendation,
    check_answer,
    check_answers,
    missing_required,
    recommendations,
)
from otdesk.domain.definitions.checks import DefinitionProblems
from otdesk.domain.definitions.errors import UnknownDefinition, UnknownItem
from otdesk.domain.definitions.loading import (
    Library,
    Problem,
    load_definitions,
    load_file,
    version_key,
)
from otdesk.domain.definitions.model import (
    FLAG_HAZARD,
    FLAG_NOT_APPLICABLE,
    Band,
    Condition,
    Definition,
    DefinitionKind,
    Item,
    ItemType,
    Missing,
    Option,
    RecommendationRule,
    Scale,
    ScoreRule,
    ScoringMethod,
    Section,
    Texts,
    is_answered,
)
from otdesk.domain.definitions.scoring import (
    Score,
    ScoreChange,
    ScoreResult,
    compare,
    gas_t_score,
    score,
)

__all__ = [
    "FLAG_HAZARD",
    "FLAG_NOT_APPLICABLE",
    "Band",
    "Condition",
    "Definition",
    "DefinitionKind",
    "DefinitionProblems",
    "Item",
    "ItemType",
    "Library",
    "Missing",
    "Option",
    "Problem",
    "Recommendation",
    "RecommendationRule",
    "Scale",
    "Score",
    "ScoreChange",
    "ScoreResult",
    "ScoreRule",
    "ScoringMethod",
    "Section",
    "Texts",
    "UnknownDefinition",
    "UnknownItem",
    "check_answer",
    "check_answers",
    "compare",
    "gas_t_score",
    "is_answered",
    "load_definitions",
    "load_file",
    "missing_required",
    "recommendations",
    "score",
    "version_key",
]


def json_schema() -> dict[str, object]:
    """The JSON Schema of a definition file (shipped as definition.schema.json)."""
    schema = Definition.model_json_schema(by_alias=True)
    schema["title"] = "otdesk definition"
    return schema
