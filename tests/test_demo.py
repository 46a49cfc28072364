"""The fictional demo clinic: clearly invented, reproducible by seed, and a real workload."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from sqlalchemy import func, select, text

import otdesk.db.models  # noqa: F401  (registers every table on the metadata)
from otdesk.db.base import Base
from otdesk.db.engine import open_database
from otdesk.db.models import (
    Assessment,
    AuditEvent,
    CarePlan,
    CarePlanGoal,
    CarePlanIntervention,
    CareTeamMember,
    Client,
    ClinicSettings,
    EnvironmentalChecklist,
    FamilyMember,
    FamilySession,
    HomeModification,
    ModificationStep,
    SessionAddendum,
)
from otdesk.domain.vocab import ModificationStatus, StaffRole
from otdesk.services import (
    battery,
    caseload,
    clients,
    demo,
    episodes,
    family_members,
    integrity,
    staff,
)
from otdesk.services.context import Context

if TYPE_CHECKING:
    from conftest import Databases

IDENTITY = ("record_number", "given_name", "family_name", "preferred_name", "date_of_birth",
            "preferred_language", "status", "priority", "phone", "address")
TOWNS = {"Sampletown", "Exampleville", "Demoford", "Mockbridge", "Testhaven"}


@pytest.fixture
def demo_ctx(ctx: Context) -> Context:
    """A database holding the 200-client demo clinic (seed 1)."""
    demo.populate(ctx, clients=200, seed=1)
    return ctx


@pytest.fixture
def second_db(databases: Databases, tmp_path: Path) -> Iterator[Context]:
    """Another, empty database, as the built-in administrator on a clock five years ahead."""
    target = databases.new(tmp_path)
    db = open_database(target)
    later = Context(db, clock=lambda: datetime(2031, 6, 1, 12, tzinfo=UTC))
    yield later.acting_as(staff.ensure_administrator(later).id)
    db.dispose()
    databases.drop(target)


def _identities(ctx: Context) -> list[tuple[Any, ...]]:
    columns = [getattr(Client, name) for name in IDENTITY]
    with ctx.db.reading() as session:
        return [tuple(r) for r in session.execute(select(*columns).order_by(Client.record_number))]


def _all(ctx: Context, model: Any) -> list[Any]:
    with ctx.db.reading() as session:
        return list(session.scalars(select(model)))


def test_two_hundred_clearly_fictional_clients(demo_ctx: Context) -> None:
    rows = _identities(demo_ctx)
    assert len(rows) == 200
    assert all(re.fullmatch(r"DEMO-\d{6}", r[0]) for r in rows)
    assert all(re.fullmatch(r"555-01\d\d", r[8]) for r in rows)
    assert {r[9].rsplit(", ", 1)[1] for r in rows} <= TOWNS
    statuses = Counter(r[6] for r in rows)
    assert statuses.most_common(1)[0][0] == "active"
    assert set(statuses) == {"active", "referred", "waitlist", "on_hold", "discharged"}
    assert len({r[5] for r in rows}) >= 6  # clients speak many languages
    [clinic] = _all(demo_ctx, ClinicSettings)
    assert "(fictional)" in clinic.name


def test_staff_mix(demo_ctx: Context) -> None:
    roles = Counter(s.role for s in staff.list_staff(demo_ctx))
    assert roles[StaffRole.ADMINISTRATOR] == 1
    assert roles[StaffRole.OT] >= 3
    assert roles[StaffRole.OT_ASSISTANT] >= 1
    assert roles[StaffRole.COORDINATOR] >= 1
    assert roles[StaffRole.PSYCHIATRIST] >= 1
    assert sum(roles.values()) == 7  # six for 200 clients, plus the administrator


def test_same_seed_same_clients_whatever_the_date(
    demo_ctx: Context, second_db: Context
) -> None:
    demo.populate(second_db, clients=200, seed=1)
    assert _identities(second_db) == _identities(demo_ctx)


def test_another_seed_another_clinic(demo_ctx: Context, second_db: Context) -> None:
    demo.populate(second_db, clients=200, seed=2)
    assert _identities(second_db) != _identities(demo_ctx)


def test_refuses_a_database_with_clients(demo_ctx: Context) -> None:
    with pytest.raises(demo.DemoRefusedError, match="already holds 200 clients"):
        demo.populate(demo_ctx, clients=10)
    assert clients.count_clients(demo_ctx) == 200


def test_dashboard_has_real_work(demo_ctx: Context) -> None:
    today = demo_ctx.today()
    plans = [p for p in _all(demo_ctx, CarePlan) if p.status == "active"]
    assert plans
    reviews = [(p.review_date - today).days for p in plans]
    assert min(reviews) < 0 < max(reviews)  # some overdue, some ahead
    assert all(-60 <= d <= 90 for d in reviews)
    goals = _all(demo_ctx, CarePlanGoal)
    levels = {"-2", "-1", "0", "1", "2"}
    assert all(g.plain_language and g.gas_levels.keys() == levels for g in goals)
    assert {i.discipline for i in _all(demo_ctx, CarePlanIntervention)} >= {"ot", "psychiatry"}
    sessions = _all(demo_ctx, FamilySession)
    # Every state a clinic sees: drafts, signed, awaiting an OT's co-signature.
    assert {s.status for s in sessions} == {"draft", "signed", "awaiting_cosignature"}
    assert all(s.consent_confirmed and s.start_time is not None for s in sessions)
    assert _all(demo_ctx, SessionAddendum)
    assert all(r.ok for r in integrity.verify(demo_ctx.db))
    assert all(1 <= (today - s.session_date).days <= 5 for s in sessions)
    # Every assessment names an installed definition (their histories: test_demo_assessments).
    from otdesk.services.definitions import library

    assert {a.instrument_id for a in _all(demo_ctx, Assessment)} <= {
        d.id for d in library().latest()}
    mods = _all(demo_ctx, HomeModification)
    assert any(m.due_date < today for m in mods) and any(m.due_date >= today for m in mods)
    # Modifications in every state, each from a final home checklist, its steps leading to it.
    assert {m.status for m in mods} == {s.value for s in ModificationStatus}
    checklists = {c.id: c for c in _all(demo_ctx, EnvironmentalChecklist)}
    assert all(checklists[m.checklist_id].status == "final" for m in mods)
    assert any(c.status == "draft" for c in checklists.values())
    steps: dict[int, list[ModificationStep]] = {}
    for step in sorted(_all(demo_ctx, ModificationStep), key=lambda s: s.id):
        steps.setdefault(step.modification_id, []).append(step)
    for m in mods:
        path = steps[m.id]
        assert path[0].status == "recommended" and path[-1].status == m.status
        assert [s.on_date for s in path] == sorted(s.on_date for s in path)
        assert path[-1].on_date <= today
        assert (m.completed_on is not None) == (m.status in ("installed", "verified"))
    assert [b.definition_id for b in battery.list_battery(demo_ctx)] == [
        d for d, _days in battery.DEFAULT_BATTERY]
    assert _all(demo_ctx, FamilyMember) and _all(demo_ctx, CareTeamMember)
    due = caseload.find_ids(demo_ctx, where=caseload.CaseloadFilter(review_due=True))
    assert due


def test_every_record_is_audited_and_the_database_verifies(demo_ctx: Context) -> None:
    with demo_ctx.db.reading() as session:
        created = dict(session.execute(
            select(AuditEvent.entity_type, func.count()).group_by(AuditEvent.entity_type)).all())
    assert created["client"] == 200
    assert created["care plan"] == len(_all(demo_ctx, CarePlan))
    assert created["home modification"] == len(_all(demo_ctx, HomeModification))
    results = integrity.verify(demo_ctx.db)
    assert [r.name for r in results] == [name for name, _ in integrity.CHECKS]
    assert all(r.ok for r in results), results
    assert {r.name: r.detail for r in results}["search index complete"] == "200 clients indexed"
    # Demo clients are found like any other: by accent-free name and record number.
    found = clients.search_clients(demo_ctx, text="DEMO-000007")
    assert [c.record_number for c in found] == ["DEMO-000007"]


def test_new_records_follow_the_demo_clinic(demo_ctx: Context) -> None:
    # The demo writes its rows in bulk with their ids; what is added by hand afterwards gets
    # ids of its own (on PostgreSQL, the id sequences were moved past the demo's rows).
    with demo_ctx.db.reading() as session:
        top_client = session.scalar(select(func.max(Client.id)))
    made = clients.create_client(
        demo_ctx, record_number="NEW-1", given_name="Zoë", family_name="Nueva",
        date_of_birth="1991-02-03", preferred_language="es", status="discharged",
    )
    assert top_client is not None and made.id > top_client
    ot = staff.create_staff(demo_ctx, username="new.ot", given_name="Noor", family_name="Nur",
                            role="ot")
    family_members.add_family_member(
        demo_ctx, client_id=made.id, given_name="Rosa", relationship_to_client="mother"
    )
    opened = episodes.open_episode(demo_ctx, client_id=made.id, referral_date=demo_ctx.today())
    episodes.add_care_team_member(demo_ctx, episode_id=opened.id, staff_id=ot.id,
                                  discipline="ot")
    version = clients.get_client(demo_ctx, client_id=made.id).version
    clients.update_client(demo_ctx, client_id=made.id, expected_version=version,
                          assigned_ot_id=ot.id)
    assert [c.record_number for c in clients.search_clients(demo_ctx, text="zoe nue")] == [
        "NEW-1"
    ]
    assert all(r.ok for r in integrity.verify(demo_ctx.db))


@pytest.mark.engines("postgresql")  # SQLite takes the next id from the table itself
def test_every_id_sequence_is_past_the_demo_rows(demo_ctx: Context) -> None:
    with demo_ctx.db.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            if "id" not in table.c or not table.c.id.primary_key:
                continue
            if table.name == ClinicSettings.__tablename__:  # one row, id 1, never a sequence's
                continue
            top = conn.execute(text(f"SELECT MAX(id) FROM {table.name}")).scalar()
            if top is None:
                continue
            seq = conn.execute(
                text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table.name}
            ).scalar()
            last, called = conn.execute(text(f"SELECT last_value, is_called FROM {seq}")).one()
            assert (last + 1 if called else last) > top, table.name


def test_draft_sessions_were_created_days_ago(demo_ctx: Context) -> None:
    now = demo_ctx.now()
    for s in _all(demo_ctx, FamilySession):
        assert now - timedelta(days=6) < s.created_at < now - timedelta(hours=6)


def test_identities_do_not_depend_on_how_many_clients(
    demo_ctx: Context, second_db: Context
) -> None:
    demo.populate(second_db, clients=50, seed=1)
    assert _identities(second_db) == _identities(demo_ctx)[:50]


def test_dates_of_birth_are_plausible(demo_ctx: Context) -> None:
    born = [r[4] for r in _identities(demo_ctx)]
    assert min(born) >= date(1946, 1, 1) and max(born) <= date(2006, 1, 1)
