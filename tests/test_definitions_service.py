"""The installation's definitions: shipped plus the clinic's folder, kept until reloaded."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from otdesk.services import definitions
from tests.definition_samples import skills_data


@pytest.fixture
def clinic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "clinic-definitions"
    folder.mkdir()
    monkeypatch.setenv(definitions.DEFINITIONS_ENV, str(folder))
    definitions.reload()
    yield folder
    monkeypatch.delenv(definitions.DEFINITIONS_ENV)
    definitions.reload()


def test_the_clinic_folder_adds_to_the_shipped_definitions(clinic: Path) -> None:
    (clinic / "skills.1.json").write_text(json.dumps(skills_data()), encoding="utf-8")
    assert "skills" not in definitions.library()  # kept until reloaded
    library = definitions.reload()
    assert library.get("skills").title.text("en") == "Skills"
    assert library.get("discharge-readiness").version == "1"
    assert definitions.library() is library


def test_a_broken_clinic_file_is_reported_by_name_and_reason(clinic: Path) -> None:
    data = skills_data()
    data["scoring"][0]["bands"][1]["low"] = 3
    (clinic / "skills.1.json").write_text(json.dumps(data), encoding="utf-8")
    definitions.reload()
    (problem,) = definitions.clinic_problems()
    assert problem.file.name == "skills.1.json"
    assert problem.path == "scoring[0].bands[1].low"
    assert "overlaps" in problem.message
    assert "skills" not in definitions.library()
    assert definitions.library().get("home-environment")  # the rest still loads


def test_without_the_variable_the_data_folder_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(definitions.DEFINITIONS_ENV, raising=False)
    assert definitions.clinic_folder().name == "definitions"
    assert definitions.clinic_folder().parent.name == "otdesk"
