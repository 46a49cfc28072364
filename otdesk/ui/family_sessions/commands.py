"""Undo and redo for a family-session note: saving its fields (the record list's
``EditRecordCommand`` over ``SESSIONS``), adding or taking off an attendee or an action item,
and ticking an action item done.

Each command reads the note's version afresh before it writes, so an undo works after other
saves of the same note; once the note is signed the services refuse the undo and the command
reports why and drops out of the stack (``ServiceCommand``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from otdesk.domain.records import RecordKind
from otdesk.domain.translation import N_, _, fill
from otdesk.services import family_sessions
from otdesk.services.context import Context
from otdesk.services.session_views import ActionItemInfo, AttendeeInfo, SessionInfo
from otdesk.ui.client_record.commands import RecordAdapter, Reporter, ServiceCommand
from otdesk.ui.shell.app_context import AppContext


def note_values(info: SessionInfo) -> dict[str, Any]:
    """A note's fields as the editor and ``update_session`` take them."""
    return {
        "session_date": info.session_date,
        "start_time": info.start_time.strftime("%H:%M") if info.start_time else "",
        "duration_minutes": info.duration_minutes,
        "mode": info.mode.value,
        "consent_confirmed": info.consent_confirmed,
        "note_format": info.note_format.value,
        "note_sections": dict(info.note_sections),
        "topics": list(info.topics),
        "handouts_given": list(info.handouts_given),
        "checkin_assessment_id": info.checkin_assessment_id,
    }


def _insert(ctx: Context, client_id: int, values: Mapping[str, Any]) -> SessionInfo:
    return family_sessions.create_session(ctx, client_id=client_id, **dict(values))


def _update(ctx: Context, session_id: int, version: int, values: Mapping[str, Any]) -> SessionInfo:
    return family_sessions.update_session(ctx, session_id=session_id, expected_version=version,
                                          **dict(values))


SESSIONS: RecordAdapter[SessionInfo] = RecordAdapter(
    kind=RecordKind.FAMILY_SESSION,
    fetch=lambda ctx, session_id: family_sessions.get_session(ctx, session_id=session_id),
    insert=_insert,
    update=_update,
    delete=lambda ctx, session_id, version: family_sessions.remove_draft(
        ctx, session_id=session_id, expected_version=version),
    values=note_values,
    name=lambda info: info.session_date.isoformat(),
    add_text=N_("Add the family session of {name}"),
    edit_text=N_("Edit the family session of {name}"),
    remove_text=N_("Remove the family session of {name}"),
)


class _NoteCommand(ServiceCommand):
    """A change to one part of a note, written at the note's version as it is now."""

    def __init__(self, app: AppContext, session_id: int, text: str,
                 report: Reporter | None) -> None:
        super().__init__(app, text, report=report)
        self.session_id = session_id
        self.result: SessionInfo | None = None

    def version(self) -> int:
        """The note's version now."""
        return family_sessions.get_session(self.app.services, session_id=self.session_id).version


class AddAttendeeCommand(_NoteCommand):
    """Add one attendee (the client, a family member, a staff member or a named person)."""

    def __init__(self, app: AppContext, session_id: int, who: Mapping[str, Any], label: str,
                 *, report: Reporter | None = None) -> None:
        super().__init__(app, session_id, fill(_("Add {name} to the attendees"), name=label),
                         report)
        self.who = dict(who)
        self.attendee_id: int | None = None

    def do(self) -> None:
        """Add the attendee (again)."""
        # One read gives both the parts there were and the version to change.
        current = family_sessions.get_session(self.app.services, session_id=self.session_id)
        before = {a.id for a in current.attendees}
        self.result = family_sessions.add_attendee(
            self.app.services, session_id=self.session_id, expected_version=current.version,
            **self.who)
        self.attendee_id = next(a.id for a in self.result.attendees if a.id not in before)

    def revert(self) -> None:
        """Take the attendee off again."""
        assert self.attendee_id is not None
        self.result = family_sessions.remove_attendee(
            self.app.services, session_id=self.session_id, expected_version=self.version(),
            attendee_id=self.attendee_id)


def attendee_who(attendee: AttendeeInfo) -> dict[str, Any]:
    """How ``add_attendee`` adds this attendee back."""
    if attendee.is_client:
        return {"client": True}
    if attendee.family_member_id is not None:
        return {"family_member_id": attendee.family_member_id, "role": attendee.role}
    if attendee.staff_id is not None:
        return {"staff_id": attendee.staff_id, "role": attendee.role}
    return {"name": attendee.name, "role": attendee.role}


class RemoveAttendeeCommand(_NoteCommand):
    """Take one attendee off; undo adds them back."""

    def __init__(self, app: AppContext, session_id: int, attendee: AttendeeInfo, *,
                 report: Reporter | None = None) -> None:
        super().__init__(app, session_id,
                         fill(_("Remove {name} from the attendees"), name=attendee.name), report)
        self.adding = AddAttendeeCommand(app, session_id, attendee_who(attendee), attendee.name)
        self.adding.attendee_id = attendee.id

    def do(self) -> None:
        """Take the attendee off."""
        self.adding.revert()
        self.result = self.adding.result

    def revert(self) -> None:
        """Add the attendee back."""
        self.adding.do()
        self.result = self.adding.result


class AddActionItemCommand(_NoteCommand):
    """Add one action item (who, what, by when)."""

    def __init__(self, app: AppContext, session_id: int, values: Mapping[str, Any], *,
                 report: Reporter | None = None) -> None:
        super().__init__(app, session_id, fill(_("Add the action item “{what}”"),
                                               what=str(values.get("what", ""))[:40]), report)
        self.values = dict(values)
        self.item_id: int | None = None

    def do(self) -> None:
        """Add the item (again)."""
        # One read gives both the parts there were and the version to change.
        current = family_sessions.get_session(self.app.services, session_id=self.session_id)
        before = {i.id for i in current.action_items}
        self.result = family_sessions.add_action_item(
            self.app.services, session_id=self.session_id, expected_version=current.version,
            **self.values)
        self.item_id = next(i.id for i in self.result.action_items if i.id not in before)

    def revert(self) -> None:
        """Take the item off again."""
        assert self.item_id is not None
        self.result = family_sessions.remove_action_item(
            self.app.services, session_id=self.session_id, expected_version=self.version(),
            item_id=self.item_id)


class RemoveActionItemCommand(_NoteCommand):
    """Take one action item off a draft; undo adds it back."""

    def __init__(self, app: AppContext, session_id: int, item: ActionItemInfo, *,
                 report: Reporter | None = None) -> None:
        super().__init__(app, session_id, fill(_("Remove the action item “{what}”"),
                                               what=item.what[:40]), report)
        self.adding = AddActionItemCommand(
            app, session_id, {"who": item.who, "what": item.what, "due_date": item.due_date})
        self.adding.item_id = item.id

    def do(self) -> None:
        """Take the item off."""
        self.adding.revert()
        self.result = self.adding.result

    def revert(self) -> None:
        """Add the item back."""
        self.adding.do()
        self.result = self.adding.result


class MarkActionItemCommand(ServiceCommand):
    """Tick an action item done, or not done (on a signed note too)."""

    def __init__(self, app: AppContext, item: ActionItemInfo, done: bool, *,
                 report: Reporter | None = None) -> None:
        text = (_("Mark “{what}” done") if done else _("Mark “{what}” not done"))
        super().__init__(app, fill(text, what=item.what[:40]), report=report)
        self.item = item
        self.done = done

    def _mark(self, done: bool) -> None:
        self.item = family_sessions.mark_action_item(
            self.app.services, item_id=self.item.id, expected_version=self.item.version,
            done=done)

    def do(self) -> None:
        """Record the new state."""
        self._mark(self.done)

    def revert(self) -> None:
        """Put the old state back."""
        self._mark(not self.done)
