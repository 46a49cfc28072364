"""A fictional clinic for demonstrations, training and testing at scale.

``populate`` fills an empty database with invented staff and clients and enough work in
progress (care plans due for review, draft family sessions, home checklists with modifications
in every state, the discharge-readiness battery) for the
dashboard and caseload to look real. Every name, number and address is invented: record numbers
start with DEMO-, phone numbers are in the 555-01xx range and addresses are in Sampletown.

The same seed gives the same clinic: who the clients are (record numbers, names, dates of birth,
languages, statuses) never depends on today's date, while workflow dates (review dates, due
dates) are set relative to ``ctx.today()`` so the dashboard always has something to show.

Rows are written with bulk INSERTs and pre-assigned ids, so 50,000 clients load in seconds.
Each created record gets one audit event (parts such as diagnoses, care-team members, goals or
attendees are listed in their parent's event, as the services record them).
"""

from __future__ import annotations

import json
import math
import random
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import Any, cast

from sqlalchemy import Table, func, insert, select, text, update
from sqlalchemy.orm import Session

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
    ClientSearchTerm,
    ClinicSettings,
    EnvironmentalChecklist,
    Episode,
    FamilyMember,
    FamilySession,
    HomeModification,
    ModificationStep,
    SessionActionItem,
    SessionAttendee,
    Staff,
)
from otdesk.db.models.clinic import SETTINGS_ID
from otdesk.domain.errors import OtdeskError
from otdesk.domain.text import fold
from otdesk.domain.translation import _, fill, ngettext
from otdesk.domain.vocab import AuditAction, StaffRole
from otdesk.resources import resource_path
from otdesk.services import demo_assessments, demo_care_plans, demo_sessions
from otdesk.services._records import insert_audited, snapshot, update_audited
from otdesk.services.client_search import client_terms, sort_key
from otdesk.services.context import Context
from otdesk.services.demo_homes import home_visit
from otdesk.services.summaries import staff_name

ProgressFn = Callable[[int, int], None]

CHUNK = 2000  # clients generated and written per round
MAX_CLIENTS = 200_000
_CACHE_KIB = 256 * 1024
STATUSES = (("active", 58), ("referred", 8), ("waitlist", 10), ("on_hold", 8), ("discharged", 16))
PRIORITIES = (("routine", 70), ("soon", 20), ("urgent", 10))
# Insert order: parents before children (SQLite checks foreign keys per statement).
_ORDER: tuple[type[Base], ...] = (
    Staff, Client, ClientDiagnosis, ClientSearchTerm, FamilyMember, Episode, CareTeamMember,
    Assessment, EnvironmentalChecklist, ChecklistAnswer, HomeModification, CarePlan,
    CarePlanNeed, CarePlanGoal, CarePlanIntervention, CarePlanReview, CarePlanReviewGoal,
    CaseConference, FamilySession, SessionAttendee, SessionActionItem, ModificationStep,
    AuditEvent,
)


class DemoRefusedError(OtdeskError):
    """Demo data goes only into a database without clients."""


@dataclass(frozen=True)
class DemoSummary:
    """How many records of each kind the demo clinic received."""

    staff: int
    clients: int
    family_members: int
    episodes: int
    care_team_members: int
    care_plans: int
    goals: int
    family_sessions: int
    assessments: int
    checklists: int
    home_modifications: int
    audit_events: int


@cache
def _data(name: str) -> dict[str, Any]:
    with resource_path("demo", f"{name}.json").open(encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


def _slug(text_: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", fold(text_))


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([k for k, _ in weighted], [w for _, w in weighted])[0]


def _phone(rng: random.Random) -> str:
    return f"555-01{rng.randrange(100):02d}"


class _Writer:
    """Collects rows per table with pre-assigned ids and writes them in bulk."""

    def __init__(self, session: Session, ctx: Context) -> None:
        self.session = session
        self.ctx = ctx
        self.now = ctx.now()
        self.next_id: dict[type[Base], int] = {}
        for model in _ORDER:
            if model is not ClientSearchTerm:
                top = session.scalar(select(func.max(model.__table__.c.id)))
                self.next_id[model] = (top or 0) + 1
        self.pending: dict[type[Base], list[dict[str, Any]]] = {m: [] for m in _ORDER}
        self.to_finalise: list[tuple[int, datetime]] = []  # checklists made final once written
        self.counts: dict[type[Base], int] = dict.fromkeys(_ORDER, 0)

    def add(self, model: type[Base], values: dict[str, Any], at: datetime | None = None) -> int:
        """Queue a Tracked row; return its id."""
        row_id = self.next_id[model]
        self.next_id[model] = row_id + 1
        at = at or self.now
        values.update(
            id=row_id, uuid=uuid.uuid4(), created_at=at, updated_at=at, version=1,
            created_by_id=self.ctx.actor_id, updated_by_id=self.ctx.actor_id,
        )
        self.pending[model].append(values)
        return row_id

    def step(self, values: dict[str, Any]) -> None:
        """Queue a home modification's step (steps are not Tracked rows)."""
        values["id"] = self.next_id[ModificationStep]
        self.next_id[ModificationStep] += 1
        self.pending[ModificationStep].append(values)

    def finalise(self, checklist_id: int, at: datetime) -> None:
        """Make a queued checklist final once its answers are written (the database refuses
        answers added to a final checklist)."""
        self.to_finalise.append((checklist_id, at))

    def event(
        self, entity: str, values: dict[str, Any], client_id: int | None, changes: dict[str, Any]
    ) -> None:
        """Queue the audit event recording that ``values`` (already added) was created."""
        self.pending[AuditEvent].append({
            "id": self.next_id[AuditEvent], "occurred_at": values["created_at"],
            "actor_id": self.ctx.actor_id, "action": AuditAction.CREATE.value,
            "entity_type": entity, "entity_id": values["id"], "entity_uuid": values["uuid"],
            "client_id": client_id, "changes": changes, "workstation": self.ctx.workstation[:200],
        })
        self.next_id[AuditEvent] += 1

    def flush(self) -> None:
        """Write every queued row."""
        for model in _ORDER:
            rows = self.pending[model]
            for start in range(0, len(rows), 5000):
                # Core INSERTs of the table skip the ORM's per-row bookkeeping.
                table = cast(Table, model.__table__)
                self.session.execute(insert(table), rows[start : start + 5000])
            self.counts[model] += len(rows)
            rows.clear()
        for checklist_id, at in self.to_finalise:
            self.session.execute(
                update(EnvironmentalChecklist).where(EnvironmentalChecklist.id == checklist_id)
                .values(status="final", finalised_at=at, updated_at=at))
        self.to_finalise.clear()

    def sync_sequences(self) -> None:
        """On PostgreSQL, move each id sequence past the ids assigned here."""
        if self.session.get_bind().dialect.name != "postgresql":
            return
        for model in self.next_id:
            table = model.__tablename__
            self.session.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT COALESCE(MAX(id), 0) + 1 FROM {table}), false)"
            ))


def _set_clinic(session: Session, ctx: Context) -> None:
    values = dict(_data("content")["clinic"])
    row = session.get(ClinicSettings, SETTINGS_ID)
    if row is None:
        row = ClinicSettings(id=SETTINGS_ID, **values, logo_path="", care_plan_review_days=90,
                             reassessment_days=180, unsigned_note_hours=24, handout_language="en")
        insert_audited(session, ctx, "clinic settings", row, values)
        return
    update_audited(session, ctx, "clinic settings", row, values)


@dataclass
class _Team:
    ots: list[int]
    assistants: list[int]
    coordinators: list[int]
    psychiatrists: list[int]
    names: dict[int, str]


def _add_staff(w: _Writer, rng: random.Random, count: int) -> _Team:
    names = _data("names")["languages"]
    langs = list(names)
    taken = set(w.session.scalars(select(Staff.username)))
    n_psych = max(1, count // 10)
    n_coord = max(1, count // 8)
    n_assist = max(1, count // 8)
    roles = ([StaffRole.PSYCHIATRIST] * n_psych + [StaffRole.COORDINATOR] * n_coord
             + [StaffRole.OT_ASSISTANT] * n_assist)
    roles += [StaffRole.OT] * (count - len(roles))
    team = _Team([], [], [], [], {})
    org = _data("content")["partner_organisations"][0]
    for role in roles:
        lang = names[rng.choice(langs)]
        given, family = rng.choice(lang["given"]), rng.choice(lang["family"])
        base = f"{_slug(given)}.{_slug(family)}"
        username, n = base, 1
        while username in taken:
            n += 1
            username = f"{base}{n}"
        taken.add(username)
        external = role is StaffRole.PSYCHIATRIST
        values = {
            "username": username, "given_name": given, "family_name": family, "role": role.value,
            "credentials": {"ot": "OT", "ot_assistant": "OTA", "psychiatrist": "MD"}.get(role, ""),
            "phone": _phone(rng), "email": f"{username}@example.org",
            "organisation": org if external else "", "active": True,
        }
        staff_id = w.add(Staff, values)
        team.names[staff_id] = staff_name(given, family)
        w.event("staff member", values, None, snapshot(
            {k: values[k] for k in ("username", "given_name", "family_name", "role")}))
        if role is StaffRole.OT:
            team.ots.append(staff_id)
        elif role is StaffRole.OT_ASSISTANT:
            team.assistants.append(staff_id)
        elif role is StaffRole.COORDINATOR:
            team.coordinators.append(staff_id)
        else:
            team.psychiatrists.append(staff_id)
    return team


def _identity(rng: random.Random, number: int) -> dict[str, Any]:
    """Who client ``number`` is: drawn from the identity stream only, never from the date."""
    names = _data("names")
    langs = names["languages"]
    lang = _pick(rng, tuple((k, v["weight"]) for k, v in langs.items()))
    given, family = rng.choice(langs[lang]["given"]), rng.choice(langs[lang]["family"])
    dob = date(1946, 1, 1) + timedelta(days=rng.randrange(59 * 365))
    preferred = rng.choice(names["preferred_names"]) if rng.random() < 0.08 else ""
    pronouns = rng.choice(names["pronouns"]) if rng.random() < 0.2 else ""
    street, town = rng.choice(names["streets"]), rng.choice(names["towns"])
    diagnosis = rng.choice(_data("content")["diagnoses"])
    email = f"{_slug(given)}.{_slug(family)}{number}@example.org"
    return {
        "record_number": f"DEMO-{number:06d}",
        "given_name": given,
        "family_name": family,
        "preferred_name": preferred,
        "pronouns": pronouns,
        "date_of_birth": dob,
        "preferred_language": lang,
        "interpreter_needed": lang != "en" and rng.random() < 0.55,
        "phone": _phone(rng),
        "email": email if rng.random() < 0.6 else "",
        "address": f"{rng.randint(1, 250)} {street}, {town}",
        "consent_family": rng.random() < 0.7,
        "consent_community": rng.random() < 0.5,
        "status": _pick(rng, STATUSES),
        "priority": _pick(rng, PRIORITIES),
        "alerts": rng.choice(_data("content")["alerts"]) if rng.random() < 0.1 else "",
        "_diagnosis": diagnosis,
    }


class _Clinic:
    """Generates one client's records (workflow stream) and queues them on the writer."""

    def __init__(self, w: _Writer, rng: random.Random, team: _Team, today: date) -> None:
        self.w, self.rng, self.team, self.today = w, rng, team, today
        self.content = _data("content")
        self.names = _data("names")

    def day(self, lo: int, hi: int) -> date:
        return self.today + timedelta(days=self.rng.randint(lo, hi))

    def client(self, ident: dict[str, Any]) -> None:
        rng, w = self.rng, self.w
        diagnosis = ident.pop("_diagnosis")
        status = ident["status"]
        ot = rng.choice(self.team.ots) if status != "referred" and rng.random() < 0.97 else None
        if status in ("active", "on_hold") and ot is None:
            ot = rng.choice(self.team.ots)
        values = dict(ident, assigned_ot_id=ot,
                      sort_name=sort_key(ident["family_name"], ident["given_name"]))
        cid = w.add(Client, values)
        diag = {"text": diagnosis[0], "code": diagnosis[1],
                "code_system": "ICD-10" if diagnosis[1] else ""}
        w.add(ClientDiagnosis, dict(diag, client_id=cid, position=0))
        w.pending[ClientSearchTerm].extend(
            {"client_id": cid, "term": t}
            for t in client_terms(ident["given_name"], ident["family_name"],
                                  ident["preferred_name"], ident["record_number"])
        )
        changes = snapshot({k: v for k, v in ident.items() if v not in ("", None)})
        changes["assigned_ot_id"] = [None, ot]
        changes["diagnoses"] = [None, [diag]]
        w.event("client", values, cid, changes)
        members = self.family(cid, ident)
        episode_id, start = self.episode(cid, status, ot)
        if status == "active" and ot is not None:
            review = self.day(-60, 90)
            demo_assessments.add_history(w, ident["record_number"] + ident["given_name"], cid,
                                         episode_id, start, ot, self.today)
            if members and rng.random() < 0.15:
                self.session(cid, episode_id, ot, members)
            if rng.random() < 0.25:
                home_visit(self.w, rng, self.today, cid, episode_id, ot)
            # After the findings its needs cite.
            demo_care_plans.add_plan(w, rng, self.content, review, cid, episode_id, start, ot,
                                     ident, self.today)

    def family(self, cid: int, ident: dict[str, Any]) -> list[tuple[int, str, str]]:
        rng, lang = self.rng, ident["preferred_language"]
        members = []
        for i in range(rng.choices((0, 1, 2, 3), (25, 40, 25, 10))[0]):
            mlang = lang if rng.random() < 0.85 else "en"
            given = rng.choice(self.names["languages"][mlang]["given"])
            family = ident["family_name"] if rng.random() < 0.7 else rng.choice(
                self.names["languages"][mlang]["family"])
            scope = _pick(rng, (("general", 40), ("care_plan", 40), ("full", 20)))
            values = {
                "client_id": cid, "given_name": given, "family_name": family,
                "relationship_to_client": rng.choice(self.names["relationships"]),
                "preferred_language": mlang,
                "interpreter_needed": mlang != "en" and rng.random() < 0.4,
                "phone": _phone(rng), "email": "", "address": "",
                "consent_scope": scope if ident["consent_family"] else "none",
                "primary_caregiver": i == 0 and rng.random() < 0.6, "notes": "",
            }
            fid = self.w.add(FamilyMember, values)
            self.w.event("family member", values, cid, snapshot(
                {k: values[k] for k in ("given_name", "relationship_to_client", "consent_scope")}))
            members.append((fid, f"{given} {family}", values["relationship_to_client"]))
        return members

    def episode(self, cid: int, status: str, ot: int | None) -> tuple[int, date | None]:
        rng, c = self.rng, self.content
        ago = {"referred": (1, 30), "waitlist": (20, 150), "discharged": (250, 1200)}.get(
            status, (60, 900))
        referral = self.day(-ago[1], -ago[0])
        start = None
        values: dict[str, Any] = {
            "client_id": cid, "referral_source": rng.choice(c["referral_sources"]),
            "referral_date": referral, "referral_reason": rng.choice(c["referral_reasons"]),
            "start_date": None, "planned_discharge_date": None, "actual_discharge_date": None,
            "discharge_destination": "", "outcome": "",
        }
        if status in ("active", "on_hold", "discharged"):
            start = min(referral + timedelta(days=rng.randint(7, 45)), self.today)
            values["start_date"] = start
            values["planned_discharge_date"] = start + timedelta(days=rng.randint(180, 365))
        if status == "discharged" and start is not None:
            ended = min(start + timedelta(days=rng.randint(60, 400)), self.today)
            values.update(actual_discharge_date=ended, planned_discharge_date=ended,
                          discharge_destination=rng.choice(c["discharge_destinations"]),
                          outcome=rng.choice(c["discharge_outcomes"]))
        eid = self.w.add(Episode, values)
        team: list[dict[str, Any]] = []
        if ot is not None:
            team.append({"staff_id": ot, "name": "", "discipline": "ot",
                         "role_in_team": "Primary OT", "organisation": "", "phone": ""})
        if start is not None and rng.random() < 0.85:
            team.append({"staff_id": rng.choice(self.team.psychiatrists), "name": "",
                         "discipline": "psychiatry",
                         "role_in_team": "Treating psychiatrist",
                         "organisation": c["partner_organisations"][0], "phone": ""})
        if ot is not None and start is not None and rng.random() < 0.2:
            team.append({"staff_id": rng.choice(self.team.assistants), "name": "",
                         "discipline": "ot", "role_in_team": "OT assistant",
                         "organisation": "", "phone": ""})
        if rng.random() < 0.5:
            team.append({"staff_id": rng.choice(self.team.coordinators), "name": "",
                         "discipline": "coordinator", "role_in_team": "Case coordinator",
                         "organisation": "", "phone": ""})
        if start is not None and rng.random() < 0.15:
            team.append({"staff_id": None, "name": "Sam Partner (fictional)",
                         "discipline": "community_partner",
                         "role_in_team": "Supported employment worker",
                         "organisation": c["partner_organisations"][1], "phone": _phone(rng)})
        for member in team:
            member.update(episode_id=eid, start_date=start or referral,
                          end_date=values["actual_discharge_date"])
            self.w.add(CareTeamMember, member)
        changes = snapshot({k: v for k, v in values.items() if v not in ("", None)})
        changes["care_team"] = [None, [[m["discipline"], m["role_in_team"]] for m in team]]
        self.w.event("episode", values, cid, changes)
        return eid, start

    def session(self, cid: int, eid: int, ot: int, members: list[tuple[int, str, str]]) -> None:
        rng, w, c = self.rng, self.w, self.content
        on = self.day(-5, -1)
        local = datetime.combine(on, time(rng.randint(9, 16), rng.choice((0, 15, 30, 45))))
        at = local.astimezone().astimezone(w.now.tzinfo)
        values = {
            "client_id": cid, "episode_id": eid, "session_date": on,
            "duration_minutes": rng.choice((30, 45, 60, 90)),
            "mode": _pick(rng, (("clinic", 4), ("home", 3), ("phone", 2), ("video", 1))),
            "note_format": "dap", "note_sections": dict(rng.choice(c["session_notes"])),
            "topics": rng.sample(c["session_topics"], rng.randint(1, 3)),
            "caregiver_checkin": dict(rng.choice(c["caregiver_checkins"])),
            "handouts_given": [], "author_id": ot, "status": "draft", "signed_at": None,
            "content_hash": "",
        }
        sid = w.add(FamilySession, values, at)
        for fid, name, relationship in members[: rng.randint(1, len(members))]:
            w.add(SessionAttendee, {"session_id": sid, "family_member_id": fid,
                                    "staff_id": None, "name": name, "role": relationship}, at)
        w.add(SessionAttendee, {"session_id": sid, "family_member_id": None, "staff_id": ot,
                                "name": self.team.names[ot], "role": "Primary OT"}, at)
        for who, what in rng.sample(c["action_items"], rng.randint(1, 2)):
            w.add(SessionActionItem, {"session_id": sid, "who": who, "what": what,
                                      "due_date": on + timedelta(days=rng.randint(7, 21)),
                                      "done": False}, at)
        w.event("family session", values, cid, snapshot(
            {k: values[k] for k in ("session_date", "mode", "status", "topics")}))


def populate(
    ctx: Context, *, clients: int = 200, seed: int = 1, progress: ProgressFn | None = None
) -> DemoSummary:
    """Fill an empty database with a fictional clinic (same seed, same clinic)."""
    if not 1 <= clients <= MAX_CLIENTS:
        reason = _("The demo clinic takes 1 to {most} clients, not {count}.")
        raise DemoRefusedError(fill(reason, most=MAX_CLIENTS, count=clients))
    with ctx.transaction() as session:
        existing = session.scalar(select(func.count(Client.id))) or 0
        if existing:
            reason = ngettext(
                "The database already holds {count} client; demo data goes only into a "
                "database without clients.",
                "The database already holds {count} clients; demo data goes only into a "
                "database without clients.",
                existing,
            )
            raise DemoRefusedError(fill(reason, count=existing))
        sqlite = session.get_bind().dialect.name == "sqlite"
        if sqlite:
            # A bigger page cache for this one large transaction keeps index updates in memory.
            session.execute(text(f"PRAGMA cache_size=-{_CACHE_KIB}"))
        _set_clinic(session, ctx)
        session.flush()
        w = _Writer(session, ctx)
        staff_count = max(6, math.ceil(clients / 40))
        team = _add_staff(w, random.Random(f"otdesk-demo:{seed}:staff"), staff_count)
        w.flush()
        identities = random.Random(f"otdesk-demo:{seed}:identity")
        clinic = _Clinic(w, random.Random(f"otdesk-demo:{seed}:workflow"), team, ctx.today())
        if progress:
            progress(0, clients)
        for start in range(0, clients, CHUNK):
            for number in range(start + 1, min(start + CHUNK, clients) + 1):
                clinic.client(_identity(identities, number))
            w.flush()
            if progress:
                progress(min(start + CHUNK, clients), clients)
        w.sync_sequences()
        demo_sessions.finish(session, ctx, team.assistants, seed)
        if sqlite:
            session.execute(text("PRAGMA cache_size=-2000"))  # SQLite's default
        n = w.counts
        made = DemoSummary(
            staff=n[Staff], clients=n[Client], family_members=n[FamilyMember],
            episodes=n[Episode], care_team_members=n[CareTeamMember], care_plans=n[CarePlan],
            goals=n[CarePlanGoal], family_sessions=n[FamilySession], assessments=n[Assessment],
            checklists=n[EnvironmentalChecklist], home_modifications=n[HomeModification],
            audit_events=n[AuditEvent],
        )
    # The clinic's discharge-readiness battery, as a new clinic gets it.
    from otdesk.services.battery import ensure_default_battery

    ensure_default_battery(ctx)
    return made
