"""Home modifications: recommended from a checklist hazard, edited, moved step by step to
completion (with the moves that are refused), listed per client and clinic-wide."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest

from otdesk.db.models import EnvironmentalChecklist
from otdesk.domain.errors import ConflictError, ValidationError
from otdesk.domain.modifications import next_statuses, refusal
from otdesk.domain.vocab import ModificationOwner, ModificationStatus, Priority
from otdesk.services import clients, modifications, staff
from otdesk.services._records import stamp_new
from otdesk.services.context import Context

MakeClient = Callable[..., clients.ClientDetail]
S = ModificationStatus


def _days(ctx: Context, n: int) -> date:
    return ctx.today() + timedelta(days=n)


def _recommend(ctx: Context, client_id: int, **values: Any) -> modifications.ModificationInfo:
    values = {"area": "bathroom", "item_key": "grab_rails",
              "recommendation": "Fit a grab rail beside the toilet", "category": "bathroom",
              "owner": "landlord", "priority": "soon", "due_date": _days(ctx, 14),
              "estimated_cost_cents": 8500, "funding_source": "Housing grant"} | values
    return modifications.create_modification(ctx, client_id=client_id, **values)


def _move(ctx: Context, m: modifications.ModificationInfo, status: str, on: date,
          who: str = "", note: str = "") -> modifications.ModificationInfo:
    return modifications.advance(ctx, modification_id=m.id, expected_version=m.version,
                                 status=status, on_date=on, who=who, note=note)


def test_moves_forward_refuses_backwards_and_ends_at_verified_or_declined() -> None:
    assert next_statuses(S.RECOMMENDED) == [S.AGREED, S.ORDERED, S.INSTALLED, S.DECLINED]
    assert next_statuses(S.ORDERED) == [S.INSTALLED, S.DECLINED]
    assert next_statuses(S.INSTALLED) == [S.VERIFIED]
    assert next_statuses(S.VERIFIED) == [] and next_statuses(S.DECLINED) == []
    assert "only once it is installed" in (refusal(S.AGREED, S.VERIFIED) or "")
    assert "does not go back" in (refusal(S.ORDERED, S.AGREED) or "")
    assert "nothing follows" in (refusal(S.DECLINED, S.AGREED) or "")
    assert "only be verified" in (refusal(S.INSTALLED, S.DECLINED) or "")


def test_a_hazard_becomes_a_modification_with_its_first_step(
    ctx: Context, make_client: MakeClient
) -> None:
    client = make_client()
    checklist = EnvironmentalChecklist(client_id=client.id, template_id="home-environment",
                                       template_version="1", visit_date=ctx.today())
    with ctx.db.transaction() as session:
        stamp_new(checklist, ctx)
        session.add(checklist)
        session.flush()
        checklist_id = checklist.id
    made = _recommend(ctx, client.id, checklist_id=checklist_id, owner_name="Harbour Housing")
    assert (made.status, made.owner, made.priority) == (S.RECOMMENDED, ModificationOwner.LANDLORD,
                                                        Priority.SOON)
    assert (made.checklist_id, made.category, made.owner_name) == (
        checklist_id, "bathroom", "Harbour Housing")
    assert made.estimated_cost_cents == 8500 and made.status_on == ctx.today()
    (first,) = modifications.history(ctx, modification_id=made.id)
    assert (first.status, first.on_date) == (S.RECOMMENDED, ctx.today())
    assert first.recorded_by  # the administrator who recorded it

    other = make_client()
    with pytest.raises(ValidationError) as refused:
        _recommend(ctx, other.id, checklist_id=checklist_id)
    assert "not one of this client's checklists" in str(refused.value)
    with pytest.raises(ValidationError) as refused:
        _recommend(ctx, client.id, recommendation="", estimated_cost_cents=-1, owner="nobody")
    text = str(refused.value)
    assert "recommendation" in text and "estimated_cost_cents" in text and "owner" in text


def test_a_modification_is_seen_through_step_by_step(
    ctx: Context, make_client: MakeClient
) -> None:
    client = make_client()
    m = _recommend(ctx, client.id, on_date=_days(ctx, -20))
    m = _move(ctx, m, "agreed", _days(ctx, -18), who="Client and landlord")
    m = _move(ctx, m, "ordered", _days(ctx, -10), who="Harbour Housing")
    m = _move(ctx, m, "installed", _days(ctx, -3), who="Contractor", note="Rail at 85 cm")
    assert (m.status, m.completed_on, m.status_on) == (S.INSTALLED, _days(ctx, -3), _days(ctx, -3))
    assert not m.is_open
    m = _move(ctx, m, "verified", ctx.today(), who="OT on home visit")
    steps = modifications.history(ctx, modification_id=m.id)
    assert [(s.status, s.on_date, s.who) for s in steps] == [
        (S.RECOMMENDED, _days(ctx, -20), ""),
        (S.AGREED, _days(ctx, -18), "Client and landlord"),
        (S.ORDERED, _days(ctx, -10), "Harbour Housing"),
        (S.INSTALLED, _days(ctx, -3), "Contractor"),
        (S.VERIFIED, ctx.today(), "OT on home visit"),
    ]
    assert steps[3].note == "Rail at 85 cm"
    with pytest.raises(ValidationError) as refused:
        _move(ctx, m, "declined", ctx.today())
    assert refused.value.for_field("status") is not None
    assert len(modifications.history(ctx, modification_id=m.id)) == 5


def test_refused_steps_leave_the_modification_as_it_was(
    ctx: Context, make_client: MakeClient
) -> None:
    client = make_client()
    m = _recommend(ctx, client.id, on_date=_days(ctx, -5))
    for status, on, field in (
        ("verified", ctx.today(), "status"),  # not installed yet
        ("recommended", ctx.today(), "status"),  # only ever the first step
        ("agreed", _days(ctx, 1), "on_date"),  # in the future
        ("agreed", _days(ctx, -6), "on_date"),  # before the last step
        ("fitted", ctx.today(), "status"),  # no such status
    ):
        with pytest.raises(ValidationError) as refused:
            _move(ctx, m, status, on)
        assert refused.value.for_field(field) is not None, (status, on)
    assert modifications.get_modification(ctx, modification_id=m.id) == m
    m = _move(ctx, m, "declined", ctx.today(), who="Client", note="Prefers a shower chair")
    assert m.status is S.DECLINED and m.completed_on is None
    with pytest.raises(ConflictError):  # a stale copy
        modifications.advance(ctx, modification_id=m.id, expected_version=m.version - 1,
                              status="agreed", on_date=ctx.today())


def test_fields_are_edited_but_the_status_only_by_a_step(
    ctx: Context, make_client: MakeClient
) -> None:
    client = make_client()
    m = _recommend(ctx, client.id)
    edited = modifications.update_modification(
        ctx, modification_id=m.id, expected_version=m.version, owner="family",
        owner_name="Sister (Rosa)", notes="Family will buy it", estimated_cost_cents=None)
    assert (edited.owner, edited.owner_name, edited.notes) == (
        ModificationOwner.FAMILY, "Sister (Rosa)", "Family will buy it")
    assert edited.estimated_cost_cents is None and edited.version == m.version + 1
    with pytest.raises(ValidationError) as refused:
        modifications.update_modification(
            ctx, modification_id=m.id, expected_version=edited.version, status="verified")
    assert refused.value.for_field("status") is not None
    with pytest.raises(ConflictError):
        modifications.update_modification(
            ctx, modification_id=m.id, expected_version=m.version, notes="stale")


def test_a_clients_list_puts_open_ones_first(ctx: Context, make_client: MakeClient) -> None:
    client = make_client()
    late = _recommend(ctx, client.id, due_date=_days(ctx, 30))
    soon = _recommend(ctx, client.id, due_date=_days(ctx, 2))
    done = _move(ctx, _recommend(ctx, client.id, due_date=_days(ctx, 1)), "installed",
                 ctx.today())
    listed = modifications.list_for_client(ctx, client_id=client.id)
    assert [m.id for m in listed] == [soon.id, late.id, done.id]
    assert [m.id for m in modifications.list_for_client(
        ctx, client_id=client.id, open_only=True)] == [soon.id, late.id]


def test_the_clinic_roll_up_filters_and_counts(
    ctx: Context, make_client: MakeClient, ot: staff.StaffMember
) -> None:
    mine = make_client(assigned_ot_id=ot.id, family_name="Abara", given_name="Kel")
    other = make_client(family_name="Zimmer", given_name="Ola")
    overdue = _recommend(ctx, mine.id, owner="family", due_date=_days(ctx, -4))
    ordered = _move(ctx, _recommend(ctx, other.id, owner="landlord"), "ordered", ctx.today())
    _move(ctx, _recommend(ctx, other.id, owner="family"), "declined", ctx.today())
    _recommend(ctx, other.id, owner="contractor", due_date=_days(ctx, -1))

    rolled = modifications.list_clinic(ctx)
    assert [line.modification.id for line in rolled.lines][:1] == [overdue.id]
    assert len(rolled.lines) == 3  # the declined one is not open
    first = rolled.lines[0]
    assert (first.client_name, first.record_number, first.overdue) == (
        "Abara, Kel", mine.record_number, True)
    assert rolled.counts[S.RECOMMENDED] == 2 and rolled.counts[S.ORDERED] == 1
    assert rolled.counts[S.DECLINED] == 1 and rolled.counts[S.VERIFIED] == 0
    assert rolled.overdue == 2

    assert [x.modification.id for x in modifications.list_clinic(ctx, owner="landlord").lines] \
        == [ordered.id]
    family = modifications.list_clinic(ctx, owner="family", status="declined")
    assert [x.modification.status for x in family.lines] == [S.DECLINED]
    assert family.counts[S.RECOMMENDED] == 1  # counts keep the owner filter
    assert len(modifications.list_clinic(ctx, overdue_only=True).lines) == 2
    assert [x.client_id for x in modifications.list_clinic(ctx, staff_id=ot.id).lines] == [
        mine.id]
    assert modifications.list_clinic(ctx, staff_id=ot.id).overdue == 1
    with pytest.raises(ValueError):
        modifications.list_clinic(ctx, owner="neighbour")
