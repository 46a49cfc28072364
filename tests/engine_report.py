"""The end of a test run says how many tests ran on each storage engine, and says plainly when
the PostgreSQL half did not run (so a run without a PostgreSQL server is never mistaken for a
full one).

Registered by ``conftest.py``. Each database test carries its engine in its report's user
properties, which also travel back from xdist workers. With ``OTDESK_ENGINE_SUMMARY`` set to a
file name, the same lines are written there too (``tools/test.sh`` prints them last).
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest

SUMMARY_FILE = "OTDESK_ENGINE_SUMMARY"


class EngineReport:
    """Counts outcomes per engine and prints them in the terminal summary."""

    PG_SKIPPED = "PostgreSQL half did not run"

    def __init__(self) -> None:
        self._outcomes: dict[str, dict[str, str]] = {}  # engine -> test id -> outcome
        self._pg_reasons: Counter[str] = Counter()

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        engine = dict(report.user_properties).get("engine")
        if engine is None:
            return
        seen = self._outcomes.setdefault(str(engine), {})
        if report.failed:
            seen[report.nodeid] = "failed" if report.when == "call" else "error"
        elif report.skipped:
            seen[report.nodeid] = "skipped"
            reason = _skip_reason(report)
            if reason.startswith(self.PG_SKIPPED):
                self._pg_reasons[reason] += 1
        elif report.when == "call":
            seen.setdefault(report.nodeid, "passed")

    def lines(self) -> list[str]:
        """The summary: one line per engine, and the warning when PostgreSQL did not run."""
        out = []
        for engine in sorted(self._outcomes):
            counts = Counter(self._outcomes[engine].values())
            parts = ", ".join(f"{counts[k]} {k}" for k in ("passed", "failed", "error", "skipped")
                              if counts[k])
            out.append(f"{engine}: {sum(counts.values())} tests ({parts})")
        if self._pg_reasons:
            skipped = sum(self._pg_reasons.values())
            reason = self._pg_reasons.most_common(1)[0][0]
            why = reason.removeprefix(self.PG_SKIPPED).lstrip(": ")
            out.append(
                f"WARNING: the PostgreSQL half did NOT run: {skipped} PostgreSQL tests were "
                f"skipped, so only SQLite was tested. Why: {why}"
            )
        return out

    @pytest.hookimpl(trylast=True)
    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        lines = self.lines()
        if not lines:
            return
        terminalreporter.write_sep("=", "storage engines")
        for line in lines:
            terminalreporter.write_line(line, yellow=line.startswith("WARNING"), bold=True)
        target = os.environ.get(SUMMARY_FILE)
        if target:
            Path(target).write_text("\n".join(lines) + "\n", encoding="utf-8")


def _skip_reason(report: pytest.TestReport) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2]).removeprefix("Skipped: ")
    return str(longrepr or "")
