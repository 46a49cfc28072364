"""A long day in one process: does the desktop keep its memory and its speed? (issue 12)

    python -m bench.bench_soak [--clients 50000] [--records 600] [--caseload 40]
                               [--distinct 300] [--searches 2000] [--switches 200]
                               [--tasks 5000] [--no-scrolling]

The real window on the demo database of ``--clients`` clients (made once under bench/out/, as
for the other benchmarks), under the desktop's own style, driven as a user drives it:

1. records: a client's record opened from the caseload, painted, then closed with its Close
   record button; the clients are an OT's caseload of ``--caseload``, each opened many times;
2. all others: the same with ``--distinct`` clients all different, spread through the list
   (what the database's caches take, apart from the app's own memory);
3. searches: the caseload searched for part of a name, each until its rows are painted (each
   search is a background task);
4. scrolling: the whole caseload, a page at a time, from the first row to the last (and then
   the first 50 pages again);
5. switches: from the caseload to the dashboard and back, each until the page is painted;
6. background tasks: empty tasks through the app's task runner, one after another (what each
   finished task leaves behind, with nothing else going on).

In phases 1 to 4 the last 50 operations repeat the first 50, so both do the same work.
Deferred deletes run after every operation, as the event loop runs them between events (a
top-level ``processEvents()`` never does). Before each memory reading the garbage collector
runs and the C heap gives back what it can (``malloc_trim``). Resident memory comes from
/proc/self/smaps_rollup: anonymous (the heaps: Python's, and the C heap where Qt and SQLite
allocate) apart from file-backed (mapped libraries and the database file, which SQLite maps);
"C heap in use" is glibc's ``mallinfo2``, and SQLite's share of it ``sqlite3_memory_used()``
(its page caches, bounded by the cache_size the engine sets). Growth is taken after a warm-up
(the first tenth of each phase) and given per 100 operations.

Targets: at most 0.1 KiB per finished task; at most 1 KiB of heap per record opened and
closed; no operation slower at the end than 1.1x at the start (median of the last 50 against
the first 50, in CPU time against a fixed reference work timed beside each operation: on a
shared machine the others' work slows both, and the wall clock counts it in full).
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import gc
import os
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.common import count_paints, demo_database, desktop, run_deferred_deletes

KIB = 1024


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
        "fordblks", "keepcost")]


def _glibc() -> Any:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
        if libc is not None and hasattr(libc, "mallinfo2") and hasattr(libc, "malloc_trim"):
            libc.mallinfo2.restype = _MallInfo2
            return libc
    except OSError:
        pass
    return None


LIBC = _glibc()


def _sqlite_memory_used() -> Any:
    """SQLite's own count of the memory it holds (its page caches), when it can be asked."""
    import sqlite3  # noqa: F401  (loads the library the app's connections use)

    name = ctypes.util.find_library("sqlite3")
    try:
        lib = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    if lib is None or not hasattr(lib, "sqlite3_memory_used"):
        return None
    lib.sqlite3_memory_used.restype = ctypes.c_int64
    return lib.sqlite3_memory_used


SQLITE_MEMORY = _sqlite_memory_used()


@dataclass(frozen=True)
class Memory:
    """One reading: resident KiB (anonymous, file-backed), C heap in use, live objects."""

    anon: int
    file: int
    heap: int | None
    sqlite: int | None  # of the C heap, what SQLite holds (its page caches)
    objects: int
    blocks: int  # memory blocks Python's allocator has handed out
    widgets: int
    tasks: int


def read_memory() -> Memory:
    """What is in use now, after deferred deletes, a full collection and a heap trim."""
    from PySide6.QtWidgets import QApplication

    from otdesk.ui.shell.tasks import Task

    run_deferred_deletes()
    gc.collect()
    fields: dict[str, int] = {}
    rollup = Path("/proc/self/smaps_rollup")
    if rollup.exists():
        for line in rollup.read_text().splitlines():
            parts = line.split()
            if len(parts) >= 2 and parts[1].isdigit():
                fields[parts[0].rstrip(":")] = int(parts[1])
    heap = None
    if LIBC is not None:
        LIBC.malloc_trim(0)
        info = LIBC.mallinfo2()
        heap = (info.uordblks + info.hblkhd) // KIB
    everything = gc.get_objects()
    tasks = sum(1 for o in everything if isinstance(o, Task))
    return Memory(
        anon=fields.get("Anonymous", 0),
        file=fields.get("Rss", 0) - fields.get("Anonymous", 0),
        heap=heap,
        sqlite=(SQLITE_MEMORY() // KIB or None) if SQLITE_MEMORY is not None else None,
        objects=len(everything) + gc.get_freeze_count(),
        blocks=sys.getallocatedblocks(),
        widgets=len(QApplication.allWidgets()),
        tasks=tasks,
    )


def _reference_ms() -> float:
    """CPU milliseconds of a fixed piece of work (about half a millisecond on a quiet machine).

    Other processes on a shared machine slow an operation down without the app being any
    slower: timed beside each operation, this shows by how much.
    """
    start = time.process_time()
    total = 0
    for i in range(20_000):
        total += i * i % 7
    return (time.process_time() - start) * 1000


@dataclass
class Phase:
    """One kind of use: its operations' times and the memory around them."""

    name: str
    unit: str  # what the operations are, for "per 100 ..."
    one: str  # what one operation is
    times: dict[str, list[tuple[float, float, float]]] = field(default_factory=dict)
    start: Memory | None = None
    warm: Memory | None = None
    end: Memory | None = None
    operations: int = 0
    warm_operations: int = 0
    tasks_finished: int = 0  # background tasks that ended during the phase

    @contextmanager
    def timing(self, op: str) -> Iterator[None]:
        """Time one operation (wall clock and the process's CPU time, in milliseconds), then
        the same fixed reference work, which slows down as much as the machine does."""
        wall, cpu = time.perf_counter(), time.process_time()
        yield
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        self.times.setdefault(op, []).append((wall * 1000, cpu * 1000, _reference_ms()))


class Soak:
    """The window and what drives it."""

    def __init__(self, db_path: Path) -> None:
        from otdesk.ui.shell.main_window import MainWindow

        self.qt_app, self.app = desktop(db_path)
        self.window = MainWindow.for_session(self.app)
        self.window.resize(1280, 800)
        self.window.show()
        self.finished_tasks = 0
        self.app.tasks.ended.connect(self._task_ended)
        self.caseload_painted()  # the first rows on screen
        from otdesk.ui.shell.app import settle_heap

        settle_heap()  # as the app does once its window is up

    def _task_ended(self, _task: object) -> None:
        self.finished_tasks += 1

    # -- waiting as a user waits ------------------------------------------------------------

    def painted(self, widget: Any, what: str) -> None:
        """Run the event loop until ``widget`` has been painted."""
        paints = count_paints(widget)
        deadline = time.perf_counter() + 10
        while paints.count == 0 and time.perf_counter() < deadline:
            self.qt_app.processEvents()
        widget.removeEventFilter(paints)
        paints.deleteLater()
        if paints.count == 0:
            raise RuntimeError(f"{what} was never painted")

    def caseload_painted(self) -> None:
        """Until the caseload's answer is in and its rows are on screen."""
        from PySide6.QtCore import QEventLoop

        model = self.window.caseload.model
        if model.busy or model.rowCount() == 0:
            loop = QEventLoop()
            model.loaded.connect(loop.quit)
            if model.busy or model.rowCount() == 0:
                loop.exec()
            model.loaded.disconnect(loop.quit)
        viewport = self.window.caseload.table.viewport()
        viewport.update()
        self.painted(viewport, "the caseload")

    # -- the phases -----------------------------------------------------------------------

    def records(
        self, phase: Phase, count: int, rng: random.Random, caseload_size: int | None
    ) -> None:
        """Open a client's record, see it painted, close it with its Close record button.

        The clients come from a caseload of ``caseload_size`` (each opened many times, in a
        random order), or are all different when it is None. The last 50 opened are the
        first 50 again, so the first and last 50 do the same work.
        """
        from otdesk.services import caseload
        from otdesk.ui.shell.navigation import CASELOAD

        ids = caseload.find_ids(self.app.services)
        again = min(50, count // 2)
        if caseload_size is None:
            chosen = rng.sample(ids, count - again)
        else:
            mine = rng.sample(ids, caseload_size)
            chosen = [rng.choice(mine) for _ in range(count - again)]
        sequence = chosen + chosen[:again]
        self.window.show_page(CASELOAD)
        for n, cid in enumerate(sequence):
            with phase.timing("open a record"):
                page = self.window.open_client(cid)
                if page is None:
                    raise RuntimeError(f"client {cid} did not open")
                self.painted(page.header.name, "the record")  # type: ignore[attr-defined]
            with phase.timing("close it"):
                page.header.close_button.click()  # type: ignore[attr-defined]
                self.painted(self.window.caseload.table.viewport(), "the caseload")
            run_deferred_deletes()
            self._count(phase, n, count)

    def searches(self, phase: Phase, count: int, rng: random.Random) -> None:
        """Search the caseload for part of a name, until the matching rows are painted."""
        from otdesk.services import clients
        from otdesk.services.summaries import CaseloadFilter

        people = clients.search_clients(self.app.services, limit=5000)
        texts: list[str] = []
        again = min(50, count // 2)
        while len(texts) < count - again:
            person = rng.choice(people)
            name = person.family_name if rng.random() < 0.7 else (
                f"{person.given_name} {person.family_name}")
            texts.append(name[: rng.randint(min(2, len(name)), len(name))])
        sequence = texts + texts[:again]
        model = self.window.caseload.model
        for n, text in enumerate(sequence):
            with phase.timing("search"):
                model.set_filter(CaseloadFilter(text=text))
                self.caseload_painted()
            run_deferred_deletes()
            self._count(phase, n, count)
        model.set_filter(CaseloadFilter())
        self.caseload_painted()

    def scrolling(self, phase: Phase) -> None:
        """Page down through the whole caseload, each page until painted; then the first 50
        pages again, so that the first and last 50 show the same rows."""
        table = self.window.caseload.table
        bar = table.verticalScrollBar()
        bar.setValue(0)
        self.caseload_painted()
        steps = max(1, -(-bar.maximum() // max(1, bar.pageStep())))
        again = min(50, steps)
        for n in range(steps + again):
            if n == steps:
                if bar.value() != bar.maximum():
                    raise RuntimeError("the caseload was not scrolled to its end")
                bar.setValue(0)  # back to the top (not timed)
                self.painted(table.viewport(), "the caseload")
            with phase.timing("page down"):
                bar.setValue(min(bar.maximum(), bar.value() + bar.pageStep()))
                self.painted(table.viewport(), "the caseload")
            run_deferred_deletes()
            self._count(phase, n, steps + again)

    def switches(self, phase: Phase, count: int) -> None:
        """From the caseload to the dashboard and back, each until painted."""
        from PySide6.QtCore import QEventLoop

        from otdesk.ui.shell.navigation import CASELOAD, DASHBOARD

        dashboard = self.window.dashboard
        loop = QEventLoop()
        dashboard.loaded.connect(loop.quit)
        self.window.show_page(DASHBOARD)
        loop.exec()  # its first load
        dashboard.loaded.disconnect(loop.quit)
        self.window.show_page(CASELOAD)
        self.caseload_painted()
        for n in range(count):
            with phase.timing("to the dashboard"):
                self.window.show_page(DASHBOARD)
                self.painted(dashboard.heading, "the dashboard")
            with phase.timing("back to the caseload"):
                self.window.show_page(CASELOAD)
                self.painted(self.window.caseload.table.viewport(), "the caseload")
            run_deferred_deletes()
            self._count(phase, n, count)

    def tasks(self, phase: Phase, count: int) -> None:
        """Empty background tasks through the app's runner, each waited for."""
        from PySide6.QtCore import QEventLoop

        loop = QEventLoop()
        self.app.tasks.ended.connect(loop.quit)
        for n in range(count):
            with phase.timing("background task"):
                self.app.tasks.run(lambda _control: None, label="Nothing")
                loop.exec()
            run_deferred_deletes()
            self._count(phase, n, count)
        self.app.tasks.ended.disconnect(loop.quit)

    @staticmethod
    def _count(phase: Phase, n: int, total: int) -> None:
        phase.operations = n + 1
        if n + 1 == max(1, total // 10):  # the warm-up is over
            phase.warm = read_memory()
            phase.warm_operations = n + 1


# -- the report ---------------------------------------------------------------------------


def _mib(kib: int | None) -> str:
    return "    n/a" if kib is None else f"{kib / KIB:7.1f}"


def print_table(readings: list[tuple[str, Memory]]) -> None:
    """Memory and object counts after each phase."""
    print("   after                      anon MiB  file MiB  C heap MiB  of it SQLite"
          "  Python objects  widgets  tasks alive")
    for name, m in readings:
        print(f"   {name:26} {_mib(m.anon)}   {_mib(m.file)}     {_mib(m.heap)}"
              f"       {_mib(m.sqlite)}       {m.objects:9,}  {m.widgets:7,}  {m.tasks:11,}")


def growth(phase: Phase) -> dict[str, float]:
    """Per operation after the warm-up, in KiB: anonymous memory, C heap in use, SQLite's
    share of it, and the C heap in use besides SQLite's; and live objects and widgets."""
    assert phase.warm is not None and phase.end is not None
    before, after = phase.warm, phase.end
    ops = max(1, phase.operations - phase.warm_operations)
    out = {"anon": (after.anon - before.anon) / ops,
           "objects": (after.objects - before.objects) / ops,
           "blocks": (after.blocks - before.blocks) / ops,
           "widgets": (after.widgets - before.widgets) / ops}
    if after.heap is not None and before.heap is not None:
        out["heap"] = (after.heap - before.heap) / ops
        if after.sqlite is not None and before.sqlite is not None:
            out["sqlite"] = (after.sqlite - before.sqlite) / ops
            out["heap besides sqlite"] = out["heap"] - out["sqlite"]
    return out


def print_growth(phase: Phase) -> dict[str, float]:
    """Growth per 100 operations after the warm-up."""
    g = growth(phase)
    heap = f", C heap in use {g['heap'] * 100:+7.0f}" if "heap" in g else ""
    sqlite = f" (SQLite's {g['sqlite'] * 100:+6.0f})" if "sqlite" in g else ""
    print(f"   {phase.name:10} (after {phase.warm_operations:3}): anon {g['anon'] * 100:+7.0f} KiB"
          f"{heap}{sqlite}, Python objects {g['objects'] * 100:+5.0f} and blocks"
          f" {g['blocks'] * 100:+5.0f}, widgets"
          f" {g['widgets'] * 100:+3.0f}")
    return g


def print_times(phases: list[Phase]) -> bool:
    """First-50 and last-50 medians of each operation; True when none took more than 1.1x at
    the end, in CPU time measured against the reference work timed beside it."""
    ok = True
    print("                       wall clock p50 (ms)        CPU time p50 (ms)"
          "       against the reference")
    print("   operation        n  first 50 last 50 ratio   first 50 last 50 ratio"
          "   first   last  ratio")
    for phase in phases:
        for op, samples in phase.times.items():
            wall = [w for w, _c, _r in samples]
            cpu = [c for _w, c, _r in samples]
            rel = [c / r if r > 0 else 0.0 for _w, c, r in samples]
            w0, w1 = statistics.median(wall[:50]), statistics.median(wall[-50:])
            c0, c1 = statistics.median(cpu[:50]), statistics.median(cpu[-50:])
            r0, r1 = statistics.median(rel[:50]), statistics.median(rel[-50:])
            ratio = r1 / r0 if r0 > 0 else 1.0
            ok = ok and ratio <= 1.1
            print(f"   {op:15}{len(samples):5} {w0:8.2f}{w1:8.2f} {w1 / w0:5.2f}x"
                  f" {c0:9.2f}{c1:8.2f} {c1 / c0:5.2f}x {r0:7.2f}{r1:7.2f} {ratio:5.2f}x"
                  f"{'' if ratio <= 1.1 else '  SLOWER'}")
    return ok


def _load() -> str:
    """The machine's 1-minute load average and its CPU count (what else runs shows here)."""
    try:
        return f"{os.getloadavg()[0]:.1f}/{os.cpu_count()}"
    except OSError:
        return "n/a"


def main(argv: list[str] | None = None) -> None:
    """Run the soak and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=50_000)
    parser.add_argument("--records", type=int, default=600)
    parser.add_argument("--caseload", type=int, default=40,
                        help="how many different clients the records phase opens")
    parser.add_argument("--distinct", type=int, default=300,
                        help="records of all different clients opened after it")
    parser.add_argument("--searches", type=int, default=2_000)
    parser.add_argument("--switches", type=int, default=200)
    parser.add_argument("--tasks", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--no-scrolling", action="store_true")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    db_path, _ = demo_database(args.clients)
    rng = random.Random(args.seed)
    load_before = _load()
    started = time.perf_counter()
    soak = Soak(db_path)
    readings = [("window up", read_memory())]
    phases = [
        Phase("records", "records", "record"),
        Phase("all others", "records", "record"),
        Phase("searches", "searches", "search"),
        Phase("scrolling", "pages", "page"),
        Phase("switches", "switches", "switch"),
        Phase("tasks", "tasks", "task"),
    ]
    runs: dict[str, Callable[[Phase], None]] = {
        "records": lambda p: soak.records(p, args.records, rng, args.caseload),
        "all others": lambda p: soak.records(p, args.distinct, rng, None),
        "searches": lambda p: soak.searches(p, args.searches, rng),
        "scrolling": soak.scrolling,
        "switches": lambda p: soak.switches(p, args.switches),
        "tasks": lambda p: soak.tasks(p, args.tasks),
    }
    counts = {"records": args.records, "all others": args.distinct,
              "searches": args.searches,
              "scrolling": 0 if args.no_scrolling else 1, "switches": args.switches,
              "tasks": args.tasks}
    for phase in phases:
        if counts[phase.name] <= 0:
            continue
        tasks_before = soak.finished_tasks
        phase.start = readings[-1][1]
        runs[phase.name](phase)
        phase.end = read_memory()
        readings.append((f"{phase.name} ({phase.operations:,} {phase.unit})", phase.end))
        phase.tasks_finished = soak.finished_tasks - tasks_before
    minutes = (time.perf_counter() - started) / 60
    print(f"otdesk soak benchmark ({args.clients:,}-client demo database, one process, "
          f"{minutes:.1f} min; machine load {load_before} before, {_load()} after)")
    print("1. memory after each phase (after deferred deletes, a collection and a heap trim)")
    print_table(readings)
    print("2. growth per 100 operations after each phase's warm-up (its first tenth)")
    grown = {p.name: print_growth(p) for p in phases if p.operations}
    print(f"   background tasks finished: {soak.finished_tasks:,} in all "
          f"({phases[2].tasks_finished:,} for the searches)")
    print("3. time of each operation, first 50 against last 50 (the verdict is on CPU time")
    print("   against a fixed reference work timed beside each operation: on a shared machine")
    print("   the others' work slows both; the wall clock counts it in full)")
    steady = print_times(phases)
    print("4. targets")
    if "tasks" in grown:
        per_task = grown["tasks"]["anon"]
        print(f"   at most 0.1 KiB per finished task: {per_task:+.3f} KiB: "
              f"{'met' if per_task <= 0.1 else 'NOT met'}")
    if "records" in grown:
        g = grown["records"]
        besides = g.get("heap besides sqlite")
        print(f"   at most 1 KiB of heap per record opened and closed (a caseload of "
              f"{args.caseload}), after the warm-up:")
        print(f"     anonymous memory {g['anon']:+.2f} KiB per record: "
              f"{'met' if g['anon'] <= 1.0 else 'NOT met'}")
        if besides is not None:
            print(f"     C heap in use besides SQLite's page caches {besides:+.2f} KiB per record"
                  f" (SQLite's {g['sqlite']:+.2f}): {'met' if besides <= 1.0 else 'NOT met'}")
        print(f"     Python's heap: {g['objects']:+.2f} objects and {g['blocks']:+.2f} blocks"
              " per record")
    if "all others" in grown:
        g = grown["all others"]
        besides = g.get("heap besides sqlite")
        print(f"   ({args.distinct} records of all different clients: {g['anon']:+.2f} KiB per "
              f"record, of which SQLite's page caches {g.get('sqlite', 0):+.2f} KiB and the C "
              f"heap in use besides them "
              f"{'n/a' if besides is None else f'{besides:+.2f}'} KiB; the rest is free space"
              " the C heap keeps between them)")
    print(f"   no operation slower at the end than 1.1x its start: "
          f"{'met' if steady else 'NOT met'}")
    soak.window.close()
    soak.app.tasks.wait(10_000)
    soak.app.services.db.dispose()


if __name__ == "__main__":
    main()
