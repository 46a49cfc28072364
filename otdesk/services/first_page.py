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

_STAFF_COLUMNS = """
SELECT id, username, given_name, family_name, role, credentials, phone, email,
       organisation, active, version FROM staff
"""
_ACTIVE_SQL = "SELECT id, role FROM staff WHERE active = 1 ORDER BY family_name, given_name"

_PAGE_SQL = """
SELECT c.id, c.record_number, c.given_name, c.family_name, c.preferred_name,
       c.date_of_birth, c.status, c.priority, c.preferred_language, c.interpreter_needed,
       c.assigned_ot_id, ot.given_name, ot.family_name, c.version
FROM clients AS c LEFT OUTER JOIN staff AS ot ON ot.id = c.assigned_ot_id
ORDER BY c.sort_name {direction}, c.id {direction} LIMIT ?
"""


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
        version = conn.execute("SELECT version_num FROM alembic_version").fetchall()
        if version != [(SCHEMA_HEAD,)]:
            return None
        acting = _acting(conn, username, last_staff_id)
        if acting is None:
            return None  # an unknown user name, or a new database without staff
        page = None
        if sort is SortKey.NAME:
            direction = "DESC" if descending else "ASC"
            rows = conn.execute(_PAGE_SQL.format(direction=direction), (limit,)).fetchall()
            (total,) = conn.execute("SELECT count(id) FROM clients").fetchone()
            page = CaseloadPage(sort, descending, tuple(_line(r) for r in rows), int(total))
        return FirstPage(acting, page)
    except (sqlite3.Error, ValueError, TypeError):
        return None  # an odd or damaged file: the normal start reports it properly
    finally:
        conn.close()


def _acting(
    conn: sqlite3.Connection, username: str | None, last_staff_id: int | None
) -> StaffMember | None:
    if username:
        row = conn.execute(f"{_STAFF_COLUMNS} WHERE username = ?", (username,)).fetchone()
    else:
        active = [(r[0], StaffRole(r[1])) for r in conn.execute(_ACTIVE_SQL)]
        chosen = pick_acting(active, last_staff_id)
        row = conn.execute(f"{_STAFF_COLUMNS} WHERE id = ?", (chosen,)).fetchone()
    return None if row is None else _staff(row)


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
    return summary_from_row((*r[:5], born, *r[6:9], interpreter, *r[10:]))
