"""Opening a full client record against an empty one (issue 15 target), printed as figures.

    python -m bench.bench_record_open [--runs 15]

A small demo clinic gets two more clients: one with nothing in their record, and one with 200
family sessions (most signed, each with attendees and an action item), 50 finalised
assessments and five care-plan versions (four superseded, one active, each with needs, goals
and interventions). In the running window, under the desktop's own style, each record is
opened until its header is painted, then closed and deleted, alternating the two (A B A B)
so a drifting machine moves both alike. A third figure opens the full record and then each
of its clinical tabs in turn until painted (no target: it says what a user who looks at
everything waits for).

Target: the full record opens in at most 1.5x the time of the empty one.
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bench.common import count_paints, demo_database, desktop, run_deferred_deletes, summary

SESSIONS = 200
ASSESSMENTS = 50
PLAN_VERSIONS = 5


def _new_client(ctx: Any, family_name: str, record_number: str) -> int:
    from otdesk.services import clients

    return clients.create_client(
        ctx, given_name="Bench", family_name=family_name, date_of_birth=date(1980, 1, 1),
        record_number=record_number, preferred_language="en", status="active",
    ).id


def _fill(ctx: Any, client_id: int) -> None:
    """Give ``client_id`` the sessions, assessments and care-plan versions of the full record."""
    from sqlalchemy import select

    from otdesk.db.models import (
        Assessment,
        CarePlan,
        CarePlanGoal,
        CarePlanIntervention,
        CarePlanNeed,
        Episode,
    )
    from otdesk.services import family_sessions, session_signing

    start = date(2022, 1, 3)
    for n in range(SESSIONS):
        info = family_sessions.create_session(
            ctx, client_id=client_id, session_date=start + timedelta(days=5 * n),
            start_time="10:00", duration_minutes=45, mode="home", note_format="soap",
            consent_confirmed=True, topics=["sleep_routine", "pacing_and_routine"],
            note_sections={"subjective": f"Session {n}: the family describes the week. " * 4,
                           "objective": "Observed the morning routine with cueing.",
                           "assessment": "Steady progress with prompts.",
                           "plan": "Keep the visual schedule; review in two weeks."})
        info = family_sessions.add_attendee(ctx, session_id=info.id,
                                            expected_version=info.version,
                                            name="A relative", role="parent")
        info = family_sessions.add_action_item(
            ctx, session_id=info.id, expected_version=info.version, who="Family",
            what="Fill in the sleep diary", due_date=start + timedelta(days=5 * n + 7))
        if n % 10:  # nine in ten are signed
            session_signing.sign(ctx, session_id=info.id, expected_version=info.version)
    with ctx.db.transaction() as session:
        template = session.scalars(
            select(Assessment).where(Assessment.status == "final").limit(1)).one()
        episode_id = session.scalars(
            select(Episode.id).where(Episode.client_id == client_id)).first()
        assert episode_id is not None, "a new client in care has an open episode"
        columns = [c.key for c in Assessment.__table__.columns
                   if c.key not in {"id", "uuid", "client_id", "episode_id", "administered_on",
                                    "corrects_id", "created_at", "updated_at", "version"}]
        for n in range(ASSESSMENTS):
            copy = Assessment(**{k: getattr(template, k) for k in columns})
            copy.client_id, copy.episode_id = client_id, episode_id
            copy.administered_on = start + timedelta(days=20 * n)
            session.add(copy)
        previous: int | None = None
        for v in range(1, PLAN_VERSIONS + 1):
            plan = CarePlan(client_id=client_id, episode_id=episode_id, plan_version=v,
                            status="active" if v == PLAN_VERSIONS else "superseded",
                            based_on_id=previous, effective_from=start + timedelta(days=90 * v),
                            review_date=start + timedelta(days=90 * v + 90),
                            summary="Routine, sleep and community activities.")
            session.add(plan)
            session.flush()
            for g in range(4):
                need = CarePlanNeed(care_plan_id=plan.id, position=g,
                                    text=f"Need {g} of version {v}",
                                    symptom_or_barrier="Low motivation in the morning",
                                    activity_limited="Getting ready for the day")
                session.add(need)
                session.flush()
                goal = CarePlanGoal(care_plan_id=plan.id, need_id=need.id, position=g,
                                    text=f"Goal {g}: gets ready by 9 with one prompt",
                                    measure="Days a week", baseline="1 day a week",
                                    target_date=start + timedelta(days=90 * v + 60),
                                    domain="self-care",
                                    gas_levels={str(k): f"level {k}" for k in range(-2, 3)},
                                    plain_language={"en": "Gets ready in the morning"})
                session.add(goal)
                session.flush()
                for d in ("ot", "family"):
                    session.add(CarePlanIntervention(
                        care_plan_id=plan.id, goal_id=goal.id, position=0,
                        description="Visual morning schedule", frequency="Weekly",
                        discipline=d))
            previous = plan.id


def _painted(qt_app: Any, widget: Any) -> None:
    """Run the event loop until ``widget`` has been painted."""
    paints = count_paints(widget)
    deadline = time.perf_counter() + 5
    while paints.count == 0 and time.perf_counter() < deadline:
        qt_app.processEvents()
    if paints.count == 0:
        raise RuntimeError("the client record was never painted")


def _open_once(qt_app: Any, window: Any, client_id: int, tabs: tuple[str, ...] = ()) -> float:
    from otdesk.ui.shell.navigation import CASELOAD, client_key

    start = time.perf_counter()
    page = window.open_client(client_id)
    if page is None:
        raise RuntimeError(f"client {client_id} did not open")
    _painted(qt_app, page.header.name)
    for name in tabs:
        tab = page.tab(name)
        page.show_tab(tab)
        _painted(qt_app, tab)
    elapsed = (time.perf_counter() - start) * 1000
    window.show_page(CASELOAD)
    window.close_page(client_key(client_id))
    qt_app.processEvents()
    run_deferred_deletes()
    return elapsed


def main(argv: list[str] | None = None) -> None:
    """Print the record-opening figures."""
    import os

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--clients", type=int, default=200)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    source, _ = demo_database(args.clients)
    db_path = Path(source).with_name(f"record-open-{args.clients}.sqlite")
    fresh = not db_path.exists()
    if fresh:
        db_path.write_bytes(Path(source).read_bytes())

    from otdesk.ui.shell.main_window import MainWindow

    qt_app, app = desktop(db_path)
    ctx = app.services
    if fresh:
        empty = _new_client(ctx, "Empty-record", "BENCH-EMPTY")
        full = _new_client(ctx, "Full-record", "BENCH-FULL")
        t0 = time.perf_counter()
        _fill(ctx, full)
        print(f"(filled the full record in {time.perf_counter() - t0:.1f} s)")
    else:
        from otdesk.services import clients

        empty = clients.search_clients(ctx, text="Empty-record")[0].id
        full = clients.search_clients(ctx, text="Full-record")[0].id
    window = MainWindow.for_session(app)
    window.resize(1280, 800)
    window.show()
    qt_app.processEvents()
    for cid in (empty, full):  # warm: the record's code loaded, the style sheet parsed
        _open_once(qt_app, window, cid)
    a: list[float] = []
    b: list[float] = []
    for _run in range(args.runs):
        a.append(_open_once(qt_app, window, empty))
        b.append(_open_once(qt_app, window, full))
    ratio = statistics.median(b) / statistics.median(a)
    print(f"otdesk record-opening benchmark ({args.runs} runs each, alternating)")
    print(f"1. empty record              {summary(a)}")
    print(f"2. {SESSIONS} sessions, {ASSESSMENTS} assessments, {PLAN_VERSIONS} plan versions "
          f"{summary(b)}")
    verdict = "met" if ratio <= 1.5 else "NOT met"
    print(f"   ratio of medians {ratio:.2f}x   (target <= 1.5x: {verdict})")
    tabs = ("family_sessions", "assessments", "care_plan")
    every = [_open_once(qt_app, window, full, tabs) for _run in range(max(3, args.runs // 3))]
    print(f"3. the full record and its {', '.join(tabs)} tabs, each painted: {summary(every)}")
    window.close()
    ctx.db.dispose()


if __name__ == "__main__":
    main()
