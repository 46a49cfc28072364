"""Clients: create, read, update, search, and the diagnoses kept with them."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import Select, func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from otdesk.db.models import (
    AuditEvent,
    Client,
    ClientDiagnosis,
    ClientSearchTerm,
    Episode,
    Staff,
)
from otdesk.domain import messages
from otdesk.domain.errors import FieldError, NotFoundError, ValidationError
from otdesk.domain.fields import CLIENT_FIELDS, DIAGNOSIS_FIELDS, parse_choice, validate
from otdesk.domain.record_numbers import following, pattern_of
from otdesk.domain.records import RecordKind
from otdesk.domain.translation import N_, _
from otdesk.domain.vocab import AuditAction, ClientStatus, Priority
from otdesk.services._records import (
    apply_changes,
    audit,
    audit_values,
    editing,
    jsonable,
    load,
    note,
    snapshot,
    stamp_new,
)
from otdesk.services.client_search import client_terms, index_terms, search_filter, sort_key
from otdesk.services.context import Context
from otdesk.services.records import mapping
from otdesk.services.summaries import ClientSummary, staff_name, summary_from_row

ENTITY = RecordKind.CLIENT
EPISODE_ENTITY = RecordKind.EPISODE


@dataclass(frozen=True)
class Diagnosis:
    """A diagnosis as written, with an optional code."""

    text: str
    code: str = ""
    code_system: str = ""


@dataclass(frozen=True)
class ClientDetail:
    """Everything kept about a client on the client record itself."""

    id: int
    uuid: uuid.UUID
    record_number: str
    given_name: str
    family_name: str
    preferred_name: str
    pronouns: str
    date_of_birth: date
    preferred_language: str
    interpreter_needed: bool
    phone: str
    email: str
    address: str
    consent_family: bool
    consent_community: bool
    status: ClientStatus
    priority: Priority
    assigned_ot_id: int | None
    assigned_ot: str
    alerts: str
    diagnoses: tuple[Diagnosis, ...]
    version: int
    created_at: datetime
    updated_at: datetime

    @property
    def display_name(self) -> str:
        """"Given (Preferred) Family" as a header shows it."""
        pref = f" ({self.preferred_name})" if self.preferred_name else ""
        return f"{self.given_name}{pref} {self.family_name}"

    def editable_values(self) -> dict[str, Any]:
        """The values a form edits, in the form ``update_client`` takes them."""
        return {name: getattr(self, name) for name in CLIENT_FIELDS} | {
            "diagnoses": list(self.diagnoses)
        }

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dictionary."""
        data = {k: jsonable(v) for k, v in self.__dict__.items() if k != "diagnoses"}
        data["diagnoses"] = [d.__dict__ for d in self.diagnoses]
        return data


def summary_json(c: ClientSummary) -> dict[str, Any]:
    """A JSON-ready dictionary of a caseload line."""
    return {k: jsonable(v) for k, v in c.__dict__.items()}


ASSIGNED_OT = aliased(Staff)

SUMMARY_COLUMNS = (
    Client.id,
    Client.record_number,
    Client.given_name,
    Client.family_name,
    Client.preferred_name,
    Client.date_of_birth,
    Client.status,
    Client.priority,
    Client.preferred_language,
    Client.interpreter_needed,
    Client.assigned_ot_id,
    ASSIGNED_OT.given_name,
    ASSIGNED_OT.family_name,
    Client.version,
)


def summary_select() -> Select[*tuple[Any, ...]]:
    """SELECT of caseload lines (joined to the assigned OT's name)."""
    return select(*SUMMARY_COLUMNS).outerjoin(ASSIGNED_OT, ASSIGNED_OT.id == Client.assigned_ot_id)


def _assigned_ot(session: Session, c: Client) -> str:
    ot = session.get(Staff, c.assigned_ot_id) if c.assigned_ot_id else None
    return staff_name(ot.given_name, ot.family_name) if ot else ""


_detail = mapping(
    ClientDetail,
    assigned_ot=_assigned_ot,
    diagnoses=lambda _session, c: tuple(
        Diagnosis(d.text, d.code, d.code_system) for d in c.diagnoses
    ),
)


def _check_diagnoses(items: Any, today: date) -> list[Diagnosis]:
    if not isinstance(items, list | tuple):
        raise ValidationError.single("diagnoses", N_("must be a list"))
    out: list[Diagnosis] = []
    errors: list[FieldError] = []
    for i, item in enumerate(items, start=1):
        values = item.__dict__ if isinstance(item, Diagnosis) else dict(item)
        try:
            clean = validate(DIAGNOSIS_FIELDS, values, today=today)
        except ValidationError as exc:
            errors.extend(replace(e, field=f"diagnoses[{i}].{e.field}") for e in exc.errors)
            continue
        out.append(Diagnosis(clean["text"], clean.get("code", ""), clean.get("code_system", "")))
    if errors:
        raise ValidationError(errors)
    return out


def _check_refs(session: Session, values: dict[str, Any]) -> None:
    ot_id = values.get("assigned_ot_id")
    if ot_id is not None:
        ot = session.get(Staff, ot_id)
        if ot is None:
            raise ValidationError.single("assigned_ot_id", messages.NO_STAFF_WITH_ID, id=str(ot_id))
        if not ot.active:
            raise ValidationError.single(
                "assigned_ot_id", messages.STAFF_INACTIVE, name=f"{ot.given_name} {ot.family_name}"
            )


def _check_unique_record_number(session: Session, number: str, own_id: int | None) -> None:
    found = session.scalar(select(Client.id).where(Client.record_number == number))
    if found is not None and found != own_id:
        raise _record_number_taken(number)


def _record_number_taken(number: str) -> ValidationError:
    return ValidationError(FieldError.of("record_number", messages.IN_USE, value=number))


def _set_diagnoses(session: Session, ctx: Context, c: Client, items: list[Diagnosis]) -> bool:
    current = [Diagnosis(d.text, d.code, d.code_system) for d in c.diagnoses]
    if current == items:
        return False
    c.diagnoses.clear()
    session.flush()
    for pos, d in enumerate(items):
        row = ClientDiagnosis(position=pos, text=d.text, code=d.code, code_system=d.code_system)
        stamp_new(row, ctx)
        c.diagnoses.append(row)
    return True


# Statuses of a client in the clinic's care: each has an episode of care open, so that what
# falls due for them (first assessment, reviews) is found. Active and on hold have started.
IN_CARE = (ClientStatus.REFERRED, ClientStatus.WAITLIST, ClientStatus.ACTIVE,
           ClientStatus.ON_HOLD)
STARTED = (ClientStatus.ACTIVE, ClientStatus.ON_HOLD)


@dataclass(frozen=True)
class Referral:
    """How a new client came to the clinic, for the episode their record opens with."""

    referral_date: date | None = None  # None: today
    referral_source: str = ""


def _episode_values(ctx: Context, status: str, referral: Referral) -> dict[str, Any] | None:
    """The episode a client of ``status`` is given when added (None for a discharged one)."""
    if ClientStatus(status) not in IN_CARE:
        return None
    referred = referral.referral_date or ctx.today()
    started = ClientStatus(status) in STARTED
    return {"referral_date": referred, "referral_source": referral.referral_source,
            "start_date": referred if started else None}


def _open_episodes(
    session: Session, ctx: Context, wanted: Sequence[tuple[Client, dict[str, Any]]]
) -> None:
    """Open an episode of care for each client with its values, audited as any episode."""
    rows = []
    for client, values in wanted:
        row = Episode(client_id=client.id, **values)
        stamp_new(row, ctx)
        rows.append(row)
    session.add_all(rows)
    session.flush()
    events = [
        audit_values(ctx, AuditAction.CREATE, EPISODE_ENTITY, row, snapshot(values),
                     client_id=client.id)
        for row, (client, values) in zip(rows, wanted, strict=True)
    ]
    if events:
        session.execute(insert(AuditEvent), events)
        note(session, EPISODE_ENTITY, [r.id for r in rows], clients=[c.id for c, _v in wanted])


def _insert_clients(
    session: Session,
    ctx: Context,
    items: Sequence[tuple[dict[str, Any], list[Diagnosis]]],
    referrals: Sequence[Referral] | None = None,
) -> list[Client]:
    """Insert already validated clients with their diagnoses, search terms and audit events,
    and an open episode of care for each client in care (``referrals`` say how they came).

    Shared by ``create_client`` (one client) and the CSV importer (many at once); the caller
    has checked record numbers and staff references. One flush inserts every row.
    """
    made: list[Client] = []
    for clean, diagnoses in items:
        c = Client(**{k: (v.value if isinstance(v, Enum) else v) for k, v in clean.items()})
        c.sort_name = sort_key(c.family_name, c.given_name)
        stamp_new(c, ctx)
        rows = []
        for pos, d in enumerate(diagnoses):
            row = ClientDiagnosis(position=pos, text=d.text, code=d.code, code_system=d.code_system)
            stamp_new(row, ctx)
            rows.append(row)
        c.diagnoses = rows
        made.append(c)
    session.add_all(made)
    session.flush()
    terms: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    for c, (clean, diagnoses) in zip(made, items, strict=True):
        terms.extend(
            {"client_id": c.id, "term": t}
            for t in client_terms(c.given_name, c.family_name, c.preferred_name, c.record_number)
        )
        changes = snapshot(clean)
        if diagnoses:
            changes["diagnoses"] = [None, [d.__dict__ for d in diagnoses]]
        events.append(audit_values(ctx, AuditAction.CREATE, ENTITY, c, changes, client_id=c.id))
    if terms:
        session.execute(insert(ClientSearchTerm), terms)
    session.execute(insert(AuditEvent), events)
    note(session, ENTITY, [c.id for c in made], clients=[c.id for c in made])
    given = referrals if referrals is not None else [Referral()] * len(made)
    episodes = [(c, values) for c, referral in zip(made, given, strict=True)
                if (values := _episode_values(ctx, c.status, referral)) is not None]
    _open_episodes(session, ctx, episodes)
    return made


def create_client(ctx: Context, **values: Any) -> ClientDetail:
    """Add a client to the clinic's books. Keyword arguments are the fields of CLIENT_FIELDS,
    plus ``diagnoses`` (a list of ``Diagnosis`` or dictionaries)."""
    diagnoses_in = values.pop("diagnoses", [])
    clean, diagnoses = _validated(values, diagnoses_in, ctx.today(), partial=False)
    assert diagnoses is not None
    try:
        with ctx.transaction() as session:
            _check_unique_record_number(session, clean["record_number"], None)
            _check_refs(session, clean)
            [c] = _insert_clients(session, ctx, [(clean, diagnoses)])
            return _detail(session, c)
    except IntegrityError as exc:
        taken = _number_race(ctx, clean)
        if taken is None:
            raise
        raise taken from exc


def _validated(
    values: dict[str, Any], diagnoses_in: Any, today: date, *, partial: bool
) -> tuple[dict[str, Any], list[Diagnosis] | None]:
    # Check the fields and the diagnoses together, so one save reports every problem.
    errors: list[FieldError] = []
    clean: dict[str, Any] = {}
    diagnoses = None
    try:
        clean = validate(CLIENT_FIELDS, values, today=today, partial=partial)
    except ValidationError as exc:
        errors.extend(exc.errors)
    if diagnoses_in is not None:
        try:
            diagnoses = _check_diagnoses(diagnoses_in, today)
        except ValidationError as exc:
            errors.extend(exc.errors)
    if errors:
        raise ValidationError(errors)
    return clean, diagnoses


def _number_race(ctx: Context, clean: dict[str, Any]) -> ValidationError | None:
    """Explain a write that broke a constraint after the uniqueness check had passed.

    If another workstation took the record number in between, that is reported like any
    duplicate; otherwise None (the failure is not ours to explain).
    """
    number = clean.get("record_number")
    if number is not None:
        with ctx.db.reading() as session:
            if session.scalar(select(Client.id).where(Client.record_number == number)):
                return _record_number_taken(number)
    return None


def update_client(
    ctx: Context, *, client_id: int, expected_version: int, **changes: Any
) -> ClientDetail:
    """Change some fields of a client; refuse if the client was saved by someone else since
    ``expected_version`` was read (``ConflictError``)."""
    diagnoses_in = changes.pop("diagnoses", None)
    clean, diagnoses = _validated(changes, diagnoses_in, ctx.today(), partial=True)
    try:
        with editing(
            ctx, Client, ENTITY, client_id, expected_version, named=lambda c: c.record_number
        ) as (session, c):
            if "record_number" in clean:
                _check_unique_record_number(session, clean["record_number"], c.id)
            _check_refs(session, clean)
            changed = apply_changes(c, ctx, clean)
            if diagnoses is not None:
                before = [Diagnosis(d.text, d.code, d.code_system) for d in c.diagnoses]
                if before != diagnoses:
                    changed["diagnoses"] = [
                        [d.__dict__ for d in before],
                        [d.__dict__ for d in diagnoses],
                    ]
                    c.updated_at = ctx.now()
                    c.updated_by_id = ctx.actor_id
            if not changed:
                return _detail(session, c)
            # Set every column before the first flush so the version moves by exactly one.
            c.sort_name = sort_key(c.family_name, c.given_name)
            if "diagnoses" in changed:
                _set_diagnoses(session, ctx, c, diagnoses or [])
            if changed.keys() & {"given_name", "family_name", "preferred_name", "record_number"}:
                index_terms(session, c)
            session.flush()
            audit(session, ctx, AuditAction.UPDATE, ENTITY, c, changed, client_id=c.id)
            if "status" in changed:
                _keep_in_care(session, ctx, c)
            return _detail(session, c)
    except IntegrityError as exc:
        taken = _number_race(ctx, clean)
        if taken is None:
            raise
        raise taken from exc


def _keep_in_care(session: Session, ctx: Context, c: Client) -> None:
    """A client who comes into care (say, from discharged to active) gets an episode opened
    today, unless one is open already."""
    values = _episode_values(ctx, c.status, Referral())
    if values is None:
        return
    open_now = session.scalar(
        select(Episode.id).where(Episode.client_id == c.id,
                                 Episode.actual_discharge_date.is_(None)).limit(1)
    )
    if open_now is None:
        _open_episodes(session, ctx, [(c, values)])


def get_client(ctx: Context, *, client_id: int) -> ClientDetail:
    """One client's record."""
    with ctx.db.reading() as session:
        return _detail(session, load(session, Client, ENTITY, client_id))


def find_by_record_number(ctx: Context, *, record_number: str) -> ClientDetail:
    """One client by record number (exact, ignoring surrounding spaces)."""
    with ctx.db.reading() as session:
        c = session.scalar(select(Client).where(Client.record_number == record_number.strip()))
        if c is None:
            number = record_number.strip()
            raise NotFoundError(ENTITY, _("record number {number}").format(number=number))
        return _detail(session, c)


def suggest_record_number(ctx: Context) -> str:
    """A free record number that follows the clinic's latest one in its pattern
    ("DEMO-000301" after "DEMO-000300"); "" when there are no clients yet or the latest
    record number does not end in a number."""
    with ctx.db.reading() as session:
        latest = session.scalar(select(Client.record_number).order_by(Client.id.desc()).limit(1))
        pattern = pattern_of(latest) if latest else None
        if pattern is None:
            return ""
        # The highest numbers of the same shape (SQLite's LIKE ignores case: ``following``
        # checks the exact prefix, so "ot-9999" is not taken for the "OT-" sequence).
        same_shape = session.scalars(
            select(Client.record_number)
            .where(
                Client.record_number.startswith(pattern.prefix, autoescape=True),
                func.length(Client.record_number) == pattern.width,
            )
            .order_by(Client.record_number.desc())
            .limit(50)
        )
        value = following(pattern, same_shape)
        while session.scalar(
            select(Client.id).where(Client.record_number == pattern.number(value))
        ):  # a number typed by hand out of sequence
            value += 1
        return pattern.number(value)


def search_clients(
    ctx: Context,
    *,
    text: str = "",
    status: ClientStatus | str | None = None,
    assigned_ot_id: int | None = None,
    limit: int | None = 100,
) -> list[ClientSummary]:
    """Clients whose names, record number or date of birth match ``text``, by name."""
    query = summary_select()
    where = search_filter(text)
    if where is not None:
        query = query.where(where)
    if status:
        query = query.where(Client.status == parse_choice("status", ClientStatus, status).value)
    if assigned_ot_id is not None:
        query = query.where(Client.assigned_ot_id == assigned_ot_id)
    query = query.order_by(Client.sort_name, Client.id)
    if limit is not None:
        query = query.limit(limit)
    with ctx.db.reading() as session:
        return [summary_from_row(r) for r in session.execute(query)]


def count_clients(ctx: Context) -> int:
    """How many clients the clinic has on its books (all statuses)."""
    with ctx.db.reading() as session:
        return session.scalar(select(func.count(Client.id))) or 0
