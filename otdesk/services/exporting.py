"""Exporting one client's whole record as machine-readable JSON.

The export holds every row otdesk keeps about the client (the client and diagnoses, family
members, episodes with their care team, assessments, environmental checklists with answers,
home modifications, family sessions with attendees, action items, signatures and addenda,
care plans with needs, goals and interventions, and the client's audit events), plus the staff
members those rows refer to. Every column of every row is written, so nothing is lost when a
model gains a field. Dates are ISO 8601 text and UUIDs are strings.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

import otdesk
from otdesk.db.base import Base
from otdesk.db.models import (
    Assessment,
    AuditEvent,
    CarePlan,
    CarePlanGoal,
    CarePlanIntervention,
    CarePlanNeed,
    CarePlanReview,
    CarePlanReviewGoal,
    CareTeamMember,
    CaseConference,
    ChecklistAnswer,
    Client,
    ClientDiagnosis,
    EnvironmentalChecklist,
    Episode,
    FamilyMember,
    FamilySession,
    HomeModification,
    SessionActionItem,
    SessionAddendum,
    SessionAttendee,
    SessionSignature,
    Staff,
)
from otdesk.domain.errors import NotFoundError, ValidationError
from otdesk.domain.records import RecordKind
from otdesk.domain.translation import N_, _
from otdesk.domain.vocab import AuditAction
from otdesk.services._records import audit, jsonable
from otdesk.services.context import Context

FORMAT_NAME = "otdesk-client-record"
# 2: a record's author is "author_id" in every table, a signature's signer "signer_id", and a
# home modification's cost "estimated_cost_cents" (a whole number of cents).
FORMAT_VERSION = 2
ENTITY = RecordKind.CLIENT

# Staff columns are written as ids; the export lists those staff members once, by id.
_STAFF_FIELDS = (
    "id",
    "uuid",
    "username",
    "given_name",
    "family_name",
    "role",
    "credentials",
    "organisation",
)


def row_json(row: Base) -> dict[str, Any]:
    """Every column of a row, JSON-ready (dates ISO, UUIDs as text)."""
    mapper = inspect(type(row))
    return {attr.key: jsonable(getattr(row, attr.key)) for attr in mapper.column_attrs}


def _staff_ids(row: Base) -> set[int]:
    """The staff ids a row refers to through its foreign keys."""
    ids: set[int] = set()
    for attr in inspect(type(row)).column_attrs:
        for column in attr.columns:
            if any(fk.column.table.name == Staff.__tablename__ for fk in column.foreign_keys):
                value = getattr(row, attr.key)
                if isinstance(value, int):
                    ids.add(value)
    return ids


class _Collector:
    """Turns rows into JSON and remembers which staff members they mention."""

    def __init__(self) -> None:
        self.staff: set[int] = set()

    def one(self, row: Base, **children: list[dict[str, Any]]) -> dict[str, Any]:
        self.staff |= _staff_ids(row)
        return row_json(row) | children

    def many(self, rows: Iterable[Base]) -> list[dict[str, Any]]:
        return [self.one(r) for r in rows]


def _children(
    session: Session, model: Any, column: Any, parent_ids: Sequence[int]
) -> dict[int, list[Any]]:
    """Rows of ``model`` whose ``column`` is one of ``parent_ids``, grouped by that column."""
    grouped: dict[int, list[Any]] = {i: [] for i in parent_ids}
    if parent_ids:
        for row in session.scalars(select(model).where(column.in_(parent_ids)).order_by(model.id)):
            grouped[getattr(row, column.key)].append(row)
    return grouped


def _of_client(session: Session, model: Any, client_id: int) -> list[Any]:
    query = select(model).where(model.client_id == client_id).order_by(model.id)
    return list(session.scalars(query))


def _gather(session: Session, ctx: Context, c: Client) -> dict[str, Any]:
    out = _Collector()
    diagnoses = _of_client(session, ClientDiagnosis, c.id)
    client = out.one(c, diagnoses=out.many(diagnoses))

    episodes = _of_client(session, Episode, c.id)
    teams = _children(session, CareTeamMember, CareTeamMember.episode_id, [e.id for e in episodes])
    episode_json = [out.one(e, care_team=out.many(teams[e.id])) for e in episodes]

    checklists = _of_client(session, EnvironmentalChecklist, c.id)
    answers = _children(
        session, ChecklistAnswer, ChecklistAnswer.checklist_id, [k.id for k in checklists]
    )
    checklist_json = [out.one(k, answers=out.many(answers[k.id])) for k in checklists]

    sessions = _of_client(session, FamilySession, c.id)
    ids = [s.id for s in sessions]
    attendees = _children(session, SessionAttendee, SessionAttendee.session_id, ids)
    actions = _children(session, SessionActionItem, SessionActionItem.session_id, ids)
    signatures = _children(session, SessionSignature, SessionSignature.session_id, ids)
    addenda = _children(session, SessionAddendum, SessionAddendum.session_id, ids)
    session_json = [
        out.one(
            s,
            attendees=out.many(attendees[s.id]),
            action_items=out.many(actions[s.id]),
            signatures=out.many(signatures[s.id]),
            addenda=out.many(addenda[s.id]),
        )
        for s in sessions
    ]

    plans = _of_client(session, CarePlan, c.id)
    ids = [p.id for p in plans]
    needs = _children(session, CarePlanNeed, CarePlanNeed.care_plan_id, ids)
    goals = _children(session, CarePlanGoal, CarePlanGoal.care_plan_id, ids)
    interventions = _children(
        session, CarePlanIntervention, CarePlanIntervention.care_plan_id, ids
    )
    reviews = _children(session, CarePlanReview, CarePlanReview.care_plan_id, ids)
    rated = _children(session, CarePlanReviewGoal, CarePlanReviewGoal.review_id,
                      [r.id for group in reviews.values() for r in group])
    conferences = _children(session, CaseConference, CaseConference.care_plan_id, ids)
    plan_json = [
        out.one(
            p,
            needs=out.many(needs[p.id]),
            goals=out.many(goals[p.id]),
            interventions=out.many(interventions[p.id]),
            reviews=[out.one(r, goals=out.many(rated[r.id])) for r in reviews[p.id]],
            conferences=out.many(conferences[p.id]),
        )
        for p in plans
    ]

    record: dict[str, Any] = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "otdesk_version": otdesk.__version__,
        "exported_at": jsonable(ctx.now()),
        "exported_by": None,
        "client": client,
        "family_members": out.many(_of_client(session, FamilyMember, c.id)),
        "episodes": episode_json,
        "assessments": out.many(_of_client(session, Assessment, c.id)),
        "environmental_checklists": checklist_json,
        "home_modifications": out.many(_of_client(session, HomeModification, c.id)),
        "family_sessions": session_json,
        "care_plans": plan_json,
        "audit_events": out.many(_of_client(session, AuditEvent, c.id)),
    }
    if ctx.actor_id is not None:
        out.staff.add(ctx.actor_id)
    people = session.scalars(select(Staff).where(Staff.id.in_(out.staff)).order_by(Staff.id))
    staff = {s.id: {k: jsonable(getattr(s, k)) for k in _STAFF_FIELDS} for s in people}
    record["exported_by"] = staff.get(ctx.actor_id) if ctx.actor_id is not None else None
    record["staff"] = list(staff.values())
    return record


def _load_client(session: Session, client_id: int) -> Client:
    c = session.get(Client, client_id)
    if c is None:
        raise NotFoundError(ENTITY, _("id {id}").format(id=client_id))
    return c


def _audit_export(session: Session, ctx: Context, c: Client, target: str) -> None:
    changes = {"format": [None, FORMAT_NAME], "format_version": [None, FORMAT_VERSION]}
    if target:
        changes["file"] = [None, target]
    audit(session, ctx, AuditAction.EXPORT, ENTITY, c, changes, client_id=c.id)


def export_client(ctx: Context, *, client_id: int) -> dict[str, Any]:
    """The client's whole record as a JSON-ready dictionary (the export is audited)."""
    with ctx.transaction() as session:
        c = _load_client(session, client_id)
        record = _gather(session, ctx, c)
        _audit_export(session, ctx, c, "")
        return record


def export_client_to_file(
    ctx: Context, *, client_id: int, path: Path, overwrite: bool = False
) -> Path:
    """Write the client's whole record to a JSON file; audited only if the file was written."""
    path = Path(path)
    if path.exists() and not overwrite:
        raise ValidationError.single("out", N_("{path} already exists"), path=str(path))
    if not path.parent.is_dir():
        raise ValidationError.single(
            "out", N_("the folder {folder} does not exist"), folder=str(path.parent)
        )
    with ctx.transaction() as session:
        c = _load_client(session, client_id)
        record = _gather(session, ctx, c)
        _audit_export(session, ctx, c, path.name)
        session.flush()
        try:
            _write_atomically(path, record)
        except OSError as exc:
            raise ValidationError.single(
                "out", N_("{path} cannot be written ({problem})"), path=str(path),
                problem=exc.strerror or str(exc),
            ) from exc
    return path


def _write_atomically(path: Path, record: dict[str, Any]) -> None:
    # A crash mid-write must not leave half a file under the chosen name.
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False, indent=2)
            f.write("\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
