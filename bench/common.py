"""Helpers shared by the benchmarks: timing, percentiles and a cached demo database."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"


def percentile(samples: list[float], pct: float) -> float:
    """The ``pct`` percentile of ``samples`` (nearest rank)."""
    ordered = sorted(samples)
    rank = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def summary(samples_ms: list[float]) -> str:
    """p50 / p95 / max of millisecond samples."""
    return (
        f"p50 {statistics.median(samples_ms):7.2f} ms   p95 {percentile(samples_ms, 95):7.2f} ms"
        f"   max {max(samples_ms):7.2f} ms   (n={len(samples_ms)})"
    )


def demo_database(clients: int, *, fresh: bool = False) -> tuple[Path, float | None]:
    """A demo database of ``clients`` clients (made once and kept under bench/out/).

    Returns the path and the seconds ``otdesk demo`` took, or None when the file was reused.
    """
    OUT.mkdir(exist_ok=True)
    path = OUT / f"demo-{clients}.sqlite"
    if path.exists() and not fresh:
        return path, None
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent))
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "otdesk", "--db", str(path), "demo", "--clients", str(clients)],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    return path, time.perf_counter() - start
