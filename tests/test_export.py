"""Exporting a client's whole record as JSON: every part of the record, and an audit event."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from otdesk.db.models import (
    Assessment,
    AuditEvent,
    CarePlan,
    CarePlanGoal,
    CarePlanIntervention,
    CarePlanNeed,
    CarePlanReview,
    CarePlanReviewGoal,
    CaseConference,
    ChecklistAnswer,
    EnvironmentalChecklist,
    FamilySession,
    HomeModification,
    SessionActionItem,
    SessionAddendum,
    SessionAttendee,
    SessionSignature,
)
from otdesk.domain.errors import NotFoundError, ValidationError
from otdesk.services import episodes, exporting, family_members, staff
from otdesk.services.clients import ClientDetail
from otdesk.services.context import Context


def _add(ctx: Context, row: Any) -> Any:
    with ctx.db.transaction() as session:
        session.add(row)
        session.flush()
        return row


@pytest.fixture
def full_client(
    ctx: Context, make_client: Callable[..., ClientDetail], ot: staff.StaffMember,
    episode_for: Callable[..., Any],
) -> ClientDetail:
    """A client with one of everything otdesk keeps."""
    c = make_client(given_name="Zoë", family_name="Martín-López", assigned_ot_id=ot.id,
                    diagnoses=[{"text": "Recurrent depression", "code": "F33.1"}])
    other = make_client()
    family_members.add_family_member(ctx, client_id=other.id, given_name="Not",
                                     relationship_to_client="sister")
    mother = family_members.add_family_member(
        ctx, client_id=c.id, given_name="Ana", family_name="López", relationship_to_client="mother",
        consent_scope="care_plan")
    ep = episode_for(c.id, referral_date=date(2025, 1, 6),
                               referral_source="GP", start_date=date(2025, 1, 20))
    episodes.add_care_team_member(ctx, episode_id=ep.id, staff_id=ot.id, discipline="ot")
    _add(ctx, Assessment(client_id=c.id, episode_id=ep.id, instrument_id="external",
                         instrument_version="1", administered_on=date(2025, 2, 1),
                         author_id=ot.id,
                         answers={"instrument_name": "Barthel Index"}, external_total="85"))
    checklist = _add(ctx, EnvironmentalChecklist(
        client_id=c.id, episode_id=ep.id, template_id="home", template_version="1",
        visit_date=date(2025, 2, 3)))
    _add(ctx, ChecklistAnswer(checklist_id=checklist.id, area="bathroom", item_key="grab_rail",
                              answer="hazard"))
    _add(ctx, HomeModification(client_id=c.id, checklist_id=checklist.id, area="bathroom",
                               recommendation="Fit a grab rail", estimated_cost_cents=6050,
                               due_date=date(2025, 3, 1)))
    session_row = _add(ctx, FamilySession(client_id=c.id, episode_id=ep.id,
                                          session_date=date(2025, 2, 10), topics=["sleep"],
                                          note_sections={"data": "Talked about sleep."}))
    _add(ctx, SessionAttendee(session_id=session_row.id, family_member_id=mother.id,
                              name="Ana López"))
    _add(ctx, SessionActionItem(session_id=session_row.id, who="Ana", what="Phone each morning"))
    _add(ctx, SessionSignature(session_id=session_row.id, signer_id=ot.id,
                               signed_at=datetime(2025, 2, 10, 15, tzinfo=UTC), content_hash="ab"))
    _add(ctx, SessionAddendum(session_id=session_row.id, author_id=ot.id, reason="Typo",
                              text="Morning, not evening."))
    plan = _add(ctx, CarePlan(client_id=c.id, episode_id=ep.id, status="active",
                              review_date=date(2025, 5, 1)))
    need = _add(ctx, CarePlanNeed(care_plan_id=plan.id, text="Skips meals"))
    goal = _add(ctx, CarePlanGoal(care_plan_id=plan.id, need_id=need.id, text="Cook 3 times",
                                  plain_language={"es": "Cocinar tres noches por semana"},
                                  gas_levels={"0": "3 evenings"}))
    _add(ctx, CarePlanIntervention(care_plan_id=plan.id, goal_id=goal.id,
                                   description="Practise recipes", discipline="ot"))
    review = _add(ctx, CarePlanReview(care_plan_id=plan.id, review_date=date(2025, 4, 1),
                                      reviewer_id=ot.id, t_score=60.0))
    _add(ctx, CarePlanReviewGoal(review_id=review.id, goal_id=goal.id, level=1, note="Twice"))
    _add(ctx, CaseConference(care_plan_id=plan.id, held_on=date(2025, 4, 2), author_id=ot.id,
                             attendees=[{"discipline": "psychiatry", "name": "Dr Example"}],
                             decisions="Keep going", next_review_date=date(2025, 7, 1)))
    return c


def test_export_holds_the_whole_record(ctx: Context, full_client: ClientDetail,
                                       ot: staff.StaffMember) -> None:
    record = exporting.export_client(ctx, client_id=full_client.id)
    json.dumps(record)  # plain JSON all the way down
    assert record["format"] == "otdesk-client-record" and record["format_version"] == 2
    assert record["exported_by"]["username"] == "admin"
    client = record["client"]
    assert client["record_number"] == full_client.record_number
    assert client["given_name"] == "Zoë"
    assert client["uuid"] == str(full_client.uuid)
    assert client["date_of_birth"] == "1980-01-01"
    assert [d["code"] for d in client["diagnoses"]] == ["F33.1"]
    assert [m["given_name"] for m in record["family_members"]] == ["Ana"]  # not the other's
    [episode] = record["episodes"]
    assert episode["referral_date"] == "2025-01-06"
    assert [m["staff_id"] for m in episode["care_team"]] == [ot.id]
    assert record["assessments"][0]["answers"] == {"instrument_name": "Barthel Index"}
    assert record["assessments"][0]["author_id"] == ot.id
    [checklist] = record["environmental_checklists"]
    assert [a["item_key"] for a in checklist["answers"]] == ["grab_rail"]
    assert record["home_modifications"][0]["estimated_cost_cents"] == 6050  # exact: $60.50
    [session] = record["family_sessions"]
    assert [len(session[k]) for k in ("attendees", "action_items", "signatures", "addenda")] == [
        1, 1, 1, 1]
    assert session["signatures"][0]["signed_at"].startswith("2025-02-10T15:00:00")
    assert session["signatures"][0]["signer_id"] == ot.id
    [plan] = record["care_plans"]
    assert plan["goals"][0]["plain_language"] == {"es": "Cocinar tres noches por semana"}
    assert [len(plan[k]) for k in ("needs", "goals", "interventions")] == [1, 1, 1]
    [review] = plan["reviews"]
    assert review["t_score"] == 60.0 and review["reviewer_id"] == ot.id
    assert [(g["goal_id"], g["level"], g["note"]) for g in review["goals"]] == [
        (plan["goals"][0]["id"], 1, "Twice")]
    [conference] = plan["conferences"]
    assert conference["attendees"] == [{"discipline": "psychiatry", "name": "Dr Example"}]
    assert conference["next_review_date"] == "2025-07-01"
    # The client's audit trail travels with it (the creation at least), and staff are named.
    actions = {(e["action"], e["entity_type"]) for e in record["audit_events"]}
    assert ("create", "client") in actions and ("create", "family member") in actions
    assert {s["username"] for s in record["staff"]} >= {"admin", "ot.test"}
    uuid.UUID(record["client"]["uuid"])


def test_export_is_audited(ctx: Context, full_client: ClientDetail) -> None:
    exporting.export_client(ctx, client_id=full_client.id)
    with ctx.db.reading() as session:
        events = list(session.scalars(select(AuditEvent).where(
            AuditEvent.action == "export", AuditEvent.client_id == full_client.id)))
    assert len(events) == 1 and events[0].entity_uuid == full_client.uuid


def test_export_to_file(ctx: Context, full_client: ClientDetail, tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / "record.json"
    exporting.export_client_to_file(ctx, client_id=full_client.id, path=out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["client"]["family_name"] == "Martín-López"
    with pytest.raises(ValidationError, match="already exists"):
        exporting.export_client_to_file(ctx, client_id=full_client.id, path=out)
    exporting.export_client_to_file(ctx, client_id=full_client.id, path=out, overwrite=True)
    assert [p.name for p in folder.iterdir()] == ["record.json"]  # no temporary files left


def test_unknown_client(ctx: Context) -> None:
    with pytest.raises(NotFoundError):
        exporting.export_client(ctx, client_id=999)
