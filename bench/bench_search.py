"""Client search at clinic scale: the service layer beside the same SQL run on bare sqlite3.

Builds (or reuses) a 50,000-client demo database, times ``otdesk demo --clients 50000`` when it
builds it, then runs a mix of searches (name prefixes, two-word names, record numbers, dates of
birth) through ``services.clients.search_clients`` and the identical SQL through ``sqlite3``.

    python -m bench.bench_search [--clients 50000] [--fresh]

Targets (issue 2): search p95 <= 10 ms and <= 2x raw sqlite3; demo in <= 60 s on 2 cores.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import time
from typing import Any

from sqlalchemy.dialects import sqlite as sqlite_dialect

from bench.common import demo_database, percentile, summary
from otdesk.db.engine import open_database
from otdesk.db.models import Client
from otdesk.services import clients
from otdesk.services.client_search import search_filter
from otdesk.services.context import Context


def _queries(ctx: Context, count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    sample = clients.search_clients(ctx, limit=None)
    picks = rng.sample(sample, min(count, len(sample)))
    out: list[str] = []
    for i, c in enumerate(picks):
        kind = i % 4
        if kind == 0:
            out.append(c.family_name[: rng.randint(3, 5)])
        elif kind == 1:
            out.append(f"{c.given_name[:3]} {c.family_name[:4]}")
        elif kind == 2:
            out.append(c.record_number)
        else:
            out.append(c.date_of_birth.isoformat())
    return out


def _raw_sql(text: str, limit: int) -> str:
    # Exactly the statement search_clients builds, compiled with its values inlined.
    query = clients.summary_select()
    where = search_filter(text)
    if where is not None:
        query = query.where(where)
    query = query.order_by(Client.sort_name, Client.id).limit(limit)
    compiled = query.compile(
        dialect=sqlite_dialect.dialect(), compile_kwargs={"literal_binds": True}
    )
    return str(compiled)


def main(argv: list[str] | None = None) -> None:
    """Print the search benchmark's figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=50_000)
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--fresh", action="store_true", help="rebuild the demo database")
    args = parser.parse_args(argv)

    path, demo_seconds = demo_database(args.clients, fresh=args.fresh)
    db = open_database(path)
    ctx = Context(db)
    total = clients.count_clients(ctx)
    queries = _queries(ctx, args.queries, seed=7)
    limit = 100

    # Warm both paths (page cache, statement caches) before measuring.
    raw = sqlite3.connect(path)
    for q in queries[:20]:
        clients.search_clients(ctx, text=q, limit=limit)
        raw.execute(_raw_sql(q, limit)).fetchall()

    service_ms: list[float] = []
    raw_ms: list[float] = []
    hits = 0
    for q in queries:
        sql = _raw_sql(q, limit)
        t0 = time.perf_counter()
        rows_raw: list[Any] = raw.execute(sql).fetchall()
        raw_ms.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        found = clients.search_clients(ctx, text=q, limit=limit)
        service_ms.append((time.perf_counter() - t0) * 1000)
        assert len(found) == len(rows_raw), q
        hits += bool(found)
    raw.close()

    print(f"otdesk client search benchmark: {total:,} clients, {len(queries)} queries, "
          f"limit {limit}")
    if demo_seconds is not None:
        print(f"  otdesk demo --clients {args.clients}: {demo_seconds:.1f} s (target <= 60 s)")
    else:
        print("  (demo database reused; run with --fresh to time 'otdesk demo')")
    print(f"  service layer : {summary(service_ms)}")
    print(f"  raw sqlite3   : {summary(raw_ms)}")
    p95_service = percentile(service_ms, 95)
    p95_raw = percentile(raw_ms, 95)
    print(f"  ratio p95 service/raw: {p95_service / p95_raw:.2f}x (target <= 2x)")
    print(f"  p95 target <= 10 ms: {'met' if p95_service <= 10 else 'NOT met'}")
    print(f"  queries with at least one match: {hits}/{len(queries)}")
    db.dispose()


if __name__ == "__main__":
    main()
