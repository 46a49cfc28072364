"""Care plans written straight into the tables for the printing tests (the care-plan
services are another branch's work): needs, goals with GAS levels and family wording,
interventions by discipline, a review and a case conference."""

from __future__ import annotations

from datetime import date
from typing import Any

from otdesk.db.models import (
    CarePlan,
    CarePlanGoal,
    CarePlanIntervention,
    CarePlanNeed,
    CarePlanReview,
    CarePlanReviewGoal,
    CareTeamMember,
    CaseConference,
)
from otdesk.services import episodes
from otdesk.services.context import Context

LEVELS = {"-2": "Never", "-1": "Once a week", "0": "Three times a week",
          "1": "Four or five times a week", "2": "Every day"}


def goal_text(number: int) -> str:
    """The wording of goal ``number`` (unique, so each can be found in the PDF)."""
    return f"Goal text {number:03d}: cook a simple meal at home"


def make_plan(ctx: Context, client_id: int, *, goals: int = 2, share: bool = True,
              family: dict[str, str] | None = None, long_note: str = "",
              tasks: dict[str, str] | None = None) -> int:
    """An active care plan for the client's open episode; returns its id. ``family`` and
    ``tasks``: the goals' and the family task's plain words by language."""
    tasks = tasks if tasks is not None else {
        "en": "Shop together for one meal each week.",
        "es": "Hagan juntos la compra para una comida cada semana.",
        "fr": "Faites ensemble les courses pour un repas chaque semaine.",
    }
    episode = next(e for e in episodes.list_episodes(ctx, client_id=client_id) if e.is_open)
    family = family if family is not None else {
        "en": "Cook at home three evenings a week.",
        "es": "Cocinar en casa tres noches por semana.",
        "fr": "Cuisiner à la maison trois soirs par semaine.",
    }

    def add(session: Any, row: Any) -> Any:
        row.version = 1
        row.created_by_id = row.updated_by_id = ctx.actor_id
        session.add(row)
        session.flush()
        return row

    with ctx.transaction() as session:
        add(session, CareTeamMember(episode_id=episode.id, name="Pat Example-Psych",
                                    discipline="psychiatry", role_in_team="Psychiatrist",
                                    phone="555-0199"))
        add(session, CareTeamMember(episode_id=episode.id, name="Tess Example-OT",
                                    discipline="ot", role_in_team="Primary OT",
                                    phone="555-0142"))
        plan = add(session, CarePlan(
            client_id=client_id, episode_id=episode.id, plan_version=2, status="active",
            effective_from=date(2026, 10, 1), review_date=date(2027, 1, 15),
            author_id=ctx.actor_id, summary=long_note or "Safer routines at home.",
            share_with_family=share, share_with_partners=False))
        need = add(session, CarePlanNeed(care_plan_id=plan.id, position=0,
                                         text="Meals are skipped most days.",
                                         symptom_or_barrier="Low energy in the evening",
                                         activity_limited="Meal preparation"))
        rows = []
        for n in range(1, goals + 1):
            rows.append(add(session, CarePlanGoal(
                care_plan_id=plan.id, need_id=need.id, position=n, text=goal_text(n),
                measure="Evenings cooked per week", plain_language=dict(family),
                domain="meal preparation", baseline="Once a fortnight",
                target_date=date(2027, 1, 1), gas_levels=LEVELS, gas_weight=1.0,
                status="active")))
        add(session, CarePlanIntervention(care_plan_id=plan.id, goal_id=rows[0].id, position=0,
                                          description="Practise three recipes with picture "
                                          "steps", frequency="Weekly", discipline="ot",
                                          owner_name="Primary OT"))
        add(session, CarePlanIntervention(care_plan_id=plan.id, goal_id=rows[0].id, position=1,
                                          description="Shop together for one meal",
                                          frequency="Weekly", discipline="family",
                                          owner_name="Sister", plain_language=tasks))
        review = add(session, CarePlanReview(care_plan_id=plan.id,
                                             review_date=date(2026, 11, 15),
                                             reviewer_id=ctx.actor_id, t_score=46.2,
                                             notes="Cooking twice a week now."))
        add(session, CarePlanReviewGoal(review_id=review.id, goal_id=rows[0].id, level=-1))
        add(session, CaseConference(
            care_plan_id=plan.id, held_on=date(2026, 11, 20), author_id=ctx.actor_id,
            attendees=[{"discipline": "psychiatry", "name": "Pat Example-Psych"},
                       {"discipline": "ot", "name": "Tess Example-OT"}],
            client_view="Wants to cook for friends.", family_view="Sister will help shop.",
            decisions="Keep the plan; review in January.",
            next_review_date=date(2027, 1, 15)))
        return int(plan.id)
