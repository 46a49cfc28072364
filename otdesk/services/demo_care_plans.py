"""The demo clinic's care plans: a plan for each client in active care, some with a history of
superseded versions, each version started at a case conference, some with the next version
already drafted; reviews rate the goals and keep their GAS T-score; needs cite the client's own
demo assessments and home modifications.

Used by ``otdesk.services.demo``; queues rows on its writer (after the client's assessments and
home visit, whose queued rows give the records a need cites).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from otdesk.db.models import (
    Assessment,
    CarePlan,
    CarePlanGoal,
    CarePlanIntervention,
    CarePlanNeed,
    CarePlanReview,
    CarePlanReviewGoal,
    CaseConference,
    HomeModification,
)
from otdesk.domain.care_plans import review_t_score
from otdesk.services._records import snapshot

if TYPE_CHECKING:
    from otdesk.services.demo import _Writer

PERIOD = 90  # days a version is in effect before the next one
LINKED = ("discharge-readiness", "daily-living-skills")  # assessments a need may cite
ATTENDEES = (
    {"discipline": "ot", "name": "Primary OT"},
    {"discipline": "psychiatry", "name": "Treating psychiatrist"},
    {"discipline": "coordinator", "name": "Case coordinator"},
)
VIEWS = (
    ("Feels the routine is easier to keep on weekdays.", "Sees fewer missed meals at home."),
    ("Wants to try the bus alone next.", "Worried about evenings but glad of the plan."),
    ("Says the alarms help; mornings still slow.", "Would like more say in the shopping."),
)
DECISIONS = (
    "Keep the goals in effect; add one step towards independence in the next version.",
    "Mark the achieved goal, carry the rest forward, and review medication timing.",
    "Continue as planned; the family takes over the weekly reminder.",
)


def _findings(w: _Writer, cid: int) -> tuple[list[tuple[str, int, str]], list[tuple[int, str]]]:
    """The client's queued final assessments a need may cite (kind, id, score key) and home
    modifications (id, item key)."""
    found: list[tuple[str, int, str]] = []
    for row in w.pending[Assessment]:
        if row["client_id"] == cid and row["status"] == "final" and (
                row["instrument_id"] in LINKED):
            scores = (row.get("scores") or {}).get("scores") or []
            banded = [s["key"] for s in scores if s.get("band")]
            found.append(("assessment", row["id"], banded[-1] if banded else ""))
    mods = [(row["id"], row["item_key"]) for row in w.pending[HomeModification]
            if row["client_id"] == cid]
    return found, mods


def add_plan(
    w: _Writer, rng: random.Random, content: dict[str, Any], review: date, cid: int,
    eid: int, start: date | None, ot: int, ident: dict[str, Any], today: date,
) -> None:
    """A care plan for a client in care whose version in effect falls due for review on
    ``review``: one to three versions (each later one a copy of the one before with a need
    added, started at a case conference), sometimes a draft of the next, reviews of the
    versions that were in effect, and needs citing the client's findings."""
    versions = rng.choices((1, 2, 3), (55, 30, 15))[0]
    effective = review - timedelta(days=PERIOD)
    if start is not None:
        effective = max(effective, start)
        while versions > 1 and effective - timedelta(days=PERIOD * (versions - 1)) < start:
            versions -= 1  # no version in effect before the episode began
    drafted = rng.random() < 0.2
    templates = rng.sample(content["needs"], min(len(content["needs"]), versions + 2))
    assessed, mods = _findings(w, cid)
    if mods:  # the home-safety need cites the home modification it came from
        safety = next((t for t in content["needs"] if t["domain"] == "home safety"), None)
        if safety is not None and safety not in templates[:2]:
            templates.insert(1, safety)
    sources: dict[int, tuple[str, int, str]] = {}
    for n, t in enumerate(templates):
        if t["domain"] == "home safety" and mods:
            sources[n] = ("modification", mods[0][0], mods[0][1])
        elif assessed and n == 0:
            sources[n] = assessed[-1]
    firsts = [effective - timedelta(days=PERIOD * (versions - 1 - v)) for v in range(versions)]
    previous: int | None = None
    goals_of: dict[int, list[tuple[int, float]]] = {}
    ids: list[int] = []
    for v in range(versions + (1 if drafted else 0)):
        status = ("draft" if v == versions else "active" if v == versions - 1
                  else "superseded")
        begins = firsts[v] if v < versions else None
        ends = firsts[v + 1] if v + 1 < versions else review
        count = min(len(templates), max(1, rng.randint(1, 2)) + v)
        pid = _version(w, content, cid, eid, ot, ident, v + 1, status, previous, begins,
                       ends, templates[:count], sources, goals_of, achieved=v > 0)
        ids.append(pid)
        previous = pid
    for v, pid in enumerate(ids[:versions]):
        begins, ends = firsts[v], firsts[v + 1] if v + 1 < versions else today
        _reviews(w, rng, cid, ot, pid, goals_of[pid], begins, min(ends, today), v, versions)
    for v in range(len(ids) - 1):
        held = firsts[v + 1] - timedelta(days=1) if v + 1 < versions else max(
            firsts[-1], today - timedelta(days=rng.randint(1, 10)))
        following = firsts[v + 2] if v + 2 < versions else review
        _conference(w, rng, cid, ot, ids[v], ids[v + 1], held, following)


def _version(
    w: _Writer, content: dict[str, Any], cid: int, eid: int, ot: int,
    ident: dict[str, Any], number: int, status: str, based_on: int | None,
    effective: date | None, review: date, templates: list[dict[str, Any]],
    sources: dict[int, tuple[str, int, str]], goals_of: dict[int, list[tuple[int, float]]],
    *, achieved: bool,
) -> int:
    values = {
        "client_id": cid, "episode_id": eid, "plan_version": number, "status": status,
        "effective_from": effective, "review_date": review, "author_id": ot,
        "summary": content["plan_summaries"][(cid + len(templates)) %
                                             len(content["plan_summaries"])],
        "share_with_family": ident["consent_family"],
        "share_with_partners": ident["consent_community"], "based_on_id": based_on,
    }
    pid = w.add(CarePlan, values)
    goals: list[tuple[int, float]] = []
    interventions = 0
    for pos, t in enumerate(templates):
        kind, source_id, detail = sources.get(pos, (None, None, ""))
        need_id = w.add(CarePlanNeed, {
            "care_plan_id": pid, "position": pos, "text": t["need"],
            "symptom_or_barrier": t["barrier"], "activity_limited": t["domain"],
            "source_kind": kind, "source_id": source_id, "source_detail": detail})
        levels = {str(level): text_ for level, text_ in zip(range(-2, 3), t["gas"],
                                                               strict=True)}
        # In a later version the first goal was met at the conference that started it.
        done = achieved and pos == 0
        weight = 2.0 if pos == 0 and len(templates) > 2 else 1.0
        goal_id = w.add(CarePlanGoal, {
            "care_plan_id": pid, "need_id": need_id, "position": pos, "text": t["goal"],
            "plain_language": _family_words(t["family"], ident["preferred_language"]),
            "measure": t.get("measure", ""), "domain": t["domain"], "baseline": t["baseline"],
            "target_date": review + timedelta(days=(pos * 17) % 60),
            "gas_levels": levels, "gas_weight": weight,
            "status": "achieved" if done else "active", "status_reason": "",
        })
        goals.append((goal_id, weight))
        for what, how_often, discipline, who, *family in \
                t["interventions"][: 1 + (pos + cid) % 2]:
            w.add(CarePlanIntervention, {
                "care_plan_id": pid, "goal_id": goal_id, "position": interventions,
                "description": what, "frequency": how_often, "discipline": discipline,
                "owner_name": who, "plain_language": _family_words(
                    family[0], ident["preferred_language"]) if family else {},
            })
            interventions += 1
    goals_of[pid] = goals
    changes = snapshot({k: values[k] for k in ("plan_version", "status", "review_date",
                                               "based_on_id")})
    changes["goals"] = [None, [t["goal"] for t in templates]]
    w.event("care plan", values, cid, changes)
    return pid


def _family_words(texts: dict[str, str], language: str) -> dict[str, str]:
    """A goal or family task as the OT wrote it for the family: in English, and in the
    family's language too when the demo has that wording."""
    out = {"en": texts["en"]}
    if language in texts:
        out[language] = texts[language]
    return out


def _reviews(w: _Writer, rng: random.Random, cid: int, ot: int, pid: int,
             goals: list[tuple[int, float]], begins: date, ends: date, v: int,
             versions: int) -> None:
    """One or two reviews while the version was in effect, rating later versions higher."""
    span = (ends - begins).days
    if span < 14:
        return
    for n in range(rng.choice((1, 2))):
        on = begins + timedelta(days=span * (n + 1) // 3)
        lift = (v + n) / max(versions, 1)
        rated = [(gid, weight, max(-2, min(2, round(rng.uniform(-1.6, 0.4) + 2 * lift))))
                 for gid, weight in goals]
        score = review_t_score((level, weight) for _gid, weight, level in rated)
        values = {"care_plan_id": pid, "review_date": on, "reviewer_id": ot,
                  "t_score": score, "notes": ""}
        rid = w.add(CarePlanReview, values)
        for gid, _weight, level in rated:
            w.add(CarePlanReviewGoal, {"review_id": rid, "goal_id": gid, "level": level,
                                       "note": ""})
        w.event("care plan review", values, cid, snapshot(
            {"review_date": on, "t_score": score,
             "levels": {str(gid): level for gid, _weight, level in rated}}))


def _conference(w: _Writer, rng: random.Random, cid: int, ot: int, pid: int, started: int,
                held: date, following: date) -> None:
    """The joint review that started the next version."""
    client_view, family_view = rng.choice(VIEWS)
    attendees = [dict(a) for a in ATTENDEES[: rng.choice((2, 3))]]
    attendees.append({"discipline": "family", "name": "Family member"})
    values = {"care_plan_id": pid, "held_on": held, "author_id": ot, "attendees": attendees,
              "client_view": client_view, "family_view": family_view,
              "decisions": rng.choice(DECISIONS), "next_review_date": following,
              "starts_new_version": True, "new_plan_id": started}
    w.add(CaseConference, values)
    w.event("case conference", values, cid, snapshot(
        {k: values[k] for k in ("held_on", "next_review_date", "new_plan_id")}))
