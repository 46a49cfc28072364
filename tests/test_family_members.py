"""Family members and caregivers: validation, the one-primary-caregiver rule, conflicts, audit."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select

from otdesk.db.models import AuditEvent
from otdesk.domain.errors import ConflictError, NotFoundError, ValidationError
from otdesk.domain.vocab import ConsentScope
from otdesk.services import family_members as fm
from otdesk.services.clients import ClientDetail
from otdesk.services.context import Context

MakeClient = Callable[..., ClientDetail]


def _events(ctx: Context, entity_id: int, action: str | None = None) -> list[AuditEvent]:
    query = select(AuditEvent).where(
        AuditEvent.entity_type == fm.ENTITY, AuditEvent.entity_id == entity_id
    )
    if action is not None:
        query = query.where(AuditEvent.action == action)
    with ctx.db.reading() as session:
        return list(session.scalars(query.order_by(AuditEvent.id)))


def _add(ctx: Context, client_id: int, **values: Any) -> fm.FamilyMemberInfo:
    base: dict[str, Any] = {"given_name": "Rosa", "relationship_to_client": "mother"}
    return fm.add_family_member(ctx, client_id=client_id, **(base | values))


def test_added_member_is_read_back_with_every_field(ctx: Context, make_client: MakeClient) -> None:
    client = make_client()
    added = _add(
        ctx,
        client.id,
        family_name="Álvarez",
        preferred_language="es",
        interpreter_needed=True,
        phone="555 0100",
        email="rosa@example.org",
        address="1 Example Street",
        consent_scope="care_plan",
        primary_caregiver=True,
        notes="Visits on Sundays",
    )
    got = fm.get_family_member(ctx, member_id=added.id)
    assert got == added
    assert got.client_id == client.id
    assert got.display_name == "Rosa Álvarez"
    assert got.consent_scope is ConsentScope.CARE_PLAN
    assert got.interpreter_needed and got.primary_caregiver
    assert got.version == 1
    data = got.to_json()
    assert json.loads(json.dumps(data)) == data
    assert data["consent_scope"] == "care_plan" and data["uuid"] == str(got.uuid)


def test_blank_language_means_the_clients_and_blank_consent_shares_nothing(
    ctx: Context, make_client: MakeClient
) -> None:
    client = make_client(preferred_language="pt-BR")
    added = _add(ctx, client.id, preferred_language="", consent_scope="")
    assert added.preferred_language == "pt-BR"
    assert added.consent_scope is ConsentScope.NONE
    assert added.display_name == "Rosa"


def test_validation_names_each_bad_field(ctx: Context, make_client: MakeClient) -> None:
    client = make_client()
    with pytest.raises(ValidationError) as caught:
        fm.add_family_member(
            ctx,
            client_id=client.id,
            given_name=" ",
            preferred_language="english please",
            consent_scope="everything",
        )
    err = caught.value
    assert err.for_field("given_name") == "is required"
    assert err.for_field("relationship_to_client") == "is required"
    assert "not a language code" in (err.for_field("preferred_language") or "")
    assert "'everything' is not one of" in (err.for_field("consent_scope") or "")
    assert fm.list_family_members(ctx, client_id=client.id) == []


def test_update_refuses_unknown_fields_and_line_breaks_in_names(
    ctx: Context, make_client: MakeClient
) -> None:
    member = _add(ctx, make_client().id)
    with pytest.raises(ValidationError) as caught:
        fm.update_family_member(
            ctx, member_id=member.id, expected_version=1, given_name="Ro\nsa", shoe_size="9"
        )
    assert "line break" in (caught.value.for_field("given_name") or "")
    assert caught.value.for_field("shoe_size") == "is not a field of this record"
    assert fm.get_family_member(ctx, member_id=member.id).given_name == "Rosa"


def test_list_puts_the_primary_caregiver_first_then_sorts_by_name(
    ctx: Context, make_client: MakeClient
) -> None:
    client = make_client()
    _add(ctx, client.id, given_name="Zoë", family_name="Brown")
    _add(ctx, client.id, given_name="Ana", family_name="Zapata", primary_caregiver=True)
    _add(ctx, client.id, given_name="Eli", family_name="Álvarez")
    _add(ctx, make_client().id, given_name="Aaron", family_name="Aaronson")
    names = [m.display_name for m in fm.list_family_members(ctx, client_id=client.id)]
    assert names == ["Ana Zapata", "Eli Álvarez", "Zoë Brown"]


def test_new_primary_caregiver_clears_the_previous_one_with_an_audited_update(
    ctx: Context, make_client: MakeClient
) -> None:
    client = make_client()
    first = _add(ctx, client.id, given_name="First", primary_caregiver=True)
    second = _add(ctx, client.id, given_name="Second", primary_caregiver=True)

    first_now = fm.get_family_member(ctx, member_id=first.id)
    assert not first_now.primary_caregiver
    assert first_now.version == first.version + 1
    assert second.primary_caregiver
    cleared = _events(ctx, first.id, "update")
    assert [e.changes for e in cleared] == [{"primary_caregiver": [True, False]}]
    assert cleared[0].client_id == client.id

    third = _add(ctx, client.id, given_name="Third")
    fm.update_family_member(
        ctx, member_id=third.id, expected_version=third.version, primary_caregiver=True
    )
    listed = fm.list_family_members(ctx, client_id=client.id)
    assert [m.given_name for m in listed if m.primary_caregiver] == ["Third"]
    assert listed[0].given_name == "Third"


def test_primary_caregivers_of_different_clients_do_not_interfere(
    ctx: Context, make_client: MakeClient
) -> None:
    one, two = make_client(), make_client()
    a = _add(ctx, one.id, primary_caregiver=True)
    _add(ctx, two.id, primary_caregiver=True)
    assert fm.get_family_member(ctx, member_id=a.id).primary_caregiver


def test_stale_second_save_is_refused_and_the_first_save_stands(
    ctx: Context, make_client: MakeClient
) -> None:
    member = _add(ctx, make_client().id)
    fm.update_family_member(ctx, member_id=member.id, expected_version=member.version, phone="111")
    with pytest.raises(ConflictError) as caught:
        fm.update_family_member(
            ctx, member_id=member.id, expected_version=member.version, phone="222"
        )
    assert caught.value.expected_version == 1 and caught.value.actual_version == 2
    assert fm.get_family_member(ctx, member_id=member.id).phone == "111"


def test_update_is_audited_with_old_and_new_values(ctx: Context, make_client: MakeClient) -> None:
    client = make_client()
    member = _add(ctx, client.id, consent_scope="none")
    updated = fm.update_family_member(
        ctx, member_id=member.id, expected_version=1, consent_scope=ConsentScope.FULL
    )
    assert updated.consent_scope is ConsentScope.FULL and updated.version == 2
    (event,) = _events(ctx, member.id, "update")
    assert event.changes == {"consent_scope": ["none", "full"]}
    assert event.client_id == client.id and event.actor_id == ctx.actor_id


def test_saving_unchanged_values_writes_nothing(ctx: Context, make_client: MakeClient) -> None:
    member = _add(ctx, make_client().id)
    same = fm.update_family_member(ctx, member_id=member.id, expected_version=1, given_name="Rosa")
    assert same.version == 1
    assert _events(ctx, member.id, "update") == []


def test_create_is_audited(ctx: Context, make_client: MakeClient) -> None:
    client = make_client()
    member = _add(ctx, client.id, phone="555")
    (event,) = _events(ctx, member.id, "create")
    assert event.client_id == client.id
    assert event.entity_uuid == member.uuid
    assert event.changes["phone"] == [None, "555"]
    assert event.changes["given_name"] == [None, "Rosa"]


def test_remove_deletes_and_audits_the_removed_values(
    ctx: Context, make_client: MakeClient
) -> None:
    client = make_client()
    member = _add(ctx, client.id, phone="555 0199")
    fm.remove_family_member(ctx, member_id=member.id, expected_version=1)
    assert fm.list_family_members(ctx, client_id=client.id) == []
    with pytest.raises(NotFoundError):
        fm.get_family_member(ctx, member_id=member.id)
    (event,) = _events(ctx, member.id, "delete")
    assert event.client_id == client.id
    assert event.changes["phone"] == ["555 0199", None]
    assert event.changes["relationship_to_client"] == ["mother", None]


def test_remove_with_a_stale_copy_is_refused(ctx: Context, make_client: MakeClient) -> None:
    client = make_client()
    member = _add(ctx, client.id)
    fm.update_family_member(ctx, member_id=member.id, expected_version=1, phone="1")
    with pytest.raises(ConflictError):
        fm.remove_family_member(ctx, member_id=member.id, expected_version=1)
    assert [m.id for m in fm.list_family_members(ctx, client_id=client.id)] == [member.id]


def test_missing_client_or_member_is_not_found(ctx: Context) -> None:
    with pytest.raises(NotFoundError) as caught:
        _add(ctx, 999_999)
    assert caught.value.entity == "client"
    with pytest.raises(NotFoundError):
        fm.list_family_members(ctx, client_id=999_999)
    with pytest.raises(NotFoundError):
        fm.get_family_member(ctx, member_id=999_999)
    with pytest.raises(NotFoundError):
        fm.update_family_member(ctx, member_id=999_999, expected_version=1, phone="1")
    with pytest.raises(NotFoundError):
        fm.remove_family_member(ctx, member_id=999_999, expected_version=1)
