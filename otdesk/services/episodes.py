"""Episodes of care, from referral to discharge, and the care team of each episode.

A client has at most one open episode (one without an actual discharge date). An episode is
closed only by ``discharge_client``, which sets the client's status to discharged in the same
transaction, so the caseload and the episode never disagree.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from otdesk.db.models import CareTeamMember, Client, Episode, Staff
from otdesk.domain import messages
from otdesk.domain.errors import FieldError, ValidationError
from otdesk.domain.fields import CARE_TEAM_FIELDS, EPISODE_FIELDS, check_date_order, validate
from otdesk.domain.records import RecordKind
from otdesk.domain.text import fold
from otdesk.domain.translation import N_, _, format_date
from otdesk.domain.vocab import ClientStatus, Discipline
from otdesk.services import records
from otdesk.services._records import (
    editing,
    insert_audited,
    jsonable,
    load,
    update_audited,
)
from otdesk.services.context import Context
from otdesk.services.records import RecordType, mapping

ENTITY = RecordKind.EPISODE
TEAM_ENTITY = RecordKind.CARE_TEAM_MEMBER
CLIENT_ENTITY = RecordKind.CLIENT

# (earlier, later): the later date may not fall before the earlier one.
_DATE_ORDER = (
    ("referral_date", "start_date"),
    ("referral_date", "planned_discharge_date"),
    ("referral_date", "actual_discharge_date"),
    ("start_date", "planned_discharge_date"),
    ("start_date", "actual_discharge_date"),
)


@dataclass(frozen=True)
class EpisodeInfo:
    """One episode of care as lists and forms show it."""

    id: int
    uuid: uuid.UUID
    client_id: int
    referral_source: str
    referral_date: date
    referral_reason: str
    start_date: date | None
    planned_discharge_date: date | None
    actual_discharge_date: date | None
    discharge_destination: str
    outcome: str
    version: int

    @property
    def is_open(self) -> bool:
        """True until the client is discharged from this episode."""
        return self.actual_discharge_date is None

    def editable_values(self) -> dict[str, Any]:
        """The values a form edits, in the form ``update_episode`` takes them."""
        return {name: getattr(self, name) for name in EPISODE_FIELDS}

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dictionary."""
        return {k: jsonable(v) for k, v in self.__dict__.items()}


@dataclass(frozen=True)
class CareTeamEntry:
    """Someone on an episode's care team: a staff member or a named outside partner."""

    id: int
    uuid: uuid.UUID
    episode_id: int
    staff_id: int | None
    name: str
    discipline: Discipline
    role_in_team: str
    organisation: str
    phone: str
    start_date: date | None
    end_date: date | None
    version: int

    def is_current(self, today: date) -> bool:
        """Whether the member is still on the team on ``today``."""
        return self.end_date is None or self.end_date >= today

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dictionary."""
        return {k: jsonable(v) for k, v in self.__dict__.items()}


def _staff_name(session: Session, m: CareTeamMember) -> str:
    person = session.get(Staff, m.staff_id) if m.staff_id is not None else None
    return f"{person.given_name} {person.family_name}" if person is not None else m.name


_episode_dto = mapping(EpisodeInfo)
_team_dto = mapping(CareTeamEntry, name=_staff_name)


def _plain(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: getattr(v, "value", v) for k, v in values.items()}


def _check_episode_dates(values: Mapping[str, Any], today: date) -> None:
    errors: list[FieldError] = []
    for earlier, later in _DATE_ORDER:
        err = check_date_order(values, earlier, later)
        if err is not None and all(e.field != err.field for e in errors):
            errors.append(err)
    actual = values.get("actual_discharge_date")
    if isinstance(actual, date) and actual > today:
        errors.append(FieldError.of("actual_discharge_date", messages.IN_FUTURE))
    if errors:
        raise ValidationError(errors)


def _set_client_status(
    session: Session, ctx: Context, client: Client, status: ClientStatus
) -> None:
    update_audited(session, ctx, CLIENT_ENTITY, client, {"status": status}, client_id=client.id)


def list_episodes(ctx: Context, *, client_id: int) -> list[EpisodeInfo]:
    """A client's episodes of care, the newest referral first."""
    with ctx.db.reading() as session:
        load(session, Client, CLIENT_ENTITY, client_id)
        rows = session.scalars(
            select(Episode)
            .where(Episode.client_id == client_id)
            .order_by(Episode.referral_date.desc(), Episode.id.desc())
        )
        return [_episode_dto(session, e) for e in rows]


def get_episode(ctx: Context, *, episode_id: int) -> EpisodeInfo:
    """One episode of care by id."""
    return records.get(ctx, EPISODES, episode_id)


def open_episode(ctx: Context, *, client_id: int, **values: Any) -> EpisodeInfo:
    """Record a referral and open an episode of care (fields of EPISODE_FIELDS).

    Refused while the client has another open episode. A past episode entered with its actual
    discharge date is allowed at any time. Re-referring a discharged client sets their status
    back to referred (or active, when the episode has already started).
    """
    clean = validate(EPISODE_FIELDS, values, today=ctx.today())
    _check_episode_dates(clean, ctx.today())
    try:
        with ctx.transaction() as session:
            client = load(session, Client, CLIENT_ENTITY, client_id)
            opening = clean.get("actual_discharge_date") is None
            if opening:
                current = session.scalar(
                    select(Episode.referral_date)
                    .where(Episode.client_id == client_id, Episode.actual_discharge_date.is_(None))
                    .limit(1)
                )
                if current is not None:
                    raise ValidationError.single(
                        "referral_date",
                        N_("the client already has an open episode (referred {date}); "
                           "discharge it before opening another"),
                        date=current,
                    )
            row = Episode(client_id=client_id, **clean)
            insert_audited(session, ctx, ENTITY, row, clean, client_id=client_id)
            if opening and client.status == ClientStatus.DISCHARGED.value:
                started = row.start_date is not None and row.start_date <= ctx.today()
                status = ClientStatus.ACTIVE if started else ClientStatus.REFERRED
                _set_client_status(session, ctx, client, status)
            return _episode_dto(session, row)
    except IntegrityError as exc:
        # The one-open-episode index caught a save racing ours from another workstation.
        raise ValidationError.single(
            "referral_date",
            N_("another episode was opened for this client a moment ago; reload"),
        ) from exc


def _episode_rules(
    session: Session, ctx: Context, row: Episode, clean: dict[str, Any], adding: bool
) -> dict[str, Any]:
    """An edit keeps the dates in order; it neither closes an open episode (that is a
    discharge) nor reopens a closed one."""
    if "actual_discharge_date" in clean:
        new = clean["actual_discharge_date"]
        if row.actual_discharge_date is None and new is not None:
            raise ValidationError.single(
                "actual_discharge_date",
                N_("use Discharge to close an episode, so the client's status changes too"),
            )
        if row.actual_discharge_date is not None and new is None:
            raise ValidationError.single(
                "actual_discharge_date",
                N_("cannot be removed from a closed episode; open a new episode instead"),
            )
    merged = {name: getattr(row, name) for name in EPISODE_FIELDS} | clean
    _check_episode_dates(merged, ctx.today())
    return clean


EPISODES: RecordType[Episode, EpisodeInfo] = RecordType(
    kind=ENTITY,
    model=Episode,
    fields=EPISODE_FIELDS,
    info=_episode_dto,
    client_of=lambda _session, row: row.client_id,
    label=lambda row: _("referred {date}").format(date=format_date(row.referral_date)),
    prepare=_episode_rules,
)


def update_episode(
    ctx: Context, *, episode_id: int, expected_version: int, **changes: Any
) -> EpisodeInfo:
    """Change some fields of an episode; refuse a stale copy with ``ConflictError``.

    An open episode is closed with ``discharge_client``, not here; a discharge date, once set,
    may be corrected but not removed.
    """
    return records.update(ctx, EPISODES, key=episode_id, expected_version=expected_version,
                          changes=changes)


def discharge_client(
    ctx: Context,
    *,
    episode_id: int,
    expected_version: int,
    actual_discharge_date: date | str | None,
    discharge_destination: str = "",
    outcome: str = "",
) -> EpisodeInfo:
    """Close an episode and set the client's status to discharged, in one transaction.

    A blank destination or outcome keeps what the episode already holds.
    """
    given: dict[str, Any] = {"actual_discharge_date": actual_discharge_date}
    if discharge_destination:
        given["discharge_destination"] = discharge_destination
    if outcome:
        given["outcome"] = outcome
    clean = validate(EPISODE_FIELDS, given, today=ctx.today(), partial=True)
    if clean["actual_discharge_date"] is None:
        raise ValidationError.single("actual_discharge_date", messages.REQUIRED)
    with editing(ctx, Episode, ENTITY, episode_id, expected_version) as (session, row):
        if row.actual_discharge_date is not None:
            raise ValidationError.single(
                "actual_discharge_date",
                N_("the episode was already closed on {date}"),
                date=row.actual_discharge_date,
            )
        merged = {name: getattr(row, name) for name in EPISODE_FIELDS} | clean
        _check_episode_dates(merged, ctx.today())
        # Always a change: the open episode gets its discharge date.
        update_audited(session, ctx, ENTITY, row, clean, client_id=row.client_id)
        client = load(session, Client, CLIENT_ENTITY, row.client_id)
        _set_client_status(session, ctx, client, ClientStatus.DISCHARGED)
        return _episode_dto(session, row)


def _check_staff(session: Session, staff_id: int) -> Staff:
    person = session.get(Staff, staff_id)
    if person is None:
        raise ValidationError.single("staff_id", messages.NO_STAFF_WITH_ID, id=str(staff_id))
    if not person.active:
        raise ValidationError.single(
            "staff_id", messages.STAFF_INACTIVE, name=f"{person.given_name} {person.family_name}"
        )
    return person


def _check_team_values(values: Mapping[str, Any]) -> None:
    errors: list[FieldError] = []
    if values.get("staff_id") is None and not str(values.get("name") or "").strip():
        errors.append(FieldError.of("name", N_("is required when no staff member is chosen")))
    err = check_date_order(values, "start_date", "end_date")
    if err is not None:
        errors.append(err)
    if errors:
        raise ValidationError(errors)


def _team_rules(
    session: Session, ctx: Context, row: CareTeamMember, clean: dict[str, Any], adding: bool
) -> dict[str, Any]:
    """Someone is named (a staff member or a name), the dates are in order, and a staff member
    chosen is an active one."""
    merged = clean if adding else {name: getattr(row, name) for name in CARE_TEAM_FIELDS} | clean
    _check_team_values(merged)
    staff_id = clean.get("staff_id")
    if staff_id is not None and (adding or staff_id != row.staff_id):
        _check_staff(session, staff_id)
    return clean


def _client_of_member(session: Session, row: CareTeamMember) -> int | None:
    episode = session.get(Episode, row.episode_id)
    return episode.client_id if episode is not None else None


CARE_TEAM: RecordType[CareTeamMember, CareTeamEntry] = RecordType(
    kind=TEAM_ENTITY,
    model=CareTeamMember,
    fields=CARE_TEAM_FIELDS,
    info=_team_dto,
    client_of=_client_of_member,
    label=lambda row: row.name or row.role_in_team,
    parent="episode_id",
    parent_model=Episode,
    parent_kind=ENTITY,
    prepare=_team_rules,
)


def _team_sort_key(today: date) -> Any:
    def key(m: CareTeamEntry) -> tuple[bool, str, int]:
        return (not m.is_current(today), fold(m.name), m.id)

    return key


def list_care_team(ctx: Context, *, episode_id: int) -> list[CareTeamEntry]:
    """An episode's care team: current members first, then by name."""
    with ctx.db.reading() as session:
        load(session, Episode, ENTITY, episode_id)
        rows = session.execute(
            select(CareTeamMember, Staff)
            .outerjoin(Staff, Staff.id == CareTeamMember.staff_id)
            .where(CareTeamMember.episode_id == episode_id)
        ).all()
        entries = [_team_dto(session, m) for m, _person in rows]
    return sorted(entries, key=_team_sort_key(ctx.today()))


def get_care_team_member(ctx: Context, *, member_id: int) -> CareTeamEntry:
    """One care-team entry by id."""
    return records.get(ctx, CARE_TEAM, member_id)


def add_care_team_member(ctx: Context, *, episode_id: int, **values: Any) -> CareTeamEntry:
    """Add someone to an episode's care team (fields of CARE_TEAM_FIELDS).

    Either ``staff_id`` of an active staff member or a ``name`` is required.
    """
    return records.create(ctx, CARE_TEAM, owner=episode_id, values=values)


def update_care_team_member(
    ctx: Context, *, member_id: int, expected_version: int, **changes: Any
) -> CareTeamEntry:
    """Change a care-team entry; refuse a stale copy with ``ConflictError``."""
    return records.update(ctx, CARE_TEAM, key=member_id, expected_version=expected_version,
                          changes=changes)


def remove_care_team_member(ctx: Context, *, member_id: int, expected_version: int) -> None:
    """Take someone off a care team; the audit trail keeps the values that were removed."""
    records.remove(ctx, CARE_TEAM, key=member_id, expected_version=expected_version)
