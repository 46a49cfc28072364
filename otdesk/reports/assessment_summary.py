"""The assessment summary: one administration's scores by domain with its band, the change
in each since the previous administration (meaningful changes marked), a trend chart over
every administration, and the client's task-performance log as charts and a table of
trials.

Every text arrives in the view model in the document's language; what the client or the OT
typed (comments, task names, trial notes) is escaped, and a long note is printed under the
table, never inside a cell.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from otdesk.domain.translation import N_, _, fill, format_date
from otdesk.reports import blocks
from otdesk.reports.assessment_view import AssessmentSummary, TaskLog, TrendChart
from otdesk.reports.fonts import REGULAR
from otdesk.reports.letterhead import Letterhead, letterhead_block
from otdesk.reports.line_charts import line_chart
from otdesk.reports.page import CONTENT_WIDTH, ClientLine, PrintStamp, build_pdf
from otdesk.reports.ruled import fits, ruled
from otdesk.reports.styles import Styles, make_styles
from otdesk.reports.text import label_text, user_text

TITLE = N_("Assessment summary")


@dataclass(frozen=True)
class AssessmentSummaryView:
    """The summary with the letterhead and the client it is about."""

    letterhead: Letterhead
    client: ClientLine
    summary: AssessmentSummary


def _chart(styles: Styles, chart: TrendChart, width: float) -> list[Flowable]:
    height = (62 if styles.large_print else 52) * 2.835 + 10 * max(len(chart.series) - 1, 0)
    drawing = line_chart(chart, width=width, height=height, font=REGULAR,
                         date_label=format_date, font_size=styles.small_size * 0.95)
    # blocks.section opens this up when it keeps its heading with the first chart.
    return [KeepTogether([blocks.fixed(styles, chart.title, "h2"), drawing])]


def _scores(styles: Styles, s: AssessmentSummary, width: float) -> list[Flowable]:
    rows = [[label_text(line.label), label_text(line.value or "—"), label_text(line.out_of),
             label_text(line.band), label_text(line.note)] for line in s.scores]
    bold = [i for i, line in enumerate(s.scores) if line.is_total]
    return [ruled(styles, [_("Score"), _("Result"), _("Possible range"), _("Band"), _("Note")],
                  rows, [width * w for w in (0.32, 0.12, 0.16, 0.24, 0.16)], bold_rows=bold)]


def _changes(styles: Styles, s: AssessmentSummary, width: float) -> list[Flowable]:
    if s.previous_on is None:
        return [blocks.fixed(styles, _("This is the first administration of this instrument "
                                       "for the client: there is nothing to compare it with."))]
    if not s.changes:
        return [blocks.fixed(styles, _("The scores of the two administrations cannot be "
                                       "compared."))]
    rows = [[label_text(c.label), label_text(c.before or "—"), label_text(c.after or "—"),
             label_text(c.change or "—"), label_text(c.smallest or "—"),
             label_text(_("yes") if c.meaningful else _("no"))] for c in s.changes]
    bold = [i for i, c in enumerate(s.changes) if c.meaningful]
    return [
        blocks.fixed(styles, fill(_("From {before} to {after}. A change at least as large as "
                                    "the smallest meaningful change is marked in bold."),
                                  before=format_date(s.previous_on),
                                  after=format_date(s.administered_on))),
        ruled(styles, [_("Score"), fill(_("On {date}"), date=format_date(s.previous_on)),
                       fill(_("On {date}"), date=format_date(s.administered_on)), _("Change"),
                       _("Smallest meaningful change"), _("Meaningful")], rows,
              [width * w for w in (0.28, 0.12, 0.12, 0.12, 0.2, 0.16)], bold_rows=bold),
    ]


def _history(styles: Styles, s: AssessmentSummary, width: float) -> list[Flowable]:
    out: list[Flowable] = []
    if s.trend is not None:
        out += _chart(styles, s.trend, width)
    rows = [[label_text(format_date(day)), label_text(total or "—"), label_text(band)]
            for day, total, band in s.history]
    out.append(ruled(styles, [_("Date"), _("Total"), _("Band")], rows,
                     [width * w for w in (0.25, 0.2, 0.55)]))
    return out


def _task_log(styles: Styles, log: TaskLog, width: float) -> list[Flowable]:
    body: list[Flowable] = []
    for chart in log.charts:
        body += _chart(styles, chart, width)
    rows = []
    after: list[Flowable] = []
    for number, t in enumerate(log.trials, start=1):
        if fits(t.notes):
            notes = user_text(t.notes)
        else:
            notes = label_text(fill(_("see note {number} below"), number=number))
            after.append(blocks.fixed(styles, fill(_("Note {number}"), number=number), "h2"))
            after += blocks.long_text(styles, t.notes)
        rows.append([label_text(f"{number}."), label_text(format_date(t.trial_date)),
                     user_text(t.task), label_text(t.minutes), label_text(t.errors),
                     label_text(t.assistance), label_text(t.effort), notes])
    body.append(ruled(styles, ["", _("Date"), _("Task"), _("Minutes"), _("Errors"),
                               _("Assistance"), _("Effort"), _("Notes")], rows,
                      [width * w for w in (0.055, 0.13, 0.2, 0.095, 0.085, 0.135, 0.085, 0.215)],
                      compact=True))
    return blocks.section(styles, log.title, [*body, *after])


def story(view: AssessmentSummaryView, styles: Styles, width: float) -> list[Flowable]:
    """The summary's flowables."""
    s = view.summary
    out: list[Flowable] = [*letterhead_block(styles, view.letterhead, width)]
    out.append(blocks.fixed(styles, _(TITLE), "title"))
    out.append(blocks.fixed(styles, fill(_("{instrument}, {date}"), instrument=s.title,
                                         date=format_date(s.administered_on)), "subtitle"))
    if s.label_note:
        out.append(blocks.fixed(styles, s.label_note, "note"))
    if not s.is_final:
        out.append(blocks.notice(styles, fill(
            _("Not finalised (status: {status}): these scores may still change."),
            status=s.status)))
    out += blocks.facts(styles, [
        (_("Client"), view.client.name),
        (_("Record number"), view.client.record_number),
        (_("Instrument"), fill(_("{title}, version {version}"), title=s.title,
                               version=s.version)),
        (_("Date"), format_date(s.administered_on)),
        (_("Assessed by"), s.author),
        (_("Band"), s.band if not s.plain_band or s.plain_band == s.band
         else fill(_("{band}: {plain}"), band=s.band, plain=s.plain_band)),
        (_("Previous administration"), format_date(s.previous_on) if s.previous_on else ""),
    ], width=width, label_width=(62 if styles.large_print else 42) * mm)
    if s.external:
        out.append(blocks.fixed(styles, _("Result recorded from an administration on the "
                                          "instrument's own forms: total and band only."),
                                "note"))
    out += blocks.section(styles, _("Scores by domain"), _scores(styles, s, width))
    if s.licence:  # the instrument's own terms, under its scores
        out.append(blocks.fixed(styles, s.licence, "muted"))
    if s.comment.strip():
        out += blocks.section(styles, _("Comment"), blocks.long_text(styles, s.comment))
    out += blocks.section(styles, _("Change since the previous administration"),
                          _changes(styles, s, width))
    if len(s.history) > 1:
        out += blocks.section(styles, _("Over time"), _history(styles, s, width))
    for log in s.task_logs:
        out += _task_log(styles, log, width)
    return out


def render(view: AssessmentSummaryView, stamp: PrintStamp, large_print: bool = False) -> bytes:
    """The summary as PDF bytes."""
    styles = make_styles(large_print=large_print)
    return build_pdf(story(view, styles, CONTENT_WIDTH), client=view.client, stamp=stamp,
                     styles=styles, title=_(TITLE), author=view.letterhead.name)
