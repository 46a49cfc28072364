"""One part of a care plan read by its own id (a need, a goal, an intervention): what the
desktop's undo commands read back before they change or remove a part again."""

from __future__ import annotations

from otdesk.db.models import CarePlanGoal, CarePlanIntervention, CarePlanNeed
from otdesk.domain.records import RecordKind
from otdesk.services._records import load
from otdesk.services.care_plan_views import (
    GoalInfo,
    InterventionInfo,
    NeedInfo,
    goal_info,
    intervention_info,
    need_info,
)
from otdesk.services.context import Context


def get_need(ctx: Context, *, need_id: int) -> NeedInfo:
    """A need of a care plan."""
    with ctx.db.reading() as session:
        return need_info(load(session, CarePlanNeed, RecordKind.CARE_PLAN_NEED, need_id))


def get_goal(ctx: Context, *, goal_id: int) -> GoalInfo:
    """A goal of a care plan."""
    with ctx.db.reading() as session:
        return goal_info(load(session, CarePlanGoal, RecordKind.CARE_PLAN_GOAL, goal_id))


def get_intervention(ctx: Context, *, intervention_id: int) -> InterventionInfo:
    """An intervention of a care plan."""
    with ctx.db.reading() as session:
        return intervention_info(load(session, CarePlanIntervention,
                                      RecordKind.CARE_PLAN_INTERVENTION, intervention_id))
