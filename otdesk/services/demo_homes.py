"""The demo clinic's home visits: a checklist answered from the shipped home environment
checklist, its hazards turned into modifications in every state, each with its steps.

Used by ``otdesk.services.demo``; queues rows on its writer. Texts come from the definition
in English (the demo clinic's records are written in English).
"""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from otdesk.db.models import ChecklistAnswer, EnvironmentalChecklist, HomeModification
from otdesk.domain.definitions import FLAG_HAZARD, Definition, recommendations
from otdesk.services._records import snapshot
from otdesk.services.definitions import library

if TYPE_CHECKING:
    from otdesk.services.demo import _Writer

CHECKLIST_ID = "home-environment"
PATHS = {  # a status, and the steps that lead to it
    "recommended": ("recommended",),
    "agreed": ("recommended", "agreed"),
    "ordered": ("recommended", "agreed", "ordered"),
    "installed": ("recommended", "agreed", "ordered", "installed"),
    "verified": ("recommended", "agreed", "ordered", "installed", "verified"),
    "declined": ("recommended", "declined"),
}
STATUS_WEIGHTS = (("recommended", 4), ("agreed", 3), ("ordered", 3), ("installed", 2),
                  ("verified", 2), ("declined", 1))
FUNDING = {"client": "Client", "family": "Family", "landlord": "Landlord repairs",
           "ot": "Clinic equipment budget", "contractor": "Home-modification grant"}
WHO = {"agreed": ("Client", "Client and family", "Client and landlord"),
       "ordered": ("Harbour Housing", "OT", "Family"),
       "installed": ("Contractor", "Family", "Landlord's handyman", "Client"),
       "verified": ("OT on home visit",),
       "declined": ("Client",)}
NOTES = {"declined": ("Prefers to keep the room as it is", "Moving house soon"),
         "verified": ("Checked in use; client confident", "Fitted well; no further action")}


def _definition() -> Definition | None:
    lib = library()
    return lib.get(CHECKLIST_ID) if CHECKLIST_ID in lib else None


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([k for k, _ in weighted], [w for _, w in weighted])[0]


def _at(day: date) -> datetime:
    return datetime.combine(day, time(15, 0)).astimezone()


def _due(rng: random.Random, today: date, visit: date, status: str) -> date:
    # Open ones fall due from a month ago to six weeks ahead: some late, most not yet.
    if status in ("recommended", "agreed", "ordered"):
        return max(visit + timedelta(days=14), today + timedelta(days=rng.randint(-30, 45)))
    return visit + timedelta(days=rng.randint(21, 75))


def home_visit(w: _Writer, rng: random.Random, today: date, cid: int, eid: int | None,
               ot: int | None) -> None:
    """Queue one home checklist for a client, and modifications for its hazards."""
    definition = _definition()
    if definition is None:
        return
    visit = today - timedelta(days=rng.randint(20, 150))
    final = rng.random() < 0.8
    hazardous = [r.item for r in definition.recommendations]
    chosen = set(rng.sample(hazardous, rng.randint(2, 4)))
    answers: dict[str, str] = {"risk_check": "no"}
    for item in definition.visible_items(answers):
        scale = definition.scale_of(item)
        if item.key in answers or scale is None:
            continue
        codes = {o.code: o for o in scale.options}
        if item.key in chosen:
            answers[item.key] = next(c for c, o in codes.items() if FLAG_HAZARD in o.flags)
        elif "not_applicable" in codes and rng.random() < 0.1:
            answers[item.key] = "not_applicable"
        else:
            answers[item.key] = next(c for c, o in codes.items() if FLAG_HAZARD not in o.flags)
    at = _at(visit)
    values = {"client_id": cid, "episode_id": eid, "template_id": definition.id,
              "template_version": definition.version, "setting": "home", "visit_date": visit,
              "author_id": ot, "status": "draft", "summary": "", "finalised_at": None}
    checklist_id = w.add(EnvironmentalChecklist, values, at)
    w.event("checklist", values, cid, snapshot(
        {k: values[k] for k in ("template_id", "template_version", "visit_date")}))
    for key, code in answers.items():
        option = definition.scale_of(definition.item(key))
        meaning = "no_hazard"
        if option is not None and (o := option.option(code)) is not None:
            meaning = "hazard" if FLAG_HAZARD in o.flags else (
                "not_applicable" if o.not_applicable else "no_hazard")
        w.add(ChecklistAnswer, {"checklist_id": checklist_id, "item_key": key, "code": code,
                                "area": definition.section_of(key).key, "answer": meaning,
                                "note": ""}, at)
    if not final:
        return  # a visit still being written up: its hazards not yet turned into changes
    w.finalise(checklist_id, _at(visit + timedelta(days=1)))
    for rec in recommendations(definition, answers):
        _modification(w, rng, today, cid, checklist_id, visit, definition, rec, ot)


def _modification(w: _Writer, rng: random.Random, today: date, cid: int, checklist_id: int,
                  visit: date, definition: Definition, rec: Any, ot: int | None) -> None:
    status = _pick(rng, STATUS_WEIGHTS)
    path = PATHS[status]
    span = max((today - visit).days, len(path))
    days = sorted(rng.sample(range(1, span + 1), len(path) - 1)) if len(path) > 1 else []
    dates = [visit, *(visit + timedelta(days=d) for d in days)]
    installed = dates[path.index("installed")] if "installed" in path else None
    owner = rec.owner.value
    values = {
        "client_id": cid, "checklist_id": checklist_id, "item_key": rec.item_key,
        "area": definition.section_of(rec.item_key).title.text("en")[:100],
        "recommendation": rec.text.text("en"), "category": rec.category,
        "priority": rec.priority.value, "owner": owner,
        "owner_name": "Harbour Housing" if owner == "landlord" and rng.random() < 0.5 else "",
        "estimated_cost_cents": rng.choice((5, 15, 20, 25, 40, 60, 120, 150, 300)) * 100,
        "funding_source": FUNDING.get(owner, ""), "status": status,
        "due_date": _due(rng, today, visit, status), "completed_on": installed,
        "notes": "",
    }
    mod_id = w.add(HomeModification, values, _at(visit))
    w.event("home modification", values, cid, snapshot(
        {k: values[k] for k in ("area", "recommendation", "status", "due_date")}))
    for step, on in zip(path, dates, strict=True):
        who = rng.choice(WHO[step]) if step in WHO else ""
        note = rng.choice(NOTES[step]) if step in NOTES else ""
        w.step({"uuid": uuid.uuid4(), "modification_id": mod_id, "status": step, "on_date": on,
                "recorded_at": _at(on), "recorded_by_id": ot, "who": who, "note": note})
