"""The services say what each committed unit of work changed, and only once it is committed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from otdesk.domain.errors import ValidationError
from otdesk.domain.records import Changes, RecordKind
from otdesk.services import clients, episodes, family_members, staff
from otdesk.services.context import Context

MakeClient = Callable[..., clients.ClientDetail]


@pytest.fixture
def heard(ctx: Context) -> tuple[Context, list[Changes]]:
    """A context whose committed changes are collected, and the list they are collected in."""
    seen: list[Changes] = []
    return replace(ctx, on_change=seen.append), seen


def test_adding_a_client_in_care_announces_the_client_and_its_episode(
    heard: tuple[Context, list[Changes]]
) -> None:
    ctx, seen = heard
    made = clients.create_client(ctx, record_number="CH-1", given_name="Ana",
                                 family_name="Lee", date_of_birth="1980-01-01",
                                 preferred_language="en", status="active")
    [changes] = seen
    assert changes.kinds == {RecordKind.CLIENT, RecordKind.EPISODE}
    assert changes.ids(RecordKind.CLIENT) == {made.id}
    [episode] = episodes.list_episodes(ctx, client_id=made.id)
    assert changes.ids(RecordKind.EPISODE) == {episode.id}
    assert changes.clients == {made.id}
    assert changes.touches(RecordKind.EPISODE, client_id=made.id)
    assert not changes.touches(RecordKind.FAMILY_MEMBER)
    assert not changes.touches(RecordKind.CLIENT, client_id=made.id + 1)


def test_each_write_is_announced_once_with_the_record_it_touched(
    heard: tuple[Context, list[Changes]], make_client: MakeClient
) -> None:
    ctx, seen = heard
    client = make_client()
    seen.clear()
    member = family_members.add_family_member(ctx, client_id=client.id, given_name="Rosa",
                                              relationship_to_client="mother")
    family_members.update_family_member(ctx, member_id=member.id,
                                        expected_version=member.version, phone="555-0100")
    assert seen == [Changes.of(RecordKind.FAMILY_MEMBER, member.id, client_id=client.id)] * 2
    seen.clear()
    staff.create_staff(ctx, username="new.ot", given_name="Noor", family_name="Nur", role="ot")
    assert [c.kinds for c in seen] == [{RecordKind.STAFF_MEMBER}]


def test_a_refused_or_read_only_call_announces_nothing(
    heard: tuple[Context, list[Changes]], make_client: MakeClient
) -> None:
    ctx, seen = heard
    client = make_client()
    seen.clear()
    with pytest.raises(ValidationError):
        family_members.add_family_member(ctx, client_id=client.id, given_name="")
    clients.get_client(ctx, client_id=client.id)
    clients.search_clients(ctx, text="a")
    assert seen == []


def test_a_transaction_that_fails_after_writing_announces_nothing(
    heard: tuple[Context, list[Changes]], make_client: MakeClient
) -> None:
    ctx, seen = heard
    client = make_client()
    seen.clear()
    with pytest.raises(RuntimeError), ctx.transaction() as session:
        from otdesk.services._records import note

        note(session, RecordKind.CLIENT, [client.id], clients=[client.id])
        raise RuntimeError("the disk went away")
    assert seen == []


def test_an_import_announces_every_client_it_added(
    heard: tuple[Context, list[Changes]], tmp_path: object
) -> None:
    import csv
    from pathlib import Path

    from otdesk.services import importing

    ctx, seen = heard
    path = Path(str(tmp_path)) / "c.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["record_number", "given_name", "family_name", "date_of_birth",
                         "preferred_language", "status"])
        writer.writerows([[f"IM-{i}", "Ana", "Lee", "1980-01-01", "en", "discharged"]
                          for i in range(3)])
    report = importing.import_clients(ctx, path=path)
    assert report.ok
    [changes] = seen
    assert changes.kinds == {RecordKind.CLIENT}
    assert len(changes.ids(RecordKind.CLIENT)) == 3 == len(changes.clients)
