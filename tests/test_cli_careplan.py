"""``otdesk careplan show REF [--version N] [--json]``: the version in effect with its needs,
goals, interventions by discipline, reviews and conferences, an older version on request, and
one error line for a client without a plan or a version that does not exist."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from test_cli import Run, otdesk  # noqa: F401  (the fixture that runs otdesk)

from otdesk.db.engine import open_database
from otdesk.services import care_plan_reviews, care_plans, clients, episodes, staff
from otdesk.services.context import Context


@pytest.fixture
def clinic(db_path: Path) -> tuple[Path, int, int]:
    """A client whose plan is in version 2 (version 1 superseded), reviewed and conferenced;
    and a client with no plan."""
    db = open_database(db_path)
    try:
        ctx = Context(db).acting_as(staff.ensure_administrator(Context(db)).id)
        ana = clients.create_client(ctx, record_number="CP-1", given_name="Ana",
                                    family_name="Quill", date_of_birth="1970-05-05",
                                    preferred_language="es", status="active",
                                    consent_family=True)
        clients.create_client(ctx, record_number="CP-2", given_name="Ben", family_name="Quill",
                              date_of_birth="1971-05-05", preferred_language="en",
                              status="active")
        [episode] = episodes.list_episodes(ctx, client_id=ana.id)
        plan = care_plans.create_plan(ctx, client_id=ana.id, episode_id=episode.id,
                                      values={"summary": "Steadier mornings",
                                              "review_date": date(2027, 1, 15)})
        plan = care_plans.add_need(ctx, plan_id=plan.id, version=plan.version, values={
            "text": "Misses morning tablets", "symptom_or_barrier": "Morning fatigue",
            "activity_limited": "Medication routine"})
        plan = care_plans.add_goal(ctx, plan_id=plan.id, version=plan.version, values={
            "need_id": plan.needs[0].id, "text": "Takes tablets unprompted 6 of 7 days",
            "gas_levels": {"0": "4-5 days", "2": "every day"},
            "plain_language": {"es": "Toma sus pastillas sola"}})
        plan = care_plans.add_intervention(ctx, plan_id=plan.id, version=plan.version, values={
            "goal_id": plan.goals[0].id, "description": "Phone alarm and pill organiser",
            "frequency": "daily", "discipline": "ot"})
        plan = care_plans.add_intervention(ctx, plan_id=plan.id, version=plan.version, values={
            "goal_id": plan.goals[0].id, "description": "Reminder at breakfast",
            "discipline": "family", "owner_name": "Rosa"})
        first = care_plans.activate_plan(ctx, plan_id=plan.id, version=plan.version)
        care_plan_reviews.record_review(ctx, plan_id=first.id, review_date=date(2026, 11, 1),
                                        levels={first.goals[0].id: 1})
        conference = care_plan_reviews.record_conference(ctx, plan_id=first.id, values={
            "held_on": date(2026, 11, 20), "decisions": "Add an evening goal",
            "attendees": [{"discipline": "psychiatry", "name": "Dr Example"}],
            "next_review_date": date(2027, 2, 20)}, start_new_version=True)
        assert conference.new_plan_id is not None
        draft = care_plans.get_plan(ctx, plan_id=conference.new_plan_id)
        draft = care_plans.add_goal(ctx, plan_id=draft.id, version=draft.version,
                                    values={"text": "Evening tablets with supper"})
        second = care_plans.activate_plan(ctx, plan_id=draft.id, version=draft.version)
    finally:
        db.dispose()
    return db_path, first.id, second.id


def test_the_plan_in_effect_is_shown(otdesk: Run, clinic: tuple[Path, int, int]) -> None:  # noqa: F811
    path, _first, second = clinic
    result = otdesk("--db", path, "careplan", "show", "CP-1")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert f"Care plan version 2 (Active), id {second}" in out
    assert "Misses morning tablets" in out and "Morning fatigue" in out
    assert "Evening tablets with supper" in out
    glance = out.split("What each discipline does:")[1]
    assert "Occupational therapy:" in glance and "Family:" in glance
    assert "Phone alarm and pill organiser" in glance
    assert "Reminder at breakfast — Rosa" in glance
    assert "for the family: Toma sus pastillas sola" in out
    # The conference's next joint review became the plan's review date, copied to version 2.
    assert "review date: 20 Feb 2027; next joint review: 20 Feb 2027" in out
    assert "Superseded" in out.split("Versions:")[1]
    spanish = otdesk("--db", path, "careplan", "show", "CP-1", env={"LANGUAGE": "es"}).stdout
    assert "Qué hace cada disciplina:" in spanish and "Terapia ocupacional" in spanish


def test_an_older_version_with_its_review_and_conference(
    otdesk: Run, clinic: tuple[Path, int, int]  # noqa: F811
) -> None:
    path, first, second = clinic
    out = otdesk("--db", path, "careplan", "show", "CP-1", "--version", "1").stdout
    assert f"Care plan version 1 (Superseded), id {first}" in out
    # One goal, weight 1, at +1: T = 50 + 10 * 1 / sqrt(0.7 + 0.3) = 60.
    assert "Dr Example (Psychiatry)" in out and "Add an evening goal" in out
    assert f"started the version with id {second}" in out
    data = json.loads(otdesk("--db", path, "careplan", "show", "CP-1", "--version", "1",
                             "--json").stdout)
    assert (data["id"], data["status"], data["plan_version"]) == (first, "superseded", 1)
    [review] = data["reviews"]
    assert "T-score 60.0" in out
    assert review["t_score"] == 60.0 and review["levels"][0]["level"] == 1
    assert data["conferences"][0]["attendees"] == [
        {"discipline": "psychiatry", "name": "Dr Example"}]
    assert [(v["plan_version"], v["status"]) for v in data["history"]] == [
        (2, "active"), (1, "superseded")]
    assert data["goals"][0]["gas_levels"] == {"0": "4-5 days", "2": "every day"}
    current = json.loads(otdesk("--db", path, "careplan", "show", "CP-1", "--json").stdout)
    assert current["id"] == second and current["based_on_id"] == first
    assert current["next_joint_review"] == "2027-02-20"


def test_no_plan_or_no_such_version_is_one_error_line(
    otdesk: Run, clinic: tuple[Path, int, int]  # noqa: F811
) -> None:
    path = clinic[0]
    none = otdesk("--db", path, "careplan", "show", "CP-2")
    assert none.returncode == 1 and "CP-2 has no care plan." in none.stderr
    assert len(none.stderr.strip().splitlines()) == 1
    missing = otdesk("--db", path, "careplan", "show", "CP-1", "--version", "7")
    assert missing.returncode == 1 and "no care plan version 7" in missing.stderr
