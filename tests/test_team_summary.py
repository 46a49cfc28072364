"""The team summary and handoff view models: what changed inside the range (and nothing from
outside it), what is due, the open questions, whose clients; and a handoff's content."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from print_team_fixture import Clinic, build
from sqlalchemy import event

from otdesk.domain.errors import ValidationError
from otdesk.reports.team_views import ClientBlock, TeamSummaryView
from otdesk.services.context import Context
from otdesk.services.handoff import build_handoff
from otdesk.services.team_summary import build_team_summary


@pytest.fixture
def clinic(ctx: Context, make_client: Callable[..., Any]) -> Clinic:
    return build(ctx, make_client)


def _block(view: TeamSummaryView, record_number: str) -> ClientBlock:
    return next(c for c in view.clients if c.person.record_number == record_number)


def test_caseload_summary_holds_what_changed_inside_the_range_only(
        ctx: Context, clinic: Clinic) -> None:
    view = build_team_summary(ctx, staff_id=clinic.ot_id, start=clinic.start, end=clinic.end)
    numbers = [c.person.record_number for c in view.clients]
    assert "WK-0003" not in numbers  # another OT's client
    block = _block(view, "WK-0001")
    assert block.person.name == "Marisol Quintero-Vale"
    assert block.assigned_ot == "Wren Weekly"
    # The assessment inside the range, compared with the one 90 days before.
    [line] = block.assessments
    assert line.on == clinic.end - timedelta(days=2)
    assert line.previous_on == clinic.end - timedelta(days=90)
    moves = {m.label: m for m in line.moves}
    assert moves["Performance (average)"].change == 3
    assert [g.text for g in block.goals_attained] == ["Cooks a simple meal twice a week"]
    assert [s.on for s in block.sessions] == [clinic.end - timedelta(days=3)]
    assert block.sessions[0].topics == ("Warning signs and relapse plan",)
    assert [(m.text, m.area, m.status) for m in block.modifications] == [
        ("Grab rail by the bath", "Bathroom", "Installed")]


def test_what_is_due_comes_from_the_dashboard(ctx: Context, clinic: Clinic) -> None:
    view = build_team_summary(ctx, staff_id=clinic.ot_id, start=clinic.start, end=clinic.end)
    due = {d.summary for d in _block(view, "WK-0001").due}
    assert "Review due in 5 days" in due
    assert any(s.startswith("Sister: Buy a pill organiser") for s in due)


def test_open_questions_go_to_the_disciplines_working_on_the_goal(
        ctx: Context, clinic: Clinic) -> None:
    view = build_team_summary(ctx, staff_id=clinic.ot_id, start=clinic.start, end=clinic.end)
    block = _block(view, "WK-0001")
    by_discipline = {(q.discipline, q.text) for q in block.questions}
    late = [t for d, t in by_discipline if d == "Psychiatry"]
    assert len(late) == 1 and "Takes evening medicines on time" in late[0]
    assert "has passed" in late[0]
    nobody = [t for d, t in by_discipline if d == "Coordinator"]
    assert any("Joins the Tuesday walking group" in t for t in nobody)
    assert block.conference is not None
    assert block.conference.decisions == "Try a pill organiser first"
    assert block.conference.next_review == clinic.end + timedelta(days=25)


def test_whole_clinic_summary_names_every_client_with_news(
        ctx: Context, clinic: Clinic) -> None:
    view = build_team_summary(ctx, staff_id=None, start=clinic.start, end=clinic.end)
    assert view.scope == "Whole clinic"
    other = _block(view, "WK-0003")
    assert [s.on for s in other.sessions] == [clinic.end - timedelta(days=1)]
    assert other.assessments == ()  # its only assessment is 40 days old


def test_a_range_before_everything_shows_no_change(ctx: Context, clinic: Clinic) -> None:
    start = clinic.start - timedelta(days=365)
    view = build_team_summary(ctx, staff_id=clinic.ot_id, start=start,
                              end=start + timedelta(days=6))
    assert all(not c.changed for c in view.clients)


def test_a_range_that_ends_before_it_starts_is_refused(ctx: Context, clinic: Clinic) -> None:
    with pytest.raises(ValidationError, match="before it starts"):
        build_team_summary(ctx, staff_id=None, start=clinic.end, end=clinic.start)


def test_the_number_of_queries_does_not_grow_with_the_clients(
        ctx: Context, clinic: Clinic, make_client: Callable[..., Any]) -> None:
    def count() -> int:
        seen: list[str] = []

        def note(*args: Any) -> None:
            seen.append(args[2])

        engine = ctx.db.engine
        event.listen(engine, "before_cursor_execute", note)
        try:
            build_team_summary(ctx, staff_id=None, start=clinic.start, end=clinic.end)
        finally:
            event.remove(engine, "before_cursor_execute", note)
        return len(seen)

    before = count()
    for n in range(5):
        client = make_client(record_number=f"WK-1{n:03d}")
        build_insert_session(ctx, client.id, clinic)
    assert count() == before


def build_insert_session(ctx: Context, client_id: int, clinic: Clinic) -> None:
    from print_team_fixture import insert

    from otdesk.db.models import FamilySession

    insert(ctx, FamilySession(client_id=client_id, session_date=clinic.end, mode="clinic"))


def test_handoff_names_the_client_goals_risks_duties_and_dates(
        ctx: Context, clinic: Clinic) -> None:
    view = build_handoff(ctx, client_id=clinic.mine.id)
    assert (view.person.name, view.person.record_number) == ("Marisol Quintero-Vale",
                                                             "WK-0001")
    assert view.assigned_ot == "Wren Weekly"
    assert [g.text for g in view.goals] == ["Takes evening medicines on time",
                                            "Joins the Tuesday walking group"]
    assert "Lives alone" in view.risks
    assert "Low energy limits meal preparation" in view.risks
    assert any("Smoke alarm in kitchen" in r for r in view.risks)  # urgent and open
    assert any("last gone through with the family" in r for r in view.risks)
    assert [(d.discipline, d.who, d.what) for d in view.duties] == [
        ("Psychiatry", "Dr Pell", "Medication review")]
    whats = [d.what for d in view.dates]
    assert whats[0] == "Sister: Buy a pill organiser"
    assert "Care-plan review" in whats and "Next joint review (case conference)" in whats
    assert [d.on for d in view.dates] == sorted(d.on for d in view.dates)


def test_a_client_with_nothing_to_report_is_only_counted(ctx: Context, clinic: Clinic) -> None:
    view = build_team_summary(ctx, staff_id=clinic.ot_id, start=clinic.start, end=clinic.end)
    assert "WK-0002" not in [c.person.record_number for c in view.clients]
    assert view.quiet == 1
