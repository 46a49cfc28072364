"""Client records: create, read, update with optimistic locking, audit, and search."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm.exc import StaleDataError

from otdesk.db.engine import open_database
from otdesk.db.models import AuditEvent, ClientDiagnosis
from otdesk.domain.errors import ConflictError, NotFoundError, ValidationError
from otdesk.domain.vocab import ClientStatus, Priority
from otdesk.services import clients, staff
from otdesk.services.clients import ClientDetail, Diagnosis
from otdesk.services.context import Context

MakeClient = Callable[..., ClientDetail]


def _events(ctx: Context, client_id: int) -> list[AuditEvent]:
    with ctx.db.reading() as session:
        return list(
            session.scalars(
                select(AuditEvent)
                .where(AuditEvent.entity_type == "client", AuditEvent.entity_id == client_id)
                .order_by(AuditEvent.id)
            )
        )


# --- create and read ----------------------------------------------------------------------------


def test_create_and_get_client(ctx: Context, ot: staff.StaffMember) -> None:
    made = clients.create_client(
        ctx,
        record_number="MH-0001",
        given_name="Zoë",
        family_name="Martín-López",
        preferred_name="Zo",
        pronouns="she/her",
        date_of_birth="1985-04-12",
        preferred_language="es",
        interpreter_needed="yes",
        address="Calle 1\nPiso 2",
        status="Active",
        priority="urgent",
        assigned_ot_id=ot.id,
        alerts="Lives alone.",
        diagnoses=[{"text": "Schizophrenia", "code": "F20.9", "code_system": "ICD-10"}],
    )
    got = clients.get_client(ctx, client_id=made.id)
    assert got == made
    assert got.date_of_birth == date(1985, 4, 12)
    assert got.status is ClientStatus.ACTIVE
    assert got.priority is Priority.URGENT
    assert got.interpreter_needed is True
    assert got.assigned_ot == "Tess Example-OT"
    assert got.address == "Calle 1\nPiso 2"
    assert got.diagnoses == (Diagnosis("Schizophrenia", "F20.9", "ICD-10"),)
    assert got.version == 1
    assert got.display_name == "Zoë (Zo) Martín-López"
    assert clients.find_by_record_number(ctx, record_number=" MH-0001 ").id == made.id


def test_optional_fields_get_defaults(make_client: MakeClient) -> None:
    c = make_client()
    assert (c.preferred_name, c.phone, c.alerts, c.assigned_ot_id) == ("", "", "", None)
    assert c.priority is Priority.ROUTINE
    assert c.interpreter_needed is False
    assert c.diagnoses == ()


def test_unknown_client_is_not_found(ctx: Context) -> None:
    with pytest.raises(NotFoundError):
        clients.get_client(ctx, client_id=424242)
    with pytest.raises(NotFoundError):
        clients.find_by_record_number(ctx, record_number="NOPE")
    with pytest.raises(NotFoundError):
        clients.update_client(ctx, client_id=424242, expected_version=1, phone="1")


def test_validation_names_every_bad_field(ctx: Context) -> None:
    with pytest.raises(ValidationError) as info:
        clients.create_client(
            ctx,
            record_number="",
            given_name="Ann\nMarie",
            family_name="Okafor",
            date_of_birth="2999-01-01",
            preferred_language="Igbo language",
            status="gone fishing",
            priority="asap",
        )
    err = info.value
    bad = {
        "record_number",
        "given_name",
        "date_of_birth",
        "preferred_language",
        "status",
        "priority",
    }
    assert {e.field for e in err.errors} == bad
    assert all(e.reason for e in err.errors)
    assert err.for_field("record_number") == "is required"
    assert "line break" in (err.for_field("given_name") or "")
    assert err.for_field("date_of_birth") == "is in the future"
    for name in bad:
        assert name in str(err)
    assert clients.count_clients(ctx) == 0


def test_bad_diagnosis_is_named_by_position(ctx: Context, make_client: MakeClient) -> None:
    with pytest.raises(ValidationError) as info:
        make_client(diagnoses=[{"text": "Depression"}, {"text": "", "code": "F32"}])
    assert info.value.for_field("diagnoses[2].text") == "is required"
    assert clients.count_clients(ctx) == 0


def test_field_and_diagnosis_errors_are_reported_together(ctx: Context) -> None:
    # One save shows the user every problem on the form, not one at a time.
    with pytest.raises(ValidationError) as info:
        clients.create_client(
            ctx,
            record_number="MH-1",
            given_name="",
            family_name="Okafor",
            date_of_birth="1980-01-01",
            preferred_language="en",
            status="active",
            diagnoses=[{"text": ""}],
        )
    assert {e.field for e in info.value.errors} == {"given_name", "diagnoses[1].text"}


def test_duplicate_record_number_is_refused(ctx: Context, make_client: MakeClient) -> None:
    make_client(record_number="MH-7")
    with pytest.raises(ValidationError) as info:
        make_client(record_number="MH-7")
    assert info.value.for_field("record_number") == "MH-7 is already in use"
    other = make_client(record_number="MH-8")
    with pytest.raises(ValidationError) as info:
        clients.update_client(ctx, client_id=other.id, expected_version=1, record_number="MH-7")
    assert info.value.for_field("record_number") == "MH-7 is already in use"
    assert clients.get_client(ctx, client_id=other.id).record_number == "MH-8"


def test_the_next_record_number_follows_the_clinics_own_numbering(
    ctx: Context, make_client: MakeClient
) -> None:
    assert clients.suggest_record_number(ctx) == ""  # nothing to follow yet
    make_client(record_number="OT-0416")
    assert clients.suggest_record_number(ctx) == "OT-0417"  # prefix and padding kept
    make_client(record_number="OT-0420")
    make_client(record_number="OT-0009")  # entered late: the highest number still counts
    assert clients.suggest_record_number(ctx) == "OT-0421"
    make_client(record_number="OT-0421x")  # a different shape is not in the sequence,
    make_client(record_number="OT-042x")  # nor a number with a letter in it,
    make_client(record_number="OT-0422")
    make_client(record_number="ot-9999")  # nor another prefix
    make_client(record_number="OT-0423")
    assert clients.suggest_record_number(ctx) == "OT-0424"
    make_client(record_number="OT-0424")
    make_client(record_number="OT-0425")
    make_client(record_number="OT-0100")  # the latest is low, and the next ones are taken
    make_client(record_number="OT-0101")
    assert clients.suggest_record_number(ctx) == "OT-0426"
    # A clinic that starts a new numbering is followed in it; a name is not a number.
    make_client(record_number="2027/1")
    assert clients.suggest_record_number(ctx) == "2027/2"
    make_client(record_number="Smith family")
    assert clients.suggest_record_number(ctx) == ""
    make_client(record_number="A99")
    assert clients.suggest_record_number(ctx) == "A100"  # outgrows its padding

def test_inactive_or_unknown_ot_cannot_be_assigned(
    ctx: Context, ot: staff.StaffMember, make_client: MakeClient
) -> None:
    with pytest.raises(ValidationError) as info:
        make_client(assigned_ot_id=99999)
    assert "99999" in (info.value.for_field("assigned_ot_id") or "")

    c = make_client(assigned_ot_id=ot.id)
    staff.update_staff(ctx, staff_id=ot.id, expected_version=ot.version, active=False)
    with pytest.raises(ValidationError) as info:
        make_client(assigned_ot_id=ot.id)
    assert "no longer active" in (info.value.for_field("assigned_ot_id") or "")
    with pytest.raises(ValidationError):
        clients.update_client(ctx, client_id=c.id, expected_version=1, assigned_ot_id=ot.id + 1000)
    # A client keeps an OT who has since left: editing other fields still works.
    kept = clients.update_client(ctx, client_id=c.id, expected_version=1, phone="555 0100")
    assert kept.assigned_ot_id == ot.id


# --- update and optimistic locking --------------------------------------------------------------


def test_update_bumps_version_by_exactly_one(ctx: Context, make_client: MakeClient) -> None:
    c = make_client()
    v2 = clients.update_client(
        ctx,
        client_id=c.id,
        expected_version=1,
        given_name="Renamed",
        family_name="Person",
        alerts="Dog at home",
        diagnoses=[Diagnosis("Bipolar disorder")],
    )
    assert v2.version == 2
    assert clients.get_client(ctx, client_id=c.id).version == 2
    v3 = clients.update_client(ctx, client_id=c.id, expected_version=2, diagnoses=[])
    assert v3.version == 3
    v4 = clients.update_client(ctx, client_id=c.id, expected_version=3, phone="1")
    assert v4.version == 4
    assert v4.updated_at >= v4.created_at


def test_no_op_update_keeps_the_version_and_writes_no_audit(
    ctx: Context, make_client: MakeClient
) -> None:
    c = make_client(phone="555", diagnoses=[Diagnosis("Anxiety", "F41.1", "ICD-10")])
    same = clients.update_client(
        ctx,
        client_id=c.id,
        expected_version=1,
        phone="555",
        status=ClientStatus.ACTIVE,
        diagnoses=[{"text": "Anxiety", "code": "F41.1", "code_system": "ICD-10"}],
    )
    assert same.version == 1
    assert same.updated_at == c.updated_at
    assert [e.action for e in _events(ctx, c.id)] == ["create"]
    # Saving the form exactly as it was loaded is a no-op too.
    values = c.editable_values()
    again = clients.update_client(ctx, client_id=c.id, expected_version=1, **values)
    assert again.version == 1


def test_two_people_saving_the_same_client(ctx: Context, make_client: MakeClient) -> None:
    c = make_client(phone="000")
    first_copy = clients.get_client(ctx, client_id=c.id)
    second_copy = clients.get_client(ctx, client_id=c.id)
    assert first_copy.version == second_copy.version == 1

    saved = clients.update_client(
        ctx, client_id=c.id, expected_version=first_copy.version, phone="111", alerts="First"
    )
    with pytest.raises(ConflictError) as info:
        clients.update_client(
            ctx, client_id=c.id, expected_version=second_copy.version, phone="222"
        )
    assert info.value.expected_version == 1
    assert info.value.actual_version == 2
    assert "changed by someone else" in str(info.value)

    reloaded = clients.get_client(ctx, client_id=c.id)
    assert reloaded == saved
    assert (reloaded.phone, reloaded.alerts, reloaded.version) == ("111", "First", 2)


def test_race_between_version_check_and_write_is_a_conflict(
    ctx: Context, second_workstation: Context, make_client: MakeClient
) -> None:
    c = make_client(phone="000")
    raced: list[str] = []

    def other_saves_first(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        # Our version check has passed; just before our UPDATE runs, another workstation
        # commits its own save of the same client.
        if statement.lstrip().upper().startswith("UPDATE CLIENTS") and not raced:
            raced.append(statement)
            clients.update_client(
                second_workstation, client_id=c.id, expected_version=1, phone="other"
            )

    event.listen(ctx.db.engine, "before_cursor_execute", other_saves_first)
    try:
        with pytest.raises(ConflictError) as info:
            clients.update_client(ctx, client_id=c.id, expected_version=1, phone="mine")
    finally:
        event.remove(ctx.db.engine, "before_cursor_execute", other_saves_first)
    assert raced, "the competing save never ran"
    assert isinstance(info.value.__cause__, StaleDataError)
    # The same useful message as a stale copy caught by the version check.
    assert str(info.value) == (
        f"The client {c.record_number} was changed by someone else since you opened it "
        "(your copy is version 1, the saved one is version 2)."
    )
    assert (info.value.key, info.value.actual_version) == (c.record_number, 2)

    final = clients.get_client(ctx, client_id=c.id)
    assert (final.phone, final.version) == ("other", 2)
    updates = [e for e in _events(ctx, c.id) if e.action == "update"]
    assert len(updates) == 1  # our failed save left no audit event behind
    assert updates[0].workstation == "other-workstation"


def test_stale_copy_across_two_open_databases(
    ctx: Context, second_workstation: Context, make_client: MakeClient
) -> None:
    c = make_client()
    clients.update_client(second_workstation, client_id=c.id, expected_version=1, alerts="B")
    with pytest.raises(ConflictError) as info:
        clients.update_client(ctx, client_id=c.id, expected_version=1, alerts="A")
    assert str(info.value) == (
        f"The client {c.record_number} was changed by someone else since you opened it "
        "(your copy is version 1, the saved one is version 2)."
    )
    assert clients.get_client(ctx, client_id=c.id).alerts == "B"


def test_race_for_the_same_record_number_is_a_validation_error(
    ctx: Context, second_workstation: Context
) -> None:
    raced: list[str] = []

    def other_takes_the_number(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        # Our uniqueness check has passed; another workstation registers the same record
        # number just before our INSERT.
        if statement.lstrip().upper().startswith("INSERT INTO CLIENTS") and not raced:
            raced.append(statement)
            clients.create_client(
                second_workstation,
                record_number="MH-RACE",
                given_name="Other",
                family_name="Desk",
                date_of_birth="1970-01-01",
                preferred_language="en",
                status="referred",
            )

    event.listen(ctx.db.engine, "before_cursor_execute", other_takes_the_number)
    try:
        with pytest.raises(ValidationError) as info:
            clients.create_client(
                ctx,
                record_number="MH-RACE",
                given_name="Mine",
                family_name="Desk",
                date_of_birth="1980-01-01",
                preferred_language="en",
                status="active",
            )
    finally:
        event.remove(ctx.db.engine, "before_cursor_execute", other_takes_the_number)
    assert raced
    assert info.value.for_field("record_number")
    assert clients.find_by_record_number(ctx, record_number="MH-RACE").given_name == "Other"


# --- audit --------------------------------------------------------------------------------------


def test_audit_records_who_changed_what_from_what(
    ctx: Context, ot: staff.StaffMember, make_client: MakeClient
) -> None:
    c = make_client(given_name="Ann", phone="", date_of_birth=date(1970, 2, 3))
    at = datetime(2026, 5, 4, 9, 30, tzinfo=UTC)
    as_ot = replace(ctx.acting_as(ot.id), clock=lambda: at)
    clients.update_client(
        as_ot,
        client_id=c.id,
        expected_version=1,
        given_name="Anne",
        date_of_birth="1970-03-02",
        status="on hold",
        diagnoses=[Diagnosis("PTSD", "F43.1")],
    )
    created, updated = _events(ctx, c.id)

    assert created.action == "create"
    assert created.actor_id == ctx.actor_id
    assert created.client_id == c.id
    assert created.entity_uuid == c.uuid
    assert created.changes["given_name"] == [None, "Ann"]
    assert created.changes["date_of_birth"] == [None, "1970-02-03"]
    assert created.workstation == "test-workstation"

    assert updated.action == "update"
    assert updated.actor_id == ot.id
    assert updated.client_id == c.id
    assert updated.changes == {
        "given_name": ["Ann", "Anne"],
        "date_of_birth": ["1970-02-03", "1970-03-02"],
        "status": ["active", "on_hold"],
        "diagnoses": [[], [{"text": "PTSD", "code": "F43.1", "code_system": ""}]],
    }
    assert updated.occurred_at == at
    assert clients.get_client(ctx, client_id=c.id).updated_at == at


# --- diagnoses ----------------------------------------------------------------------------------


def test_diagnoses_keep_their_order_and_are_replaced_on_update(
    ctx: Context, make_client: MakeClient
) -> None:
    first = [Diagnosis("Schizophrenia", "F20.9", "ICD-10"), Diagnosis("Diabetes type 2")]
    c = make_client(diagnoses=[Diagnosis("Anxiety"), *first])
    assert clients.get_client(ctx, client_id=c.id).diagnoses == (Diagnosis("Anxiety"), *first)

    new = [Diagnosis("Diabetes type 2"), {"text": "Depression", "code": "F32.1"}]
    clients.update_client(ctx, client_id=c.id, expected_version=1, diagnoses=new)
    got = clients.get_client(ctx, client_id=c.id)
    assert got.diagnoses == (Diagnosis("Diabetes type 2"), Diagnosis("Depression", "F32.1"))
    with ctx.db.reading() as session:
        stored = session.scalars(
            select(ClientDiagnosis.position).where(ClientDiagnosis.client_id == c.id)
        ).all()
    assert sorted(stored) == [0, 1]  # old rows are gone, not just hidden

    clients.update_client(ctx, client_id=c.id, expected_version=2, diagnoses=[])
    assert clients.get_client(ctx, client_id=c.id).diagnoses == ()


def test_diagnoses_must_be_a_list(ctx: Context, make_client: MakeClient) -> None:
    c = make_client()
    with pytest.raises(ValidationError) as info:
        clients.update_client(ctx, client_id=c.id, expected_version=1, diagnoses="Depression")
    assert info.value.for_field("diagnoses") == "must be a list"


# --- search -------------------------------------------------------------------------------------


@pytest.fixture
def people(make_client: MakeClient) -> dict[str, ClientDetail]:
    return {
        "zoe": make_client(
            record_number="MH-1001",
            given_name="Zoë",
            family_name="Martín-López",
            date_of_birth=date(1985, 4, 12),
        ),
        "zoey": make_client(
            record_number="MH-1002",
            given_name="Zoey",
            family_name="Lopes",
            date_of_birth=date(1990, 7, 1),
            status="waitlist",
        ),
        "martha": make_client(
            record_number="GP-2001",
            given_name="Martha",
            family_name="Okafor",
            preferred_name="Marty",
            date_of_birth=date(1985, 4, 12),
            status="discharged",
        ),
        "arabic": make_client(
            record_number="MH-3001",
            given_name="محمد",
            family_name="Haddad",
            date_of_birth=date(2000, 1, 2),
        ),
    }


def _found(ctx: Context, text: str, **kw: Any) -> set[str]:
    return {c.record_number for c in clients.search_clients(ctx, text=text, **kw)}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("zoe", {"MH-1001", "MH-1002"}),  # "Zoë" and "Zoey" both begin with zoe
        ("ZOË", {"MH-1001", "MH-1002"}),
        ("zoë ma", {"MH-1001"}),
        ("MART", {"MH-1001", "GP-2001"}),  # Martín and Martha / Marty
        ("martin", {"MH-1001"}),
        ("lopez", {"MH-1001"}),
        ("LÓPEZ", {"MH-1001"}),
        ("lop", {"MH-1001", "MH-1002"}),
        ("martín-lópez", {"MH-1001"}),
        ("zoe lopes", {"MH-1002"}),  # every word must match
        ("zoe okafor", set()),
        ("marty", {"GP-2001"}),  # preferred name
        ("artin", set()),  # word prefixes, not any substring
        ("MH-1001", {"MH-1001"}),
        ("mh-100", {"MH-1001", "MH-1002"}),
        # Letters alone search names: "d" must not match every "DEMO-..." record number.
        ("GP", set()),
        ("GP-2", {"GP-2001"}),
        ("gp2001", {"GP-2001"}),
        ("2001", {"GP-2001"}),
        ("1985-04-12", {"MH-1001", "GP-2001"}),
        ("12/04/1985", {"MH-1001", "GP-2001"}),
        ("12/04/1985 okafor", {"GP-2001"}),
        ("2/1/2000", {"MH-3001"}),
        ("محمد", {"MH-3001"}),
        ("", {"MH-1001", "MH-1002", "GP-2001", "MH-3001"}),
    ],
)
def test_search(
    ctx: Context, people: dict[str, ClientDetail], typed: str, expected: set[str]
) -> None:
    assert _found(ctx, typed) == expected


def test_search_results_are_ordered_by_family_then_given_name(
    ctx: Context, people: dict[str, ClientDetail]
) -> None:
    found = [c.record_number for c in clients.search_clients(ctx, text="")]
    # Haddad, Lopes, Martín-López, Okafor
    assert found == ["MH-3001", "MH-1002", "MH-1001", "GP-2001"]


def test_search_finds_word_prefixes_in_any_script_and_nothing_inside_a_word(
    ctx: Context, make_client: MakeClient
) -> None:
    make_client(record_number="W-1", given_name="Łukasz", family_name="Öztürk")
    make_client(record_number="W-2", given_name="Ana", family_name="Smart")  # "mart" inside
    make_client(record_number="W-3", given_name="Martina", family_name="Rossi")
    assert _found(ctx, "luk oztu") == {"W-1"}
    assert _found(ctx, "ŁUKASZ") == {"W-1"}
    assert _found(ctx, "mart") == {"W-3"}
    assert _found(ctx, "zz") == set()


def test_names_sharing_a_beginning_sort_by_family_name_first(
    ctx: Context, make_client: MakeClient
) -> None:
    # A linguistic collation (a PostgreSQL server's default, here ICU en-US) compares
    # "Lee<sep>Zoe" and "Leeb<sep>Ann" by letters alone and would put Leeb first.
    make_client(record_number="S-1", given_name="Ann", family_name="Leeb")
    make_client(record_number="S-2", given_name="Zoe", family_name="Lee")
    make_client(record_number="S-3", given_name="Abe", family_name="Lee")
    order = [c.display_name for c in clients.search_clients(ctx, text="lee")]
    assert order == ["Lee, Abe", "Lee, Zoe", "Leeb, Ann"]


def test_search_status_filter_and_limit(ctx: Context, people: dict[str, ClientDetail]) -> None:
    assert _found(ctx, "zoe", status="waitlist") == {"MH-1002"}
    assert _found(ctx, "zoe", status=ClientStatus.ACTIVE) == {"MH-1001"}
    assert _found(ctx, "", status="Discharged") == {"GP-2001"}
    assert len(clients.search_clients(ctx, text="", limit=2)) == 2
    assert len(clients.search_clients(ctx, text="", limit=None)) == 4
    with pytest.raises(ValidationError) as info:
        clients.search_clients(ctx, text="", status="sleeping")
    assert info.value.for_field("status") is not None


def test_search_by_assigned_ot(
    ctx: Context, ot: staff.StaffMember, make_client: MakeClient
) -> None:
    mine = make_client(assigned_ot_id=ot.id)
    make_client()
    found = clients.search_clients(ctx, text="", assigned_ot_id=ot.id)
    assert [c.id for c in found] == [mine.id]
    assert found[0].assigned_ot == "Tess Example-OT"


def test_search_follows_a_name_change(ctx: Context, people: dict[str, ClientDetail]) -> None:
    zoe = people["zoe"]
    clients.update_client(
        ctx,
        client_id=zoe.id,
        expected_version=1,
        family_name="Nakamura",
        record_number="MH-9999",
    )
    assert _found(ctx, "lopez") == set()
    assert _found(ctx, "martin") == set()
    assert _found(ctx, "MH-1001") == set()
    assert _found(ctx, "nakamura") == {"MH-9999"}
    assert _found(ctx, "zoe naka") == {"MH-9999"}
    assert _found(ctx, "mh-9999") == {"MH-9999"}


def test_search_summary_lines(ctx: Context, people: dict[str, ClientDetail]) -> None:
    (line,) = clients.search_clients(ctx, text="marty")
    assert line.display_name == "Okafor, Martha (Marty)"
    assert line.status is ClientStatus.DISCHARGED
    assert line.version == 1


def test_search_in_a_copy_of_the_database_sees_the_same_clients(
    ctx: Context, people: dict[str, ClientDetail], db_path: Path, tmp_path: Path
) -> None:
    # The search index is stored, not built in memory: a backup copy finds the same clients.
    ctx.db.dispose()
    copy = tmp_path / "copy.sqlite"
    shutil.copyfile(db_path, copy)
    other = open_database(copy)
    try:
        assert _found(Context(other), "zoe") == {"MH-1001", "MH-1002"}
    finally:
        other.dispose()
