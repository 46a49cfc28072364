"""The desktop's first screen read straight from a SQLite file, before the storage stack loads.

Loading SQLAlchemy and the models takes several times longer than drawing a window. So when the
records are a local SQLite file already at this version's schema, the desktop reads what its
first screen shows (the active staff and the top of the caseload) with the standard library's
``sqlite3``, read-only, and paints it, while the full services load behind it and take over.

The queries here mirror ``staff.list_staff`` and ``caseload.find_ids``/``rows`` for the
default view; ``tests/test_first_page.py`` checks they give exactly what the services give.
Anything this module does not serve (a PostgreSQL URL, a schema to upgrade, a database without
staff, a sort other than by name) returns None or no page, and the normal start takes over.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

from otdesk.db.schema_head import SCHEMA_HEAD
from otdesk.domain.vocab import StaffRole
from otdesk.services.summaries import (
    ClientSummary,
    SortKey,
    StaffMember,
    pick_acting,
    summary_from_row,
)

PAGE_ROWS = 200

# Everything the first screen needs comes back as one row of one statement, its lists as JSON
# arrays. The read runs on a thread beside the interface being built, and ``sqlite3`` needs the
# interpreter back after every step: while the interface holds it, each step waits its turn
# (milliseconds each), so one step beats a row-by-row fetch by a wide margin.
_STAFF_JSON = """
SELECT json_group_array(json_array(
    id, username, given_name, family_name, role, credentials, phone, email, organisation,
    active, version))
FROM staff
"""
_NO_PAGE = "SELECT NULL"
_PAGE_JSON = """
SELECT json_group_array(json_array(
    id, record_number, given_name, family_name, preferred_name, date_of_birth, status,
    priority, preferred_language, interpreter_needed, assigned_ot_id, ot_given, ot_family,
    version, sort_name))
FROM (
    SELECT c.id, c.record_number, c.given_name, c.family_name, c.preferred_name,
           c.date_of_birth, c.status, c.priority, c.preferred_language, c.interpreter_needed,
           c.assigned_ot_id, ot.given_name AS ot_given, ot.family_name AS ot_family, c.version,
           c.sort_name
    FROM clients AS c LEFT OUTER JOIN staff AS ot ON ot.id = c.assigned_ot_id
    ORDER BY c.sort_name {direction}, c.id {direction} LIMIT :limit
)
"""
_FIRST_SCREEN_SQL = """
SELECT (SELECT json_group_array(version_num) FROM alembic_version),
       ({staff}),
       (SELECT count(id) FROM clients),
       ({page})
"""
# Positions in the JSON lines above.
S_USERNAME, S_GIVEN, S_FAMILY, S_ROLE, S_ACTIVE = 1, 2, 3, 4, 9
C_SORT_NAME = 14


@dataclass(frozen=True)
class CaseloadPage:
    """The first lines of the caseload with no search or filter, in one order."""

    sort: SortKey
    descending: bool
    rows: tuple[ClientSummary, ...]
    total: int  # every client on the books: the length of the whole list

    @property
    def ids(self) -> list[int]:
        """The ids of ``rows``, in order."""
        return [r.id for r in self.rows]


@dataclass(frozen=True)
class FirstPage:
    """What the first screen needs: who is acting and, when it could be read, the caseload."""

    acting: StaffMember
    caseload: CaseloadPage | None


# What ``query_first_screen`` hands back: the schema versions, the staff and the caseload's
# first lines as JSON text (the lines None when the sort is not one served here), and the
# number of clients.
FirstScreenRows = tuple[str, str, int, str | None]


def read_first_page(
    target: str,
    *,
    username: str | None = None,
    last_staff_id: int | None = None,
    sort: SortKey = SortKey.NAME,
    descending: bool = False,
    limit: int = PAGE_ROWS,
) -> FirstPage | None:
    """Read the first screen from the SQLite file ``target``, or None when the quick read
    does not apply (see the module notes); it never writes and never raises for a bad file.

    The acting staff member is ``username``, else chosen as ``pick_acting`` chooses.
    """
    rows = query_first_screen(target, sort=sort, descending=descending, limit=limit)
    if rows is None:
        return None
    return first_page_from(rows, username=username, last_staff_id=last_staff_id, sort=sort,
                           descending=descending)


def query_first_screen(
    target: str, *, sort: SortKey = SortKey.NAME, descending: bool = False, limit: int = PAGE_ROWS
) -> FirstScreenRows | None:
    """The first screen's rows, as SQLite gives them, or None when the file cannot be read.

    This half of ``read_first_page`` is all database work and runs no Python of its own while
    SQLite works, so a thread beside the interface being built can run it without slowing
    the interface: the interpreter is free the whole time. ``first_page_from`` reads them.
    """
    if "://" in target:
        return None
    path = Path(target).expanduser()
    if not path.is_file():
        return None
    try:
        uri = f"file:{quote(str(path.resolve()))}?mode=ro"
        conn = sqlite3.connect(uri, uri=True, timeout=2)
    except sqlite3.Error:
        return None
    try:
        page_sql = _NO_PAGE
        if sort is SortKey.NAME:
            page_sql = _PAGE_JSON.format(direction="DESC" if descending else "ASC")
        sql = _FIRST_SCREEN_SQL.format(staff=_STAFF_JSON, page=page_sql)
        versions, staff, total, lines = conn.execute(sql, {"limit": limit}).fetchone()
        return versions, staff, total, lines
    except (sqlite3.Error, ValueError, TypeError):
        return None  # an odd or damaged file: the normal start reports it properly
    finally:
        conn.close()


def first_page_from(
    rows: FirstScreenRows,
    *,
    username: str | None = None,
    last_staff_id: int | None = None,
    sort: SortKey = SortKey.NAME,
    descending: bool = False,
) -> FirstPage | None:
    """The first screen from ``query_first_screen``'s rows (asked for with the same sort), or
    None when the file is not at this version's schema, has no one to act as, or is odd."""
    versions, staff, total, lines = rows
    try:
        if json.loads(versions) != [SCHEMA_HEAD]:
            return None
        acting = _acting(json.loads(staff), username, last_staff_id)
        if acting is None:
            return None  # an unknown user name, or a new database without staff
        page = None
        if lines is not None:
            # An aggregate does not promise its input order: put the lines back in the list's
            # order (SQLite compares text by code point, as Python does).
            ordered = sorted(json.loads(lines), key=lambda r: (r[C_SORT_NAME], r[0]),
                             reverse=descending)
            page = CaseloadPage(sort, descending, tuple(_line(r) for r in ordered), int(total))
        return FirstPage(acting, page)
    except (ValueError, TypeError, IndexError):
        return None  # an odd or damaged file: the normal start reports it properly


def _acting(
    staff: list[list[Any]], username: str | None, last_staff_id: int | None
) -> StaffMember | None:
    if username:
        named = [r for r in staff if r[S_USERNAME] == username]
        return _staff(named[0]) if named else None
    # The active staff in name order, as ``staff.list_staff`` gives them.
    active = sorted((r for r in staff if r[S_ACTIVE]), key=lambda r: (r[S_FAMILY], r[S_GIVEN]))
    chosen = pick_acting([(r[0], StaffRole(r[S_ROLE])) for r in active], last_staff_id)
    return next((_staff(r) for r in active if r[0] == chosen), None)


def _staff(r: Any) -> StaffMember:
    return StaffMember(
        id=r[0],
        username=str(r[1]),
        given_name=str(r[2]),
        family_name=str(r[3]),
        role=StaffRole(r[4]),
        credentials=str(r[5]),
        phone=str(r[6]),
        email=str(r[7]),
        organisation=str(r[8]),
        active=bool(r[9]),
        version=r[10],
    )


def _line(r: Any) -> ClientSummary:
    # sqlite3 hands back the stored forms; the services' typed columns read them as these.
    born, interpreter = date.fromisoformat(r[5]), bool(r[9])
    return summary_from_row((*r[:5], born, *r[6:9], interpreter, *r[10:C_SORT_NAME]))
