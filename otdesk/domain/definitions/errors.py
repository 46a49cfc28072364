"""Errors about definitions a user can act on."""

from __future__ import annotations

from otdesk.domain.errors import OtdeskError
from otdesk.domain.translation import _


class UnknownDefinition(OtdeskError):  # noqa: N818 (the name other modules use)
    """No loaded definition has this id (and version)."""

    def __init__(self, definition_id: str, version: str | None = None) -> None:
        self.definition_id = definition_id
        self.version = version
        if version is None:
            message = _("No instrument or checklist '{id}' is installed.").format(
                id=definition_id)
        else:
            message = _("Version {version} of the instrument or checklist '{id}' is not "
                        "installed.").format(id=definition_id, version=version)
        super().__init__(message)


class UnknownItem(OtdeskError):  # noqa: N818
    """A definition has no item (or scoring rule) with this key."""

    def __init__(self, definition_id: str, key: str) -> None:
        self.definition_id = definition_id
        self.key = key
        super().__init__(_("'{id}' has no item or score '{key}'.").format(
            id=definition_id, key=key))
