"""The view models of the home-modification report and the assessment summary: what they
say, before any PDF is drawn."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from print_clinical_data import done, home_visit, readiness, task_trials

from otdesk.domain.errors import ValidationError
from otdesk.services import clients, modifications
from otdesk.services.assessment_report import assessment_summary
from otdesk.services.context import Context
from otdesk.services.home_report import home_report

MakeClient = Callable[..., clients.ClientDetail]


def test_home_report_lists_modifications_by_room_in_the_checklists_order(
    ctx: Context, make_client: MakeClient
) -> None:
    client = make_client()
    home_visit(ctx, client.id)
    modifications.create_modification(ctx, client_id=client.id, area="",
                                      recommendation="Smoke alarm in the hall", owner="landlord",
                                      owner_name="Harbour Housing")
    report = home_report(ctx, client_id=client.id, address="3 Elm Row, Sampletown")
    assert [r.room for r in report.rooms] == ["Entrance and outside", "Floors",
                                              "Stairs", "Kitchen",
                                              "Other (no room given)"]
    entrance, floors, stairs, kitchen, other = report.rooms
    assert entrance.lines[0].cost == "125.50" and entrance.cost == "125.50"
    assert entrance.lines[0].funding == "Home-modification grant" and floors.cost == "40.00"
    assert stairs.lines[0].status == "Installed" and stairs.lines[0].status_on is not None
    assert kitchen.lines[0].status == "Declined" and kitchen.cost == ""
    assert other.lines[0].owner == "Landlord: Harbour Housing"
    # Declined changes are not counted; installed ones are, but not among the open.
    assert report.total_cost == "395.50" and report.open_cost == "165.50"
    assert dict(report.status_counts) == {"Recommended": 3, "Installed": 1, "Declined": 1}
    assert report.count == 5 and report.address == "3 Elm Row, Sampletown"
    (visit,) = report.visits
    assert (visit.hazards, visit.status, visit.summary) == (4, "Draft",
                                                            "Stairs & entrance <b>first</b>")
    (source,) = report.sources
    assert source.title == "Home environment and modifications"
    assert "GPL-3.0" in source.licence and source.edition and source.label_note


def test_home_report_names_a_public_domain_checklists_source(
    ctx: Context, make_client: MakeClient
) -> None:
    from otdesk.services import checklists

    client = make_client()
    visit = checklists.start_checklist(ctx, client_id=client.id,
                                       definition_id="cdc-steadi-check-for-safety")
    checklists.finalise_checklist(ctx, checklist_id=visit.id, expected_version=visit.version)
    (source,) = home_report(ctx, client_id=client.id).sources
    assert "CDC" in source.attribution and "public domain" in source.licence
    assert "CS249533B" in source.edition


def test_assessment_summary_compares_with_the_administration_before(
    ctx: Context, make_client: MakeClient
) -> None:
    client = make_client()
    done(ctx, client.id, "discharge-readiness", readiness("hands_on"), date(2026, 3, 1))
    done(ctx, client.id, "discharge-readiness", readiness("prompts"), date(2026, 6, 1))
    latest = done(ctx, client.id, "discharge-readiness",
                  readiness("independent", budgeting="prompts"), date(2026, 9, 1))
    task_trials(ctx, client.id)

    summary = assessment_summary(ctx, client_id=client.id)
    assert (summary.title, summary.administered_on) == (latest.title, date(2026, 9, 1))
    scores = {s.label: s for s in summary.scores}
    assert scores["Overall readiness"].is_total and scores["Overall readiness"].band == summary.band
    assert summary.previous_on == date(2026, 6, 1)
    changes = {c.label: c for c in summary.changes}
    overall = changes["Overall readiness"]
    assert overall.meaningful and overall.change.startswith("+")
    assert float(overall.after) - float(overall.before) == float(overall.change)
    assert overall.smallest == "15"
    assert summary.trend is not None and len(summary.trend.series[0].points) == 3
    assert [h[0] for h in summary.history] == [date(2026, 3, 1), date(2026, 6, 1),
                                              date(2026, 9, 1)]
    (log,) = summary.task_logs
    assert [t.task for t in log.trials] == ["Prepare a simple meal", "Pay a bill",
                                            "Prepare a simple meal", "Prepare a simple meal"]
    assert log.trials[0].assistance == "Hands-on help" and log.trials[0].minutes == "40"
    assert {c.y_label for c in log.charts} == {"Time taken (minutes)",
                                               "Independence (0 = hands-on help, "
                                               "3 = independent)"}

    first = assessment_summary(ctx, client_id=client.id,
                               assessment_id=summary_id(ctx, client.id, date(2026, 3, 1)))
    assert first.previous_on is None and first.changes == ()


def summary_id(ctx: Context, client_id: int, on: date) -> int:
    """The id of the client's discharge-readiness administration of ``on``."""
    from otdesk.services.assessments import list_assessments

    return next(a.id for a in list_assessments(ctx, client_id)
                if a.administered_on == on and a.definition_id == "discharge-readiness")


def test_assessment_summary_refuses_another_clients_or_none(
    ctx: Context, make_client: MakeClient
) -> None:
    client, other = make_client(), make_client()
    with pytest.raises(ValidationError, match="no finalised assessment"):
        assessment_summary(ctx, client_id=client.id)
    theirs = done(ctx, other.id, "discharge-readiness", readiness("prompts"), date(2026, 6, 1))
    with pytest.raises(ValidationError, match="not one of this client's"):
        assessment_summary(ctx, client_id=client.id, assessment_id=theirs.id)
