"""``otdesk modifications list``: one client's modifications with their steps, or the clinic's
with their clients, as a table or JSON."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from test_cli import Run, otdesk  # noqa: F401  (the fixture that runs otdesk)

from otdesk.db.engine import open_database
from otdesk.services import clients, modifications, staff
from otdesk.services.context import Context


@pytest.fixture
def clinic(db_path: Path) -> Path:
    """Two clients: one with an overdue family job and a verified rail, one with a landlord's
    ordered ramp."""
    db = open_database(db_path)
    try:
        ctx = Context(db).acting_as(staff.ensure_administrator(Context(db)).id)
        day = ctx.today()
        ana = clients.create_client(ctx, record_number="MOD-1", given_name="Ana",
                                    family_name="Quill", date_of_birth="1970-05-05",
                                    preferred_language="en", status="active")
        ben = clients.create_client(ctx, record_number="MOD-2", given_name="Ben",
                                    family_name="Roe", date_of_birth="1981-02-03",
                                    preferred_language="en", status="active")
        modifications.create_modification(
            ctx, client_id=ana.id, area="Kitchen", recommendation="Label the cupboards",
            owner="family", owner_name="Sister", due_date=day - timedelta(days=3),
            on_date=day - timedelta(days=20))
        rail = modifications.create_modification(
            ctx, client_id=ana.id, area="Bathroom", recommendation="Grab rail by the toilet",
            owner="landlord", estimated_cost_cents=8550, on_date=day - timedelta(days=30))
        rail = modifications.advance(ctx, modification_id=rail.id, expected_version=rail.version,
                                     status="installed", on_date=day - timedelta(days=5),
                                     who="Contractor")
        modifications.advance(ctx, modification_id=rail.id, expected_version=rail.version,
                              status="verified", on_date=day, who="OT")
        ramp = modifications.create_modification(
            ctx, client_id=ben.id, area="Entrance", recommendation="Ramp at the front step",
            owner="landlord", due_date=day + timedelta(days=30))
        modifications.advance(ctx, modification_id=ramp.id, expected_version=ramp.version,
                              status="ordered", on_date=day, who="Harbour Housing")
    finally:
        db.dispose()
    return db_path


def test_one_clients_modifications_with_their_steps(otdesk: Run, clinic: Path) -> None:  # noqa: F811
    shown = otdesk("--db", clinic, "modifications", "list", "MOD-1", "--json")
    assert shown.returncode == 0, shown.stderr
    data = json.loads(shown.stdout)
    assert [(m["recommendation"], m["status"], m["overdue"]) for m in data] == [
        ("Label the cupboards", "recommended", True), ("Grab rail by the toilet", "verified",
                                                       False)]
    assert [s["status"] for s in data[1]["steps"]] == ["recommended", "installed", "verified"]
    assert data[1]["steps"][1]["who"] == "Contractor"
    assert data[1]["estimated_cost_cents"] == 8550
    opened = json.loads(otdesk("--db", clinic, "modifications", "list", "MOD-1", "--open",
                               "--json").stdout)
    assert [m["recommendation"] for m in opened] == ["Label the cupboards"]
    table = otdesk("--db", clinic, "modifications", "list", "MOD-1").stdout
    assert "Family (Sister)" in table and "(overdue)" in table and "85.50" in table
    assert "2 home modifications." in table


def test_the_clinics_open_modifications(otdesk: Run, clinic: Path) -> None:  # noqa: F811
    table = otdesk("--db", clinic, "modifications", "list", "--open")
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0].split()[:3] == ["Record", "number", "Client"]
    assert "MOD-1" in lines[2] and "Quill, Ana" in lines[2]  # the overdue one first
    assert "MOD-2" in lines[3] and "Ordered" in lines[3]
    assert "Grab rail" not in table.stdout and "2 home modifications." in table.stdout
    data = json.loads(otdesk("--db", clinic, "modifications", "list", "--json").stdout)
    assert {(m["record_number"], m["status"]) for m in data} == {
        ("MOD-1", "recommended"), ("MOD-1", "verified"), ("MOD-2", "ordered")}


def test_an_unknown_record_number_is_one_error_line(otdesk: Run, clinic: Path) -> None:  # noqa: F811
    result = otdesk("--db", clinic, "modifications", "list", "NOPE-9")
    assert result.returncode == 1
    assert result.stderr.startswith("otdesk: ") and "NOPE-9" in result.stderr
