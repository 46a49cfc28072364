"""The clinic's discharge-readiness battery: set and listed with the library's titles, checked
against the definitions otdesk knows; and the dashboard's "Assessments due" read from it, one
instrument at a time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest

from otdesk.db.models import Assessment
from otdesk.domain.definitions import DefinitionKind
from otdesk.domain.errors import ValidationError
from otdesk.services import battery, clients, dashboard
from otdesk.services._records import stamp_new
from otdesk.services.context import Context
from otdesk.services.dashboard import SourceQuery, Urgency

MakeClient = Callable[..., clients.ClientDetail]
EpisodeFor = Callable[..., Any]


def _days(ctx: Context, n: int) -> date:
    return ctx.today() + timedelta(days=n)


def test_a_new_clinic_gets_the_default_battery_once(ctx: Context) -> None:
    assert battery.list_battery(ctx) == []
    made = battery.ensure_default_battery(ctx)
    assert [(e.definition_id, e.repeat_days) for e in made] == list(battery.DEFAULT_BATTERY)
    assert all(e.known and e.active for e in made)
    assert made[0].title == "Community discharge readiness"
    assert made[0].kind is DefinitionKind.SCALE
    battery.set_battery(ctx, entries=[("discharge-readiness", 60)])
    assert [e.definition_id for e in battery.ensure_default_battery(ctx)] == [
        "discharge-readiness"]  # a clinic's own choice is left alone


def test_setting_the_battery_orders_updates_and_takes_out(ctx: Context) -> None:
    battery.set_battery(ctx, entries=[("discharge-readiness", 90), ("barthel-index", 180)])
    first = {e.definition_id: e for e in battery.list_battery(ctx)}
    now = battery.set_battery(ctx, entries={"barthel-index": 120, "caregiver-check-in": "30"})
    assert [(e.definition_id, e.repeat_days, e.position) for e in now] == [
        ("barthel-index", 120, 0), ("caregiver-check-in", 30, 1)]
    assert now[0].id == first["barthel-index"].id and now[0].kind is DefinitionKind.EXTERNAL
    everything = battery.list_battery(ctx, active_only=False)
    assert [(e.definition_id, e.active) for e in everything][-1] == ("discharge-readiness", False)
    # Put back: the same row again.
    back = battery.set_battery(ctx, entries=[("discharge-readiness", 45)])
    assert back[0].id == first["discharge-readiness"].id and back[0].repeat_days == 45


def test_bad_entries_are_named_by_row_and_nothing_changes(ctx: Context) -> None:
    battery.set_battery(ctx, entries=[("discharge-readiness", 90)])
    with pytest.raises(ValidationError) as refused:
        battery.set_battery(ctx, entries=[
            ("discharge-readiness", 90), ("no-such-scale", 30), ("discharge-readiness", 60),
            ("barthel-index", 0), ("caregiver-check-in", "soon"), ("client-priorities", 2.5),
        ])
    lines = [str(e) for e in refused.value.errors]
    assert any("line 2" in x and "'no-such-scale' is not an instrument" in x for x in lines)
    assert any("line 3" in x and "more than once" in x for x in lines)
    assert sum("whole number of days from 1 to 1,460" in x for x in lines) == 3
    assert [(e.definition_id, e.repeat_days) for e in battery.list_battery(ctx)] == [
        ("discharge-readiness", 90)]


# -- the dashboard reads the battery -----------------------------------------------------------


def _result(ctx: Context, client_id: int, instrument: str, days_ago: int,
            status: str = "final") -> None:
    row = Assessment(client_id=client_id, instrument_id=instrument, instrument_version="1",
                     administered_on=_days(ctx, -days_ago), status=status)
    with ctx.db.transaction() as session:
        stamp_new(row, ctx)
        session.add(row)


def _due(ctx: Context, staff_id: int | None = None) -> tuple[int, list[dashboard.DueItem]]:
    sources = {s.key: s for s in dashboard.registered_sources()}
    query = SourceQuery(staff_id=staff_id, today=ctx.today(), limit=50)
    with ctx.db.reading() as session:
        return sources["reassessments"].fn(session, ctx, query)


def test_a_client_is_due_when_any_battery_instrument_is_out_of_date(
    ctx: Context, make_client: MakeClient, episode_for: EpisodeFor
) -> None:
    battery.set_battery(ctx, entries=[("discharge-readiness", 90), ("barthel-index", 180)])
    up_to_date = make_client(family_name="Current")
    episode_for(up_to_date.id, referral_date=_days(ctx, -200))
    _result(ctx, up_to_date.id, "discharge-readiness", 30)
    _result(ctx, up_to_date.id, "barthel-index", 100)
    stale = make_client(family_name="Stale")
    episode_for(stale.id, referral_date=_days(ctx, -300))
    _result(ctx, stale.id, "discharge-readiness", 100)  # due 10 days ago
    _result(ctx, stale.id, "discharge-readiness", 20, status="draft")  # a draft is no result
    _result(ctx, stale.id, "barthel-index", 30)
    missing = make_client(family_name="Missing")
    episode_for(missing.id, referral_date=_days(ctx, -50))
    _result(ctx, missing.id, "discharge-readiness", 10)  # barthel missing: due 20 days ago
    both = make_client(family_name="Both")
    episode_for(both.id, referral_date=_days(ctx, -400))
    _result(ctx, both.id, "discharge-readiness", 95)
    _result(ctx, both.id, "barthel-index", 190)
    newcomer = make_client(family_name="Newcomer")  # started today: nothing due yet
    episode_for(newcomer.id, referral_date=ctx.today())

    total, items = _due(ctx)
    assert total == 3
    assert [i.client_id for i in items] == [missing.id, both.id, stale.id]
    assert items[0].summary == "Barthel Index, result: first assessment overdue by 20 days"
    assert items[0].due_date == _days(ctx, -20)
    assert items[1].summary == (
        "Barthel Index, result: reassessment overdue by 10 days (and 1 other instrument)")
    assert items[2].summary == "Community discharge readiness: reassessment overdue by 10 days"
    assert all(i.urgency is Urgency.OVERDUE for i in items)


def test_the_line_shows_two_weeks_ahead_and_uses_each_instruments_interval(
    ctx: Context, make_client: MakeClient, episode_for: EpisodeFor
) -> None:
    battery.set_battery(ctx, entries=[("caregiver-check-in", 30)])
    client = make_client()
    episode_for(client.id, referral_date=_days(ctx, -100))
    _result(ctx, client.id, "caregiver-check-in", 20)
    total, items = _due(ctx)
    assert total == 1 and items[0].urgency is Urgency.DUE
    assert items[0].summary == "Caregiver check-in: reassessment due in 10 days"
    battery.set_battery(ctx, entries=[("caregiver-check-in", 60)])
    assert _due(ctx)[0] == 0
