"""The demo clinic's care plans on both engines: histories of superseded versions, drafts of
the next version, each later version started at a case conference, reviews whose stored
T-score is the one their levels give, needs citing the client's own demo assessments and home
modifications, and dashboard review lines that open the plan they name."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from sqlalchemy import select

from otdesk.db.models import (
    Assessment,
    CarePlan,
    CarePlanGoal,
    CarePlanNeed,
    CarePlanReview,
    CarePlanReviewGoal,
    CaseConference,
    HomeModification,
)
from otdesk.domain.care_plans import review_t_score
from otdesk.domain.records import RecordKind
from otdesk.domain.vocab import CarePlanStatus
from otdesk.services import care_plan_links, care_plans, dashboard, demo
from otdesk.services.context import Context


@pytest.fixture
def demo_ctx(ctx: Context) -> Context:
    demo.populate(ctx, clients=200, seed=1)
    return ctx


def _rows(ctx: Context, model: Any) -> list[Any]:
    with ctx.db.reading() as session:
        return list(session.scalars(select(model).order_by(model.id)))


def test_plans_have_histories_drafts_and_conferences(demo_ctx: Context) -> None:
    plans = _rows(demo_ctx, CarePlan)
    by_episode: dict[int, list[CarePlan]] = {}
    for p in plans:
        by_episode.setdefault(p.episode_id, []).append(p)
    assert all(Counter(p.status for p in v)["active"] == 1 for v in by_episode.values())
    assert any(len(v) >= 3 for v in by_episode.values())
    statuses = Counter(p.status for p in plans)
    assert statuses["superseded"] > 0 and statuses["draft"] > 0
    ids = {p.id: p for p in plans}
    for p in plans:
        if p.plan_version > 1:
            older = ids[p.based_on_id]
            assert (older.episode_id, older.plan_version) == (p.episode_id, p.plan_version - 1)
    conferences = _rows(demo_ctx, CaseConference)
    # Every later version was started by a conference on the version before it.
    started = {c.new_plan_id: c for c in conferences}
    for p in plans:
        if p.plan_version > 1:
            assert started[p.id].care_plan_id == p.based_on_id
            assert started[p.id].starts_new_version
    # The history reads back through the services, superseded versions untouched.
    episode = next(v for v in by_episode.values() if len(v) >= 3)
    lines = care_plans.list_plans(demo_ctx, client_id=episode[0].client_id)
    assert [line.plan_version for line in lines][-1] == 1
    comparison = care_plans.compare_plans(demo_ctx, older_id=episode[0].id,
                                          newer_id=episode[1].id)
    assert any(r.change.value == "added" for r in comparison.rows if r.section == "need")


def test_review_scores_are_what_their_levels_give(demo_ctx: Context) -> None:
    reviews = _rows(demo_ctx, CarePlanReview)
    assert reviews
    weights = {g.id: g.gas_weight for g in _rows(demo_ctx, CarePlanGoal)}
    rated: dict[int, list[tuple[int, float]]] = {}
    for r in _rows(demo_ctx, CarePlanReviewGoal):
        rated.setdefault(r.review_id, []).append((r.level, weights[r.goal_id]))
    assert {r.id for r in reviews} == set(rated)
    for review in reviews:
        assert review.t_score == review_t_score(rated[review.id])
    assert len({r.t_score for r in reviews}) > 5


def test_needs_cite_the_clients_own_findings(demo_ctx: Context) -> None:
    needs = _rows(demo_ctx, CarePlanNeed)
    plans = {p.id: p for p in _rows(demo_ctx, CarePlan)}
    owners = {
        "assessment": {a.id: a.client_id for a in _rows(demo_ctx, Assessment)},
        "modification": {m.id: m.client_id for m in _rows(demo_ctx, HomeModification)},
    }
    cited = [n for n in needs if n.source_kind is not None]
    assert {n.source_kind for n in cited} == {"assessment", "modification"}
    for need in cited:
        assert owners[need.source_kind][need.source_id] == plans[need.care_plan_id].client_id
    mod = next(n for n in cited if n.source_kind == "modification")
    links = care_plan_links.plan_links(demo_ctx, source_kind="modification",
                                       source_ids=[mod.source_id])
    assert mod.care_plan_id in {c.plan_id for c in links[mod.source_id]}


def test_dashboard_review_lines_open_the_plan_they_name(demo_ctx: Context) -> None:
    sections = dashboard.collect(demo_ctx, staff_id=None)
    [reviews] = [s for s in sections if s.key == "care_plan_reviews"]
    assert reviews.items
    for item in reviews.items:
        assert item.target.entity is RecordKind.CARE_PLAN
        plan = care_plans.get_plan(demo_ctx, plan_id=item.target.id)
        assert plan.status is CarePlanStatus.ACTIVE and plan.client_id == item.client_id
        assert plan.review_date == item.due_date
