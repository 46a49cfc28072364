"""A small clinic for the team summary, handoff and due-review tests: what happened inside a
week and outside it, for an OT's client, another OT's client and a quiet client.

Care plans, sessions and modifications are inserted with the models (their services come
later, or do more than these tests need).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from otdesk.db.base import Tracked
from otdesk.db.models import (
    CarePlan,
    CarePlanGoal,
    CarePlanIntervention,
    CarePlanNeed,
    CaseConference,
    FamilySession,
    HomeModification,
    ModificationStep,
    SessionActionItem,
)
from otdesk.services import assessments as a
from otdesk.services import episodes, staff
from otdesk.services._records import stamp_new
from otdesk.services.context import Context

PRIORITIES = "client-priorities"


def insert(ctx: Context, row: Tracked, **stamped: Any) -> int:
    """Store a row as a service would (``stamped`` overrides the stamp, e.g. updated_at)."""
    with ctx.db.transaction() as session:
        stamp_new(row, ctx)
        for name, value in stamped.items():
            setattr(row, name, value)
        session.add(row)
        session.flush()
        return row.id


def priorities(ctx: Context, client_id: int, on: date, performance: str) -> a.AssessmentInfo:
    """A finalised client-priorities administration with one problem rated."""
    answers = {"problem1": "Cooking", "problem1_importance": "9",
               "problem1_performance": performance, "problem1_satisfaction": "2"}
    draft = a.start_assessment(ctx, client_id=client_id, definition_id=PRIORITIES,
                               administered_on=on)
    saved = a.save_answers(ctx, assessment_id=draft.id, expected_version=draft.version,
                           answers=answers)
    return a.finalise_assessment(ctx, assessment_id=saved.id, expected_version=saved.version)


def plan(ctx: Context, client_id: int, review: date | None, **values: Any) -> int:
    """An active care plan on the client's open episode."""
    episode_id = next(e.id for e in episodes.list_episodes(ctx, client_id=client_id)
                      if e.is_open)
    return insert(ctx, CarePlan(client_id=client_id, episode_id=episode_id, status="active",
                                review_date=review, plan_version=1, **values))


def moment(day: date) -> datetime:
    """Noon local time on ``day``, timezone-aware."""
    return datetime.combine(day, time(12)).astimezone()


@dataclass
class Clinic:
    """What the fixture made."""

    start: date
    end: date
    ot_id: int
    mine: Any  # ClientDetail of the OT's busy client
    quiet: Any  # the OT's client with nothing to report
    other: Any  # another OT's client
    plan_id: int


def build(ctx: Context, make_client: Callable[..., Any]) -> Clinic:
    """The clinic: the week ending today, and events inside and outside it."""
    today = ctx.today()
    start, end = today - timedelta(days=6), today
    ot = staff.create_staff(ctx, username="ot.week", given_name="Wren", family_name="Weekly",
                            role="ot")
    other_ot = staff.create_staff(ctx, username="ot.else", given_name="Olu",
                                  family_name="Elsewhere", role="ot")
    mine = make_client(given_name="Marisol", family_name="Quintero-Vale",
                       record_number="WK-0001", assigned_ot_id=ot.id, alerts="Lives alone")
    quiet = make_client(given_name="Quentin", family_name="Stillwater",
                        record_number="WK-0002", assigned_ot_id=ot.id)
    other = make_client(given_name="Odile", family_name="Farside", record_number="WK-0003",
                        assigned_ot_id=other_ot.id)

    # Assessments: a meaningful change inside the week; the earlier one outside it.
    priorities(ctx, mine.id, today - timedelta(days=90), "3")
    priorities(ctx, mine.id, today - timedelta(days=2), "6")
    priorities(ctx, other.id, today - timedelta(days=40), "4")  # outside: must not show

    plan_id = plan(ctx, mine.id, today + timedelta(days=5), summary="Routine and meals")
    need = insert(ctx, CarePlanNeed(care_plan_id=plan_id, text="Skips meals",
                                    symptom_or_barrier="Low energy",
                                    activity_limited="meal preparation"))
    insert(ctx, CarePlanGoal(care_plan_id=plan_id, need_id=need, position=0,
                             text="Cooks a simple meal twice a week", status="achieved"),
           updated_at=moment(today - timedelta(days=1)))
    insert(ctx, CarePlanGoal(care_plan_id=plan_id, position=1,
                             text="Walks to the shop with a list", status="achieved"),
           updated_at=moment(today - timedelta(days=30)))  # outside: must not show
    late = insert(ctx, CarePlanGoal(care_plan_id=plan_id, position=2,
                                    text="Takes evening medicines on time", status="active",
                                    target_date=today - timedelta(days=10)))
    insert(ctx, CarePlanGoal(care_plan_id=plan_id, position=3,
                             text="Joins the Tuesday walking group", status="active",
                             target_date=today + timedelta(days=60)))
    insert(ctx, CarePlanIntervention(care_plan_id=plan_id, goal_id=late, position=0,
                                     description="Medication review", frequency="monthly",
                                     discipline="psychiatry", owner_name="Dr Pell"))
    insert(ctx, CaseConference(care_plan_id=plan_id, held_on=today - timedelta(days=20),
                               decisions="Try a pill organiser first",
                               next_review_date=today + timedelta(days=25)))

    inside = insert(ctx, FamilySession(client_id=mine.id, session_date=today - timedelta(days=3),
                                       mode="home", topics=["early_warning_signs"]))
    insert(ctx, FamilySession(client_id=mine.id, session_date=today - timedelta(days=20),
                              mode="phone"))  # outside: must not show
    insert(ctx, SessionActionItem(session_id=inside, who="Sister", what="Buy a pill organiser",
                                  due_date=today + timedelta(days=3)))
    insert(ctx, FamilySession(client_id=other.id, session_date=today - timedelta(days=1),
                              mode="clinic"))

    done = insert(ctx, HomeModification(client_id=mine.id, recommendation="Grab rail by the bath",
                                        area="Bathroom", status="installed"))
    insert_step(ctx, done, "recommended", today - timedelta(days=30))
    insert_step(ctx, done, "installed", today - timedelta(days=1))
    old = insert(ctx, HomeModification(client_id=mine.id, recommendation="Night light in hall",
                                       area="Hall", status="verified"))
    insert_step(ctx, old, "verified", today - timedelta(days=40))  # outside: must not show
    insert(ctx, HomeModification(client_id=mine.id, recommendation="Smoke alarm in kitchen",
                                 area="Kitchen", status="agreed", priority="urgent",
                                 due_date=today + timedelta(days=9)))
    return Clinic(start, end, ot.id, mine, quiet, other, plan_id)


def insert_step(ctx: Context, modification_id: int, status: str, on: date) -> None:
    """A step of a modification's history."""
    with ctx.db.transaction() as session:
        session.add(ModificationStep(modification_id=modification_id, status=status,
                                     on_date=on, recorded_by_id=ctx.actor_id))
