"""Progress over administrations: comparing two, trends per score over time, and the
discharge-readiness battery (per instrument: the latest result, the change since the first,
and whether it is missing, due or current).

Only finalised administrations that stand count in trends and the battery (one corrected by a
finalised correction gives way to it). Import these through ``otdesk.services.assessments``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from otdesk.db.models import BatteryInstrument, ClinicSettings
from otdesk.domain.definitions import Definition, DefinitionKind, ScoreChange, compare
from otdesk.domain.errors import ValidationError
from otdesk.domain.translation import N_, _, current_language, fill, format_number
from otdesk.services.context import Context

if TYPE_CHECKING:
    from otdesk.services.assessments import AssessmentInfo

# The battery when the clinic has not named its own: the shipped instruments about readiness
# for discharge. Each is repeated every ``reassessment_days`` of the clinic's settings.
DEFAULT_BATTERY: tuple[str, ...] = (
    "discharge-readiness",
    "daily-living-skills",
    "client-priorities",
    "goal-attainment-scaling",
)
DEFAULT_REPEAT_DAYS = 180  # when the clinic has no settings yet
TASK_ITEM = "task"  # a task log's item naming the task
TRIAL_DATE_ITEM = "trial_date"  # and the one dating the trial


@dataclass(frozen=True)
class Comparison:
    """Two administrations of one definition and how each score moved between them."""

    before: AssessmentInfo
    after: AssessmentInfo
    changes: list[ScoreChange]


@dataclass(frozen=True)
class TrendSeries:
    """One score over time: ``points`` are (date, value), oldest first. For a task log, one
    series per measure and task: ``task`` names the task ("" for other definitions)."""

    key: str  # the scoring rule's key (a domain, the total, or a task log's measure)
    label: str  # in the interface language
    points: list[tuple[date, float]]
    task: str = ""


@dataclass(frozen=True)
class BatteryLine:
    """One instrument of the battery for one client."""

    definition_id: str
    title: str
    repeat_days: int
    latest: AssessmentInfo | None
    first: AssessmentInfo | None
    changes: list[ScoreChange] = field(default_factory=list)  # first to latest
    due_on: date | None = None  # when the latest should be repeated (None: never done)
    state: str = "missing"  # 'missing', 'due' or 'current'

    @property
    def summary(self) -> str:
        """One line: the latest result with its date and band, and when it is due."""
        latest = self.latest
        if latest is None:
            return fill(_("{title}: not done yet"), title=self.title)
        total = latest.total
        value = (latest.external_total if total is None else format_number(total))
        values = {"title": self.title, "value": value or "-", "band": latest.band_label,
                  "date": latest.administered_on, "due": self.due_on}
        if self.state == "due":
            text = (_("{title}: {value} ({band}) on {date}; due since {due}")
                    if latest.band_label else _("{title}: {value} on {date}; due since {due}"))
        else:
            text = (_("{title}: {value} ({band}) on {date}; next due {due}")
                    if latest.band_label else _("{title}: {value} on {date}; next due {due}"))
        return fill(text, **values)

    @property
    def meaningful_changes(self) -> list[ScoreChange]:
        """The changes since the first administration that are meaningful."""
        return [c for c in self.changes if c.meaningful]


# Without a plural form: "1 of 4" takes the plural in some languages and not in others.
_UP_TO_DATE = N_("Instruments up to date: {current} of {count}")


def battery_summary(lines: list[BatteryLine]) -> str:
    """The battery in one line: how many are up to date, which are missing and which due."""
    parts = [fill(_(_UP_TO_DATE),
                  current=sum(line.state == "current" for line in lines), count=len(lines))]
    missing = [line.title for line in lines if line.state == "missing"]
    due = [line.title for line in lines if line.state == "due"]
    if missing:
        parts.append(fill(_("missing: {names}"), names=", ".join(missing)))
    if due:
        parts.append(fill(_("due: {names}"), names=", ".join(due)))
    return "; ".join(parts)


def _definition_of(info: AssessmentInfo) -> Definition | None:
    from otdesk.services.assessments import find_definition

    return (find_definition(info.definition_id, info.definition_version)
            or find_definition(info.definition_id))


def compare_assessments(ctx: Context, before_id: int, after_id: int) -> Comparison:
    """How each score moved from one administration to another of the same definition, the
    meaningful changes flagged by the definition's smallest meaningful change."""
    from otdesk.services.assessments import get_assessment

    before, after = get_assessment(ctx, before_id), get_assessment(ctx, after_id)
    if before.definition_id != after.definition_id:
        raise ValidationError.single("after_id", N_(
            "only two administrations of the same instrument can be compared "
            "({first} and {second})"), first=before.title, second=after.title)
    definition = _definition_of(after)
    if definition is None or before.result is None or after.result is None:
        return Comparison(before, after, [])
    return Comparison(before, after, compare(definition, before.result, after.result))


def _standing(everything: list[AssessmentInfo], definition_id: str) -> list[AssessmentInfo]:
    """The finalised administrations of one definition that stand, oldest first."""
    from otdesk.services.assessments import effective

    mine = [a for a in everything if a.definition_id == definition_id]
    return sorted(effective(mine), key=lambda a: (a.administered_on, a.id))


def _trial_date(info: AssessmentInfo) -> date:
    value = info.answers.get(TRIAL_DATE_ITEM)
    try:
        return date.fromisoformat(str(value)) if value else info.administered_on
    except ValueError:
        return info.administered_on


def trend(ctx: Context, client_id: int, definition_id: str) -> list[TrendSeries]:
    """One series per score (each domain and the total) over the client's finalised
    administrations in date order. A task log gives one series per measure (time taken,
    errors, assistance, effort) and per task, the trials dated by their own date."""
    from otdesk.services.assessments import find_definition, list_assessments

    standing = _standing(list_assessments(ctx, client_id), definition_id)
    definition = find_definition(definition_id)
    if definition is None:
        return []
    language = current_language()
    if definition.kind is DefinitionKind.TASK_LOG:
        tasks: dict[str, tuple[str, list[AssessmentInfo]]] = {}
        for info in standing:
            name = str(info.answers.get(TASK_ITEM, "")).strip()
            tasks.setdefault(name.casefold(), (name, []))[1].append(info)
        groups = [(name, sorted(items, key=lambda a: (_trial_date(a), a.id)))
                  for name, items in tasks.values()]
    else:
        groups = [("", standing)]
    series = []
    for task, items in groups:
        for rule in definition.scoring:
            points = [(_trial_date(a) if task else a.administered_on, value)
                      for a in items if a.result is not None
                      and (value := a.result.value(rule.key)) is not None]
            if points:
                series.append(TrendSeries(rule.key, rule.label.text(language), points, task))
    return series


def _battery(ctx: Context) -> list[tuple[str, int]]:
    with ctx.db.reading() as session:
        rows = session.scalars(select(BatteryInstrument).where(
            BatteryInstrument.active.is_(True)).order_by(
            BatteryInstrument.position, BatteryInstrument.id)).all()
        if rows:
            return [(row.definition_id, row.repeat_days) for row in rows]
        days = session.scalar(select(ClinicSettings.reassessment_days).limit(1))
    return [(definition_id, days or DEFAULT_REPEAT_DAYS) for definition_id in DEFAULT_BATTERY]


def battery_status(ctx: Context, client_id: int, today: date | None = None) -> list[BatteryLine]:
    """Per instrument of the clinic's battery (``battery_instruments``, active rows by
    position; else ``DEFAULT_BATTERY``): the latest and first finalised results, the change
    between them, when it is due again and whether it is missing, due or current."""
    from otdesk.services.assessments import find_definition, list_assessments

    everything = list_assessments(ctx, client_id)
    today = today or ctx.today()
    language = current_language()
    lines = []
    for definition_id, repeat_days in _battery(ctx):
        definition = find_definition(definition_id)
        title = definition.title_in(language) if definition else definition_id
        standing = _standing(everything, definition_id)
        if not standing:
            lines.append(BatteryLine(definition_id, title, repeat_days, None, None))
            continue
        first, latest = standing[0], standing[-1]
        changes: list[ScoreChange] = []
        if (definition is not None and first.id != latest.id and first.result is not None
                and latest.result is not None):
            changes = compare(definition, first.result, latest.result)
        due_on = latest.administered_on + timedelta(days=repeat_days)
        lines.append(BatteryLine(definition_id, title, repeat_days, latest, first, changes,
                                 due_on, "due" if due_on <= today else "current"))
    return lines
