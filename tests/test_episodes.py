"""Episodes of care and care teams: one open episode, date order, discharge, conflicts, audit."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import event, select

from otdesk.db.models import AuditEvent
from otdesk.domain.errors import ConflictError, NotFoundError, ValidationError
from otdesk.domain.translation import format_date
from otdesk.domain.vocab import ClientStatus, Discipline
from otdesk.services import clients, staff
from otdesk.services import episodes as ep
from otdesk.services.context import Context

MakeClient = Callable[..., clients.ClientDetail]


def _events(ctx: Context, entity: str, entity_id: int, action: str) -> list[AuditEvent]:
    query = select(AuditEvent).where(
        AuditEvent.entity_type == entity,
        AuditEvent.entity_id == entity_id,
        AuditEvent.action == action,
    )
    with ctx.db.reading() as session:
        return list(session.scalars(query.order_by(AuditEvent.id)))


def _days_ago(ctx: Context, n: int) -> date:
    return ctx.today() - timedelta(days=n)


def _open(ctx: Context, client_id: int, **values: Any) -> ep.EpisodeInfo:
    base: dict[str, Any] = {"referral_date": _days_ago(ctx, 30), "referral_source": "GP"}
    return ep.open_episode(ctx, client_id=client_id, **(base | values))


def _opened_with_client(ctx: Context, client_id: int, **values: Any) -> ep.EpisodeInfo:
    """The episode an active client's record opened with, given ``values``."""
    [opened] = [e for e in ep.list_episodes(ctx, client_id=client_id) if e.is_open]
    if values:
        opened = ep.update_episode(ctx, episode_id=opened.id, expected_version=opened.version,
                                   **values)
    return opened


# Episodes -----------------------------------------------------------------------------------


@pytest.mark.parametrize("status", ["referred", "waitlist", "active", "on_hold"])
def test_a_client_in_care_always_has_an_open_episode(
    ctx: Context, make_client: MakeClient, status: str
) -> None:
    client = make_client(status=status)
    [opened] = ep.list_episodes(ctx, client_id=client.id)
    assert opened.is_open and opened.referral_date == ctx.today()
    started = status in ("active", "on_hold")
    assert opened.start_date == (ctx.today() if started else None)
    (event,) = _events(ctx, ep.ENTITY, opened.id, "create")
    assert event.client_id == client.id


def test_a_discharged_client_is_added_without_an_episode(
    ctx: Context, make_client: MakeClient
) -> None:
    client = make_client(status="discharged")
    assert ep.list_episodes(ctx, client_id=client.id) == []


def test_a_client_coming_back_into_care_gets_an_episode(
    ctx: Context, make_client: MakeClient
) -> None:
    client = make_client(status="discharged")
    back = clients.update_client(ctx, client_id=client.id, expected_version=client.version,
                                 status="active")
    assert back.version == client.version + 1
    [opened] = ep.list_episodes(ctx, client_id=client.id)
    assert opened.is_open and opened.start_date == ctx.today()
    # Already in care: no second episode.
    clients.update_client(ctx, client_id=client.id, expected_version=back.version,
                          status="on_hold")
    assert len(ep.list_episodes(ctx, client_id=client.id)) == 1


def test_open_episode_is_stored_open_and_audited(ctx: Context, make_client: MakeClient) -> None:
    client = make_client(status="discharged")
    opened = _open(ctx, client.id, referral_reason="Struggling with meals", start_date="")
    assert opened.is_open and opened.version == 1
    assert ep.get_episode(ctx, episode_id=opened.id) == opened
    assert opened.referral_reason == "Struggling with meals" and opened.start_date is None
    (event,) = _events(ctx, ep.ENTITY, opened.id, "create")
    assert event.client_id == client.id
    assert event.changes["referral_source"] == [None, "GP"]
    data = opened.to_json()
    assert json.loads(json.dumps(data)) == data
    assert data["referral_date"] == _days_ago(ctx, 30).isoformat()


def test_referral_date_is_required_and_must_be_a_date(
    ctx: Context, make_client: MakeClient
) -> None:
    client = make_client(status="discharged")
    with pytest.raises(ValidationError) as caught:
        ep.open_episode(ctx, client_id=client.id)
    assert caught.value.for_field("referral_date") == "is required"
    with pytest.raises(ValidationError) as caught:
        ep.open_episode(ctx, client_id=client.id, referral_date="31/02/2026")
    assert "not a date" in (caught.value.for_field("referral_date") or "")


def test_second_open_episode_is_refused(ctx: Context, make_client: MakeClient) -> None:
    client = make_client(status="discharged")
    first = _open(ctx, client.id)
    with pytest.raises(ValidationError) as caught:
        _open(ctx, client.id, referral_date=ctx.today())
    reason = caught.value.for_field("referral_date") or ""
    assert "already has an open episode" in reason
    assert format_date(first.referral_date) in reason  # "3 Jan 2026", as the interface writes it
    assert [e.id for e in ep.list_episodes(ctx, client_id=client.id)] == [first.id]


def test_episodes_opened_at_the_same_moment_leave_one_open(
    ctx: Context, second_workstation: Context, make_client: MakeClient
) -> None:
    client = make_client(status="discharged")  # out of care: no open episode yet
    theirs, ours = _days_ago(ctx, 10), _days_ago(ctx, 9)
    raced: list[str] = []

    def other_opens_first(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        # Our "no open episode yet" check has passed; the other workstation opens one now.
        if statement.lstrip().upper().startswith("INSERT INTO EPISODES") and not raced:
            raced.append(statement)
            ep.open_episode(second_workstation, client_id=client.id, referral_date=theirs)

    event.listen(ctx.db.engine, "before_cursor_execute", other_opens_first)
    try:
        with pytest.raises(ValidationError, match="a moment ago"):
            ep.open_episode(ctx, client_id=client.id, referral_date=ours)
    finally:
        event.remove(ctx.db.engine, "before_cursor_execute", other_opens_first)
    assert raced, "the competing episode was never opened"
    assert [e.referral_date for e in ep.list_episodes(ctx, client_id=client.id)] == [theirs]


def test_a_past_closed_episode_can_be_entered_while_one_is_open(
    ctx: Context, make_client: MakeClient
) -> None:
    client = make_client(status="discharged")
    current = _open(ctx, client.id)
    past = _open(
        ctx,
        client.id,
        referral_date=_days_ago(ctx, 400),
        actual_discharge_date=_days_ago(ctx, 300),
    )
    assert not past.is_open
    listed = ep.list_episodes(ctx, client_id=client.id)
    assert [e.id for e in listed] == [current.id, past.id]  # newest referral first


def test_dates_must_not_run_backwards(ctx: Context, make_client: MakeClient) -> None:
    client = make_client(status="discharged")
    referral = _days_ago(ctx, 10)
    with pytest.raises(ValidationError) as caught:
        _open(
            ctx,
            client.id,
            referral_date=referral,
            start_date=referral - timedelta(days=1),
            planned_discharge_date=referral - timedelta(days=2),
        )
    err = caught.value
    assert err.for_field("start_date") == f"is before the referral date ({format_date(referral)})"
    assert err.for_field("planned_discharge_date") is not None
    with pytest.raises(ValidationError) as caught:
        _open(
            ctx, client.id, referral_date=referral, actual_discharge_date=referral + timedelta(30)
        )
    assert caught.value.for_field("actual_discharge_date") == "is in the future"
    assert ep.list_episodes(ctx, client_id=client.id) == []


def test_update_checks_dates_against_the_stored_episode(
    ctx: Context, make_client: MakeClient
) -> None:
    opened = _open(ctx, make_client(status="discharged").id)
    with pytest.raises(ValidationError) as caught:
        ep.update_episode(
            ctx, episode_id=opened.id, expected_version=1, start_date=_days_ago(ctx, 31)
        )
    assert "before the referral date" in (caught.value.for_field("start_date") or "")
    updated = ep.update_episode(
        ctx,
        episode_id=opened.id,
        expected_version=1,
        start_date=_days_ago(ctx, 20),
        planned_discharge_date=ctx.today() + timedelta(days=60),
    )
    assert updated.start_date == _days_ago(ctx, 20) and updated.version == 2
    (event,) = _events(ctx, ep.ENTITY, opened.id, "update")
    assert event.changes["start_date"] == [None, _days_ago(ctx, 20).isoformat()]
    assert event.client_id == opened.client_id


def test_update_does_not_close_an_episode(ctx: Context, make_client: MakeClient) -> None:
    opened = _open(ctx, make_client(status="discharged").id)
    with pytest.raises(ValidationError) as caught:
        ep.update_episode(
            ctx, episode_id=opened.id, expected_version=1, actual_discharge_date=ctx.today()
        )
    assert "Discharge" in (caught.value.for_field("actual_discharge_date") or "")
    assert ep.get_episode(ctx, episode_id=opened.id).is_open


def test_stale_episode_update_is_refused_and_the_first_save_stands(
    ctx: Context, make_client: MakeClient
) -> None:
    opened = _open(ctx, make_client(status="discharged").id)
    ep.update_episode(ctx, episode_id=opened.id, expected_version=1, referral_source="Psychiatry")
    with pytest.raises(ConflictError):
        ep.update_episode(ctx, episode_id=opened.id, expected_version=1, referral_source="Self")
    assert ep.get_episode(ctx, episode_id=opened.id).referral_source == "Psychiatry"


def test_discharge_closes_the_episode_and_discharges_the_client(
    ctx: Context, make_client: MakeClient
) -> None:
    client = make_client(status="active")
    opened = _opened_with_client(ctx, client.id, discharge_destination="Planned: GP care")
    closed = ep.discharge_client(
        ctx,
        episode_id=opened.id,
        expected_version=opened.version,
        actual_discharge_date=ctx.today(),
        outcome="Goals met; cooking independently",
    )
    assert not closed.is_open and closed.actual_discharge_date == ctx.today()
    assert closed.outcome == "Goals met; cooking independently"
    assert closed.discharge_destination == "Planned: GP care"  # blank keeps what was there
    after = clients.get_client(ctx, client_id=client.id)
    assert after.status is ClientStatus.DISCHARGED
    assert after.version == client.version + 1
    (client_event,) = _events(ctx, "client", client.id, "update")
    assert client_event.changes == {"status": ["active", "discharged"]}
    episode_event = _events(ctx, ep.ENTITY, opened.id, "update")[-1]  # after the destination
    assert episode_event.changes["actual_discharge_date"][1] == ctx.today().isoformat()
    assert episode_event.client_id == client.id


def test_refused_discharge_changes_neither_episode_nor_client(
    ctx: Context, make_client: MakeClient
) -> None:
    client = make_client(status="active")
    opened = _opened_with_client(ctx, client.id, referral_date=_days_ago(ctx, 30),
                                 start_date=_days_ago(ctx, 30))
    with pytest.raises(ValidationError) as caught:
        ep.discharge_client(
            ctx,
            episode_id=opened.id,
            expected_version=opened.version,
            actual_discharge_date=_days_ago(ctx, 31),
        )
    assert "before the referral date" in (caught.value.for_field("actual_discharge_date") or "")
    with pytest.raises(ValidationError) as caught:
        ep.discharge_client(
            ctx, episode_id=opened.id, expected_version=opened.version,
            actual_discharge_date=None
        )
    assert caught.value.for_field("actual_discharge_date") == "is required"
    assert ep.get_episode(ctx, episode_id=opened.id).is_open
    assert clients.get_client(ctx, client_id=client.id).status is ClientStatus.ACTIVE


def test_discharge_twice_or_from_a_stale_copy_is_refused(
    ctx: Context, make_client: MakeClient
) -> None:
    opened = _open(ctx, make_client(status="discharged").id)
    ep.update_episode(ctx, episode_id=opened.id, expected_version=1, outcome="draft")
    with pytest.raises(ConflictError):
        ep.discharge_client(
            ctx, episode_id=opened.id, expected_version=1, actual_discharge_date=ctx.today()
        )
    closed = ep.discharge_client(
        ctx, episode_id=opened.id, expected_version=2, actual_discharge_date=ctx.today()
    )
    with pytest.raises(ValidationError) as caught:
        ep.discharge_client(
            ctx,
            episode_id=opened.id,
            expected_version=closed.version,
            actual_discharge_date=ctx.today(),
        )
    assert "already closed" in (caught.value.for_field("actual_discharge_date") or "")


def test_closed_episode_date_can_be_corrected_but_not_removed(
    ctx: Context, make_client: MakeClient
) -> None:
    opened = _open(ctx, make_client(status="discharged").id)
    closed = ep.discharge_client(
        ctx, episode_id=opened.id, expected_version=1, actual_discharge_date=ctx.today()
    )
    fixed = ep.update_episode(
        ctx,
        episode_id=opened.id,
        expected_version=closed.version,
        actual_discharge_date=_days_ago(ctx, 1),
    )
    assert fixed.actual_discharge_date == _days_ago(ctx, 1)
    with pytest.raises(ValidationError) as caught:
        ep.update_episode(
            ctx, episode_id=opened.id, expected_version=fixed.version, actual_discharge_date=""
        )
    assert "cannot be removed" in (caught.value.for_field("actual_discharge_date") or "")


def test_re_referral_after_discharge_puts_the_client_back_on_the_referred_list(
    ctx: Context, make_client: MakeClient
) -> None:
    client = make_client(status="active")
    first = _opened_with_client(ctx, client.id, referral_date=_days_ago(ctx, 100),
                                start_date=_days_ago(ctx, 100))
    ep.discharge_client(
        ctx, episode_id=first.id, expected_version=first.version,
        actual_discharge_date=_days_ago(ctx, 10),
    )
    second = _open(ctx, client.id, referral_date=ctx.today())
    assert second.is_open
    assert clients.get_client(ctx, client_id=client.id).status is ClientStatus.REFERRED


def test_missing_client_or_episode_is_not_found(ctx: Context) -> None:
    with pytest.raises(NotFoundError):
        ep.open_episode(ctx, client_id=999_999, referral_date=ctx.today())
    with pytest.raises(NotFoundError):
        ep.list_episodes(ctx, client_id=999_999)
    with pytest.raises(NotFoundError):
        ep.get_episode(ctx, episode_id=999_999)
    with pytest.raises(NotFoundError):
        ep.update_episode(ctx, episode_id=999_999, expected_version=1, outcome="x")
    with pytest.raises(NotFoundError):
        ep.discharge_client(
            ctx, episode_id=999_999, expected_version=1, actual_discharge_date=ctx.today()
        )
    with pytest.raises(NotFoundError):
        ep.list_care_team(ctx, episode_id=999_999)
    with pytest.raises(NotFoundError):
        ep.add_care_team_member(ctx, episode_id=999_999, name="Dr Who", discipline="psychiatry")


# Care team ----------------------------------------------------------------------------------


def test_staff_member_on_the_team_is_named_from_the_staff_record(
    ctx: Context, make_client: MakeClient, ot: staff.StaffMember
) -> None:
    opened = _open(ctx, make_client(status="discharged").id)
    entry = ep.add_care_team_member(
        ctx, episode_id=opened.id, staff_id=ot.id, discipline="ot", role_in_team="Key worker"
    )
    assert entry.name == "Tess Example-OT" and entry.discipline is Discipline.OT
    staff.update_staff(ctx, staff_id=ot.id, expected_version=ot.version, family_name="Renamed")
    (listed,) = ep.list_care_team(ctx, episode_id=opened.id)
    assert listed.name == "Tess Renamed" and listed.role_in_team == "Key worker"
    assert json.loads(json.dumps(listed.to_json()))["discipline"] == "ot"


def test_outside_partner_needs_a_name(ctx: Context, make_client: MakeClient) -> None:
    opened = _open(ctx, make_client(status="discharged").id)
    with pytest.raises(ValidationError) as caught:
        ep.add_care_team_member(ctx, episode_id=opened.id, name="  ", discipline="psychiatry")
    assert caught.value.for_field("name") == "is required when no staff member is chosen"
    entry = ep.add_care_team_member(
        ctx,
        episode_id=opened.id,
        name="Dr Imani Okafor",
        discipline="psychiatry",
        organisation="Community Mental Health Team",
    )
    assert entry.staff_id is None and entry.name == "Dr Imani Okafor"


def test_care_team_validation_names_the_field(
    ctx: Context, make_client: MakeClient, ot: staff.StaffMember
) -> None:
    opened = _open(ctx, make_client(status="discharged").id)
    with pytest.raises(ValidationError) as caught:
        ep.add_care_team_member(ctx, episode_id=opened.id, staff_id=999_999, discipline="ot")
    assert caught.value.for_field("staff_id") == "no staff member has id 999999"
    with pytest.raises(ValidationError) as caught:
        ep.add_care_team_member(ctx, episode_id=opened.id, name="X", discipline="astrology")
    assert "'astrology' is not one of" in (caught.value.for_field("discipline") or "")
    with pytest.raises(ValidationError) as caught:
        ep.add_care_team_member(
            ctx,
            episode_id=opened.id,
            name="X",
            discipline="other",
            start_date=ctx.today(),
            end_date=_days_ago(ctx, 1),
        )
    assert "before the start date" in (caught.value.for_field("end_date") or "")
    staff.update_staff(ctx, staff_id=ot.id, expected_version=ot.version, active=False)
    with pytest.raises(ValidationError) as caught:
        ep.add_care_team_member(ctx, episode_id=opened.id, staff_id=ot.id, discipline="ot")
    assert "no longer active" in (caught.value.for_field("staff_id") or "")
    assert ep.list_care_team(ctx, episode_id=opened.id) == []


def test_care_team_lists_current_members_first(ctx: Context, make_client: MakeClient) -> None:
    opened = _open(ctx, make_client(status="discharged").id)
    for name, end in (("Zed", None), ("Amy", _days_ago(ctx, 5)), ("Bo", None)):
        ep.add_care_team_member(
            ctx, episode_id=opened.id, name=name, discipline="other", end_date=end
        )
    assert [m.name for m in ep.list_care_team(ctx, episode_id=opened.id)] == ["Bo", "Zed", "Amy"]


def test_care_team_update_conflict_and_audit(ctx: Context, make_client: MakeClient) -> None:
    client = make_client(status="discharged")
    opened = _open(ctx, client.id)
    entry = ep.add_care_team_member(ctx, episode_id=opened.id, name="Sam", discipline="nursing")
    ep.update_care_team_member(ctx, member_id=entry.id, expected_version=1, phone="555 0101")
    with pytest.raises(ConflictError):
        ep.update_care_team_member(ctx, member_id=entry.id, expected_version=1, phone="0")
    assert ep.get_care_team_member(ctx, member_id=entry.id).phone == "555 0101"
    with pytest.raises(ValidationError) as caught:
        ep.update_care_team_member(ctx, member_id=entry.id, expected_version=2, name="")
    assert caught.value.for_field("name") == "is required when no staff member is chosen"
    (created,) = _events(ctx, ep.TEAM_ENTITY, entry.id, "create")
    (updated,) = _events(ctx, ep.TEAM_ENTITY, entry.id, "update")
    assert created.client_id == updated.client_id == client.id
    assert updated.changes == {"phone": ["", "555 0101"]}


def test_care_team_removal_is_audited_and_checks_the_version(
    ctx: Context, make_client: MakeClient
) -> None:
    client = make_client(status="discharged")
    opened = _open(ctx, client.id)
    entry = ep.add_care_team_member(ctx, episode_id=opened.id, name="Sam", discipline="nursing")
    ep.update_care_team_member(ctx, member_id=entry.id, expected_version=1, role_in_team="Nurse")
    with pytest.raises(ConflictError):
        ep.remove_care_team_member(ctx, member_id=entry.id, expected_version=1)
    ep.remove_care_team_member(ctx, member_id=entry.id, expected_version=2)
    assert ep.list_care_team(ctx, episode_id=opened.id) == []
    (event,) = _events(ctx, ep.TEAM_ENTITY, entry.id, "delete")
    assert event.client_id == client.id
    assert event.changes["name"] == ["Sam", None]
    assert event.changes["discipline"] == ["nursing", None]
    with pytest.raises(NotFoundError):
        ep.remove_care_team_member(ctx, member_id=entry.id, expected_version=2)
