"""Assessments for the demo clinic: for active clients, administrations over the episode that
show progress (discharge readiness, daily living skills, priorities, goal attainment), task
logs with several trials, external results and a few drafts.

Rows go through the demo's bulk writer (``otdesk.services.demo``), each with its audit event.
Answers come from a client's progress level (0 = much support needed, 1 = independent), and
their scores from the definition engine, so charts, comparisons and the battery have real
numbers to show. Everything is fictional and reproducible: each client's history is drawn
from a generator seeded with the demo's seed and the client's id.
"""

from __future__ import annotations

import random
import re
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any, Protocol

from otdesk.db.models import Assessment
from otdesk.domain.definitions import Definition, ItemType, score
from otdesk.services._records import snapshot
from otdesk.services.definitions import library

SHARE = 0.6  # the active clients given an assessment history
SCALES = ("discharge-readiness", "daily-living-skills", "client-priorities",
          "goal-attainment-scaling")
EXTERNAL = (("barthel-index", 0, 100, 5), ("kohlman-living-skills", 0, 20, 0.5),
            ("allen-cognitive-level", 3, 6, 0.2))
TASKS = ("Prepare a simple meal", "Pay a bill", "Take the bus to the clinic",
         "Do a weekly food shop")
ASSISTANCE = ("hands_on", "prompts", "set_up", "independent")
PROBLEMS = ("Cooking a hot meal", "Getting up on time", "Using the bus alone",
            "Keeping track of money", "Keeping the flat tidy", "Meeting friends")
GOALS = ("Cooks twice a week without prompts", "Gets to the day centre on time",
         "Pays rent before the due date", "Goes shopping alone weekly",
         "Takes medicines from the blister pack")
COMMENTS = ("Fictional demo record.", "Seen at home; good engagement.",
            "Seen at the clinic; tired on the day.", "")
_NUMBERED_TEXT = re.compile(r"^(problem|goal)(\d+)$")


class Writer(Protocol):
    """What the demo's bulk writer offers (``otdesk.services.demo._Writer``)."""

    now: datetime

    def add(self, model: Any, values: dict[str, Any], at: datetime | None = None) -> int: ...

    def event(self, entity: str, values: dict[str, Any], client_id: int | None,
              changes: dict[str, Any]) -> None: ...


def add_history(w: Writer, seed: object, cid: int, eid: int, start: date | None,
                ot: int, today: date) -> None:
    """Give one active client (in care since ``start``) their assessments."""
    rng = random.Random(f"otdesk-demo:{seed}:assessments:{cid}")
    if start is None or rng.random() >= SHARE:
        return
    first = min(start + timedelta(days=rng.randint(3, 14)), today)
    progress = rng.uniform(0.15, 0.45)
    gain = rng.uniform(0.25, 0.5)
    for definition_id in SCALES:
        if definition_id != SCALES[0] and rng.random() < 0.35:
            continue
        dates = _dates(rng, first, today, rng.randint(2, 4))
        variant = rng.randrange(3)  # the same client answers alike from one time to the next
        for n, on in enumerate(dates):
            level = progress + gain * n / max(len(dates) - 1, 1)
            draft = n == len(dates) - 1 and n > 0 and rng.random() < 0.12
            answers = _answers(definition_id, round(min(level, 1.0), 1), variant)
            _add(w, cid, eid, ot, definition_id, on, answers,
                 draft=draft, comment=rng.choice(COMMENTS))
    for task in rng.sample(TASKS, rng.choice((1, 1, 2))):
        _task_trials(w, rng, cid, eid, ot, task, max(first, today - timedelta(days=120)),
                     today)
    for definition_id, low, high, step in EXTERNAL:
        if rng.random() < 0.3:
            on = first + timedelta(days=rng.randint(0, max((today - first).days, 0)))
            steps = int((high - low) / step)
            total = round(low + step * round(steps * min(progress + gain / 2, 1.0)), 1)
            _add(w, cid, eid, ot, definition_id, on,
                 {"date": on.isoformat(), "total": total if step < 1 else int(total)},
                 external=f"{total:g}", comment="Fictional result from a partner team.")
    if rng.random() < 0.15:
        partial = dict(list(_answers("caregiver-check-in", 0.5, 0).items())[:4])
        _add(w, cid, eid, ot, "caregiver-check-in", today, partial, draft=True)


def _dates(rng: random.Random, first: date, today: date, count: int) -> list[date]:
    span = (today - first).days
    if span < 30:
        return [first]
    return [first + timedelta(days=round(span * n / (count - 1)) - (rng.randint(0, 5) if n else 0))
            for n in range(count)]


@cache
def _definition(definition_id: str) -> Definition:
    return library().get(definition_id)


@cache
def _answers(definition_id: str, level: float, variant: int) -> dict[str, Any]:
    """Answers of a client at ``level`` (0..1, in tenths), one of a few variants (kept, so
    scoring happens once per distinct set)."""
    definition = _definition(definition_id)
    rng = random.Random(f"{definition_id}:{level}:{variant}")
    named = 2 + variant  # problems or goals written down
    answers: dict[str, Any] = {}
    for item in definition.items():
        numbered = _NUMBERED_TEXT.match(item.key)
        if item.type is ItemType.TEXT:
            if numbered and int(numbered.group(2)) <= named:
                pool = PROBLEMS if numbered.group(1) == "problem" else GOALS
                answers[item.key] = pool[(int(numbered.group(2)) + variant) % len(pool)]
        elif item.type is ItemType.NUMBER:
            if item.key.endswith("_weight"):
                answers[item.key] = rng.randint(1, 3)
        elif item.type is ItemType.CHOICE:
            answers[item.key] = _option(definition, item.key, level, rng)
    shown = {item.key for item in definition.visible_items(answers)}
    return {k: v for k, v in answers.items() if k in shown}


def _option(definition: Definition, key: str, level: float, rng: random.Random) -> str:
    scale = definition.scale_of(definition.item(key))
    assert scale is not None  # a choice item has a scale (checked when loaded)
    scored = sorted((o for o in scale.options if not o.not_applicable),
                    key=lambda o: o.score or 0.0)
    if not scored:
        return rng.choice(scale.options).code
    if key.endswith("_importance"):
        return scored[-rng.randint(1, 3)].code
    index = round(level * (len(scored) - 1)) + rng.choice((-1, 0, 0, 0, 1))
    return scored[min(max(index, 0), len(scored) - 1)].code


def _task_trials(w: Writer, rng: random.Random, cid: int, eid: int, ot: int, task: str,
                 first: date, today: date) -> None:
    minutes, errors, effort = rng.randint(35, 70), rng.randint(4, 9), rng.randint(6, 9)
    trials = rng.randint(3, 5)
    days = max((today - first).days, trials)
    for n in range(trials):
        on = first + timedelta(days=days * n // trials)
        share = n / (trials - 1)
        _add(w, cid, eid, ot, "task-performance-log", on, {
            "task": task, "trial_date": on.isoformat(),
            "minutes": round(minutes * (1 - 0.45 * share) + rng.uniform(-2, 2), 1),
            "errors": max(0, round(errors * (1 - 0.8 * share)) + rng.choice((0, 0, 1))),
            "assistance": ASSISTANCE[min(3, round(3 * share + rng.choice((-1, 0, 0))))
                                     if n else 0],
            "effort": max(0, round(effort - 4 * share))}, comment="")


@cache
def _scored(definition_id: str, answers_key: tuple[tuple[str, Any], ...]) -> tuple[Any, str]:
    definition = _definition(definition_id)
    result = score(definition, dict(answers_key))
    rule = definition.total_rule()
    total = result.scores.get(rule.key) if rule else None
    band = "" if total is None or total.band is None else str(total.band.label)[:100]
    return result.to_json(), band


def _add(w: Writer, cid: int, eid: int, ot: int, definition_id: str, on: date,
         answers: dict[str, Any], *, draft: bool = False, external: str = "",
         comment: str = "") -> None:
    definition = _definition(definition_id)
    scores, band = _scored(definition_id, tuple(sorted(answers.items())))
    at = datetime.combine(on, datetime.min.time(), w.now.tzinfo) + timedelta(hours=10)
    at = min(at, w.now)
    values = {
        "client_id": cid, "episode_id": eid, "instrument_id": definition.id,
        "instrument_version": definition.version, "administered_on": on, "author_id": ot,
        "status": "draft" if draft else "final", "answers": dict(answers), "scores": scores,
        "band": band, "external_total": external, "comment": comment,
        "finalised_at": None if draft else at, "finalised_by_id": None if draft else ot,
    }
    w.add(Assessment, values, at)
    w.event("assessment", values, cid, snapshot(
        {k: values[k] for k in ("instrument_id", "instrument_version", "administered_on",
                                "status", "band")}))
