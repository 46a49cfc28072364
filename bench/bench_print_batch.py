"""Batch printing 100 care plans against printing them one by one (issue 16).

    python -m bench.bench_print_batch [--plans 100] [--rounds 2] [--db PATH]

A: each plan printed on its own through the registry (``printing.render``: its own
transaction, audit event, build and render), the times summed. B: the same plans as one
due-review batch into one PDF (``print_batch``: every event and the file in one transaction,
the documents joined). Run A B A B in the same process on the same database. Target: B at
most 1.2x A. Without ``--db`` a fictional demo clinic is made in a temporary folder first.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path


def _clinic(folder: Path, clients: int) -> str:
    from otdesk.db.engine import open_database
    from otdesk.services import demo
    from otdesk.services.context import Context

    path = folder / "bench.sqlite"
    db = open_database(str(path))
    try:
        demo.populate(Context(db), clients=clients)
    finally:
        db.dispose()
    return str(path)


def main() -> None:
    """Measure and print the figures and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--db", default=None, help="an existing clinic (else a demo is made)")
    args = parser.parse_args()

    from otdesk.catalogues import install_language
    from otdesk.db.engine import open_database
    from otdesk.services import printing, staff
    from otdesk.services.context import Context
    from otdesk.services.print_batch import due_reviews, print_batch

    install_language("en")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        target = args.db or _clinic(folder, max(args.plans * 2, 150))
        db = open_database(target)
        ctx = Context(db)
        ctx = ctx.acting_as(staff.ensure_administrator(ctx).id)
        plans = due_reviews(ctx, days=3650, include_overdue=True)[: args.plans]
        if len(plans) < args.plans:
            raise SystemExit(f"only {len(plans)} active care plans in {target}")
        printing.render(ctx, "careplan", plans[0].record_number,
                        printing.PrintOptions(record_id=plans[0].plan_id), record=False)

        def one_by_one() -> tuple[float, float]:
            wall = cpu = 0.0
            for plan in plans:
                start, start_cpu = time.perf_counter(), time.process_time()
                printing.render(ctx, "careplan", plan.record_number,
                                printing.PrintOptions(record_id=plan.plan_id))
                wall += time.perf_counter() - start
                cpu += time.process_time() - start_cpu
            return wall, cpu

        def batch(n: int) -> tuple[float, float]:
            start, start_cpu = time.perf_counter(), time.process_time()
            result = print_batch(ctx, plans, out=folder / f"batch-{n}.pdf")
            elapsed = time.perf_counter() - start, time.process_time() - start_cpu
            assert len(result.copies) == len(plans)
            return elapsed

        singles: list[tuple[float, float]] = []
        batches: list[tuple[float, float]] = []
        for n in range(args.rounds):
            singles.append(one_by_one())
            batches.append(batch(n))
            (sw, sc), (bw, bc) = singles[-1], batches[-1]
            print(f"round {n + 1}: one by one {sw:.2f} s wall / {sc:.2f} s CPU (sum of "
                  f"{len(plans)}), batch {bw:.2f} s wall / {bc:.2f} s CPU; ratio "
                  f"{bw / sw:.2f} wall, {bc / sc:.2f} CPU", flush=True)
        pages = (folder / "batch-0.pdf").stat().st_size
        db.dispose()
    # CPU time is the figure that holds on a shared machine; wall time is printed beside it.
    wall = statistics.median(b[0] / s[0] for b, s in zip(batches, singles, strict=True))
    cpu = statistics.median(b[1] / s[1] for b, s in zip(batches, singles, strict=True))
    print(f"{len(plans)} care plans; one by one median "
          f"{statistics.median(s[0] for s in singles):.2f} s wall, batch median "
          f"{statistics.median(b[0] for b in batches):.2f} s wall; batch PDF "
          f"{pages / 1e6:.1f} MB")
    print(f"ratio batch / one by one: {cpu:.2f} CPU, {wall:.2f} wall (target at most 1.2) "
          f"{'PASS' if cpu <= 1.2 else 'FAIL'}")


if __name__ == "__main__":
    main()
