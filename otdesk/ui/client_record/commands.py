"""Undo and redo for edits in the client record: ``QUndoCommand``s that call the services.

A screen first runs a command with ``execute()`` (so validation and conflict errors reach the
form that caused them), then pushes it; the stack's first ``redo()`` is then skipped. Later
undo and redo calls go through the services again, with optimistic locking: a command only
writes when the fields it touches still hold what it left there, so undoing never overwrites
someone else's later change. When that check fails the command reports why and marks itself
obsolete, and the stack drops it.

Deleting and re-adding a record gives it a new id; ``IdMap`` lets the commands that still name
the old id find the new one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from otdesk.domain.errors import ConflictError, NotFoundError, OtdeskError
from otdesk.services import clients, episodes, family_members
from otdesk.services.episodes import CareTeamEntry
from otdesk.services.family_members import FamilyMemberInfo
from otdesk.ui.app_context import AppContext
from otdesk.ui.forms import plain_value

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")

Reporter = Callable[[QUndoCommand, OtdeskError], None]


def _tr(text: str) -> str:
    return QCoreApplication.translate("Commands", text)


class RecordRef:
    """A record as the commands know it: its kind and the id it lives at now."""

    def __init__(self, entity: str, record_id: int) -> None:
        self.entity = entity
        self.id = record_id


class IdMap:
    """Where a removed-then-restored record lives now.

    Re-adding a removed record gives it a new id (or, on SQLite, possibly an id another record
    had before), so commands share a ``RecordRef`` per record rather than remembering ids.
    """

    def __init__(self) -> None:
        self._refs: dict[tuple[str, int], RecordRef] = {}

    def ref(self, entity: str, record_id: int) -> RecordRef:
        """The reference of the record now at ``record_id`` (made on first use)."""
        key = (entity, record_id)
        if key not in self._refs:
            self._refs[key] = RecordRef(entity, record_id)
        return self._refs[key]

    def fresh(self, entity: str, record_id: int) -> RecordRef:
        """A new reference for a record just created at ``record_id``."""
        ref = RecordRef(entity, record_id)
        self._refs[(entity, record_id)] = ref
        return ref

    def moved(self, ref: RecordRef, new_id: int) -> None:
        """The record of ``ref`` was re-created at ``new_id``."""
        self.forget(ref)
        ref.id = new_id
        self._refs[(ref.entity, new_id)] = ref

    def forget(self, ref: RecordRef) -> None:
        """The record of ``ref`` was removed: its id may be reused by another record."""
        if self._refs.get((ref.entity, ref.id)) is ref:
            del self._refs[(ref.entity, ref.id)]

    def resolve(self, entity: str, record_id: int) -> int:
        """The current id of the record known as ``record_id`` (itself when never moved)."""
        return self.ref(entity, record_id).id


def _unchanged(current: Mapping[str, Any], expected: Mapping[str, Any]) -> bool:
    return all(plain_value(current.get(k)) == plain_value(v) for k, v in expected.items())


class ServiceCommand(QUndoCommand):
    """A command whose redo and undo call services; failures make it obsolete."""

    def __init__(self, app: AppContext, text: str, *, report: Reporter | None = None) -> None:
        super().__init__(text)
        self.app = app
        self.error: OtdeskError | None = None
        self._report = report
        self._skip_redo = False

    def execute(self) -> None:
        """Make the change now, raising any service error; the next ``redo()`` is skipped."""
        self.do()
        self._skip_redo = True

    def redo(self) -> None:
        """Apply the change (skipped once after ``execute``)."""
        if self._skip_redo:
            self._skip_redo = False
            return
        self._guarded(self.do)

    def undo(self) -> None:
        """Take the change back."""
        self._guarded(self.revert)

    def _guarded(self, fn: Callable[[], None]) -> None:
        try:
            fn()
        except (ConflictError, NotFoundError) as exc:
            self._fail(exc)
        except OtdeskError as exc:  # e.g. a rule that changed since the edit
            self._fail(exc)
        else:
            self.error = None

    def _fail(self, exc: OtdeskError) -> None:
        self.error = exc
        self.setObsolete(True)
        if self._report is not None:
            self._report(self, exc)

    def do(self) -> None:  # pragma: no cover - abstract
        """Make the change."""
        raise NotImplementedError

    def revert(self) -> None:  # pragma: no cover - abstract
        """Take the change back."""
        raise NotImplementedError


class EditClientCommand(ServiceCommand):
    """Change some fields of a client's record (``before`` and ``after`` name the same fields).

    The first write expects ``expected_version`` (the version the form was loaded from), so a
    stale form gets a ``ConflictError``; later undo/redo writes expect the version the command
    itself last wrote, or, when someone saved since, that our fields still hold what we left.
    """

    def __init__(
        self,
        app: AppContext,
        client_id: int,
        before: Mapping[str, Any],
        after: Mapping[str, Any],
        *,
        expected_version: int,
        report: Reporter | None = None,
        text: str | None = None,
    ) -> None:
        super().__init__(app, text or translate("Commands", "Edit client details"), report=report)
        self.client_id = client_id
        self.before = dict(before)
        self.after = dict(after)
        self.version = expected_version
        self._written = False
        self.result: clients.ClientDetail | None = None

    def _write(self, expect: Mapping[str, Any], values: Mapping[str, Any]) -> None:
        ctx = self.app.services
        version = self.version
        if self._written:
            current = clients.get_client(ctx, client_id=self.client_id)
            if current.version != version and not _unchanged(current.editable_values(), expect):
                raise ConflictError("client", current.record_number, version, current.version)
            version = current.version
        self.result = clients.update_client(
            ctx, client_id=self.client_id, expected_version=version, **dict(values)
        )
        self.version = self.result.version
        self._written = True
        self.app.events.changed("client", self.client_id, client_id=self.client_id)

    def do(self) -> None:
        """Apply the new values."""
        self._write(self.before, self.after)

    def revert(self) -> None:
        """Put the old values back."""
        self._write(self.after, self.before)


class _FamilyCommand(ServiceCommand):
    ENTITY = "family_member"

    def __init__(
        self, app: AppContext, client_id: int, ids: IdMap, text: str, report: Reporter | None
    ) -> None:
        super().__init__(app, text, report=report)
        self.client_id = client_id
        self.ids = ids
        self.ref: RecordRef | None = None
        self._wrote: int | None = None  # the version of the member this command last wrote

    @property
    def member_id(self) -> int | None:
        """The id the member lives at now."""
        return self.ref.id if self.ref is not None else None

    def _changed(self, member_id: int) -> None:
        self.app.events.changed(self.ENTITY, member_id, client_id=self.client_id)

    def _current(self, expect: Mapping[str, Any]) -> FamilyMemberInfo:
        assert self.ref is not None
        current = family_members.get_family_member(self.app.services, member_id=self.ref.id)
        if current.version != self._wrote and not _unchanged(current.editable_values(), expect):
            raise ConflictError("family member", current.display_name, None, current.version)
        return current

    def _add(self, values: Mapping[str, Any]) -> FamilyMemberInfo:
        info = family_members.add_family_member(
            self.app.services, client_id=self.client_id, **dict(values)
        )
        if self.ref is None:
            self.ref = self.ids.fresh(self.ENTITY, info.id)
        else:
            self.ids.moved(self.ref, info.id)
        self._wrote = info.version
        self._changed(info.id)
        return info

    def _remove(self, expect: Mapping[str, Any], version: int | None = None) -> None:
        assert self.ref is not None
        if version is None:
            version = self._current(expect).version
        family_members.remove_family_member(
            self.app.services, member_id=self.ref.id, expected_version=version
        )
        self.ids.forget(self.ref)
        self._changed(self.ref.id)


def _without_primary(values: Mapping[str, Any]) -> dict[str, Any]:
    # Naming a primary caregiver clears the flag on the others; comparing it would make every
    # later undo of theirs look like a conflict.
    return {k: v for k, v in values.items() if k != "primary_caregiver"}


class AddFamilyMemberCommand(_FamilyCommand):
    """Add a family member or caregiver to a client."""

    def __init__(
        self,
        app: AppContext,
        client_id: int,
        values: Mapping[str, Any],
        ids: IdMap,
        *,
        report: Reporter | None = None,
    ) -> None:
        super().__init__(app, client_id, ids, translate("Commands", "Add family member"), report)
        self.values = dict(values)
        self._stored: dict[str, Any] = {}

    def do(self) -> None:
        """Add (again)."""
        info = self._add(self.values)
        self._stored = _without_primary(info.editable_values())

    def revert(self) -> None:
        """Remove the member again."""
        self._remove(self._stored)


class EditFamilyMemberCommand(_FamilyCommand):
    """Change some fields of a family member (first write against ``expected_version``)."""

    def __init__(
        self,
        app: AppContext,
        client_id: int,
        member_id: int,
        before: Mapping[str, Any],
        after: Mapping[str, Any],
        ids: IdMap,
        *,
        expected_version: int,
        report: Reporter | None = None,
    ) -> None:
        super().__init__(app, client_id, ids, translate("Commands", "Edit family member"), report)
        self.ref = ids.ref(self.ENTITY, member_id)
        self.before = dict(before)
        self.after = dict(after)
        self._version: int | None = expected_version

    def _write(self, expect: Mapping[str, Any], values: Mapping[str, Any]) -> None:
        assert self.ref is not None
        if self._version is not None:
            version, self._version = self._version, None
        else:
            version = self._current(_without_primary(expect)).version
        info = family_members.update_family_member(
            self.app.services, member_id=self.ref.id, expected_version=version, **dict(values)
        )
        self._wrote = info.version
        self._changed(info.id)

    def do(self) -> None:
        """Apply the new values."""
        self._write(self.before, self.after)

    def revert(self) -> None:
        """Put the old values back."""
        self._write(self.after, self.before)


class RemoveFamilyMemberCommand(_FamilyCommand):
    """Remove a family member (undo adds them back with the same details)."""

    def __init__(
        self,
        app: AppContext,
        client_id: int,
        member: FamilyMemberInfo,
        ids: IdMap,
        *,
        report: Reporter | None = None,
    ) -> None:
        text = translate("Commands", "Remove {0}").format(member.display_name)
        super().__init__(app, client_id, ids, text, report)
        self.ref = ids.ref(self.ENTITY, member.id)
        self.values = member.editable_values()
        self._version: int | None = member.version

    def do(self) -> None:
        """Remove the member (the first time, only if nobody changed them since they were read)."""
        version, self._version = self._version, None
        self._remove(_without_primary(self.values), version)

    def revert(self) -> None:
        """Add the member back."""
        self._add(self.values)


class EditEpisodeCommand(ServiceCommand):
    """Change some fields of an episode of care (``before`` and ``after`` name the same fields).

    The same conflict policy as ``EditClientCommand``: the first write expects the version the
    dialog was loaded from; later ones write only when the episode is still at the version this
    command left, or our fields still hold what we left there. ``update_episode``'s rules still
    apply (an undo cannot close an open episode or clear a discharge date).
    """

    def __init__(
        self,
        app: AppContext,
        client_id: int,
        episode_id: int,
        before: Mapping[str, Any],
        after: Mapping[str, Any],
        *,
        expected_version: int,
        report: Reporter | None = None,
        text: str | None = None,
    ) -> None:
        super().__init__(app, text or translate("Commands", "Edit episode"), report=report)
        self.client_id = client_id
        self.episode_id = episode_id
        self.before = dict(before)
        self.after = dict(after)
        self.version = expected_version
        self._written = False
        self.result: episodes.EpisodeInfo | None = None

    def _write(self, expect: Mapping[str, Any], values: Mapping[str, Any]) -> None:
        ctx = self.app.services
        version = self.version
        if self._written:
            current = episodes.get_episode(ctx, episode_id=self.episode_id)
            if current.version != version and not _unchanged(current.editable_values(), expect):
                key = f"referred {current.referral_date.isoformat()}"
                raise ConflictError("episode", key, version, current.version)
            version = current.version
        self.result = episodes.update_episode(
            ctx, episode_id=self.episode_id, expected_version=version, **dict(values)
        )
        self.version = self.result.version
        self._written = True
        self.app.events.changed("episode", self.episode_id, client_id=self.client_id)

    def do(self) -> None:
        """Apply the new values."""
        self._write(self.before, self.after)

    def revert(self) -> None:
        """Put the old values back."""
        self._write(self.after, self.before)


def care_team_values(entry: CareTeamEntry) -> dict[str, Any]:
    """An entry's values in the form ``add_care_team_member`` takes them.

    A staff member's name comes from their staff record, so it is not stored again.
    """
    return {
        "staff_id": entry.staff_id,
        "name": "" if entry.staff_id is not None else entry.name,
        "discipline": entry.discipline,
        "role_in_team": entry.role_in_team,
        "organisation": entry.organisation,
        "phone": entry.phone,
        "start_date": entry.start_date,
        "end_date": entry.end_date,
    }


class _CareTeamCommand(ServiceCommand):
    ENTITY = "care_team_member"

    def __init__(
        self,
        app: AppContext,
        client_id: int,
        episode_id: int,
        ids: IdMap,
        text: str,
        report: Reporter | None,
    ) -> None:
        super().__init__(app, text, report=report)
        self.client_id = client_id
        self.episode_id = episode_id
        self.ids = ids
        self.ref: RecordRef | None = None
        self.result: CareTeamEntry | None = None
        self._wrote: int | None = None  # the version of the entry this command last wrote

    @property
    def member_id(self) -> int | None:
        """The id the care-team entry lives at now."""
        return self.ref.id if self.ref is not None else None

    def _changed(self, member_id: int) -> None:
        self.app.events.changed(self.ENTITY, member_id, client_id=self.client_id)

    def _current(self, expect: Mapping[str, Any]) -> CareTeamEntry:
        assert self.ref is not None
        current = episodes.get_care_team_member(self.app.services, member_id=self.ref.id)
        if current.version != self._wrote and not _unchanged(care_team_values(current), expect):
            raise ConflictError("care team member", current.name, None, current.version)
        return current

    def _add(self, values: Mapping[str, Any]) -> CareTeamEntry:
        entry = episodes.add_care_team_member(
            self.app.services, episode_id=self.episode_id, **dict(values)
        )
        if self.ref is None:
            self.ref = self.ids.fresh(self.ENTITY, entry.id)
        else:
            self.ids.moved(self.ref, entry.id)
        self._wrote = entry.version
        self.result = entry
        self._changed(entry.id)
        return entry

    def _remove(self, expect: Mapping[str, Any], version: int | None = None) -> None:
        assert self.ref is not None
        if version is None:
            version = self._current(expect).version
        episodes.remove_care_team_member(
            self.app.services, member_id=self.ref.id, expected_version=version
        )
        self.ids.forget(self.ref)
        self._changed(self.ref.id)


class AddCareTeamMemberCommand(_CareTeamCommand):
    """Add someone to an episode's care team (undo takes them off again)."""

    def __init__(
        self,
        app: AppContext,
        client_id: int,
        episode_id: int,
        values: Mapping[str, Any],
        ids: IdMap,
        *,
        report: Reporter | None = None,
    ) -> None:
        text = translate("Commands", "Add {0} to the care team").format(values.get("name") or "")
        super().__init__(app, client_id, episode_id, ids, text, report)
        self.values = dict(values)
        self._stored: dict[str, Any] = {}

    def do(self) -> None:
        """Add (again)."""
        first = self.ref is None
        entry = self._add(self.values)
        self._stored = care_team_values(entry)
        if first:  # a staff member's name is known only once added
            self.setText(translate("Commands", "Add {0} to the care team").format(entry.name))

    def revert(self) -> None:
        """Take them off the team again."""
        self._remove(self._stored)


class RemoveCareTeamMemberCommand(_CareTeamCommand):
    """Take someone off a care team (undo adds them back with the same details)."""

    def __init__(
        self,
        app: AppContext,
        client_id: int,
        member: CareTeamEntry,
        ids: IdMap,
        *,
        report: Reporter | None = None,
    ) -> None:
        text = translate("Commands", "Remove {0} from the care team").format(member.name)
        super().__init__(app, client_id, member.episode_id, ids, text, report)
        self.ref = ids.ref(self.ENTITY, member.id)
        self.values = care_team_values(member)
        self._version: int | None = member.version

    def do(self) -> None:
        """Remove the entry (the first time, only if nobody changed it since it was read)."""
        version, self._version = self._version, None
        self._remove(self.values, version)

    def revert(self) -> None:
        """Add them back."""
        self._add(self.values)


def changed_fields(before: Mapping[str, Any], after: Mapping[str, Any]) -> Iterable[str]:
    """The names whose values differ between two value maps."""
    return [k for k in after if plain_value(before.get(k)) != plain_value(after[k])]
