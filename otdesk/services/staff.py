"""Staff members and external care-team members."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from otdesk.db.models import Staff
from otdesk.domain import messages
from otdesk.domain.errors import FieldError, NotFoundError, ValidationError
from otdesk.domain.fields import STAFF_FIELDS
from otdesk.domain.records import RecordKind
from otdesk.domain.translation import _
from otdesk.domain.vocab import StaffRole
from otdesk.services import records
from otdesk.services.context import Context
from otdesk.services.records import RecordType
from otdesk.services.summaries import StaffMember

ENTITY = RecordKind.STAFF_MEMBER


_COLUMNS = (
    Staff.id,
    Staff.username,
    Staff.given_name,
    Staff.family_name,
    Staff.role,
    Staff.credentials,
    Staff.phone,
    Staff.email,
    Staff.organisation,
    Staff.active,
    Staff.version,
)


def _dto(s: Staff | Any) -> StaffMember:
    """A staff member from an ORM row or a row of ``_COLUMNS`` (same attribute names)."""
    return StaffMember(
        id=s.id,
        username=s.username,
        given_name=s.given_name,
        family_name=s.family_name,
        role=StaffRole(s.role),
        credentials=s.credentials,
        phone=s.phone,
        email=s.email,
        organisation=s.organisation,
        active=s.active,
        version=s.version,
    )


def _unique_username(
    session: Session, ctx: Context, row: Staff, clean: dict[str, Any], adding: bool
) -> dict[str, Any]:
    """A user name names one staff member only."""
    if "username" in clean:
        other = session.scalar(select(Staff.id).where(Staff.username == clean["username"]))
        if other is not None and (adding or other != row.id):
            raise _taken(clean["username"])
    return clean


STAFF: RecordType[Staff, StaffMember] = RecordType(
    kind=ENTITY,
    model=Staff,
    fields=STAFF_FIELDS,
    info=lambda _session, row: _dto(row),
    client_of=lambda _session, _row: None,
    label=lambda row: row.username,
    prepare=_unique_username,
)


def create_staff(ctx: Context, **values: Any) -> StaffMember:
    """Add a staff member (fields of STAFF_FIELDS)."""
    try:
        return records.create(ctx, STAFF, values=values)
    except IntegrityError as exc:
        # Another workstation took the same user name between our check and our insert.
        raise _taken(str(values.get("username", ""))) from exc


def _taken(username: str) -> ValidationError:
    return ValidationError(FieldError.of("username", messages.IN_USE, value=username))


def update_staff(
    ctx: Context, *, staff_id: int, expected_version: int, **changes: Any
) -> StaffMember:
    """Change a staff member's details (deactivate with ``active=False``)."""
    try:
        return records.update(ctx, STAFF, key=staff_id, expected_version=expected_version,
                              changes=changes)
    except IntegrityError as exc:
        raise _taken(str(changes.get("username", ""))) from exc


def get_staff(ctx: Context, *, staff_id: int) -> StaffMember:
    """One staff member by id."""
    return records.get(ctx, STAFF, staff_id)


def find_staff(ctx: Context, *, username: str) -> StaffMember:
    """One staff member by user name."""
    with ctx.db.reading() as session:
        row = session.scalar(select(Staff).where(Staff.username == username))
        if row is None:
            raise NotFoundError(ENTITY, _("user name {username}").format(username=username))
        return _dto(row)


def list_staff(
    ctx: Context, *, roles: tuple[StaffRole, ...] = (), active_only: bool = True
) -> list[StaffMember]:
    """Staff members by name, optionally only some roles."""
    # Plain columns, not ORM objects: pickers list every staff member, often at start-up.
    query = select(*_COLUMNS).order_by(Staff.family_name, Staff.given_name)
    if active_only:
        query = query.where(Staff.active.is_(True))
    if roles:
        query = query.where(Staff.role.in_([r.value for r in roles]))
    with ctx.db.reading() as session:
        return [_dto(row) for row in session.execute(query)]


def ensure_administrator(ctx: Context) -> StaffMember:
    """Make sure the database has at least one staff member: the built-in administrator."""
    first = _first_staff(ctx)
    if first is not None:
        return first
    try:
        return create_staff(
            ctx,
            username="admin",
            given_name="Clinic",
            family_name="Administrator",
            role=StaffRole.ADMINISTRATOR,
        )
    except ValidationError:
        # Two workstations opened a new database at the same moment and the other one made
        # the administrator first (the user name is unique): that one will do.
        first = _first_staff(ctx)
        if first is None:
            raise
        return first


def _first_staff(ctx: Context) -> StaffMember | None:
    with ctx.db.reading() as session:
        first = session.scalar(select(Staff).order_by(Staff.id).limit(1))
        return _dto(first) if first is not None else None
