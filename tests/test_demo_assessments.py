"""The demo clinic's assessments: active clients have histories that show progress, task logs
with several trials, external results and drafts, each scored as the engine scores it."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from otdesk.db.models import Assessment, Client
from otdesk.domain.definitions import missing_required, score
from otdesk.services import assessments, demo
from otdesk.services.context import Context
from otdesk.services.definitions import library


@pytest.fixture
def demo_ctx(ctx: Context) -> Context:
    demo.populate(ctx, clients=120, seed=4)
    return ctx


def _rows(ctx: Context) -> list[tuple[Assessment, str]]:
    with ctx.db.reading() as session:
        found = session.execute(
            select(Assessment, Client.status).join(Client, Client.id == Assessment.client_id)
            .where(Assessment.instrument_id != "external"))
        return [(row, status) for row, status in found]


def test_demo_assessments_are_scored_by_the_engine_and_complete(demo_ctx: Context) -> None:
    rows = _rows(demo_ctx)
    assert rows and {status for _row, status in rows} == {"active"}
    kinds = {row.instrument_id for row, _status in rows}
    assert {"discharge-readiness", "client-priorities", "goal-attainment-scaling",
            "task-performance-log", "barthel-index"} <= kinds
    assert {row.status for row, _status in rows} == {"draft", "final"}
    for row, _status in rows:
        definition = library().get(row.instrument_id, row.instrument_version)
        assert row.scores == score(definition, row.answers).to_json()
        assert row.administered_on <= date.today()
        if row.status == "final":
            assert not missing_required(definition, row.answers), row.instrument_id


def test_demo_histories_show_progress_and_trials(demo_ctx: Context) -> None:
    clients = {row.client_id for row, _status in _rows(demo_ctx)}
    rising = histories = 0
    trials = []
    for client_id in sorted(clients):
        series = {s.key: s for s in assessments.trend(demo_ctx, client_id,
                                                      "discharge-readiness")}
        points = series["overall"].points if "overall" in series else []
        if len(points) >= 2:
            histories += 1
            rising += points[-1][1] > points[0][1]
        for s in assessments.trend(demo_ctx, client_id, "task-performance-log"):
            if s.key == "minutes":
                trials.append(s.points)
    assert histories >= 10 and rising >= 0.8 * histories
    assert trials and all(len(p) >= 3 for p in trials)
    assert sum(p[-1][1] < p[0][1] for p in trials) >= 0.8 * len(trials)
