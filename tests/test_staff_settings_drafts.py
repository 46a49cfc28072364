"""Staff members, the clinic's settings, and drafts of unsaved forms."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from otdesk.db.engine import Database, open_database
from otdesk.db.models import AuditEvent
from otdesk.domain.errors import ConflictError, NotFoundError, ValidationError
from otdesk.domain.vocab import StaffRole
from otdesk.services import drafts, settings, staff
from otdesk.services.context import Context

# --- staff --------------------------------------------------------------------------------------


def test_ensure_administrator_creates_one_and_is_idempotent(db: Database) -> None:
    system = Context(db, workstation="setup")
    admin = staff.ensure_administrator(system)
    assert admin.role is StaffRole.ADMINISTRATOR
    assert admin.username == "admin"
    assert admin.active
    again = staff.ensure_administrator(system)
    assert again == admin
    assert [s.id for s in staff.list_staff(system, active_only=False)] == [admin.id]


def test_two_workstations_opening_a_new_database_share_one_administrator(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The other workstation makes the administrator between this one's look and its insert.
    here, there = Context(db, workstation="front-desk"), Context(db, workstation="home-visit")
    make = staff.create_staff
    theirs: list[staff.StaffMember] = []

    def racing(ctx: Context, **values: object) -> staff.StaffMember:
        theirs.append(make(there, **values))  # type: ignore[arg-type]
        return make(ctx, **values)  # type: ignore[arg-type]

    monkeypatch.setattr(staff, "create_staff", racing)
    mine = staff.ensure_administrator(here)
    assert mine == theirs[0]
    assert [s.id for s in staff.list_staff(here, active_only=False)] == [mine.id]


def test_ensure_administrator_leaves_an_existing_team_alone(
    ctx: Context, ot: staff.StaffMember
) -> None:
    before = staff.list_staff(ctx, active_only=False)
    first = staff.ensure_administrator(ctx)
    assert staff.list_staff(ctx, active_only=False) == before
    assert first.id == min(s.id for s in before)


def test_create_and_get_staff(ctx: Context) -> None:
    psych = staff.create_staff(
        ctx,
        username="dr.haddad",
        given_name="Rania",
        family_name="Haddad",
        role="Psychiatrist",
        credentials="MD",
        organisation="North Community Mental Health",
    )
    assert psych.role is StaffRole.PSYCHIATRIST
    assert psych.display_name == "Rania Haddad"
    assert psych.version == 1
    assert staff.get_staff(ctx, staff_id=psych.id) == psych
    assert staff.find_staff(ctx, username="dr.haddad") == psych
    with pytest.raises(NotFoundError):
        staff.find_staff(ctx, username="nobody")
    with pytest.raises(NotFoundError):
        staff.get_staff(ctx, staff_id=99999)


def test_create_staff_names_every_bad_field(ctx: Context) -> None:
    with pytest.raises(ValidationError) as info:
        staff.create_staff(ctx, username="", given_name="X", family_name="", role="wizard")
    err = info.value
    assert {e.field for e in err.errors} == {"username", "family_name", "role"}
    assert "wizard" in (err.for_field("role") or "")


def test_username_is_unique(ctx: Context, ot: staff.StaffMember) -> None:
    with pytest.raises(ValidationError) as info:
        staff.create_staff(ctx, username="ot.test", given_name="B", family_name="C", role="ot")
    assert info.value.for_field("username") == "ot.test is already in use"
    other = staff.create_staff(
        ctx, username="coord", given_name="Cai", family_name="Lee", role="coordinator"
    )
    with pytest.raises(ValidationError) as info:
        staff.update_staff(ctx, staff_id=other.id, expected_version=1, username="ot.test")
    assert info.value.for_field("username") == "ot.test is already in use"
    # Keeping one's own user name is not a clash.
    same = staff.update_staff(ctx, staff_id=other.id, expected_version=1, username="coord")
    assert same.version == 1


def test_update_staff_and_audit(ctx: Context, ot: staff.StaffMember) -> None:
    changed = staff.update_staff(
        ctx, staff_id=ot.id, expected_version=ot.version, credentials="OTR/L", phone="555 0199"
    )
    assert (changed.credentials, changed.phone, changed.version) == ("OTR/L", "555 0199", 2)
    assert staff.get_staff(ctx, staff_id=ot.id) == changed
    with ctx.db.reading() as session:
        event = session.scalars(
            select(AuditEvent)
            .where(AuditEvent.entity_type == "staff member", AuditEvent.entity_id == ot.id)
            .order_by(AuditEvent.id.desc())
        ).first()
    assert event is not None
    assert event.action == "update"
    assert event.actor_id == ctx.actor_id
    assert event.changes == {"credentials": ["", "OTR/L"], "phone": ["", "555 0199"]}


def test_update_staff_refuses_a_stale_copy(ctx: Context, ot: staff.StaffMember) -> None:
    staff.update_staff(ctx, staff_id=ot.id, expected_version=1, phone="1")
    with pytest.raises(ConflictError):
        staff.update_staff(ctx, staff_id=ot.id, expected_version=1, phone="2")
    assert staff.get_staff(ctx, staff_id=ot.id).phone == "1"


def test_list_staff_by_name_role_and_activity(ctx: Context, ot: staff.StaffMember) -> None:
    ext = staff.create_staff(
        ctx, username="partner", given_name="Ben", family_name="Adeyemi", role="external"
    )
    gone = staff.create_staff(ctx, username="left", given_name="Lou", family_name="Zed", role="ot")
    staff.update_staff(ctx, staff_id=gone.id, expected_version=1, active="no")

    names = [s.username for s in staff.list_staff(ctx)]
    assert names == ["partner", "admin", "ot.test"]  # Adeyemi, Administrator, Example-OT
    everyone = [s.username for s in staff.list_staff(ctx, active_only=False)]
    assert everyone == ["partner", "admin", "ot.test", "left"]
    ots = staff.list_staff(ctx, roles=(StaffRole.OT,), active_only=False)
    assert [s.id for s in ots] == [ot.id, gone.id]
    assert [s.id for s in staff.list_staff(ctx, roles=(StaffRole.EXTERNAL,))] == [ext.id]


# --- clinic settings ----------------------------------------------------------------------------


def test_clinic_settings_start_with_defaults(ctx: Context) -> None:
    info = settings.get_clinic(ctx)
    assert info.care_plan_review_days == 90
    assert info.reassessment_days == 180
    assert info.unsigned_note_hours == 24
    assert info.handout_language == "en"
    assert info.name == ""
    assert settings.get_clinic(ctx) == info  # reading twice does not make a second row


def test_update_clinic_settings(ctx: Context) -> None:
    before = settings.get_clinic(ctx)
    after = settings.update_clinic(
        ctx,
        expected_version=before.version,
        name="Riverside Community Mental Health",
        address="1 River Rd\nRiverside",
        care_plan_review_days="60",
        handout_language="es",
    )
    assert after.version == before.version + 1
    assert after.care_plan_review_days == 60
    assert settings.get_clinic(ctx) == after


def test_clinic_settings_validation_names_the_field(ctx: Context) -> None:
    before = settings.get_clinic(ctx)
    with pytest.raises(ValidationError) as info:
        settings.update_clinic(
            ctx, expected_version=before.version, care_plan_review_days=3, unsigned_note_hours=0
        )
    assert info.value.for_field("care_plan_review_days") == "must be at least 7"
    assert info.value.for_field("unsigned_note_hours") == "must be at least 1"
    assert "care_plan_review_days" in str(info.value)
    assert settings.get_clinic(ctx) == before


def test_clinic_settings_refuse_a_stale_copy(ctx: Context) -> None:
    opened_by_a = settings.get_clinic(ctx)
    opened_by_b = settings.get_clinic(ctx)
    saved = settings.update_clinic(ctx, expected_version=opened_by_a.version, name="A's name")
    with pytest.raises(ConflictError):
        settings.update_clinic(ctx, expected_version=opened_by_b.version, name="B's name")
    assert settings.get_clinic(ctx) == saved


def test_no_op_settings_update_keeps_the_version(ctx: Context) -> None:
    before = settings.get_clinic(ctx)
    same = settings.update_clinic(ctx, expected_version=before.version, care_plan_review_days=90)
    assert same.version == before.version


# --- drafts -------------------------------------------------------------------------------------


def test_save_get_replace_and_discard_a_draft(ctx: Context) -> None:
    assert drafts.get_draft(ctx, key="client:7") is None
    saved = drafts.save_draft(
        ctx,
        key="client:7",
        title="Zoë Martín-López",
        payload={"alerts": "Línea 1\nلا", "phone": "555"},
        base_version=3,
    )
    assert saved.saved_at.utcoffset() == timedelta(0)
    got = drafts.get_draft(ctx, key="client:7")
    assert got == saved
    assert got is not None
    assert got.payload == {"alerts": "Línea 1\nلا", "phone": "555"}
    assert got.base_version == 3

    replaced = drafts.save_draft(ctx, key="client:7", title="Zoë", payload={"phone": "556"})
    assert drafts.get_draft(ctx, key="client:7") == replaced
    assert replaced.payload == {"phone": "556"}
    assert replaced.base_version is None
    assert len(drafts.list_drafts(ctx)) == 1

    drafts.discard_draft(ctx, key="client:7")
    assert drafts.get_draft(ctx, key="client:7") is None
    assert drafts.list_drafts(ctx) == []
    drafts.discard_draft(ctx, key="client:7")  # discarding twice is harmless


def test_list_drafts_newest_first(ctx: Context) -> None:
    t0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    for minutes, key in ((0, "a"), (10, "c"), (5, "b")):
        at = replace(ctx, clock=lambda m=minutes: t0 + timedelta(minutes=m))
        drafts.save_draft(at, key=key, title=key.upper(), payload={})
    assert [d.key for d in drafts.list_drafts(ctx)] == ["c", "b", "a"]


def test_drafts_belong_to_one_staff_member(ctx: Context, ot: staff.StaffMember) -> None:
    as_ot = ctx.acting_as(ot.id)
    drafts.save_draft(ctx, key="note:1", title="admin's", payload={"text": "admin"})
    drafts.save_draft(as_ot, key="note:1", title="ot's", payload={"text": "ot"})
    drafts.save_draft(as_ot, key="note:2", title="ot's other", payload={})

    admin_draft = drafts.get_draft(ctx, key="note:1")
    ot_draft = drafts.get_draft(as_ot, key="note:1")
    assert admin_draft is not None
    assert ot_draft is not None
    assert admin_draft.payload == {"text": "admin"}
    assert ot_draft.payload == {"text": "ot"}
    assert drafts.get_draft(ctx, key="note:2") is None
    assert {d.key for d in drafts.list_drafts(as_ot)} == {"note:1", "note:2"}
    assert {d.key for d in drafts.list_drafts(ctx)} == {"note:1"}

    drafts.discard_draft(ctx, key="note:1")
    assert drafts.get_draft(ctx, key="note:1") is None
    assert drafts.get_draft(as_ot, key="note:1") is not None  # the OT's draft is untouched


def test_draft_key_must_be_given(ctx: Context) -> None:
    with pytest.raises(ValidationError) as info:
        drafts.save_draft(ctx, key="", title="", payload={})
    assert info.value.for_field("key") is not None
    with pytest.raises(ValidationError):
        drafts.save_draft(ctx, key="k" * 301, title="", payload={})


def test_draft_survives_closing_and_reopening_the_database(
    db_path: Path, db: Database, ctx: Context
) -> None:
    payload = {"given_name": "Zoë", "alerts": "🙂 keep this", "nested": {"n": [1, 2, 3]}}
    drafts.save_draft(ctx, key="client:new", title="New client", payload=payload)
    # No clean shutdown: the engine is simply dropped, as after a crash.
    db.dispose()

    reopened = open_database(db_path)
    try:
        again = Context(reopened, actor_id=ctx.actor_id)
        draft = drafts.get_draft(again, key="client:new")
        assert draft is not None
        assert draft.payload == payload
        assert draft.title == "New client"
    finally:
        reopened.dispose()


def test_draft_is_on_disk_as_soon_as_it_is_saved(db_path: Path, ctx: Context) -> None:
    drafts.save_draft(ctx, key="form", title="t", payload={"x": "typed"})
    # A second, independent connection (another process after a crash) sees it at once,
    # while the first database is still open.
    other = open_database(db_path)
    try:
        found = drafts.get_draft(Context(other, actor_id=ctx.actor_id), key="form")
        assert found is not None
        assert found.payload == {"x": "typed"}
    finally:
        other.dispose()


CRASHING_EDITOR = """
import os, sys
from otdesk.db.engine import open_database
from otdesk.services import drafts
from otdesk.services.context import Context

db = open_database(sys.argv[1], migrate=False)
drafts.save_draft(
    Context(db, actor_id=int(sys.argv[2])), key="note:9", title="Home visit",
    payload={"text": "Typed just before the power cut"},
)
os._exit(9)  # killed: no dispose, no checkpoint, no clean close
"""


def test_draft_survives_a_killed_process(db_path: Path, db: Database, ctx: Context) -> None:
    result = subprocess.run(
        [sys.executable, "-c", CRASHING_EDITOR, str(db_path), str(ctx.actor_id)],
        cwd=Path(__file__).resolve().parents[1],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 9, result.stderr
    draft = drafts.get_draft(ctx, key="note:9")
    assert draft is not None
    assert draft.payload == {"text": "Typed just before the power cut"}
