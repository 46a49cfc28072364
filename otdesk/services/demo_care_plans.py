"""The demo clinic's care plans: an active plan for each client in active care, its needs,
goals and interventions taken from the demo's content file.

Used by ``otdesk.services.demo``; queues rows on its writer.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from otdesk.db.models import CarePlan, CarePlanGoal, CarePlanIntervention, CarePlanNeed
from otdesk.services._records import snapshot

if TYPE_CHECKING:
    from otdesk.services.demo import _Writer


def add_plan(
    w: _Writer,
    rng: random.Random,
    content: dict[str, Any],
    review: date,
    cid: int,
    eid: int,
    start: date | None,
    ot: int,
    ident: dict[str, Any],
) -> None:
    """An active care plan for a client in care: one to three needs from the demo's content,
    each with a goal (GAS levels in words, the family's wording in their language) and one or
    two interventions by discipline; its review falls due on ``review``."""
    effective = review - timedelta(days=90)
    if start is not None:
        effective = max(effective, start)
    values = {
        "client_id": cid, "episode_id": eid, "plan_version": 1, "status": "active",
        "effective_from": effective, "review_date": review, "author_id": ot,
        "summary": rng.choice(content["plan_summaries"]),
        "share_with_family": ident["consent_family"],
        "share_with_partners": ident["consent_community"], "based_on_id": None,
    }
    pid = w.add(CarePlan, values)
    templates = rng.sample(content["needs"], rng.randint(1, 3))
    interventions = 0
    for pos, t in enumerate(templates):
        need_id = w.add(CarePlanNeed, {"care_plan_id": pid, "position": pos,
                                       "text": t["need"], "symptom_or_barrier": "",
                                       "activity_limited": "", "source_kind": None,
                                       "source_id": None, "source_detail": ""})
        levels = {str(level): text_ for level, text_ in zip(range(-2, 3), t["gas"],
                                                               strict=True)}
        goal_id = w.add(CarePlanGoal, {
            "care_plan_id": pid, "need_id": need_id, "position": pos, "text": t["goal"],
            "plain_language": {ident["preferred_language"]: t["family"]},
            "measure": "", "domain": t["domain"], "baseline": t["baseline"],
            "target_date": review + timedelta(days=rng.randint(0, 60)),
            "gas_levels": levels, "gas_weight": 1.0, "status": "active", "status_reason": "",
        })
        for what, how_often, discipline, who in t["interventions"][: rng.randint(1, 2)]:
            w.add(CarePlanIntervention, {
                "care_plan_id": pid, "goal_id": goal_id, "position": interventions,
                "description": what, "frequency": how_often, "discipline": discipline,
                "owner_name": who,
            })
            interventions += 1
    changes = snapshot({k: values[k] for k in ("plan_version", "status", "review_date")})
    changes["goals"] = [None, [t["goal"] for t in templates]]
    w.event("care plan", values, cid, changes)
