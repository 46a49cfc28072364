"""Undoable changes to a client's family members and caregivers (see ``commands``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from otdesk.domain.translation import _
from otdesk.services import family_members
from otdesk.services.family_members import FamilyMemberInfo
from otdesk.ui.app_context import AppContext
from otdesk.ui.client_record.commands import (
    IdMap,
    Reporter,
    RowCommand,
)


class _FamilyCommand(RowCommand):
    ENTITY = "family_member"
    NOUN = "family member"

    def _fetch(self, row_id: int) -> FamilyMemberInfo:
        return family_members.get_family_member(self.app.services, member_id=row_id)

    def _values(self, row: FamilyMemberInfo) -> Mapping[str, Any]:
        return row.editable_values()

    def _name(self, row: FamilyMemberInfo) -> str:
        return row.display_name

    def _insert(self, values: Mapping[str, Any]) -> FamilyMemberInfo:
        return family_members.add_family_member(
            self.app.services, client_id=self.client_id, **dict(values)
        )

    def _delete(self, row_id: int, version: int) -> None:
        family_members.remove_family_member(
            self.app.services, member_id=row_id, expected_version=version
        )


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
        super().__init__(app, client_id, ids, _("Add family member"), report)
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
        super().__init__(app, client_id, ids, _("Edit family member"), report)
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
        text = _("Remove {name}").format(name=member.display_name)
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
