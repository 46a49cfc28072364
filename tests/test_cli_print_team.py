"""``otdesk print team-summary``, ``otdesk print due-reviews`` and ``otdesk print handoff``:
each writes its PDF(s) and says which copy numbers it recorded."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from pdf_text import flat, page_texts, tools_missing
from print_team_fixture import build
from test_cli import Run, otdesk  # noqa: F401  (the fixture that runs otdesk)

from otdesk.services.context import Context

pytestmark = pytest.mark.skipif(tools_missing() is not None, reason=str(tools_missing()))


def test_print_commands_write_their_files(otdesk: Run, db_path: Path, ctx: Context,  # noqa: F811
                                          make_client: Callable[..., Any],
                                          tmp_path: Path) -> None:
    clinic = build(ctx, make_client)
    summary = tmp_path / "week.pdf"
    done = otdesk("--db", db_path, "print", "team-summary", "--ot", "ot.week", "--from",
                  clinic.start.isoformat(), "--to", clinic.end.isoformat(), "--out", summary)
    assert done.returncode == 0, done.stderr
    assert "copy no." in done.stdout
    assert "Marisol Quintero-Vale" in flat(" ".join(page_texts(summary.read_bytes(), tmp_path)))

    batch = tmp_path / "reviews.pdf"
    done = otdesk("--db", db_path, "print", "due-reviews", "--days", "7", "--out", batch)
    assert done.returncode == 0, done.stderr
    assert "WK-0001" in done.stdout and batch.is_file()

    folder = tmp_path / "each"
    folder.mkdir()
    done = otdesk("--db", db_path, "print", "due-reviews", "--days", "7",
                  "--one-file-per-client", folder)
    assert done.returncode == 0, done.stderr
    review = clinic.end + timedelta(days=5)
    assert [p.name for p in folder.iterdir()] == [f"care-plan-WK-0001-{review.isoformat()}.pdf"]

    handoff = tmp_path / "handoff.pdf"
    done = otdesk("--db", db_path, "print", "handoff", "WK-0001", "--out", handoff)
    assert done.returncode == 0, done.stderr
    assert "WK-0001" in page_texts(handoff.read_bytes(), tmp_path)[0]


def test_bad_options_are_named(otdesk: Run, db_path: Path, tmp_path: Path) -> None:  # noqa: F811
    done = otdesk("--db", db_path, "print", "team-summary", "--to", "2026-12-01", "--out",
                  tmp_path / "x.pdf")
    assert done.returncode != 0 and "--from" in done.stderr
    done = otdesk("--db", db_path, "print", "team-summary", "--from", "2026-13-01", "--to",
                  "2026-12-01", "--out", tmp_path / "x.pdf")
    assert done.returncode != 0 and "--from" in done.stderr
    done = otdesk("--db", db_path, "print", "due-reviews", "--out", tmp_path / "x.pdf")
    assert done.returncode != 0 and "--days" in done.stderr
