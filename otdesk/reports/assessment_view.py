"""What the assessment summary prints: plain data, built by
``otdesk.services.assessment_report`` and read by ``otdesk.reports.assessment_summary``.

Labels are already in the document's language; numbers are text written that language's way,
except the chart points, which stay numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class ScoreLine:
    """One score (a domain or the total) of the administration printed."""

    label: str
    value: str  # "" when it could not be computed
    out_of: str  # the score's range ("0-40"), "" when unknown
    band: str  # the clinician's band label, "" when none
    note: str  # why there is no value, or how many items were answered when not all
    is_total: bool


@dataclass(frozen=True)
class ChangeLine:
    """How one score moved since the previous administration."""

    label: str
    before: str
    after: str
    change: str  # signed ("+3", "-1.5"), "" when either is missing
    smallest: str  # the smallest meaningful change, "" when the definition names none
    meaningful: bool


@dataclass(frozen=True)
class ChartSeries:
    """One line of a chart: (date, value) points, oldest first."""

    label: str
    points: tuple[tuple[date, float], ...]


@dataclass(frozen=True)
class TrendChart:
    """A small line chart over time."""

    title: str
    y_label: str
    series: tuple[ChartSeries, ...]
    y_min: float | None = None
    y_max: float | None = None


@dataclass(frozen=True)
class TrialLine:
    """One trial of the task-performance log."""

    trial_date: date
    task: str
    minutes: str
    errors: str
    assistance: str
    effort: str
    notes: str


@dataclass(frozen=True)
class TaskLog:
    """The client's task-performance log: every trial, and its charts."""

    title: str
    trials: tuple[TrialLine, ...]
    charts: tuple[TrendChart, ...]


@dataclass(frozen=True)
class AssessmentSummary:
    """The summary of one administration, its progress, and the task-performance log."""

    assessment_id: int
    record_version: int  # the administration's version as the record keeps it
    title: str  # the instrument's title
    version: str
    administered_on: date
    status: str
    is_final: bool
    author: str
    label_note: str  # "clinical checklist, not a standardised instrument", or ""
    band: str  # the total's band (clinician label), "" when none
    plain_band: str
    comment: str
    external: bool  # a result recorded from outside (total and band only)
    scores: tuple[ScoreLine, ...]
    previous_on: date | None  # the previous administration compared with, if any
    changes: tuple[ChangeLine, ...]
    trend: TrendChart | None  # None with fewer than two administrations
    history: tuple[tuple[date, str, str], ...]  # (date, total, band), oldest first
    task_logs: tuple[TaskLog, ...]
    licence: str
