"""Loading and validating the shipped definitions, against the desktop's launch (issue 14).

    python -m bench.bench_definitions [--clients 50000] [--runs 15]

In rounds of fresh processes, each running every probe back to back (bench/probes/):
1. otdesk's launch until the caseload is usable (the probe bench_ui times), on a demo database;
2. the same launch, then, in that process, importing the definition engine and loading and
   validating every shipped definition: ADDED is what that costs on top of what the launch
   has already imported (the figure the target is about: at most 10% of launch);
3. a fresh process doing only the definitions, step by step: importing pydantic, building the
   engine's models, loading and validating the files.
Then, in this process, the load alone (the engine already imported), repeated.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import time
from pathlib import Path

from bench.bench_ui import READY, _time_probe
from bench.common import demo_database, summary

TARGET = 0.10


def _parsed(seen: dict[str, float], name: str) -> float:
    return next(float(line.split()[1]) for line in seen if line.startswith(name + " "))


def _launch_share(db_path: Path, runs: int) -> None:
    compileall.compile_dir(str(Path(__file__).resolve().parent.parent / "otdesk"), quiet=1)
    probes = {
        "launch": ("otdesk_start.py", str(db_path)),
        "launch_and_load": ("otdesk_start_definitions.py", str(db_path)),
        "steps": ("definitions_load.py",),
    }
    for probe in probes.values():  # warm the page cache
        _time_probe(*probe)
    times: dict[str, list[dict[str, float]]] = {name: [] for name in probes}
    for run in range(runs):
        names = list(probes)
        for name in names[run % 3:] + names[:run % 3]:
            times[name].append(_time_probe(*probes[name]))
    launch = [t[READY] for t in times["launch"]]
    added = [_parsed(t, "ADDED") for t in times["launch_and_load"]]
    steps = {name: [_parsed(t, name.upper()) for t in times["steps"]]
             for name in ("pydantic", "models", "load")}
    print(f"1. start-up cost against launch (fresh processes, {runs} rounds)")
    print(f"   otdesk launch, caseload usable           : {summary(launch)}")
    print(f"   added by loading definitions after it    : {summary(added)}")
    print("   the steps alone, in a fresh process:")
    print(f"     import pydantic                        : {summary(steps['pydantic'])}")
    print(f"     build the engine's models              : {summary(steps['models'])}")
    print(f"     load and validate the files            : {summary(steps['load'])}")
    share = statistics.median(a / x for a, x in zip(added, launch, strict=True))
    verdict = "met" if share <= TARGET else "NOT met"
    print(f"   added / launch: median of pairs {share:.1%}; target <= {TARGET:.0%}: {verdict}")
    engine = statistics.median(
        (m + lo) / x for m, lo, x in zip(steps["models"], steps["load"], launch, strict=True))
    print(f"   of which the engine's own part (models + load) / launch: {engine:.1%}")


def _warm_load(repeats: int = 20) -> None:
    from otdesk.domain.definitions import load_definitions
    from otdesk.resources import resource_path

    folder = resource_path("definitions")
    files = [p for p in folder.glob("*.json") if p.name != "definition.schema.json"]
    size = sum(p.stat().st_size for p in files)
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        library = load_definitions([folder])
        samples.append((time.perf_counter() - start) * 1000)
    items = sum(len(d.items()) for d in library.all())
    print(f"2. load and validate, engine imported ({len(files)} files, {size / 1024:.0f} KiB, "
          f"{items} items)")
    print(f"   {summary(samples)}")


def main(argv: list[str] | None = None) -> None:
    """Print the definition benchmark's figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    db_path, _ = demo_database(args.clients)
    print(f"otdesk definitions benchmark ({args.clients:,}-client demo database)")
    _launch_share(db_path, args.runs)
    _warm_load()


if __name__ == "__main__":
    main()
