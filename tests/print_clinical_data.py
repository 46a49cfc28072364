"""Records the home-modification report and assessment summary tests print: a home visit
with modifications in several rooms and states, and assessments with a task-performance log.
All fictional."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from otdesk.services import assessments as a
from otdesk.services import checklists, modifications
from otdesk.services.context import Context

READINESS = "discharge-readiness"
READINESS_ITEMS = [
    "personal_care", "meal_preparation", "shopping", "housekeeping", "laundry",
    "appliance_safety", "phone_for_help", "takes_on_time", "uses_reminders", "orders_refills",
    "budgeting", "pays_bills", "benefits", "public_transport", "new_journey", "appointments",
    "road_safety", "daily_structure", "sleep_routine", "occupation", "pacing", "coping_skills",
]
HAZARDS = ("entrance_steps", "floor_trip_hazards", "stairs_rails", "kitchen_reach")


def done(ctx: Context, client_id: int, definition_id: str, answers: dict[str, Any],
         on: date) -> a.AssessmentInfo:
    """A finalised administration of ``definition_id`` with ``answers`` on ``on``."""
    draft = a.start_assessment(ctx, client_id=client_id, definition_id=definition_id,
                               administered_on=on)
    saved = a.save_answers(ctx, assessment_id=draft.id, expected_version=draft.version,
                           answers=answers)
    return a.finalise_assessment(ctx, assessment_id=saved.id, expected_version=saved.version)


def readiness(code: str, **others: str) -> dict[str, Any]:
    """Discharge-readiness answers: every item ``code`` except ``others``."""
    return dict.fromkeys(READINESS_ITEMS, code) | others


def home_visit(ctx: Context, client_id: int) -> list[modifications.ModificationInfo]:
    """A finalised home visit with four hazards, each accepted as a modification; one is
    moved on to installed and one declined."""
    visit = checklists.start_checklist(ctx, client_id=client_id, definition_id="home-environment",
                                       visit_date=ctx.today() - timedelta(days=20))
    answers = {"risk_check": "no", **dict.fromkeys(HAZARDS, "hazard")}
    saved = checklists.save_answers(ctx, checklist_id=visit.id, expected_version=visit.version,
                                    answers=answers, summary="Stairs & entrance <b>first</b>")
    made = []
    costs = (12550, 4000, 23000, None)
    for key, cost in zip(HAZARDS, costs, strict=True):
        made.append(checklists.accept_recommendation(
            ctx, checklist_id=saved.id, item_key=key, estimated_cost_cents=cost,
            funding_source="Home-modification grant", due_date=ctx.today() + timedelta(days=9),
            on_date=ctx.today() - timedelta(days=19)))
    stair = made[2]
    stair = modifications.advance(ctx, modification_id=stair.id, expected_version=stair.version,
                                  status="installed", on_date=ctx.today() - timedelta(days=2))
    kitchen = made[3]
    kitchen = modifications.advance(ctx, modification_id=kitchen.id,
                                    expected_version=kitchen.version, status="declined",
                                    on_date=ctx.today() - timedelta(days=3))
    return [made[0], made[1], stair, kitchen]


def task_trials(ctx: Context, client_id: int) -> None:
    """Three trials of one task and one of another."""
    trials = [("2026-10-01", 40, 5, "hands_on", 8), ("2026-10-08", 31, 3, "prompts", 6),
              ("2026-10-15", 22, 1, "independent", 3)]
    for when, minutes, errors, help_level, effort in trials:
        done(ctx, client_id, "task-performance-log", {
            "task": "Prepare a simple meal", "trial_date": when, "minutes": minutes,
            "errors": errors, "assistance": help_level, "effort": effort,
            "notes": "Used the <picture> card & timer"}, date.fromisoformat(when))
    done(ctx, client_id, "task-performance-log", {
        "task": "Pay a bill", "trial_date": "2026-10-02", "minutes": 15, "errors": 2,
        "assistance": "prompts", "effort": 5}, date(2026, 10, 2))
