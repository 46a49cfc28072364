"""Loading definition files: bad files are reported by file, path and reason and skipped;
every version stays loadable and re-scores the same."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from otdesk.domain.definitions import (
    Definition,
    ScoreResult,
    UnknownDefinition,
    load_definitions,
    score,
)
from tests.definition_samples import band, item, rule, skills_data


def write(folder: Path, name: str, data: Any) -> Path:
    path = folder / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def problems_of(data: Any, tmp_path: Path) -> list[tuple[str, str, str]]:
    path = write(tmp_path, "broken.1.json", data)
    library = load_definitions([tmp_path])
    assert "skills" not in library  # the broken file is skipped
    return [(p.file.name, p.path, p.message) for p in library.problems if p.file == path]


def test_overlapping_bands_are_named_by_path(tmp_path: Path) -> None:
    data = skills_data(scoring=[rule("total", "sum", bands=[band(0, 5, "a"), band(5, 9, "b")])])
    assert problems_of(data, tmp_path) == [
        ("broken.1.json", "scoring[0].bands[1].low",
         "this band overlaps the one before it (it should start at 6)")]


def test_a_gap_between_bands_and_an_uncovered_end(tmp_path: Path) -> None:
    data = skills_data(scoring=[rule("total", "sum", bands=[band(0, 3, "a"), band(5, 8, "b")])])
    found = problems_of(data, tmp_path)
    assert [(p, m.split(" (")[0]) for _f, p, m in found] == [
        ("scoring[0].bands[1].low", "there is a gap before this band"),
        ("scoring[0].bands[1].high", "the last band must end at the highest score, 9"),
    ]


def test_a_missing_scale_is_named_by_path(tmp_path: Path) -> None:
    data = skills_data()
    data["sections"][0]["items"][1]["scale"] = "agreement"
    assert problems_of(data, tmp_path) == [
        ("broken.1.json", "sections[0].items[1].scale",
         "there is no scale 'agreement' in \"scales\"")]


def test_bad_json_is_reported_and_the_good_files_still_load(tmp_path: Path) -> None:
    write(tmp_path, "good.1.json", skills_data())
    bad = write(tmp_path, "bad.1.json", '{"id": "skills", ')
    library = load_definitions([tmp_path])
    assert library.get("skills").version == "1"
    (problem,) = library.problems
    assert (problem.file, problem.path) == (bad, "")
    assert problem.message.startswith("this is not valid JSON (")


def test_field_errors_name_the_path_in_plain_words(tmp_path: Path) -> None:
    data = skills_data()
    data["sections"][0]["items"][0]["colour"] = "red"
    del data["licence"]
    data["scoring"][0]["method"] = "median"
    found = {(p, m.split(",")[0]) for _f, p, m in problems_of(data, tmp_path)}
    assert ("licence", "this is required and missing") in found
    assert ("sections[0].items[0].colour",
            "this is not a field a definition file knows (a typing mistake?)") in found
    assert any(p == "scoring[0].method" and "'sum'" in m for p, m in found)


def test_a_condition_must_look_back_at_a_real_answer(tmp_path: Path) -> None:
    data = skills_data()
    data["sections"][0]["items"][0]["show_if"] = {"item": "bus", "equals": "independent"}
    data["sections"][0]["items"][1]["show_if"] = {"item": "cooking", "equals": "sometimes"}
    paths = [p for _f, p, _m in problems_of(data, tmp_path)]
    assert paths == ["sections[0].items[0].show_if.item", "sections[0].items[1].show_if"]


def test_duplicate_keys_and_unknown_rule_items(tmp_path: Path) -> None:
    data = skills_data()
    data["sections"][0]["items"].append(item("cooking"))
    found = problems_of(data, tmp_path)
    assert [(p, m) for _f, p, m in found] == [
        ("sections[0].items[3].key", "the item key 'cooking' is used twice")]
    data = skills_data(scoring=[rule("total", "sum", items=["cooking", "ironing"])])
    assert [p for _f, p, _m in problems_of(data, tmp_path)] == ["scoring[0].items[1]"]


def test_problem_reads_as_one_line(tmp_path: Path) -> None:
    data = skills_data()
    data["sections"][0]["items"][1]["scale"] = "agreement"
    path = write(tmp_path, "x.1.json", data)
    (problem,) = load_definitions([tmp_path]).problems
    assert str(problem) == f"{path}: sections[0].items[1].scale: there is no scale " \
                           "'agreement' in \"scales\""


def two_versions() -> tuple[dict[str, Any], dict[str, Any]]:
    first = skills_data()
    second = copy.deepcopy(first)
    second["version"] = "2"
    second["sections"][0]["items"].append(item("shopping", domain="community"))
    second["scoring"] = [rule("total", "sum", bands=[band(0, 6, "low"), band(7, 12, "high")])]
    return first, second


def test_both_versions_load_and_old_results_rescore_identically(tmp_path: Path) -> None:
    first, second = two_versions()
    write(tmp_path, "skills.1.json", first)
    write(tmp_path, "skills.2.json", second)
    library = load_definitions([tmp_path])
    assert library.problems == []
    assert [d.version for d in library.versions("skills")] == ["1", "2"]
    assert library.get("skills").version == "2"
    answers = {"cooking": "independent", "cleaning": "prompts", "bus": "prompts"}
    stored = score(Definition.model_validate(first), answers).to_json()
    # Later, with version 2 installed, the stored administration names version 1:
    again = score(library.get("skills", stored["version"]), answers)
    assert again == ScoreResult.from_json(stored)
    assert again.scores["total"].band is not None
    assert again.scores["total"].band.label.text("en") == "high"  # 7 in 0-4 / 5-9
    newer = score(library.get("skills"), answers).scores["total"]
    assert newer.band is not None and newer.band.label.text("en") == "high"  # 7 of 0-12
    assert (newer.expected, newer.maximum) == (4, 12)


def test_unknown_definitions_and_versions_raise_a_clear_error(tmp_path: Path) -> None:
    write(tmp_path, "skills.1.json", skills_data())
    library = load_definitions([tmp_path, tmp_path / "missing-folder"])
    with pytest.raises(UnknownDefinition, match="'kels'"):
        library.get("kels")
    with pytest.raises(UnknownDefinition, match="Version 3"):
        library.get("skills", "3")


def test_a_second_file_with_the_same_id_and_version_is_refused(tmp_path: Path) -> None:
    shipped, clinic = tmp_path / "shipped", tmp_path / "clinic"
    shipped.mkdir()
    clinic.mkdir()
    write(shipped, "skills.1.json", skills_data())
    copy_ = write(clinic, "my-skills.json", skills_data(title={"en": "Mine"}))
    library = load_definitions([shipped, clinic])
    assert library.get("skills").title.text("en") == "Skills"
    (problem,) = library.problems
    assert problem.file == copy_ and "already defined" in problem.message
