"""Dashboard sources: what each one lists, how pressing it says it is, and whose work it shows.

Care plans, assessments, family sessions and modifications are inserted directly with the
models here; their own services come later.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import delete

from otdesk.db.base import Tracked
from otdesk.db.models import Assessment, CarePlan, Episode, FamilySession, HomeModification
from otdesk.domain.records import RecordKind
from otdesk.domain.translation import format_date
from otdesk.services import clients, dashboard, settings, staff
from otdesk.services import episodes as ep
from otdesk.services._records import stamp_new
from otdesk.services.context import Context
from otdesk.services.dashboard import DueItem, RecordRef, SourceQuery, Urgency

MakeClient = Callable[..., clients.ClientDetail]

MY_SOURCES = (
    "care_plan_reviews",
    "planned_discharges",
    "reassessments",
    "unsigned_notes",
    "home_modifications",
    "recent_referrals",
    "waitlist",
)


def run(
    ctx: Context, key: str, *, staff_id: int | None = None, limit: int = 50
) -> tuple[int, list[DueItem]]:
    """Ask one registered source, as the dashboard does."""
    sources = {s.key: s for s in dashboard.registered_sources()}
    query = SourceQuery(staff_id=staff_id, today=ctx.today(), limit=limit)
    with ctx.db.reading() as session:
        return sources[key].fn(session, ctx, query)


def insert(ctx: Context, row: Tracked) -> int:
    """Store a row the way a service would (stamped, versioned) and return its id."""
    with ctx.db.transaction() as session:
        stamp_new(row, ctx)
        session.add(row)
        session.flush()
        return row.id


def days(ctx: Context, n: int) -> date:
    """``n`` days from today (negative for the past)."""
    return ctx.today() + timedelta(days=n)


def episode(ctx: Context, client_id: int, **values: Any) -> ep.EpisodeInfo:
    """An open episode referred 60 days ago unless told otherwise: the one a client in care
    has from the day they were added, or a new one."""
    values = {"referral_date": days(ctx, -60)} | values
    current = [e for e in ep.list_episodes(ctx, client_id=client_id) if e.is_open]
    if not current:
        return ep.open_episode(ctx, client_id=client_id, **values)
    if current[0].start_date is not None and "start_date" not in values:
        values["start_date"] = values["referral_date"]
    return ep.update_episode(ctx, episode_id=current[0].id,
                             expected_version=current[0].version, **values)


@pytest.fixture
def other_ot(ctx: Context) -> staff.StaffMember:
    """A second OT, whose clients must not show on the first OT's dashboard."""
    return staff.create_staff(
        ctx, username="ot.other", given_name="Olu", family_name="Other", role="ot"
    )


def test_every_source_is_registered_and_collected(ctx: Context) -> None:
    keys = [s.key for s in dashboard.registered_sources()]
    assert set(MY_SOURCES) <= set(keys)
    sections = {s.key: s for s in dashboard.collect(ctx, staff_id=None)}
    assert all(sections[k].total == 0 and sections[k].items == () for k in MY_SOURCES)


# Care-plan reviews --------------------------------------------------------------------------


def _plan(ctx: Context, client_id: int, review_in: int | None, status: str = "active") -> int:
    episode_id = episode(ctx, client_id).id
    review = None if review_in is None else days(ctx, review_in)
    return insert(
        ctx,
        CarePlan(client_id=client_id, episode_id=episode_id, status=status, review_date=review),
    )


def test_care_plan_reviews_overdue_first_then_due_soon(
    ctx: Context, make_client: MakeClient
) -> None:
    soon = make_client(family_name="Soon")
    late = make_client(family_name="Late")
    soon_plan = _plan(ctx, soon.id, 5)
    late_plan = _plan(ctx, late.id, -12)
    _plan(ctx, make_client().id, 20)  # beyond the 14-day window
    _plan(ctx, make_client().id, -30, status="draft")
    _plan(ctx, make_client().id, -30, status="superseded")
    _plan(ctx, make_client().id, None)
    gone = make_client()
    _plan(ctx, gone.id, -3)
    (gone_episode,) = ep.list_episodes(ctx, client_id=gone.id)
    ep.discharge_client(
        ctx, episode_id=gone_episode.id, expected_version=gone_episode.version,
        actual_discharge_date=ctx.today(),
    )

    total, items = run(ctx, "care_plan_reviews")
    assert total == 2
    first, second = items
    assert first.summary == "Care-plan review overdue by 12 days"
    assert first.urgency is Urgency.OVERDUE and first.due_date == days(ctx, -12)
    assert first.target == RecordRef(RecordKind.CARE_PLAN, late_plan, late.id)
    assert first.client_name == f"Late, {late.given_name}"
    assert first.record_number == late.record_number
    assert second.summary == "Review due in 5 days"
    assert second.urgency is Urgency.DUE
    assert second.target == RecordRef(RecordKind.CARE_PLAN, soon_plan, soon.id)


def test_care_plan_reviews_due_today_and_one_day(ctx: Context, make_client: MakeClient) -> None:
    _plan(ctx, make_client().id, 0)
    _plan(ctx, make_client().id, -1)
    _, items = run(ctx, "care_plan_reviews")
    assert [i.summary for i in items] == [
        "Care-plan review overdue by 1 day",
        "Care-plan review due today",
    ]


def test_care_plan_reviews_for_one_ot_and_limit(
    ctx: Context, make_client: MakeClient, ot: staff.StaffMember, other_ot: staff.StaffMember
) -> None:
    mine = [make_client(assigned_ot_id=ot.id) for _ in range(3)]
    for n, c in enumerate(mine):
        _plan(ctx, c.id, -n)
    _plan(ctx, make_client(assigned_ot_id=other_ot.id).id, -20)
    _plan(ctx, make_client().id, -20)

    total, items = run(ctx, "care_plan_reviews", staff_id=ot.id, limit=2)
    assert total == 3
    assert [i.client_id for i in items] == [mine[2].id, mine[1].id]
    whole_clinic, _ = run(ctx, "care_plan_reviews", staff_id=None, limit=0)
    assert whole_clinic == 5


# Reassessments ------------------------------------------------------------------------------


def _assessment(
    ctx: Context, client_id: int, days_ago: int, status: str = "final", instrument: str = "dlsc"
) -> int:
    return insert(
        ctx,
        Assessment(
            client_id=client_id,
            instrument_id=instrument,
            instrument_version="1",
            administered_on=days(ctx, -days_ago),
            status=status,
        ),
    )


def test_reassessments_list_stale_and_never_assessed_clients(
    ctx: Context, make_client: MakeClient
) -> None:
    stale = make_client(family_name="Stale")
    _assessment(ctx, stale.id, 200)
    fresh = make_client(family_name="Fresh")
    _assessment(ctx, fresh.id, 100)
    only_draft_recent = make_client(family_name="Drafty")
    _assessment(ctx, only_draft_recent.id, 300)
    _assessment(ctx, only_draft_recent.id, 10, status="draft")
    never = make_client(family_name="Never")
    episode(ctx, never.id, referral_date=days(ctx, -60), start_date=days(ctx, -45))
    newcomer = make_client(family_name="Newcomer")
    episode(ctx, newcomer.id, referral_date=days(ctx, -12), start_date=days(ctx, -10))
    external = make_client(family_name="External")
    _assessment(ctx, external.id, 20, status="draft", instrument="external")
    gone = make_client(family_name="Gone", status="discharged")
    _assessment(ctx, gone.id, 400)
    soon = make_client(family_name="Soon")
    _assessment(ctx, soon.id, 170)  # falls due in 10 days: shown ahead, not yet late

    total, items = run(ctx, "reassessments")
    assert total == 4
    # Most overdue first: due 120 days ago, 20 days ago, 15 days ago, then due in 10 days.
    assert [i.client_id for i in items] == [only_draft_recent.id, stale.id, never.id, soon.id]
    assert items[1].summary == "Reassessment overdue by 20 days"
    assert items[1].due_date == days(ctx, -20)
    assert items[2].summary == "First assessment overdue by 15 days"
    assert items[2].due_date == days(ctx, -15)
    assert [i.urgency for i in items[:3]] == [Urgency.OVERDUE] * 3
    assert items[3].summary == "Reassessment due in 10 days"
    assert items[3].urgency is Urgency.DUE
    assert items[0].target == RecordRef(RecordKind.CLIENT, only_draft_recent.id,
                                        only_draft_recent.id)


def test_reassessment_interval_comes_from_the_clinic_settings(
    ctx: Context, make_client: MakeClient
) -> None:
    client = make_client()
    _assessment(ctx, client.id, 100)
    assert run(ctx, "reassessments")[0] == 0
    clinic = settings.get_clinic(ctx)
    settings.update_clinic(ctx, expected_version=clinic.version, reassessment_days=90)
    total, items = run(ctx, "reassessments")
    assert total == 1 and items[0].due_date == days(ctx, -10)


def test_reassessments_for_one_ot_and_limit(
    ctx: Context, make_client: MakeClient, ot: staff.StaffMember, other_ot: staff.StaffMember
) -> None:
    a = make_client(assigned_ot_id=ot.id)
    _assessment(ctx, a.id, 300)
    b = make_client(assigned_ot_id=ot.id, status="on_hold")
    episode(ctx, b.id, start_date=days(ctx, -40))
    c = make_client(assigned_ot_id=other_ot.id)
    _assessment(ctx, c.id, 400)

    total, items = run(ctx, "reassessments", staff_id=ot.id, limit=1)
    assert total == 2
    assert [i.client_id for i in items] == [a.id]
    assert run(ctx, "reassessments", staff_id=other_ot.id)[0] == 1
    assert run(ctx, "reassessments")[0] == 3


# Unsigned notes -----------------------------------------------------------------------------


def _session(
    ctx: Context, client_id: int, hours_ago: float, status: str = "draft", author: int | None = None
) -> int:
    created = ctx.now() - timedelta(hours=hours_ago)
    row = FamilySession(
        client_id=client_id, session_date=created.date(), status=status, author_id=author
    )
    with ctx.db.transaction() as session:
        stamp_new(row, ctx)
        row.created_at = created
        session.add(row)
        session.flush()
        return row.id


def test_unsigned_notes_older_than_the_signing_window(
    ctx: Context, make_client: MakeClient
) -> None:
    client = make_client(family_name="Notes")
    old = _session(ctx, client.id, 24 * 3 + 1)
    recentish = _session(ctx, client.id, 30)
    _session(ctx, client.id, 2)  # still within the 24-hour window
    _session(ctx, client.id, 24 * 5, status="signed")

    total, items = run(ctx, "unsigned_notes")
    assert total == 2
    assert [i.target for i in items] == [
        RecordRef(RecordKind.FAMILY_SESSION, old, client.id),
        RecordRef(RecordKind.FAMILY_SESSION, recentish, client.id),
    ]
    assert items[0].summary == "Unsigned note from 3 days ago"
    assert items[1].summary == "Unsigned note from 30 hours ago"
    assert all(i.urgency is Urgency.OVERDUE for i in items)

    clinic = settings.get_clinic(ctx)
    settings.update_clinic(ctx, expected_version=clinic.version, unsigned_note_hours=48)
    assert run(ctx, "unsigned_notes")[0] == 1


def test_unsigned_notes_for_one_ot_include_their_own_and_their_clients(
    ctx: Context, make_client: MakeClient, ot: staff.StaffMember, other_ot: staff.StaffMember
) -> None:
    theirs = make_client(assigned_ot_id=other_ot.id)
    mine = make_client(assigned_ot_id=ot.id)
    written_by_me = _session(ctx, theirs.id, 50, author=ot.id)
    about_my_client = _session(ctx, mine.id, 40, author=ctx.actor_id)
    _session(ctx, theirs.id, 60, author=other_ot.id)

    total, items = run(ctx, "unsigned_notes", staff_id=ot.id)
    assert total == 2
    assert [i.target.id for i in items] == [written_by_me, about_my_client]
    total, items = run(ctx, "unsigned_notes", staff_id=ot.id, limit=1)
    assert total == 2 and len(items) == 1
    assert run(ctx, "unsigned_notes")[0] == 3


# Home modifications -------------------------------------------------------------------------


def _modification(
    ctx: Context, client_id: int, due_in: int | None, status: str = "recommended", **kw: Any
) -> int:
    values: dict[str, Any] = {"recommendation": "Grab rail", "area": "bathroom"} | kw
    due = None if due_in is None else days(ctx, due_in)
    return insert(ctx, HomeModification(client_id=client_id, status=status, due_date=due, **values))


def test_overdue_home_modifications(ctx: Context, make_client: MakeClient) -> None:
    client = make_client()
    late = _modification(ctx, client.id, -10)
    later = _modification(ctx, client.id, -3, status="ordered", recommendation="Night light")
    _modification(ctx, client.id, -10, status="installed")
    _modification(ctx, client.id, -10, status="verified")
    _modification(ctx, client.id, -10, status="declined")
    _modification(ctx, client.id, 0)  # due today is not yet overdue
    _modification(ctx, client.id, None)

    total, items = run(ctx, "home_modifications")
    assert total == 2
    assert [i.target for i in items] == [
        RecordRef(RecordKind.HOME_MODIFICATION, late, client.id),
        RecordRef(RecordKind.HOME_MODIFICATION, later, client.id),
    ]
    assert items[0].summary == f"Grab rail in bathroom: due {format_date(days(ctx, -10))}"
    assert items[1].summary == f"Night light in bathroom: due {format_date(days(ctx, -3))}"
    assert all(i.urgency is Urgency.OVERDUE for i in items)


def test_home_modification_summary_does_not_repeat_the_area(
    ctx: Context, make_client: MakeClient
) -> None:
    _modification(ctx, make_client().id, -1, recommendation="Remove bathroom mat\nSee photo")
    (item,) = run(ctx, "home_modifications")[1]
    assert item.summary.startswith("Remove bathroom mat: due ")


def test_home_modifications_for_one_ot_and_limit(
    ctx: Context, make_client: MakeClient, ot: staff.StaffMember, other_ot: staff.StaffMember
) -> None:
    mine = make_client(assigned_ot_id=ot.id)
    first = _modification(ctx, mine.id, -9)
    _modification(ctx, mine.id, -2)
    _modification(ctx, make_client(assigned_ot_id=other_ot.id).id, -30)
    total, items = run(ctx, "home_modifications", staff_id=ot.id, limit=1)
    assert total == 2 and [i.target.id for i in items] == [first]


# Referrals and waitlist ---------------------------------------------------------------------


def test_recent_referrals_newest_first_and_clinic_wide(
    ctx: Context, make_client: MakeClient, ot: staff.StaffMember
) -> None:
    older = make_client(status="referred")
    older_ep = episode(ctx, older.id, referral_date=days(ctx, -10), referral_source="GP")
    newer = make_client(status="referred")
    newer_ep = episode(ctx, newer.id, referral_date=days(ctx, -1))
    episode(ctx, make_client().id, referral_date=days(ctx, -20))

    total, items = run(ctx, "recent_referrals", staff_id=ot.id)  # no client assigned to ot
    assert total == 2
    assert [i.target for i in items] == [
        RecordRef(RecordKind.EPISODE, newer_ep.id, newer.id),
        RecordRef(RecordKind.EPISODE, older_ep.id, older.id),
    ]
    assert items[1].summary == f"Referred {format_date(days(ctx, -10))} by GP"
    assert all(i.urgency is Urgency.INFO for i in items)
    total, items = run(ctx, "recent_referrals", limit=1)
    assert total == 2 and len(items) == 1


def test_waitlist_longest_waiting_first_and_flags_long_waits(
    ctx: Context, make_client: MakeClient, ot: staff.StaffMember
) -> None:
    fresh = make_client(status="referred")
    episode(ctx, fresh.id, referral_date=days(ctx, -5))
    long_wait = make_client(status="waitlist")
    episode(ctx, long_wait.id, referral_date=days(ctx, -40))
    no_referral = make_client(status="waitlist")
    # A client kept from before every client in care had an episode: no referral on record.
    with ctx.db.transaction() as session:
        session.execute(delete(Episode).where(Episode.client_id == no_referral.id))
    make_client(status="active")

    total, items = run(ctx, "waitlist", staff_id=ot.id)  # clinic-wide even for one OT
    assert total == 3
    assert [i.client_id for i in items] == [long_wait.id, fresh.id, no_referral.id]
    assert items[0].urgency is Urgency.DUE
    assert items[0].summary == f"Waiting 40 days since referral on {format_date(days(ctx, -40))}"
    assert items[0].due_date == days(ctx, -12)
    assert items[0].target == RecordRef(RecordKind.CLIENT, long_wait.id, long_wait.id)
    assert items[1].urgency is Urgency.INFO
    assert items[2].due_date is None and items[2].urgency is Urgency.INFO
    total, items = run(ctx, "waitlist", limit=1)
    assert total == 3 and [i.client_id for i in items] == [long_wait.id]


def test_waitlist_uses_the_open_episode_not_a_discharged_one(
    ctx: Context, make_client: MakeClient
) -> None:
    client = make_client(status="active")
    old = episode(ctx, client.id, referral_date=days(ctx, -400))
    ep.discharge_client(
        ctx, episode_id=old.id, expected_version=old.version, actual_discharge_date=days(ctx, -300)
    )
    episode(ctx, client.id, referral_date=days(ctx, -3))  # re-referred: status back to referred
    (item,) = run(ctx, "waitlist")[1]
    assert item.summary == f"Waiting 3 days since referral on {format_date(days(ctx, -3))}"


def test_unsigned_note_age_uses_the_dashboard_day(ctx: Context, make_client: MakeClient) -> None:
    _session(ctx, make_client().id, 30)
    sources = {s.key: s for s in dashboard.registered_sources()}
    tomorrow = SourceQuery(staff_id=None, today=days(ctx, 1), limit=10)
    with ctx.db.reading() as session:
        _, (item,) = sources["unsigned_notes"].fn(session, ctx, tomorrow)
    assert item.summary == "Unsigned note from 2 days ago"
    assert isinstance(item.due_date, date) and not isinstance(item.due_date, datetime)


# Wording: plural forms and dates in the interface language ---------------------------------


def test_every_line_is_worded_with_its_count_and_dates_as_the_interface_writes_them(
    ctx: Context, make_client: MakeClient
) -> None:
    # One day or several: the catalogue's plural form for the count, never a "day(s)".
    _plan(ctx, make_client().id, -1)
    _plan(ctx, make_client().id, 0)
    _plan(ctx, make_client().id, 3)
    stale = make_client()
    _assessment(ctx, stale.id, 181)
    never = make_client()
    episode(ctx, never.id, start_date=days(ctx, -20))
    _session(ctx, make_client().id, 25)
    _modification(ctx, make_client().id, -2, recommendation="", area="")
    _modification(ctx, make_client().id, -4, recommendation="Ramp", area="")
    referred = make_client(status="referred")
    episode(ctx, referred.id, referral_date=days(ctx, -1), referral_source="GP")

    summaries = {i.summary for s in dashboard.collect(ctx, staff_id=None) for i in s.items}
    day = {n: format_date(days(ctx, n)) for n in (-1, -2, -4)}
    assert {
        "Care-plan review overdue by 1 day",
        "Care-plan review due today",
        "Review due in 3 days",
        "Reassessment overdue by 1 day",
        "First assessment due in 10 days",
        "Unsigned note from 25 hours ago",
        f"Home modification: due {day[-2]}",
        f"Ramp: due {day[-4]}",
        f"Referred {day[-1]} by GP",
        f"Waiting 1 day since referral on {day[-1]}",
    } <= summaries
    assert day[-1] == f"{days(ctx, -1).day} {days(ctx, -1):%b %Y}"  # "3 Jan 2026"


# Planned discharges ---------------------------------------------------------------------------


def test_planned_discharges_passed_first_then_coming_up(
    ctx: Context, make_client: MakeClient
) -> None:
    late = make_client(family_name="Late")
    late_episode = episode(ctx, late.id, planned_discharge_date=days(ctx, -3))
    soon = make_client(family_name="Soon")
    episode(ctx, soon.id, planned_discharge_date=days(ctx, 10))
    episode(ctx, make_client().id, planned_discharge_date=days(ctx, 40))  # beyond the window
    episode(ctx, make_client().id)  # no planned date
    gone = make_client()
    gone_episode = episode(ctx, gone.id, planned_discharge_date=days(ctx, -5))
    ep.discharge_client(ctx, episode_id=gone_episode.id, expected_version=gone_episode.version,
                        actual_discharge_date=ctx.today())

    total, items = run(ctx, "planned_discharges")
    assert total == 2
    first, second = items
    assert first.summary == "Planned discharge passed 3 days ago"
    assert first.urgency is Urgency.OVERDUE
    assert first.target == RecordRef(RecordKind.EPISODE, late_episode.id, late.id)
    assert second.summary == "Planned discharge in 10 days"
    assert second.urgency is Urgency.DUE
