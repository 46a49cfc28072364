"""A desktop session's beginning: the records opened, and whom the desktop acts as.

``open_records`` runs on the worker that the start hands it to (``otdesk.ui.shell.app``): importing
this module loads the storage stack, so that happens off the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass

from otdesk.db.database import Database
from otdesk.db.engine import open_database
from otdesk.domain.errors import NotFoundError
from otdesk.services import definitions
from otdesk.services import staff as staff_service
from otdesk.services.context import Context
from otdesk.services.summaries import StaffMember, pick_acting
from otdesk.ui.shell.app_context import AppContext
from otdesk.ui.shell.events import Events
from otdesk.ui.shell.settings_store import UiSettings
from otdesk.ui.shell.staff_directory import StaffDirectory
from otdesk.ui.shell.tasks import TaskRunner


@dataclass(frozen=True)
class Opened:
    """What the worker found: the open database and whom the desktop acts as."""

    db: Database
    staff: StaffMember
    unknown_username: str = ""  # a --user name nobody has (the first OT is used instead)


def build_app_context(
    db: Database, ui_settings: UiSettings, staff: StaffMember, *, tasks: TaskRunner | None = None
) -> AppContext:
    """The shared services every screen is given, acting as ``staff``."""
    events = Events()
    return AppContext(
        services=Context(db, on_change=events.publish).acting_as(staff.id),
        events=events,
        tasks=tasks if tasks is not None else TaskRunner(),
        settings=ui_settings,
        staff_directory=StaffDirectory(events),
        staff_name=staff.display_name,
    )


def choose_staff(ctx: Context, *, username: str | None, last_staff_id: int | None) -> StaffMember:
    """Who the app acts as: the named user, else the last one here, else the first OT or admin."""
    if username:
        return staff_service.find_staff(ctx, username=username)
    active = staff_service.list_staff(ctx)
    chosen = pick_acting([(m.id, m.role) for m in active], last_staff_id)
    found = [m for m in active if m.id == chosen]
    return found[0] if found else staff_service.ensure_administrator(ctx)


def open_records(target: str, username: str | None, last_staff_id: int | None) -> Opened:
    """Open (creating or upgrading) the database and find whom to act as (run on a worker)."""
    db = open_database(target)
    try:
        system = Context(db)
        staff_service.ensure_administrator(system)
        try:
            staff = choose_staff(system, username=username, last_staff_id=last_staff_id)
        except NotFoundError:
            staff = choose_staff(system, username=None, last_staff_id=last_staff_id)
            return Opened(db, staff, unknown_username=username or "")
    except BaseException:
        db.dispose()
        raise
    return Opened(db, staff)


def load_definitions() -> tuple[str, ...]:
    """Load the instruments and checklists (on a worker, once the caseload shows), returning
    each file skipped as "file: where: what is wrong"."""
    return tuple(str(problem) for problem in definitions.library().problems)
