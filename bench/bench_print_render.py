"""Rendering a 10-page care plan with a chart against ReportLab building the same flowables
directly (issue 16 target), printed as figures.

    python -m bench.bench_print_render [--runs 15] [--goals 24]

"Ours" is the care-plan renderer as printing uses it (``otdesk.reports.care_plan.render``):
the story, the shared page templates with the header and footer on every page, the bundled
fonts and the "Page x of y" pass. "Direct" is a plain ``SimpleDocTemplate.build`` of the
very same flowables (the same story function, so the same Paragraphs, Tables and Drawings)
on a frame of the same size, with no header, footer or page-count pass. Each run builds its
story afresh (flowables are used up by a build). The two alternate, A B A B, so a drifting
machine moves both alike; medians and their ratio are printed.

The care plan is a fictional view model: needs, goals with GAS levels, interventions by
discipline, a battery with three trend charts and a case conference, about 10 pages.

Target: ours takes at most 1.5x the direct build.
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import UTC, date, datetime, timedelta
from io import BytesIO
from typing import Any

TARGET = 1.5


def care_plan_view(goals: int) -> Any:
    """A fictional care plan: 16 goals make about 10 pages."""
    from otdesk.reports import care_plan as cp
    from otdesk.reports.charts import Trend
    from otdesk.reports.letterhead import Letterhead
    from otdesk.reports.page import ClientLine

    levels = (("-2", "Never cooks; meals come ready-made"), ("-1", "Cooks once a week"),
              ("0", "Cooks three evenings a week"), ("+1", "Cooks four or five evenings"),
              ("+2", "Cooks every evening and plans the week's meals"))
    start = date(2026, 3, 2)
    return cp.CarePlanView(
        letterhead=Letterhead("Bench Community Mental Health Clinic (fictional)",
                              "1 Example Street, Sampletown", "555-0100"),
        client=ClientLine("Bench Example-Client", "BENCH-0001", date(1980, 1, 1)),
        client_facts=(("Preferred language", "English"), ("Diagnoses", "Fictional")),
        version=3, status="Active", effective_from=start, review_date=date(2027, 1, 15),
        review_overdue=False,
        author="Tess Example-OT", summary="Safer routines at home; more time out. " * 8,
        episode_facts=(("Referred", "2 Mar 2026 by the GP"), ("Reason", "Meals skipped")),
        team=(("Occupational therapy", (cp.TeamMember("Tess Example-OT", "Primary OT",
                                                      "Clinic", "555-0142"),)),
              ("Psychiatry", (cp.TeamMember("Pat Example-Psych", "Psychiatrist", "Clinic",
                                            "555-0199"),))),
        needs=tuple(cp.Need(n, f"Need {n}: meals are skipped on low-energy days.",
                            "Fatigue from medication in the evening", "Meal preparation",
                            "Discharge readiness, living skills") for n in range(1, 9)),
        goals=tuple(cp.Goal(n, f"Goal {n}: cooks a simple hot meal at home three evenings "
                               "a week, with a written plan and a timer.", (n % 8) + 1,
                            "Evenings cooked per week, from the kitchen diary",
                            "Once a week", date(2027, 1, 15), "Living skills", "Active",
                            levels, 1.0, 0) for n in range(1, goals + 1)),
        interventions=tuple(
            (discipline, tuple(cp.Intervention(
                f"{discipline}: practise the shopping list and the cooking steps together, "
                "cueing rather than doing.", "Weekly", "Tess Example-OT", (n % goals) + 1)
                for n in range(6)))
            for discipline in ("Occupational therapy", "Psychiatry", "Family")),
        battery=(cp.BatteryRow("Discharge readiness", "62 (some areas still open)", "current"),
                 cp.BatteryRow("Daily living skills", "71", "due")),
        battery_summary="Instruments up to date: 1 of 2; due: Daily living skills",
        trends=tuple(Trend(title, tuple((start + timedelta(days=40 * i), 30.0 + 7 * i + k)
                                        for i in range(6)))
                     for k, title in enumerate(("Discharge readiness", "Daily living skills",
                                                "Client priorities"))),
        reviews=(cp.Review(date(2026, 9, 1), "Tess Example-OT", 46.2,
                           "Cooking twice a week now. " * 10),),
        conference=cp.Conference(date(2026, 11, 20), (("OT", "Tess Example-OT"),),
                                 "Wants to cook for a friend.", "Sister will help shop.",
                                 "Keep the plan; review in January.", date(2027, 1, 15)),
        share_with_family=True, share_with_partners=False,
    )


def _stamp() -> Any:
    from otdesk.reports.page import PrintStamp

    return PrintStamp(document="Care plan", version="version 3", printed_by="Bench Example",
                      printed_at=datetime(2026, 12, 2, 9, 0, tzinfo=UTC),
                      copy_number=1234)


def ours(view: Any) -> bytes:
    """The care plan as printing renders it."""
    from otdesk.reports import care_plan

    return care_plan.render(view, _stamp())


def direct(view: Any) -> bytes:
    """The same flowables in a plain SimpleDocTemplate on a frame of the same size."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    from otdesk.reports import care_plan
    from otdesk.reports.page import SIDE_MARGIN
    from otdesk.reports.styles import make_styles

    styles = make_styles()
    small = styles.small_size
    out = BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=SIDE_MARGIN, rightMargin=SIDE_MARGIN,
                            topMargin=12 * mm + small * 3.2,
                            bottomMargin=10 * mm + small * 1.3 * 3 + 6)
    doc.build(care_plan.story(view, styles))
    return out.getvalue()


def pages(pdf: bytes) -> int:
    """How many pages a PDF has."""
    from pypdf import PdfReader

    return len(PdfReader(BytesIO(pdf)).pages)


def main() -> None:
    """Time both, alternating, and print medians and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--goals", type=int, default=16)
    args = parser.parse_args()
    view = care_plan_view(args.goals)
    ours(view), direct(view)  # fonts registered and modules imported before timing
    print(f"care plan: {pages(ours(view))} pages (ours), {pages(direct(view))} pages (direct)")
    timed: dict[str, list[float]] = {"ours": [], "direct": []}
    for _run in range(args.runs):
        for name, build in (("ours", ours), ("direct", direct)):
            started = time.perf_counter()
            build(view)
            timed[name].append((time.perf_counter() - started) * 1000)
    ours_ms, direct_ms = statistics.median(timed["ours"]), statistics.median(timed["direct"])
    ratio = ours_ms / direct_ms
    print(f"ours:   median {ours_ms:8.1f} ms  (n={args.runs})")
    print(f"direct: median {direct_ms:8.1f} ms  (n={args.runs})")
    verdict = "met" if ratio <= TARGET else "NOT met"
    print(f"ratio ours/direct: {ratio:.2f} (target at most {TARGET}: {verdict})")


if __name__ == "__main__":
    main()
