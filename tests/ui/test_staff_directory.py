"""The pickers' staff lists: read once, read again after a staff change or a short while."""

from __future__ import annotations

from dataclasses import replace

from otdesk.domain.records import Changes, RecordKind
from otdesk.domain.vocab import StaffRole
from otdesk.services import staff
from otdesk.services.context import Context
from otdesk.ui.shell.events import Events
from otdesk.ui.shell.staff_directory import StaffDirectory

OT_ROLES = (StaffRole.OT, StaffRole.OT_ASSISTANT)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _add_ot(ctx: Context, n: int) -> staff.StaffMember:
    return staff.create_staff(
        ctx, username=f"ot.{n}", given_name=f"Test{n}", family_name="Example-OT", role="ot"
    )


def _names(members: list[staff.StaffMember]) -> list[str]:
    return [m.username for m in members]


def test_a_list_is_read_once_then_again_after_a_staff_change(qapp, ctx: Context) -> None:
    events = Events()
    directory = StaffDirectory(events)
    first = directory.members(ctx, OT_ROLES)
    added = _add_ot(ctx, 1)  # straight through the service: no change announced yet
    assert added.username not in _names(directory.members(ctx, OT_ROLES))  # the kept list
    events.publish(Changes.of(RecordKind.STAFF_MEMBER, added.id))
    again = directory.members(ctx, OT_ROLES)
    assert _names(again) == sorted([*_names(first), added.username])  # Example-OT: one family


def test_other_changes_keep_the_lists(qapp, ctx: Context) -> None:
    events = Events()
    directory = StaffDirectory(events)
    directory.members(ctx)
    added = _add_ot(ctx, 2)
    events.publish(Changes.of(RecordKind.CLIENT, 7, client_id=7))
    assert added.username not in _names(directory.members(ctx))


def test_a_list_is_read_again_once_it_is_older_than_the_keeping_time(qapp, ctx: Context) -> None:
    clock = Clock()
    directory = StaffDirectory(Events(), clock=clock)
    directory.members(ctx)
    added = _add_ot(ctx, 3)  # as another workstation would, with no signal here
    clock.now += StaffDirectory.KEEP_SECONDS - 1
    assert added.username not in _names(directory.members(ctx))
    clock.now += 2
    assert added.username in _names(directory.members(ctx))


def test_lists_of_different_roles_are_kept_apart(qapp, ctx: Context) -> None:
    _add_ot(ctx, 4)
    directory = StaffDirectory(Events())
    everyone = directory.members(ctx)
    ots = directory.members(ctx, OT_ROLES)
    assert {m.role for m in ots} <= set(OT_ROLES) and ots
    assert "admin" in _names(everyone) and "admin" not in _names(ots)
    assert _names(directory.members(ctx, tuple(reversed(OT_ROLES)))) == _names(ots)


def test_a_caller_changing_its_copy_does_not_change_the_kept_list(qapp, ctx: Context) -> None:
    directory = StaffDirectory(Events())
    members = directory.members(ctx)
    members.clear()
    assert directory.members(ctx)


def test_a_staff_change_through_the_services_is_heard(qapp, ctx: Context) -> None:
    events = Events()
    directory = StaffDirectory(events)
    publishing = replace(ctx, on_change=events.publish)
    directory.members(publishing, OT_ROLES)
    added = _add_ot(publishing, 3)  # the service announces it once committed
    assert added.username in _names(directory.members(publishing, OT_ROLES))
