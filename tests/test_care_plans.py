"""Care plans on both engines: a version is written as a draft, put in effect and copied into
the next version without touching the history; an active version only takes goal statuses,
its review date, reviews and conferences; a superseded one nothing; two versions compare
item by item; a review's GAS T-score matches the formula worked by hand; a case conference
can start the next version."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from otdesk.domain.care_plans import CarePlanError, Change
from otdesk.domain.errors import ConflictError, ValidationError
from otdesk.domain.records import Changes, RecordKind
from otdesk.domain.vocab import CarePlanStatus, Discipline, GoalStatus
from otdesk.services import care_plan_reviews, care_plans, clients, episodes
from otdesk.services.care_plans import PlanInfo
from otdesk.services.context import Context

MakeClient = Callable[..., clients.ClientDetail]


def _episode(ctx: Context, client_id: int) -> int:
    return next(e.id for e in episodes.list_episodes(ctx, client_id=client_id) if e.is_open)


def _plan(ctx: Context, make_client: MakeClient, **client: Any) -> PlanInfo:
    """A draft with one need, two goals (the second weighted 2) and two interventions."""
    person = make_client(**client)
    plan = care_plans.create_plan(ctx, client_id=person.id,
                                  episode_id=_episode(ctx, person.id),
                                  values={"summary": "Steadier mornings",
                                          "review_date": date(2026, 12, 15)})
    plan = care_plans.add_need(ctx, plan_id=plan.id, version=plan.version, values={
        "text": "Misses morning medication", "symptom_or_barrier": "Low mood and fatigue",
        "activity_limited": "Medication routine"})
    need = plan.needs[0]
    plan = care_plans.add_goal(ctx, plan_id=plan.id, version=plan.version, values={
        "need_id": need.id, "text": "Takes morning tablets unprompted 6 of 7 days",
        "measure": "days a week", "baseline": "2 of 7 days", "domain": "self-care",
        "gas_levels": {"-2": "0-1 days", "-1": "2-3 days", "0": "4-5 days", "1": "6 days",
                       "2": "7 days"}, "plain_language": {"es": "Toma sus pastillas"}})
    plan = care_plans.add_goal(ctx, plan_id=plan.id, version=plan.version, values={
        "text": "Walks to the shop twice a week", "gas_weight": 2})
    first = plan.goals[0]
    plan = care_plans.add_intervention(ctx, plan_id=plan.id, version=plan.version, values={
        "goal_id": first.id, "description": "Pill organiser and phone alarm",
        "frequency": "daily", "discipline": "ot", "owner_name": "Tess"})
    return care_plans.add_intervention(ctx, plan_id=plan.id, version=plan.version, values={
        "goal_id": first.id, "description": "Review of morning sedation",
        "frequency": "monthly", "discipline": "psychiatry"})


def _activate(ctx: Context, plan: PlanInfo) -> PlanInfo:
    return care_plans.activate_plan(ctx, plan_id=plan.id, version=plan.version)


def test_a_draft_holds_needs_goals_and_interventions_for_the_glance_view(
    ctx: Context, make_client: MakeClient
) -> None:
    plan = _plan(ctx, make_client)
    assert plan.status is CarePlanStatus.DRAFT and plan.editable and plan.plan_version == 1
    goal = plan.goals[0]
    assert goal.need_id == plan.needs[0].id and goal.gas_weight == 1.0
    assert goal.gas_levels["0"] == "4-5 days"
    assert goal.plain_language == {"es": "Toma sus pastillas"}
    assert plan.barriers_of(goal.id) == ("Low mood and fatigue",)
    assert plan.barriers_of(plan.goals[1].id) == ()
    by = plan.interventions_by_discipline()
    assert list(by) == [Discipline.OT, Discipline.PSYCHIATRY]
    assert [i.description for i in by[Discipline.PSYCHIATRY]] == ["Review of morning sedation"]
    assert plan.next_joint_review == date(2026, 12, 15)
    current = care_plans.current_plan(ctx, episode_id=plan.episode_id)
    assert current is not None and current.id == plan.id


def test_an_episode_gets_one_first_version_and_sharing_follows_consent(
    ctx: Context, make_client: MakeClient
) -> None:
    plan = _plan(ctx, make_client, consent_family=True)
    assert plan.share_with_family and not plan.share_with_partners
    with pytest.raises(CarePlanError, match="already has a care plan"):
        care_plans.create_plan(ctx, client_id=plan.client_id, episode_id=plan.episode_id)
    other = make_client()
    with pytest.raises(ValidationError) as err:
        care_plans.create_plan(ctx, client_id=other.id, episode_id=_episode(ctx, other.id),
                               values={"share_with_partners": True})
    assert err.value.for_field("share_with_partners") == (
        "the client has not consented to sharing with community partners")
    with pytest.raises(ValidationError) as bad:
        care_plans.create_plan(ctx, client_id=other.id, episode_id=plan.episode_id)
    assert bad.value.for_field("episode_id")


def test_fields_are_checked_and_named(ctx: Context, make_client: MakeClient) -> None:
    plan = _plan(ctx, make_client)
    cases: list[tuple[dict[str, Any], str]] = [
        ({"text": ""}, "text"), ({"text": "x", "gas_weight": 0}, "gas_weight"),
        ({"text": "x", "gas_levels": {"3": "too far"}}, "gas_levels"),
        ({"text": "x", "need_id": 999_999}, "need_id"), ({"text": "x", "colour": 1}, "colour"),
    ]
    for values, field in cases:
        with pytest.raises(ValidationError) as err:
            care_plans.add_goal(ctx, plan_id=plan.id, version=plan.version, values=values)
        assert err.value.for_field(field), (values, str(err.value))
    with pytest.raises(ValidationError) as err:
        care_plans.add_intervention(ctx, plan_id=plan.id, version=plan.version,
                                    values={"description": "x", "discipline": "astrology"})
    assert err.value.for_field("discipline")
    with pytest.raises(ValidationError) as err:
        care_plans.add_need(ctx, plan_id=plan.id, version=plan.version,
                            values={"text": "x", "source_kind": "assessment"})
    assert err.value.for_field("source_id")
    with pytest.raises(ValidationError) as err:
        care_plans.add_need(ctx, plan_id=plan.id, version=plan.version,
                            values={"text": "x", "source_kind": "assessment", "source_id": 99})
    assert "no assessment with id 99" in str(err.value)


def test_a_stale_copy_is_refused(ctx: Context, make_client: MakeClient) -> None:
    plan = _plan(ctx, make_client)
    old_goal = plan.goals[0]
    plan = care_plans.update_goal(ctx, goal_id=old_goal.id, version=old_goal.version,
                                  values={"text": "Takes tablets 5 of 7 days"})
    with pytest.raises(ConflictError):
        care_plans.update_goal(ctx, goal_id=old_goal.id, version=old_goal.version,
                               values={"baseline": "none"})
    with pytest.raises(ConflictError):  # the plan moved on with its goal
        care_plans.update_plan(ctx, plan_id=plan.id, version=plan.version - 1,
                               values={"summary": "x"})


def test_activating_needs_a_goal_and_supersedes_the_version_in_effect(
    ctx: Context, make_client: MakeClient
) -> None:
    person = make_client()
    empty = care_plans.create_plan(ctx, client_id=person.id,
                                   episode_id=_episode(ctx, person.id))
    with pytest.raises(ValidationError) as err:
        _activate(ctx, empty)
    assert err.value.for_field("goals") == (
        "add at least one goal before putting the plan in effect")
    plan = _activate(ctx, _plan(ctx, make_client))
    assert plan.status is CarePlanStatus.ACTIVE and plan.effective_from == ctx.today()
    draft = care_plans.new_version(ctx, plan_id=plan.id)
    with pytest.raises(CarePlanError, match="already a draft"):
        care_plans.new_version(ctx, plan_id=plan.id)
    newer = _activate(ctx, draft)
    older = care_plans.get_plan(ctx, plan_id=plan.id)
    assert (older.status, newer.status) == (CarePlanStatus.SUPERSEDED, CarePlanStatus.ACTIVE)
    lines = care_plans.list_plans(ctx, client_id=plan.client_id)
    assert [(line.plan_version, line.status, line.goals) for line in lines] == [
        (2, CarePlanStatus.ACTIVE, 2), (1, CarePlanStatus.SUPERSEDED, 2)]
    with pytest.raises(CarePlanError, match="Only the version in effect"):
        care_plans.new_version(ctx, plan_id=older.id)


def test_the_database_keeps_one_active_version_per_episode(
    ctx: Context, make_client: MakeClient
) -> None:
    plan = _activate(ctx, _plan(ctx, make_client))
    draft = care_plans.new_version(ctx, plan_id=plan.id)
    with pytest.raises(IntegrityError), ctx.db.engine.begin() as conn:
        conn.execute(text("UPDATE care_plans SET status = 'active' WHERE id = :id"),
                     {"id": draft.id})


def test_a_new_version_copies_everything_and_leaves_the_history_as_it_was(
    ctx: Context, make_client: MakeClient
) -> None:
    plan = _activate(ctx, _plan(ctx, make_client))
    before = care_plans.get_plan(ctx, plan_id=plan.id)
    draft = care_plans.new_version(ctx, plan_id=plan.id)
    assert draft.based_on_id == plan.id and draft.plan_version == 2
    assert [g.text for g in draft.goals] == [g.text for g in before.goals]
    assert {g.id for g in draft.goals}.isdisjoint({g.id for g in before.goals})
    # The links inside the copy point at the copy's own rows.
    assert draft.goals[0].need_id == draft.needs[0].id
    assert {i.goal_id for i in draft.interventions} == {draft.goals[0].id}
    goal = draft.goals[0]
    draft = care_plans.update_goal(ctx, goal_id=goal.id, version=goal.version,
                                   values={"text": "Takes tablets unprompted every day"})
    draft = care_plans.remove_intervention(ctx, intervention_id=draft.interventions[1].id,
                                           version=draft.interventions[1].version)
    draft = care_plans.remove_need(ctx, need_id=draft.needs[0].id,
                                   version=draft.needs[0].version)
    draft = care_plans.update_plan(ctx, plan_id=draft.id, version=draft.version,
                                   values={"summary": "Independent mornings"})
    _activate(ctx, draft)
    after = care_plans.get_plan(ctx, plan_id=plan.id)
    assert after.status is CarePlanStatus.SUPERSEDED
    assert (after.summary, after.needs, after.goals, after.interventions) == (
        before.summary, before.needs, before.goals, before.interventions)


def test_an_active_version_takes_only_status_review_date_and_reviews(
    ctx: Context, make_client: MakeClient
) -> None:
    plan = _activate(ctx, _plan(ctx, make_client))
    goal = plan.goals[0]
    with pytest.raises(CarePlanError) as err:
        care_plans.update_goal(ctx, goal_id=goal.id, version=goal.version,
                               values={"text": "Other wording"})
    assert str(err.value) == (
        "Care plan version 1 is in effect: start a new version to change its goals.")
    with pytest.raises(CarePlanError, match="change its summary"):
        care_plans.update_plan(ctx, plan_id=plan.id, version=plan.version,
                               values={"summary": "Other"})
    with pytest.raises(CarePlanError, match="change its needs"):
        care_plans.add_need(ctx, plan_id=plan.id, version=plan.version, values={"text": "x"})
    plan = care_plans.update_plan(ctx, plan_id=plan.id, version=plan.version,
                                  values={"review_date": date(2027, 1, 10),
                                          "summary": plan.summary})
    assert plan.review_date == date(2027, 1, 10)
    with pytest.raises(ValidationError) as bad:
        care_plans.set_goal_status(ctx, goal_id=goal.id, version=goal.version,
                                   status="discontinued")
    assert bad.value.for_field("reason") == "say why the goal was discontinued"
    plan = care_plans.set_goal_status(ctx, goal_id=goal.id, version=goal.version,
                                      status=GoalStatus.DISCONTINUED, reason="Moved to weekly")
    assert (plan.goals[0].status, plan.goals[0].status_reason) == (
        GoalStatus.DISCONTINUED, "Moved to weekly")
    with pytest.raises(CarePlanError, match="not a draft"):
        care_plans.remove_draft(ctx, plan_id=plan.id, version=plan.version)


def test_a_superseded_version_is_read_only(ctx: Context, make_client: MakeClient) -> None:
    plan = _activate(ctx, _plan(ctx, make_client))
    _activate(ctx, care_plans.new_version(ctx, plan_id=plan.id))
    old = care_plans.get_plan(ctx, plan_id=plan.id)
    assert old.read_only
    goal = old.goals[0]
    attempts: list[Callable[[], object]] = [
        lambda: care_plans.update_plan(ctx, plan_id=old.id, version=old.version,
                                       values={"review_date": date(2027, 2, 1)}),
        lambda: care_plans.set_goal_status(ctx, goal_id=goal.id, version=goal.version,
                                           status="achieved"),
        lambda: care_plans.remove_goal(ctx, goal_id=goal.id, version=goal.version),
        lambda: care_plan_reviews.record_review(ctx, plan_id=old.id, review_date=ctx.today(),
                                                levels={goal.id: 0}),
    ]
    for attempt in attempts:
        with pytest.raises(CarePlanError, match="superseded"):
            attempt()
    assert care_plans.get_plan(ctx, plan_id=plan.id) == old


def test_removing_a_draft_leaves_the_version_in_effect(
    ctx: Context, make_client: MakeClient
) -> None:
    plan = _activate(ctx, _plan(ctx, make_client))
    draft = care_plans.new_version(ctx, plan_id=plan.id)
    care_plans.remove_draft(ctx, plan_id=draft.id, version=draft.version)
    current = care_plans.current_plan(ctx, episode_id=plan.episode_id)
    assert current is not None and current.id == plan.id
    assert [line.plan_version for line in care_plans.list_plans(ctx, client_id=plan.client_id)
            ] == [1]


def test_comparing_shows_added_removed_and_changed_goals(
    ctx: Context, make_client: MakeClient
) -> None:
    plan = _activate(ctx, _plan(ctx, make_client))
    draft = care_plans.new_version(ctx, plan_id=plan.id)
    first, second = draft.goals
    draft = care_plans.update_goal(ctx, goal_id=first.id, version=first.version,
                                   values={"text": "Takes tablets unprompted every day"})
    draft = care_plans.remove_goal(ctx, goal_id=second.id, version=second.version)
    draft = care_plans.add_goal(ctx, plan_id=draft.id, version=draft.version,
                                values={"text": "Cooks a simple lunch twice a week"})
    comparison = care_plans.compare_plans(ctx, older_id=plan.id, newer_id=draft.id)
    goals = [(r.older.split(" | ")[0], r.newer.split(" | ")[0], r.change)
             for r in comparison.rows if r.section == "goal"]
    assert goals == [
        ("Takes morning tablets unprompted 6 of 7 days", "Takes tablets unprompted every day",
         Change.CHANGED),
        ("", "Cooks a simple lunch twice a week", Change.ADDED),
        ("Walks to the shop twice a week", "", Change.REMOVED),
    ]
    needs = [r.change for r in comparison.rows if r.section == "need"]
    assert needs == [Change.SAME]
    assert all(r.change is Change.SAME for r in comparison.rows if r.section == "plan")
    assert (comparison.older_version, comparison.newer_version) == (1, 2)
    # Dates read as the clinic writes them, not as stored.
    review = next(r for r in comparison.rows if r.label == "Review date")
    assert review.older == review.newer == "15 Dec 2026"


def test_changes_are_audited_and_announced(ctx: Context, make_client: MakeClient) -> None:
    plan = _plan(ctx, make_client)
    goal = plan.goals[0]
    with ctx.db.reading() as session:
        kinds = {row[0] for row in session.execute(text(
            "SELECT entity_type FROM audit_events WHERE client_id = :c"), {"c": plan.client_id})}
    assert {"care plan", "care plan need", "care plan goal", "care plan intervention"} <= kinds
    seen: list[Changes] = []
    listening = dataclasses.replace(ctx, on_change=seen.append)
    care_plans.update_goal(listening, goal_id=goal.id, version=goal.version,
                           values={"domain": "daily living"})
    [changes] = seen
    assert changes.ids(RecordKind.CARE_PLAN) == {plan.id}
    assert changes.ids(RecordKind.CARE_PLAN_GOAL) == {goal.id}
    assert changes.clients == {plan.client_id}


# --- reviews and conferences --------------------------------------------------------------------


def test_the_t_score_of_each_review_matches_the_formula_worked_by_hand(
    ctx: Context, make_client: MakeClient
) -> None:
    person = make_client()
    plan = care_plans.create_plan(ctx, client_id=person.id, episode_id=_episode(ctx, person.id))
    for text_, weight in (("One", 1), ("Two", 2), ("Three", 3)):
        plan = care_plans.add_goal(ctx, plan_id=plan.id, version=plan.version,
                                   values={"text": text_, "gas_weight": weight})
    plan = _activate(ctx, plan)
    one, two, three = (g.id for g in plan.goals)
    # Weights 1, 1, 1 are not what this plan has, so first rate only levels that make the
    # weights irrelevant: all three at 0 gives T = 50 + 10 * 0 / ... = 50 exactly.
    flat = care_plan_reviews.record_review(ctx, plan_id=plan.id, review_date=date(2026, 10, 1),
                                           levels={one: 0, two: 0, three: 0})
    assert flat.t_score == 50.0
    # Weights 1, 2, 3 at levels -1, 0, +2, rho = 0.3:
    #   sum(w*x) = -1 + 0 + 6 = 5; sum(w^2) = 1 + 4 + 9 = 14; (sum w)^2 = 36
    #   T = 50 + 10 * 5 / sqrt(0.7 * 14 + 0.3 * 36) = 50 + 50 / sqrt(20.6)
    #     = 50 + 50 / 4.538722 = 50 + 11.0163 = 61.02 (to two places)
    mixed = care_plan_reviews.record_review(
        ctx, plan_id=plan.id, review_date=date(2026, 11, 1), levels={one: -1, two: 0, three: 2},
        notes="Good month", goal_notes={three: "Every day since the alarm"})
    assert mixed.t_score == 61.02
    assert mixed.level_of(three) == 2 and mixed.levels[2].note == "Every day since the alarm"
    # Only goals one and two rated, both at -2, weights 1 and 2:
    #   sum(w*x) = -2 - 4 = -6; sum(w^2) = 5; (sum w)^2 = 9
    #   T = 50 - 60 / sqrt(0.7 * 5 + 0.3 * 9) = 50 - 60 / sqrt(6.2) = 50 - 24.0966 = 25.90
    low = care_plan_reviews.record_review(ctx, plan_id=plan.id, review_date=date(2026, 11, 20),
                                          levels={one: -2, two: -2})
    assert low.t_score == 25.9
    seen: list[Changes] = []
    care_plan_reviews.record_review(dataclasses.replace(ctx, on_change=seen.append),
                                    plan_id=plan.id, review_date=date(2026, 11, 20),
                                    levels={three: 0})
    [changes] = seen  # the plan is announced with its review, for the screen showing it
    assert changes.ids(RecordKind.CARE_PLAN) == {plan.id}
    assert len(changes.ids(RecordKind.CARE_PLAN_REVIEW)) == 1
    history = care_plan_reviews.t_score_history(ctx, client_id=person.id)
    assert [(p.review_date.month, p.t_score, p.goals_rated) for p in history] == [
        (10, 50.0, 3), (11, 61.02, 3), (11, 25.9, 2), (11, 50.0, 1)]
    assert care_plan_reviews.t_score_history(ctx, episode_id=plan.episode_id) == history
    shown = care_plans.get_plan(ctx, plan_id=plan.id)
    assert shown.latest_review is not None and shown.latest_review.t_score == 50.0
    assert care_plans.list_plans(ctx, client_id=person.id)[0].latest_t_score == 50.0


def test_a_review_is_checked(ctx: Context, make_client: MakeClient) -> None:
    draft = _plan(ctx, make_client)
    goal = draft.goals[0]
    with pytest.raises(CarePlanError, match="still a draft"):
        care_plan_reviews.record_review(ctx, plan_id=draft.id, review_date=ctx.today(),
                                        levels={goal.id: 0})
    plan = _activate(ctx, draft)
    for levels, field in (({goal.id: 3}, f"levels[{goal.id}]"), ({999_999: 0}, "levels"),
                          ({}, "levels")):
        with pytest.raises(ValidationError) as err:
            care_plan_reviews.record_review(ctx, plan_id=plan.id, review_date=ctx.today(),
                                            levels=levels)
        assert err.value.for_field(field), str(err.value)
    with pytest.raises(ValidationError) as err:
        care_plan_reviews.record_review(ctx, plan_id=plan.id, review_date=date(2999, 1, 1),
                                        levels={goal.id: 0})
    assert err.value.for_field("review_date") == "is in the future"


def test_a_case_conference_sets_the_next_joint_review_and_can_start_a_version(
    ctx: Context, make_client: MakeClient
) -> None:
    plan = _activate(ctx, _plan(ctx, make_client))
    attendees = [{"discipline": "ot", "name": "Tess"},
                 {"discipline": "psychiatry", "name": "Dr Example"},
                 {"discipline": "family", "name": "Rosa"}]
    conference = care_plan_reviews.record_conference(ctx, plan_id=plan.id, values={
        "held_on": date(2026, 11, 25), "attendees": attendees,
        "client_view": "Mornings are easier", "family_view": "Still needs a reminder",
        "decisions": "Add a lunch goal", "next_review_date": date(2027, 2, 24),
    }, start_new_version=True)
    assert [(a.discipline, a.name) for a in conference.attendees] == [
        (Discipline.OT, "Tess"), (Discipline.PSYCHIATRY, "Dr Example"),
        (Discipline.FAMILY, "Rosa")]
    assert conference.starts_new_version and conference.new_plan_id is not None
    draft = care_plans.get_plan(ctx, plan_id=conference.new_plan_id)
    assert (draft.status, draft.based_on_id, draft.plan_version) == (
        CarePlanStatus.DRAFT, plan.id, 2)
    assert draft.review_date == date(2027, 2, 24)
    current = care_plans.get_plan(ctx, plan_id=plan.id)
    assert current.review_date == date(2027, 2, 24)
    assert current.next_joint_review == date(2027, 2, 24)
    assert [c.decisions for c in current.conferences] == ["Add a lunch goal"]
    with pytest.raises(CarePlanError, match="already a draft"):
        care_plan_reviews.record_conference(ctx, plan_id=plan.id, values={
            "held_on": date(2026, 11, 26)}, start_new_version=True)
    with pytest.raises(ValidationError) as err:
        care_plan_reviews.record_conference(ctx, plan_id=plan.id, values={
            "held_on": date(2026, 11, 26), "attendees": [{"discipline": "magic"}]})
    assert err.value.for_field("discipline")
    with pytest.raises(ValidationError) as err:
        care_plan_reviews.record_conference(ctx, plan_id=plan.id, values={
            "held_on": date(2026, 11, 26), "next_review_date": date(2026, 11, 1)})
    assert err.value.for_field("next_review_date")


def test_a_family_task_keeps_its_plain_words_into_the_next_version(
    ctx: Context, make_client: MakeClient
) -> None:
    plan = _plan(ctx, make_client)
    plan = care_plans.add_intervention(ctx, plan_id=plan.id, version=plan.version, values={
        "description": "Carer prompts, then waits", "discipline": "family",
        "plain_language": {"es": "  Recuérdele el paso y espere.  ", "fr": " "}})
    task = plan.interventions[-1]
    assert task.plain_language == {"es": "Recuérdele el paso y espere."}  # blanks dropped
    with pytest.raises(ValidationError) as err:
        care_plans.update_intervention(ctx, intervention_id=task.id, version=task.version,
                                       values={"plain_language": ["not", "by", "language"]})
    assert err.value.for_field("plain_language")
    active = _activate(ctx, plan)
    copied = care_plans.new_version(ctx, plan_id=active.id)
    assert copied.interventions[-1].plain_language == {"es": "Recuérdele el paso y espere."}
