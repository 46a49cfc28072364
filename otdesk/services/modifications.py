"""Home modifications: a hazard found on a checklist becomes a change to the home, tracked step
by step (recommended, agreed, ordered, installed, verified, or declined) until it is done.

A modification's fields are edited like any record (``update_modification``); its status
moves only through ``advance``, which records one step (when it happened, who did it, who
recorded it, a note) and refuses moves ``otdesk.domain.modifications`` does not allow.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from otdesk.db.models import Client, EnvironmentalChecklist, HomeModification, ModificationStep
from otdesk.db.models import Staff as StaffRow
from otdesk.db.types import MAX_CENTS
from otdesk.domain import messages
from otdesk.domain.errors import FieldError, ValidationError
from otdesk.domain.fields import Field, validate
from otdesk.domain.modifications import is_overdue, next_statuses, refusal
from otdesk.domain.records import RecordKind
from otdesk.domain.text import LONG_MAX
from otdesk.domain.translation import N_
from otdesk.domain.vocab import AuditAction, ModificationOwner, ModificationStatus, Priority
from otdesk.services import records
from otdesk.services._records import audit, editing, insert_audited, jsonable, load
from otdesk.services.context import Context
from otdesk.services.dashboard_sources._shared import client_name
from otdesk.services.records import RecordType, mapping

ENTITY = RecordKind.HOME_MODIFICATION
S = ModificationStatus

MODIFICATION_FIELDS: dict[str, Field] = {
    "area": Field("text", max_length=100),
    "item_key": Field("text", max_length=100),
    "recommendation": Field("longtext", required=True, max_length=LONG_MAX),
    "category": Field("text", max_length=64),
    "priority": Field("choice", choices=Priority),
    "owner": Field("choice", choices=ModificationOwner),
    "owner_name": Field("text", max_length=200),
    "estimated_cost_cents": Field("int", minimum=0, maximum=MAX_CENTS),
    "funding_source": Field("text", max_length=200),
    "due_date": Field("date"),
    "notes": Field("longtext", max_length=LONG_MAX),
}
STEP_FIELDS: dict[str, Field] = {
    "status": Field("choice", required=True, choices=ModificationStatus),
    "on_date": Field("date", required=True),
    "who": Field("text", max_length=200),
    "note": Field("longtext", max_length=LONG_MAX),
}
NOT_THIS_CLIENTS = N_("checklist {id} is not one of this client's checklists")
STEP_BEFORE = N_("is before the last step ({date})")


@dataclass(frozen=True)
class ModificationInfo:
    """A home modification as lists and forms show it."""

    id: int
    uuid: uuid.UUID
    client_id: int
    checklist_id: int | None
    item_key: str
    area: str
    recommendation: str
    category: str
    priority: Priority
    owner: ModificationOwner
    owner_name: str
    estimated_cost_cents: int | None
    funding_source: str
    status: ModificationStatus
    due_date: date | None
    completed_on: date | None
    notes: str
    version: int
    status_on: date | None  # the day of the latest step

    @property
    def is_open(self) -> bool:
        """Whether someone still has to act on it (recommended, agreed or ordered)."""
        return self.status.is_open

    def is_overdue(self, today: date) -> bool:
        """Whether it is still open past its due date."""
        return is_overdue(self.status, self.due_date, today)

    def next_statuses(self) -> list[ModificationStatus]:
        """The statuses it may move to next."""
        return next_statuses(self.status)

    def editable_values(self) -> dict[str, Any]:
        """The values a form edits, as ``update_modification`` takes them."""
        return {name: getattr(self, name) for name in MODIFICATION_FIELDS}

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dictionary."""
        return {k: jsonable(v) for k, v in self.__dict__.items()}


@dataclass(frozen=True)
class StepInfo:
    """One status a modification reached."""

    id: int
    modification_id: int
    status: ModificationStatus
    on_date: date
    recorded_at: datetime
    recorded_by: str  # the staff member who recorded it ("" when unknown)
    who: str  # who did it, in the recorder's words
    note: str

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dictionary."""
        return {k: jsonable(v) for k, v in self.__dict__.items()}


@dataclass(frozen=True)
class ClinicModification:
    """A modification in the clinic-wide roll-up, with its client."""

    modification: ModificationInfo
    client_id: int
    client_name: str
    record_number: str
    overdue: bool

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dictionary."""
        return {"client_id": self.client_id, "client_name": self.client_name,
                "record_number": self.record_number, "overdue": self.overdue,
                **self.modification.to_json()}


@dataclass(frozen=True)
class ClinicModifications:
    """The clinic-wide roll-up: the lines asked for and how many there are of each status
    (counted over every status, with the same owner and staff filters)."""

    lines: list[ClinicModification]
    counts: dict[ModificationStatus, int] = field(default_factory=dict)
    overdue: int = 0


_LAST_STEPS = "otdesk.modifications.last_steps"  # session.info: dates read ahead for a list


def _status_on(session: Session, row: HomeModification) -> date | None:
    known: dict[int, date] | None = session.info.get(_LAST_STEPS)
    if known is not None and row.id in known:
        return known[row.id]
    return session.scalar(
        select(ModificationStep.on_date).where(ModificationStep.modification_id == row.id)
        .order_by(ModificationStep.id.desc()).limit(1)
    )


def _read_last_steps(session: Session, ids: list[int]) -> None:
    """Read the latest step's date of many modifications at once, for ``_status_on``."""
    known: dict[int, date] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for row in session.execute(
            select(ModificationStep.modification_id, func.max(ModificationStep.on_date))
            .where(ModificationStep.modification_id.in_(chunk))
            .group_by(ModificationStep.modification_id)
        ):
            known[row[0]] = row[1]
    session.info[_LAST_STEPS] = known


MODIFICATIONS: RecordType[HomeModification, ModificationInfo] = RecordType(
    kind=ENTITY,
    model=HomeModification,
    fields=MODIFICATION_FIELDS,
    info=mapping(ModificationInfo, status_on=_status_on),
    client_of=lambda _session, row: row.client_id,
    label=lambda row: row.recommendation.strip().splitlines()[0][:60] if row.recommendation
    else row.id,
    parent="client_id",
    parent_model=Client,
    parent_kind=RecordKind.CLIENT,
)


def _step(session: Session, ctx: Context, row: HomeModification, status: ModificationStatus,
          on_date: date, who: str = "", note: str = "") -> ModificationStep:
    step = ModificationStep(
        uuid=uuid.uuid4(), modification_id=row.id, status=status.value, on_date=on_date,
        recorded_at=ctx.now(), recorded_by_id=ctx.actor_id, who=who, note=note,
    )
    session.add(step)
    return step


def create_modification(
    ctx: Context, *, client_id: int, checklist_id: int | None = None, on_date: date | None = None,
    **values: Any,
) -> ModificationInfo:
    """Recommend a modification for a client (fields of MODIFICATION_FIELDS), from one of the
    client's checklists when ``checklist_id`` is given; its first step, "recommended", is
    dated ``on_date`` (today when left out)."""
    clean = validate(MODIFICATION_FIELDS, values, today=ctx.today())
    when = on_date or ctx.today()
    with ctx.transaction() as session:
        load(session, Client, RecordKind.CLIENT, client_id)
        if checklist_id is not None:
            checklist = session.get(EnvironmentalChecklist, checklist_id)
            if checklist is None or checklist.client_id != client_id:
                raise ValidationError.single("checklist_id", NOT_THIS_CLIENTS, id=checklist_id)
        row = HomeModification(client_id=client_id, checklist_id=checklist_id,
                               status=S.RECOMMENDED.value)
        stored = MODIFICATIONS.stored(session, ctx, row, clean, adding=True)
        for name, value in stored.items():
            setattr(row, name, value)
        insert_audited(session, ctx, ENTITY, row,
                       {**stored, "checklist_id": checklist_id, "status": S.RECOMMENDED.value},
                       client_id=client_id)
        _step(session, ctx, row, S.RECOMMENDED, when)
        session.flush()
        return MODIFICATIONS.info(session, row)


def get_modification(ctx: Context, *, modification_id: int) -> ModificationInfo:
    """One modification by id."""
    return records.get(ctx, MODIFICATIONS, modification_id)


def update_modification(
    ctx: Context, *, modification_id: int, expected_version: int, **changes: Any
) -> ModificationInfo:
    """Change some fields (not the status: see ``advance``); refuse a stale copy with
    ``ConflictError``."""
    return records.update(ctx, MODIFICATIONS, key=modification_id,
                          expected_version=expected_version, changes=changes)


def advance(
    ctx: Context, *, modification_id: int, expected_version: int, status: object,
    on_date: object, who: str = "", note: str = "",
) -> ModificationInfo:
    """Move a modification to ``status`` on ``on_date``, done by ``who``: one new step.

    Refused (``ValidationError`` on "status") when the move is not allowed: nothing follows
    verified or declined, a status never goes back, verified needs installed first, and an
    installed change can no longer be declined. The date may not be in the future nor before
    the last step. Installing sets the completion date.
    """
    clean = validate(STEP_FIELDS, {"status": status, "on_date": on_date, "who": who,
                                   "note": note}, today=ctx.today())
    target = ModificationStatus(clean["status"])
    when: date = clean["on_date"]
    with editing(ctx, HomeModification, ENTITY, modification_id, expected_version,
                 named=MODIFICATIONS.label) as (session, row):
        why = refusal(ModificationStatus(row.status), target)
        if why is not None:
            raise ValidationError(FieldError("status", why))
        if when > ctx.today():
            raise ValidationError(FieldError.of("on_date", messages.IN_FUTURE))
        last = _status_on(session, row)
        if last is not None and when < last:
            raise ValidationError(FieldError.of("on_date", STEP_BEFORE, date=last))
        changed: dict[str, Any] = {"status": [row.status, target.value]}
        row.status = target.value
        if target is S.INSTALLED:
            changed["completed_on"] = [jsonable(row.completed_on), when.isoformat()]
            row.completed_on = when
        row.updated_at = ctx.now()
        row.updated_by_id = ctx.actor_id
        _step(session, ctx, row, target, when, clean["who"], clean["note"])
        changed["step"] = [None, {"on_date": when.isoformat(), "who": clean["who"],
                                  "note": clean["note"]}]
        audit(session, ctx, AuditAction.UPDATE, ENTITY, row, changed, client_id=row.client_id)
        return MODIFICATIONS.info(session, row)


def history(ctx: Context, *, modification_id: int) -> list[StepInfo]:
    """Every step of a modification, the first ("recommended") first."""
    with ctx.db.reading() as session:
        load(session, HomeModification, ENTITY, modification_id)
        rows = session.execute(
            select(ModificationStep, StaffRow.given_name, StaffRow.family_name)
            .outerjoin(StaffRow, StaffRow.id == ModificationStep.recorded_by_id)
            .where(ModificationStep.modification_id == modification_id)
            .order_by(ModificationStep.id)
        ).all()
        return [
            StepInfo(
                id=s.id, modification_id=s.modification_id, status=ModificationStatus(s.status),
                on_date=s.on_date, recorded_at=s.recorded_at,
                recorded_by=f"{given or ''} {family or ''}".strip(), who=s.who, note=s.note,
            )
            for s, given, family in rows
        ]


def _order(m: ModificationInfo) -> tuple[bool, date, int]:
    return (not m.is_open, m.due_date or date.max, m.id)


def list_for_client(
    ctx: Context, *, client_id: int, open_only: bool = False
) -> list[ModificationInfo]:
    """A client's modifications, the open ones first by due date (``open_only``: those
    alone)."""
    with ctx.db.reading() as session:
        load(session, Client, RecordKind.CLIENT, client_id)
        stmt = select(HomeModification).where(HomeModification.client_id == client_id)
        if open_only:
            stmt = stmt.where(HomeModification.status.in_(_OPEN))
        rows = list(session.scalars(stmt))
        _read_last_steps(session, [r.id for r in rows])
        found = [MODIFICATIONS.info(session, r) for r in rows]
        return sorted(found, key=_order)


_OPEN = tuple(s.value for s in ModificationStatus if s.is_open)


AnySelect = Select[*tuple[Any, ...]]


def _filtered(
    stmt: AnySelect, owner: ModificationOwner | None, staff_id: int | None
) -> AnySelect:
    if owner is not None:
        stmt = stmt.where(HomeModification.owner == ModificationOwner(owner).value)
    if staff_id is not None:
        stmt = stmt.where(Client.assigned_ot_id == staff_id)
    return stmt


def list_clinic(
    ctx: Context, *, owner: ModificationOwner | str | None = None,
    status: ModificationStatus | str | None = None, overdue_only: bool = False,
    staff_id: int | None = None, open_only: bool = True,
) -> ClinicModifications:
    """The clinic's modifications with their clients: the open ones (or those of ``status``),
    of one ``owner``, only the overdue, or only those of the clients ``staff_id`` is assigned;
    the overdue first, then by due date. Counts per status come with them."""
    today = ctx.today()
    own = ModificationOwner(owner) if owner else None
    with ctx.db.reading() as session:
        stmt = _filtered(
            select(HomeModification, Client.given_name, Client.family_name,
                   Client.preferred_name, Client.record_number)
            .join(Client, Client.id == HomeModification.client_id), own, staff_id)
        if status:
            stmt = stmt.where(HomeModification.status == ModificationStatus(status).value)
        elif open_only or overdue_only:
            stmt = stmt.where(HomeModification.status.in_(_OPEN))
        if overdue_only:
            stmt = stmt.where(HomeModification.due_date < today)
        lines = []
        found = session.execute(stmt).all()
        _read_last_steps(session, [r[0].id for r in found])
        for row, given, family, preferred, number in found:
            info = MODIFICATIONS.info(session, row)
            lines.append(ClinicModification(
                info, row.client_id, client_name(given, family, preferred or ""), number,
                info.is_overdue(today)))
        counted = session.execute(_filtered(
            select(HomeModification.status, func.count())
            .join(Client, Client.id == HomeModification.client_id), own, staff_id)
            .group_by(HomeModification.status)).all()
        overdue = session.scalar(_filtered(
            select(func.count()).select_from(HomeModification)
            .join(Client, Client.id == HomeModification.client_id)
            .where(HomeModification.status.in_(_OPEN), HomeModification.due_date < today),
            own, staff_id)) or 0
    counts = Counter({ModificationStatus(r[0]): int(r[1]) for r in counted})
    lines.sort(key=lambda line: (not line.overdue, line.modification.due_date or date.max,
                                 line.client_name, line.modification.id))
    return ClinicModifications(lines, {s: counts.get(s, 0) for s in ModificationStatus},
                               overdue)
