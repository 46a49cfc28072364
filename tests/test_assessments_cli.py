"""``otdesk assessments list REF [--json]``, run as a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from otdesk.services import assessments, clients
from otdesk.services.context import Context

ROOT = Path(__file__).resolve().parents[1]
ANSWERS = {
    "worn_out": "often", "sleep_affected": "sometimes", "worried_safety": "often",
    "own_health": "never", "no_time": "mostly", "relationship_strain": "sometimes",
    "know_plan": "never", "know_signs": "sometimes", "know_whom_to_call": "often",
    "feel_supported": "mostly",
}


def _otdesk(target: str, tmp_path: Path, *args: str,
            language: str = "en") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OTDESK_")}
    env.update(PYTHONPATH=str(ROOT), XDG_DATA_HOME=str(tmp_path / "data"),
               PYTHONIOENCODING="utf-8", LANGUAGE=language, LC_ALL="C.UTF-8")
    result = subprocess.run([sys.executable, "-m", "otdesk", "--db", target, *args],
                            capture_output=True, text=True, encoding="utf-8", env=env,
                            timeout=120, check=False)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def test_list_prints_scores_and_bands(ctx: Context, db_target: str, tmp_path: Path,
                                      make_client: Callable[..., clients.ClientDetail]) -> None:
    client = make_client(record_number="ASSESS-1")
    draft = assessments.start_assessment(ctx, client_id=client.id,
                                         definition_id="caregiver-check-in",
                                         administered_on=date(2026, 10, 5))
    saved = assessments.save_answers(ctx, assessment_id=draft.id,
                                     expected_version=draft.version, answers=ANSWERS)
    final = assessments.finalise_assessment(ctx, assessment_id=saved.id,
                                            expected_version=saved.version)
    external = assessments.record_external_result(
        ctx, client_id=client.id, definition_id="barthel-index",
        administered_on=date(2026, 11, 1), total=85, band="mild dependence")

    listed = _otdesk(db_target, tmp_path, "assessments", "list", "ASSESS-1", "--json")
    assert listed.returncode == 0, listed.stderr
    data = json.loads(listed.stdout)
    assert [row["id"] for row in data] == [external.id, final.id]  # newest first
    barthel, caregiver = data
    assert (barthel["total"], barthel["band_label"], barthel["status"]) == (
        85, "mild dependence", "final")
    assert caregiver["scores"]["strain"]["value"] == 9
    assert caregiver["scores"]["information_gaps"]["value"] == 6
    assert caregiver["record_number"] == "ASSESS-1"

    table = _otdesk(db_target, tmp_path, "assessments", "list", "ASSESS-1")
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0].split() == ["Id", "Date", "Instrument", "Status", "Total", "Band", "Note"]
    assert "Barthel Index, result" in lines[2] and "mild dependence" in lines[2]
    assert "1 Nov 2026" in lines[2] and "85" in lines[2]
    spanish = _otdesk(db_target, tmp_path, "assessments", "list", "ASSESS-1", language="es")
    assert "Índice de Barthel, resultado" in spanish.stdout


def test_an_unknown_record_number_is_one_line(db_target: str, tmp_path: Path,
                                              ctx: Context) -> None:
    result = _otdesk(db_target, tmp_path, "assessments", "list", "NOPE-9")
    assert result.returncode == 1
    assert result.stderr.startswith("otdesk: ") and "NOPE-9" in result.stderr
