"""The due-review batch: exactly the plans due, one PDF or one file per client, an audit event
and copy number per document, progress, and a cancel that records nothing unsaved."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from pdf_text import flat, page_texts, qpdf_check, tools_missing
from print_team_fixture import insert, plan
from sqlalchemy import select

from otdesk.db.models import AuditEvent, CarePlan, CarePlanGoal
from otdesk.services import episodes
from otdesk.services.context import Context
from otdesk.services.print_batch import BatchControl, due_reviews, print_batch

pytestmark = pytest.mark.skipif(tools_missing() is not None, reason=str(tools_missing()))


@pytest.fixture
def due(ctx: Context, make_client: Callable[..., Any]) -> dict[str, int]:
    """Plans with reviews at various distances; the keys say which should be picked."""
    today = ctx.today()
    made: dict[str, int] = {}
    for key, days in (("in_2", 2), ("in_7", 7), ("in_8", 8), ("overdue", -3), ("today", 0)):
        client = make_client(given_name=f"Rae{key}", family_name="Review",
                             record_number=f"RV-{key}")
        made[key] = plan(ctx, client.id, today + timedelta(days=days))
        insert(ctx, CarePlanGoal(care_plan_id=made[key], text=f"Goal of {key}"))
    gone = make_client(given_name="Dee", family_name="Gone", record_number="RV-gone")
    made["discharged"] = plan(ctx, gone.id, today + timedelta(days=1))
    episode = next(e for e in episodes.list_episodes(ctx, client_id=gone.id) if e.is_open)
    episodes.discharge_client(ctx, episode_id=episode.id, expected_version=episode.version,
                              actual_discharge_date=today)
    old = make_client(given_name="Sue", family_name="Perseded", record_number="RV-old")
    insert(ctx, CarePlan(client_id=old.id, episode_id=next(
        e.id for e in episodes.list_episodes(ctx, client_id=old.id)), status="superseded",
        review_date=today + timedelta(days=3), plan_version=1))
    return made


def _prints(ctx: Context) -> list[AuditEvent]:
    with ctx.db.reading() as session:
        return list(session.scalars(select(AuditEvent).where(AuditEvent.action == "print")
                                    .order_by(AuditEvent.id)))


def test_the_batch_picks_exactly_the_plans_due(ctx: Context, due: dict[str, int]) -> None:
    picked = due_reviews(ctx, days=7)
    assert [p.plan_id for p in picked] == [due["today"], due["in_2"], due["in_7"]]
    with_overdue = due_reviews(ctx, days=7, include_overdue=True)
    assert [p.plan_id for p in with_overdue] == [due["overdue"], *[p.plan_id for p in picked]]
    assert due_reviews(ctx, days=0) == picked[:1]


def test_one_pdf_holds_every_plan_each_with_its_own_copy_number(
        ctx: Context, due: dict[str, int], tmp_path: Path) -> None:
    plans = due_reviews(ctx, days=7)
    seen: list[tuple[int, int, str]] = []
    out = tmp_path / "reviews.pdf"
    result = print_batch(ctx, plans, out=out,
                         control=BatchControl(lambda *step: seen.append(step)))
    assert not result.cancelled and result.path == out
    pdf = out.read_bytes()
    qpdf_check(pdf, tmp_path)
    events = _prints(ctx)
    assert [e.entity_id for e in events] == [p.plan_id for p in plans]
    assert [c.copy_number for c in result.copies] == [e.id for e in events]
    assert all(e.changes["target"][1] == "reviews.pdf" for e in events)
    texts = page_texts(pdf, tmp_path)
    # Each document's pages name its client and copy number and count its own pages.
    by_copy: dict[int, list[str]] = {}
    for text in texts:
        number = next(c.copy_number for c in result.copies if f"Copy no. {c.copy_number}" in text)
        by_copy.setdefault(number, []).append(text)
    assert list(by_copy) == [c.copy_number for c in result.copies]
    for copy in result.copies:
        pages = by_copy[copy.copy_number]
        for n, text in enumerate(pages, start=1):
            assert copy.plan.name in flat(text) and copy.plan.record_number in text
            assert f"Page {n} of {len(pages)}" in text
    assert [s[0] for s in seen] == [0, 1, 2, 3] and seen[-1][1] == 3


def test_one_file_per_client(ctx: Context, due: dict[str, int], tmp_path: Path) -> None:
    plans = due_reviews(ctx, days=7)
    folder = tmp_path / "out"
    folder.mkdir()
    result = print_batch(ctx, plans, out_dir=folder)
    assert [c.path.name for c in result.copies if c.path] == [
        f"care-plan-RV-{key}-{p.review_date.isoformat()}.pdf"
        for key, p in zip(("today", "in_2", "in_7"), plans, strict=True)]
    for copy in result.copies:
        assert copy.path is not None
        text = flat(" ".join(page_texts(copy.path.read_bytes(), tmp_path)))
        assert copy.plan.record_number in text and f"Copy no. {copy.copy_number}" in text
    assert len(_prints(ctx)) == 3


def test_cancel_into_one_pdf_records_nothing(ctx: Context, due: dict[str, int],
                                             tmp_path: Path) -> None:
    control = BatchControl()
    control.on_progress = lambda done, total, label: control.cancel() if done == 1 else None
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "reviews.pdf"
    result = print_batch(ctx, due_reviews(ctx, days=7), out=out, control=control)
    assert result.cancelled and result.copies == ()
    assert _prints(ctx) == []
    assert list(folder.iterdir()) == []  # no file, not even a half-written one


def test_cancel_one_file_each_keeps_what_was_saved(ctx: Context, due: dict[str, int],
                                                   tmp_path: Path) -> None:
    control = BatchControl()
    control.on_progress = lambda done, total, label: control.cancel() if done == 1 else None
    folder = tmp_path / "out"
    folder.mkdir()
    result = print_batch(ctx, due_reviews(ctx, days=7), out_dir=folder, control=control)
    assert result.cancelled and len(result.copies) == 1
    assert result.copies[0].path is not None
    assert [p.name for p in folder.iterdir()] == [result.copies[0].path.name]
    assert [e.id for e in _prints(ctx)] == [result.copies[0].copy_number]
