"""What every screen is given: the service context, the change bus, the task runner, settings.

Screens receive this object; there are no global singletons.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from otdesk.services.context import Context
from otdesk.ui.shell.events import Events
from otdesk.ui.shell.settings_store import UiSettings
from otdesk.ui.shell.staff_directory import StaffDirectory
from otdesk.ui.shell.tasks import TaskRunner


@dataclass
class AppContext:
    """Shared services of the desktop app."""

    services: Context
    events: Events
    tasks: TaskRunner
    settings: UiSettings
    staff_directory: StaffDirectory  # the pickers' staff lists, shared by every screen
    staff_name: str = field(default="")

    def acting_as(self, staff_id: int, staff_name: str) -> AppContext:
        """The same app context for another signed-in staff member."""
        return replace(self, services=self.services.acting_as(staff_id), staff_name=staff_name)
