"""Updating the scores after an answer on a 60-item assessment form, beside a bare baseline in
the same run.

What the form does on every answer: record it, check it (``check_answer``), score the whole
form again (``score``: six domains and the total, conditions to show evaluated) and look up
the total's band. The baseline does the least any form must: a dict update and a plain Python
sum of the answers' scores. Also timed, for scale: saving a draft through the service
(``save_answers``: checked, scored, stored and audited in one SQLite transaction).

    python -m bench.bench_assessments [--forms 50] [--saves 200] [--seed 7]

Target (issue 14): updating scores after an answer under one frame (16 ms) at p95.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from bench.common import percentile, summary
from otdesk.domain.definitions import Definition, check_answer, score

TARGET_MS = 16.0
DOMAINS = ("living", "safety", "medication", "money", "community", "routine")
CODES = {"independent": 3, "prompts": 2, "hands_on": 1, "not_able": 0}


def _texts(en: str) -> dict[str, str]:
    return {"en": en, "es": f"{en} (es)", "fr": f"{en} (fr)"}


def form_definition() -> Definition:
    """Sixty items in six sections (one domain each), one in ten shown only after the item
    before it is answered, a percent score per domain and for the total, four bands."""
    options = [{"code": code, "label": _texts(code), "score": value}
               for code, value in CODES.items()]
    options.append({"code": "not_assessed", "label": _texts("not assessed"),
                    "flags": ["not_applicable"]})
    sections = []
    for domain in DOMAINS:
        items: list[dict[str, Any]] = []
        for n in range(10):
            key = f"{domain}_{n}"
            item: dict[str, Any] = {"key": key, "text": _texts(key), "scale": "support",
                                    "domain": domain, "required": n < 3}
            if n == 9:
                item["show_if"] = {"item": f"{domain}_8", "answered": True}
            items.append(item)
        sections.append({"key": domain, "title": _texts(domain), "items": items})
    rules: list[dict[str, Any]] = [
        {"key": domain, "label": _texts(domain), "method": "percent", "domain": domain}
        for domain in DOMAINS]
    rules.append({"key": "total", "label": _texts("total"), "method": "percent",
                  "min_answered": 10, "min_change": 10, "bands": [
                      {"low": low, "high": high, "label": _texts(name), "plain": _texts(name)}
                      for low, high, name in ((0, 39, "low"), (40, 69, "middle"),
                                              (70, 89, "high"), (90, 100, "top"))]})
    return Definition.model_validate({
        "id": "bench-sixty", "version": "1", "kind": "scale", "title": _texts("Sixty items"),
        "licence": _texts("Written for the benchmark."), "scales": {"support": {
            "options": options}}, "sections": sections, "scoring": rules, "total": "total"})


def _answer_stream(definition: Definition, forms: int, seed: int) -> list[list[tuple[str, str]]]:
    rng = random.Random(seed)
    keys = [item.key for item in definition.items()]
    codes = [*CODES, "not_assessed"]
    return [[(key, rng.choice(codes)) for key in rng.sample(keys, len(keys))]
            for _form in range(forms)]


def time_engine(definition: Definition, stream: list[list[tuple[str, str]]]) -> list[float]:
    """Milliseconds per answer: record, check, score everything, find the total's band."""
    samples = []
    for form in stream:
        answers: dict[str, object] = {}
        for key, code in form:
            start = time.perf_counter()
            answers[key] = code
            problem = check_answer(definition, key, code)
            result = score(definition, answers)
            total = result.scores["total"]
            _band = total.band.label if total.band is not None else None
            samples.append((time.perf_counter() - start) * 1000)
            assert problem is None
    return samples


def time_baseline(stream: list[list[tuple[str, str]]]) -> list[float]:
    """Milliseconds per answer: a dict update and a plain sum of the answers' scores."""
    samples = []
    for form in stream:
        answers: dict[str, str] = {}
        for key, code in form:
            start = time.perf_counter()
            answers[key] = code
            _total = sum(CODES.get(value, 0) for value in answers.values())
            samples.append((time.perf_counter() - start) * 1000)
    return samples


def time_saves(saves: int, seed: int) -> list[float]:
    """Milliseconds per ``save_answers`` of one answer on a shipped definition, on SQLite."""
    from otdesk.db.engine import open_database
    from otdesk.services import assessments, clients, staff
    from otdesk.services.context import Context

    rng = random.Random(seed)
    folder = Path(tempfile.mkdtemp(prefix="otdesk-bench-"))
    db = open_database(str(folder / "bench.sqlite"), create=True)
    try:
        system = Context(db)
        ctx = system.acting_as(staff.ensure_administrator(system).id)
        client = clients.create_client(
            ctx, record_number="BENCH-1", given_name="Bench", family_name="Example",
            date_of_birth=date(1980, 1, 1), preferred_language="en",
            status="active")
        info = assessments.start_assessment(ctx, client_id=client.id,
                                            definition_id="discharge-readiness")
        keys = [k for k in ("personal_care", "meal_preparation", "shopping", "laundry",
                            "budgeting", "pays_bills", "public_transport", "pacing")]
        samples = []
        for _n in range(saves):
            start = time.perf_counter()
            info = assessments.save_answers(
                ctx, assessment_id=info.id, expected_version=info.version,
                answers={rng.choice(keys): rng.choice(list(CODES))})
            samples.append((time.perf_counter() - start) * 1000)
        return samples
    finally:
        db.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forms", type=int, default=50, help="forms filled in (60 answers each)")
    parser.add_argument("--saves", type=int, default=200, help="draft saves timed")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    definition = form_definition()
    stream = _answer_stream(definition, args.forms, args.seed)
    time_engine(definition, stream[:2])  # warm up
    engine = time_engine(definition, stream)
    baseline = time_baseline(stream)
    print(f"60-item form, {args.forms} forms filled in, one answer at a time")
    print(f"  update scores after an answer: {summary(engine)}")
    print(f"  baseline (dict update + sum):  {summary(baseline)}")
    p95 = percentile(engine, 95)
    verdict = "met" if p95 < TARGET_MS else "MISSED"
    print(f"  target p95 < {TARGET_MS:.0f} ms: {verdict} ({p95:.2f} ms, "
          f"{p95 / max(percentile(baseline, 95), 1e-6):.0f}x the baseline's p95)")
    if args.saves:
        saves = time_saves(args.saves, args.seed)
        print(f"  save a draft (service, SQLite): {summary(saves)}")
    return 0 if p95 < TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
