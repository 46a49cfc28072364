"""The dashboard's family-session lines, on both engines: notes awaiting co-signature (for any
OT, or the client's assigned OT) and open action items, each opening the session it names."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from otdesk.db.models import FamilySession
from otdesk.domain.records import RecordKind
from otdesk.services import clients, dashboard, family_sessions, session_signing, staff
from otdesk.services.context import Context
from otdesk.services.dashboard import DueItem, RecordRef, SourceQuery, Urgency

MakeClient = Callable[..., clients.ClientDetail]


def run(ctx: Context, key: str, *, staff_id: int | None = None) -> tuple[int, list[DueItem]]:
    sources = {s.key: s for s in dashboard.registered_sources()}
    query = SourceQuery(staff_id=staff_id, today=ctx.today(), limit=50)
    with ctx.db.reading() as session:
        return sources[key].fn(session, ctx, query)


def _signed_by(ctx: Context, client_id: int, on: date, items: list[tuple[str, date]]) -> int:
    note = family_sessions.create_session(
        ctx, client_id=client_id, session_date=on, consent_confirmed=True,
        note_format="dap", note_sections={"data": "Talked through the week."})
    for what, due in items:
        note = family_sessions.add_action_item(ctx, session_id=note.id,
                                               expected_version=note.version, who="Rosa",
                                               what=what, due_date=due)
    session_signing.sign(ctx, session_id=note.id, expected_version=note.version)
    return note.id


def test_notes_awaiting_cosignature_show_for_ots_and_the_assigned_ot(
    ctx: Context, make_client: MakeClient, ot: staff.StaffMember
) -> None:
    helper = staff.create_staff(ctx, username="ota.dash", given_name="Ari",
                                family_name="Example-OTA", role="ot_assistant")
    coordinator = staff.create_staff(ctx, username="coord.dash", given_name="Cy",
                                     family_name="Example-Coord", role="coordinator")
    mine = make_client(assigned_ot_id=coordinator.id)
    other = make_client()
    waiting = _signed_by(ctx.acting_as(helper.id), mine.id, ctx.today(), [])
    _signed_by(ctx.acting_as(helper.id), other.id, ctx.today(), [])
    _signed_by(ctx.acting_as(ot.id), other.id, ctx.today(), [])  # an OT's: signed outright

    total, items = run(ctx, "cosignatures", staff_id=ot.id)
    assert total == 2
    total, items = run(ctx, "cosignatures", staff_id=coordinator.id)
    assert total == 1
    assert items[0].target == RecordRef(RecordKind.FAMILY_SESSION, waiting, mine.id)
    assert items[0].summary == "Signed today, awaiting co-signature"
    with ctx.db.reading() as session:  # the target is the real record
        assert session.get(FamilySession, items[0].target.id) is not None
    note = family_sessions.get_session(ctx, session_id=waiting)
    session_signing.cosign(ctx.acting_as(ot.id), session_id=waiting,
                           expected_version=note.version)
    assert run(ctx, "cosignatures", staff_id=coordinator.id)[0] == 0


def test_open_action_items_due_within_a_week(
    ctx: Context, make_client: MakeClient, ot: staff.StaffMember
) -> None:
    client = make_client(assigned_ot_id=ot.id)
    today = ctx.today()
    sid = _signed_by(ctx.acting_as(ot.id), client.id, today - timedelta(days=10), [
        ("Keep a sleep diary", today - timedelta(days=2)),
        ("Call the pharmacy", today + timedelta(days=3)),
        ("Book the respite visit", today + timedelta(days=30)),
    ])
    total, items = run(ctx, "action_items", staff_id=ot.id)
    assert total == 2
    assert [i.summary for i in items] == [
        "Rosa: Keep a sleep diary (overdue by 2 days)", "Rosa: Call the pharmacy (due in 3 days)"]
    assert items[0].urgency is Urgency.OVERDUE
    assert {i.target for i in items} == {RecordRef(RecordKind.FAMILY_SESSION, sid, client.id)}
    first = family_sessions.get_session(ctx, session_id=sid).action_items[0]
    family_sessions.mark_action_item(ctx, item_id=first.id, expected_version=first.version)
    assert run(ctx, "action_items")[0] == 1
