"""The assessment summary of one client: one administration's scores by domain with its band,
how each moved since the previous administration of the same instrument (the meaningful
changes flagged by the instrument's smallest meaningful change), a trend over every
administration, and the client's task-performance log as charts and a table.

``assessment_summary`` returns the plain view model
``otdesk.reports.assessment_view.AssessmentSummary``, labels in the interface language.
"""

from __future__ import annotations

from datetime import date

from otdesk.domain.definitions import Definition, DefinitionKind
from otdesk.domain.errors import ValidationError
from otdesk.domain.translation import N_, _, current_language, fill, format_number
from otdesk.domain.vocab import RecordStatus
from otdesk.reports.assessment_view import (
    AssessmentSummary,
    ChangeLine,
    ChartSeries,
    ScoreLine,
    TaskLog,
    TrendChart,
    TrialLine,
)
from otdesk.services.assessment_progress import TASK_ITEM, TRIAL_DATE_ITEM, trend
from otdesk.services.assessments import (
    AssessmentInfo,
    effective,
    find_definition,
    get_assessment,
    list_assessments,
)
from otdesk.services.context import Context

NONE_FINAL = N_("this client has no finalised assessment to summarise")
NOT_THIS_CLIENTS = N_("assessment {id} is not one of this client's assessments")
TASK_CHARTS = ("minutes", "assistance")  # the task log's measures charted, one chart each


def _number(value: float | None, places: int | None = None) -> str:
    if value is None:
        return ""
    if places is None:
        places = 0 if float(value).is_integer() else 1
    return format_number(round(value, places), decimals=places)


def _signed(value: float | None, places: int) -> str:
    if value is None:
        return ""
    text = _number(abs(value), places)
    return "0" if value == 0 else ("+" if value > 0 else "\u2212") + text


def choose(ctx: Context, client_id: int, assessment_id: int | None) -> AssessmentInfo:
    """The administration to summarise: ``assessment_id`` (one of this client's), else the
    latest finalised one that stands and is not a task-log trial."""
    if assessment_id is not None:
        chosen = get_assessment(ctx, assessment_id)
        if chosen.client_id != client_id:
            raise ValidationError.single("id", NOT_THIS_CLIENTS, id=assessment_id)
        return chosen
    standing = [a for a in effective(list_assessments(ctx, client_id))
                if a.kind is not DefinitionKind.TASK_LOG]
    if not standing:
        raise ValidationError.single("id", NONE_FINAL)
    return max(standing, key=lambda a: (a.administered_on, a.id))


def _scores(info: AssessmentInfo, definition: Definition | None) -> tuple[ScoreLine, ...]:
    language = current_language()
    if definition is None or info.result is None:
        return (ScoreLine(_("Total"), info.external_total, "", info.band_label, "", True),)
    total = definition.total_rule()
    lines = []
    for rule in definition.scoring:
        score = info.result.scores.get(rule.key)
        if score is None:
            continue
        low, high = definition.score_range(rule.key)
        note = ""
        if score.value is None:
            note = score.reason or _("not enough answers")
        elif score.answered < score.expected:
            note = fill(_("{answered} of {expected} answered"), answered=score.answered,
                        expected=score.expected)
        lines.append(ScoreLine(
            label=rule.label.text(language), value=_number(score.value, rule.places),
            out_of=fill(_("{low} to {high}"), low=_number(low), high=_number(high)),
            band=score.band.label.text(language) if score.band else "", note=note,
            is_total=total is not None and rule.key == total.key))
    return tuple(lines)


def _standing_of(everything: list[AssessmentInfo], definition_id: str) -> list[AssessmentInfo]:
    mine = [a for a in everything if a.definition_id == definition_id]
    return sorted(effective(mine), key=lambda a: (a.administered_on, a.id))


def _previous(standing: list[AssessmentInfo], info: AssessmentInfo) -> AssessmentInfo | None:
    earlier = [a for a in standing if a.id != info.id
               and (a.administered_on, a.id) < (info.administered_on, info.id)]
    return earlier[-1] if earlier else None


def _changes(definition: Definition | None, before: AssessmentInfo,
             after: AssessmentInfo) -> tuple[ChangeLine, ...]:
    from otdesk.domain.definitions import compare

    if definition is None or before.result is None or after.result is None:
        return ()
    language = current_language()
    lines = []
    for change in compare(definition, before.result, after.result):
        rule = definition.rule(change.key)
        smallest = definition.min_change_of(change.key)
        lines.append(ChangeLine(
            label=change.label.text(language), before=_number(change.before, rule.places),
            after=_number(change.after, rule.places),
            change=_signed(change.change, rule.places),
            smallest="" if smallest is None else _number(smallest),
            meaningful=change.meaningful))
    return tuple(lines)


def _trend(ctx: Context, client_id: int, definition: Definition | None) -> TrendChart | None:
    if definition is None:
        return None
    total = definition.total_rule()
    series = trend(ctx, client_id, definition.id)
    chosen = [s for s in series if total is not None and s.key == total.key] or series[:1]
    if not chosen or len(chosen[0].points) < 2:
        return None
    low, high = definition.score_range(chosen[0].key)
    return TrendChart(
        title=fill(_("{score} over time"), score=chosen[0].label), y_label=chosen[0].label,
        series=tuple(ChartSeries(s.label, tuple(s.points)) for s in chosen),
        y_min=low, y_max=high)


def _trial_date(info: AssessmentInfo) -> date:
    try:
        return date.fromisoformat(str(info.answers.get(TRIAL_DATE_ITEM)))
    except ValueError:
        return info.administered_on


def _task_log(ctx: Context, client_id: int, definition: Definition,
              trials: list[AssessmentInfo]) -> TaskLog:
    language = current_language()
    scale = (definition.scale_of(definition.item("assistance"))
             if definition.has_item("assistance") else None)

    def answer(info: AssessmentInfo, key: str) -> str:
        value = info.answers.get(key)
        if value is None or value == "":
            return ""
        if key == "assistance" and scale is not None:
            option = scale.option(str(value))
            return option.label.text(language) if option else str(value)
        if isinstance(value, int | float):
            return _number(float(value))
        return str(value)

    lines = tuple(TrialLine(_trial_date(a), str(a.answers.get(TASK_ITEM, "")), answer(a, "minutes"),
                            answer(a, "errors"), answer(a, "assistance"), answer(a, "effort"),
                            answer(a, "notes"))
                  for a in sorted(trials, key=lambda a: (_trial_date(a), a.id)))
    series = trend(ctx, client_id, definition.id)
    charts = []
    for key in TASK_CHARTS:
        mine = [s for s in series if s.key == key]
        if not mine or not any(len(s.points) >= 2 for s in mine):
            continue
        low, high = definition.score_range(key)
        charts.append(TrendChart(
            title=fill(_("{score}, by task"), score=mine[0].label), y_label=mine[0].label,
            series=tuple(ChartSeries(s.task or s.label, tuple(s.points)) for s in mine),
            y_min=low if key == "assistance" else 0.0,
            y_max=high if key == "assistance" else None))
    return TaskLog(definition.title_in(language), lines, tuple(charts))


def _task_logs(ctx: Context, client_id: int,
               everything: list[AssessmentInfo]) -> tuple[TaskLog, ...]:
    logs = []
    ids = sorted({a.definition_id for a in everything if a.kind is DefinitionKind.TASK_LOG})
    for definition_id in ids:
        definition = find_definition(definition_id)
        trials = _standing_of(everything, definition_id)
        if definition is not None and trials:
            logs.append(_task_log(ctx, client_id, definition, trials))
    return tuple(logs)


def assessment_summary(ctx: Context, *, client_id: int,
                       assessment_id: int | None = None) -> AssessmentSummary:
    """The summary of ``assessment_id`` (else the client's latest finalised assessment), the
    comparison with the administration before it, the trend, and the task-performance log."""
    info = choose(ctx, client_id, assessment_id)
    everything = list_assessments(ctx, client_id)
    definition = (find_definition(info.definition_id, info.definition_version)
                  or find_definition(info.definition_id))
    language = current_language()
    standing = _standing_of(everything, info.definition_id)
    previous = _previous(standing, info)
    rule = definition.total_rule() if definition else None
    places = rule.places if rule else None
    history = tuple((a.administered_on, _number(a.total, places) if a.total is not None
                     else a.external_total, a.band_label) for a in standing)
    return AssessmentSummary(
        assessment_id=info.id, record_version=info.version, title=info.title,
        version=info.definition_version, administered_on=info.administered_on,
        status=RecordStatus(info.status).label, is_final=info.is_final, author=info.author_name,
        label_note=(definition.label_note.text(language)
                    if definition and definition.label_note else ""),
        band=info.band_label, plain_band=info.plain_band, comment=info.comment,
        external=info.kind is DefinitionKind.EXTERNAL,
        scores=_scores(info, definition),
        previous_on=previous.administered_on if previous else None,
        changes=_changes(definition, previous, info) if previous else (),
        trend=_trend(ctx, client_id, definition), history=history,
        task_logs=_task_logs(ctx, client_id, everything),
        licence=definition.licence.text(language) if definition else "",
    )
