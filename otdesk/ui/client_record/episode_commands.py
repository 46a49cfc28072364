"""Undoable changes to episodes of care and care teams (see ``commands``).

Opening an episode and discharging a client are clinical events and are not undoable.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from otdesk.domain.translation import N_, _, format_date
from otdesk.services import episodes
from otdesk.services.episodes import CareTeamEntry
from otdesk.ui.app_context import AppContext
from otdesk.ui.client_record.commands import (
    EditFieldsCommand,
    IdMap,
    Reporter,
    RowCommand,
)


class EditEpisodeCommand(EditFieldsCommand):
    """Change some fields of an episode of care (the service's episode rules still apply)."""

    ENTITY = "episode"
    NOUN = "episode"
    TEXT = N_("Edit episode")
    result: episodes.EpisodeInfo | None

    @property
    def episode_id(self) -> int:
        """The episode changed."""
        return self.record_id

    def _fetch(self) -> episodes.EpisodeInfo:
        return episodes.get_episode(self.app.services, episode_id=self.episode_id)

    def _label(self, current: episodes.EpisodeInfo) -> str:
        return _("referred {date}").format(date=format_date(current.referral_date))

    def _update(self, version: int, values: Mapping[str, Any]) -> episodes.EpisodeInfo:
        return episodes.update_episode(
            self.app.services, episode_id=self.episode_id, expected_version=version, **dict(values)
        )


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


class _CareTeamCommand(RowCommand):
    ENTITY = "care_team_member"
    NOUN = "care team member"

    def __init__(
        self,
        app: AppContext,
        client_id: int,
        episode_id: int,
        ids: IdMap,
        text: str,
        report: Reporter | None,
    ) -> None:
        super().__init__(app, client_id, ids, text, report)
        self.episode_id = episode_id
        self.result: CareTeamEntry | None = None

    def _fetch(self, row_id: int) -> CareTeamEntry:
        return episodes.get_care_team_member(self.app.services, member_id=row_id)

    def _values(self, row: CareTeamEntry) -> Mapping[str, Any]:
        return care_team_values(row)

    def _name(self, row: CareTeamEntry) -> str:
        return row.name

    def _insert(self, values: Mapping[str, Any]) -> CareTeamEntry:
        self.result = episodes.add_care_team_member(
            self.app.services, episode_id=self.episode_id, **dict(values)
        )
        return self.result

    def _delete(self, row_id: int, version: int) -> None:
        episodes.remove_care_team_member(
            self.app.services, member_id=row_id, expected_version=version
        )


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
        text = _("Add {name} to the care team").format(name=values.get("name") or "")
        super().__init__(app, client_id, episode_id, ids, text, report)
        self.values = dict(values)
        self._stored: dict[str, Any] = {}

    def do(self) -> None:
        """Add (again)."""
        first = self.ref is None
        entry = self._add(self.values)
        self._stored = care_team_values(entry)
        if first:  # a staff member's name is known only once added
            self.setText(_("Add {name} to the care team").format(name=entry.name))

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
        text = _("Remove {name} from the care team").format(name=member.name)
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
