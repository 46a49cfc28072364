"""``otdesk instruments list`` and ``otdesk instruments check FILE``, run as real processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.definition_samples import band, rule, skills_data

ROOT = Path(__file__).resolve().parents[1]


def run(tmp_path: Path, *args: str, language: str = "en") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OTDESK_")}
    env.update(PYTHONPATH=str(ROOT), XDG_DATA_HOME=str(tmp_path / "data"),
               PYTHONIOENCODING="utf-8", OTDESK_DEFINITIONS=str(tmp_path / "clinic"),
               LANGUAGE=language, LC_ALL="C.UTF-8")
    result = subprocess.run([sys.executable, "-m", "otdesk", *args], capture_output=True,
                            text=True, encoding="utf-8", env=env, timeout=120, check=False)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def write(path: Path, data: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_check_names_an_overlap_of_bands_and_exits_1(tmp_path: Path) -> None:
    data = skills_data(scoring=[rule("total", "sum", bands=[band(0, 5, "a"), band(4, 9, "b")])])
    file = write(tmp_path / "skills.1.json", data)
    result = run(tmp_path, "instruments", "check", str(file))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{file}: scoring[0].bands[1].low: this band overlaps the one before it (it should "
        "start at 6)"]
    assert "1 problem found" in result.stderr


def test_check_prints_every_problem_one_per_line(tmp_path: Path) -> None:
    data = skills_data()
    data["sections"][0]["items"][0]["scale"] = "agreement"
    data["sections"][0]["items"][2]["scale"] = "frequency"
    file = write(tmp_path / "skills.1.json", data)
    result = run(tmp_path, "instruments", "check", str(file))
    assert result.returncode == 1
    assert [line.split(": ")[1] for line in result.stdout.splitlines()] == [
        "sections[0].items[0].scale", "sections[0].items[2].scale"]


def test_check_accepts_a_valid_file(tmp_path: Path) -> None:
    file = write(tmp_path / "skills.1.json", skills_data())
    result = run(tmp_path, "instruments", "check", str(file))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "valid (skills, version 1: Skills)" in result.stdout


def test_check_in_spanish(tmp_path: Path) -> None:
    data = skills_data()
    data["sections"][0]["items"][0]["scale"] = "agreement"
    file = write(tmp_path / "skills.1.json", data)
    result = run(tmp_path, "instruments", "check", str(file), language="es")
    assert result.returncode == 1
    assert "no hay ninguna escala 'agreement'" in result.stdout


def test_list_shows_the_clinic_files_and_reports_a_broken_one(tmp_path: Path) -> None:
    write(tmp_path / "clinic" / "skills.1.json", skills_data())
    broken = skills_data(id="broken")
    broken["sections"][0]["items"][1]["scale"] = "agreement"
    bad = write(tmp_path / "clinic" / "broken.1.json", broken)
    result = run(tmp_path, "instruments", "list", "--json")
    assert result.returncode == 0
    listed = {(d["id"], d["version"]): d for d in json.loads(result.stdout)}
    assert listed[("skills", "1")] == {"id": "skills", "version": "1", "kind": "scale",
                                       "title": "Skills"}
    assert ("broken", "1") not in listed
    assert f"{bad}: sections[0].items[1].scale: there is no scale 'agreement'" in result.stderr


def test_list_titles_in_the_users_language(tmp_path: Path) -> None:
    write(tmp_path / "clinic" / "skills.1.json", skills_data())
    result = run(tmp_path, "instruments", "list", language="fr")
    assert result.returncode == 0
    line = next(line for line in result.stdout.splitlines() if line.startswith("skills"))
    assert "Échelle" in line and "Skills (fr)" in line
