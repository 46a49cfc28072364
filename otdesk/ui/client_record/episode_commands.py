"""Undoable changes to episodes of care and care teams (see ``commands``).

Opening an episode and discharging a client are clinical events and are not undoable.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

from otdesk.domain.errors import ConflictError
from otdesk.services import episodes
from otdesk.services.episodes import CareTeamEntry
from otdesk.ui.app_context import AppContext
from otdesk.ui.client_record.commands import (
    IdMap,
    RecordRef,
    Reporter,
    ServiceCommand,
    unchanged,
)

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")


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
            if current.version != version and not unchanged(current.editable_values(), expect):
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
        if current.version != self._wrote and not unchanged(care_team_values(current), expect):
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
