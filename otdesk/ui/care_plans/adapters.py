"""How the undo commands reach a care plan's parts through the services: a version's own
details, its needs, goals (and a goal's status) and interventions.

Adding a part needs the plan's current version (the services check it and move it on), so
``insert`` reads the plan first; a new part comes last in its list.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from otdesk.domain.records import RecordKind
from otdesk.domain.translation import N_
from otdesk.services import care_plan_lookup as lookup
from otdesk.services import care_plans
from otdesk.services.care_plan_views import GoalInfo, InterventionInfo, NeedInfo, PlanInfo
from otdesk.services.context import Context
from otdesk.ui.care_plans.fields import goal_values, intervention_values, need_values
from otdesk.ui.care_plans.models import first_line, version_text
from otdesk.ui.client_record.commands import RecordAdapter

P = TypeVar("P", NeedInfo, GoalInfo, InterventionInfo)


def _plan_version(ctx: Context, plan_id: int) -> int:
    return care_plans.get_plan(ctx, plan_id=plan_id).version


def _done(_plan: PlanInfo) -> None:
    """What a removal gives back (the plan as it now is) is not needed: the tab reads it."""


def _no_insert(_ctx: Context, _owner: int, _values: Mapping[str, Any]) -> Any:
    raise AssertionError("a goal's status is set on a goal that exists")


def _no_delete(_ctx: Context, _key: int, _version: int) -> None:
    raise AssertionError("a plan version is removed with Remove draft, not undone")


def _found(part: P | None) -> P:
    """The part a change returned its plan with (the plan always holds the part changed)."""
    assert part is not None
    return part


def plan_values(plan: PlanInfo) -> dict[str, Any]:
    """A version's own editable details."""
    return {"review_date": plan.review_date, "summary": plan.summary,
            "share_with_family": plan.share_with_family,
            "share_with_partners": plan.share_with_partners}


PLAN: RecordAdapter[PlanInfo] = RecordAdapter(
    kind=RecordKind.CARE_PLAN,
    fetch=lambda ctx, key: care_plans.get_plan(ctx, plan_id=key),
    insert=_no_insert,
    update=lambda ctx, key, version, values: care_plans.update_plan(
        ctx, plan_id=key, version=version, values=values),
    delete=_no_delete,
    values=plan_values,
    name=lambda p: version_text(p.plan_version),
    add_text=N_("Add {name}"),
    edit_text=N_("Edit the details of {name}"),
    remove_text=N_("Remove {name}"),
)


def _add_need(ctx: Context, plan_id: int, values: Mapping[str, Any]) -> NeedInfo:
    plan = care_plans.add_need(ctx, plan_id=plan_id, version=_plan_version(ctx, plan_id),
                               values=values)
    return plan.needs[-1]


def _update_need(ctx: Context, key: int, version: int, values: Mapping[str, Any]) -> NeedInfo:
    plan = care_plans.update_need(ctx, need_id=key, version=version, values=values)
    return _found(plan.need(key))


NEEDS: RecordAdapter[NeedInfo] = RecordAdapter(
    kind=RecordKind.CARE_PLAN_NEED,
    fetch=lambda ctx, key: lookup.get_need(ctx, need_id=key),
    insert=_add_need,
    update=_update_need,
    delete=lambda ctx, key, version: _done(care_plans.remove_need(
        ctx, need_id=key, version=version)),
    values=need_values,
    name=lambda n: first_line(n.text),
    add_text=N_("Add the need “{name}”"),
    edit_text=N_("Edit the need “{name}”"),
    remove_text=N_("Remove the need “{name}”"),
)


def _add_goal(ctx: Context, plan_id: int, values: Mapping[str, Any]) -> GoalInfo:
    plan = care_plans.add_goal(ctx, plan_id=plan_id, version=_plan_version(ctx, plan_id),
                               values=values)
    return plan.goals[-1]


def _update_goal(ctx: Context, key: int, version: int, values: Mapping[str, Any]) -> GoalInfo:
    plan = care_plans.update_goal(ctx, goal_id=key, version=version, values=values)
    return _found(plan.goal(key))


GOALS: RecordAdapter[GoalInfo] = RecordAdapter(
    kind=RecordKind.CARE_PLAN_GOAL,
    fetch=lambda ctx, key: lookup.get_goal(ctx, goal_id=key),
    insert=_add_goal,
    update=_update_goal,
    delete=lambda ctx, key, version: _done(care_plans.remove_goal(
        ctx, goal_id=key, version=version)),
    values=goal_values,
    name=lambda g: first_line(g.text),
    add_text=N_("Add the goal “{name}”"),
    edit_text=N_("Edit the goal “{name}”"),
    remove_text=N_("Remove the goal “{name}”"),
)


def status_values(goal: GoalInfo) -> dict[str, Any]:
    """A goal's status and the reason for it, as its status form holds them."""
    return {"status": goal.status.value, "reason": goal.status_reason}


def _set_status(ctx: Context, key: int, version: int, values: Mapping[str, Any]) -> GoalInfo:
    current = lookup.get_goal(ctx, goal_id=key)
    plan = care_plans.set_goal_status(
        ctx, goal_id=key, version=version, status=values.get("status", current.status),
        reason=str(values.get("reason", current.status_reason) or ""))
    return _found(plan.goal(key))


GOAL_STATUS: RecordAdapter[GoalInfo] = RecordAdapter(
    kind=RecordKind.CARE_PLAN_GOAL,
    fetch=lambda ctx, key: lookup.get_goal(ctx, goal_id=key),
    insert=_no_insert,
    update=_set_status,
    delete=_no_delete,
    values=status_values,
    name=lambda g: first_line(g.text),
    add_text=N_("Add the goal “{name}”"),
    edit_text=N_("Set the status of “{name}”"),
    remove_text=N_("Remove the goal “{name}”"),
)


def _add_intervention(ctx: Context, plan_id: int,
                      values: Mapping[str, Any]) -> InterventionInfo:
    plan = care_plans.add_intervention(ctx, plan_id=plan_id,
                                       version=_plan_version(ctx, plan_id), values=values)
    return plan.interventions[-1]


def _update_intervention(ctx: Context, key: int, version: int,
                         values: Mapping[str, Any]) -> InterventionInfo:
    plan = care_plans.update_intervention(ctx, intervention_id=key, version=version,
                                          values=values)
    return _found(next((i for i in plan.interventions if i.id == key), None))


INTERVENTIONS: RecordAdapter[InterventionInfo] = RecordAdapter(
    kind=RecordKind.CARE_PLAN_INTERVENTION,
    fetch=lambda ctx, key: lookup.get_intervention(ctx, intervention_id=key),
    insert=_add_intervention,
    update=_update_intervention,
    delete=lambda ctx, key, version: _done(care_plans.remove_intervention(
        ctx, intervention_id=key, version=version)),
    values=intervention_values,
    name=lambda i: first_line(i.description),
    add_text=N_("Add the intervention “{name}”"),
    edit_text=N_("Edit the intervention “{name}”"),
    remove_text=N_("Remove the intervention “{name}”"),
)
