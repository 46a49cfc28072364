"""The team summary for the weekly multidisciplinary meeting: an overview table, then per
client what changed in the range, what is due, the open questions by discipline and the last
case conference.

The document is about many clients, so its page header names the summary (whose caseload,
which days) instead of one client; each client's block names the client, record number and
date of birth, and a block that runs onto the next page names them again there. The footer
is the shared one's (``otdesk.reports.page``), drawn the same way.
"""

from __future__ import annotations

from io import BytesIO

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether

from otdesk.domain.translation import (
    N_,
    _,
    fill,
    format_date,
    format_number,
    ngettext,
    pgettext,
)
from otdesk.reports import blocks
from otdesk.reports.fonts import register_fonts
from otdesk.reports.page import (
    CONTENT_WIDTH,
    PAGE_HEIGHT,
    ClientLine,
    PrintStamp,
    ReportDocument,
    numbered_canvas,
)
from otdesk.reports.styles import Styles, make_styles
from otdesk.reports.team_views import AssessmentLine, ClientBlock, Person, TeamSummaryView
from otdesk.reports.text import label_text, user_text

TITLE = N_("Team summary")


def document_title() -> str:
    """The document's name in the document's language."""
    return _(TITLE)


def person_heading(person: Person) -> str:
    """ "Name · Record no. X · Date of birth D", as a client's block is headed."""
    parts = [person.name, fill(_("Record no. {number}"), number=person.record_number)]
    if person.date_of_birth is not None:
        parts.append(fill(_("Date of birth {date}"), date=format_date(person.date_of_birth)))
    return "  ·  ".join(parts)


def range_text(view: TeamSummaryView) -> str:
    """The days the summary covers."""
    return fill(_("{start} to {end}"), start=format_date(view.start), end=format_date(view.end))


def _signed(value: float) -> str:
    return ("+" if value > 0 else "") + format_number(value)


def _assessment(a: AssessmentLine) -> str:
    result = a.result
    if a.band:
        result = fill(_("{result} ({band})"), result=result or "-", band=a.band)
    text = fill(_("{date}: {instrument} {result}"), date=format_date(a.on), instrument=a.title,
                result=result)
    if a.previous_on is None:
        return fill(_("{line}; first administration"), line=text)
    if not a.moves:
        return fill(_("{line}; no meaningful change since {date}"), line=text,
                    date=format_date(a.previous_on))
    moves = "; ".join(fill(_("{score} {before} to {after} ({change})"), score=m.label,
                           before=format_number(m.before), after=format_number(m.after),
                           change=_signed(m.change)) for m in a.moves)
    return fill(_("{line}; meaningful change since {date}: {moves}"), line=text,
                date=format_date(a.previous_on), moves=moves)


def _changes(block: ClientBlock) -> list[str]:
    lines = [fill(_("Assessment {line}"), line=_assessment(a)) for a in block.assessments]
    lines += [fill(_("Goal attained {date}: {goal}"), date=format_date(g.on), goal=g.text)
              for g in block.goals_attained]
    for r in block.reviews:
        levels = ", ".join(fill(_("{goal} {level}"), goal=goal, level=_signed(level))
                           for goal, level in r.levels)
        score = (fill(_("T-score {score}"), score=format_number(r.t_score, 1))
                 if r.t_score is not None else _("no T-score"))
        lines.append(fill(_("Care-plan review {date} ({score}): {levels}"),
                          date=format_date(r.on), score=score, levels=levels or "-"))
    for s in block.sessions:
        topics = ", ".join(s.topics) or _("no topics recorded")
        lines.append(fill(_("Family session {date} ({mode}, {status}): {topics}"),
                          date=format_date(s.on), mode=s.mode, status=s.status,
                          topics=topics))
    for m in block.modifications:
        what = fill(_("{what} ({area})"), what=m.text, area=m.area) if m.area else m.text
        lines.append(fill(_("Home modification {date} ({status}): {what}"),
                          status=m.status, date=format_date(m.on), what=what))
    if block.discharged_on is not None:
        lines.append(fill(_("Discharged {date}"), date=format_date(block.discharged_on)))
    return lines


def _overview(view: TeamSummaryView, styles: Styles, width: float) -> list[Flowable]:
    """One line per client: how many changes, due items and open questions. The assigned OT
    is a column only when the summary covers more than one OT's clients."""
    many = len({c.assigned_ot for c in view.clients}) > 1
    header = [_("Client"), _("Record number")] + ([_("Assigned OT")] if many else []) + [
        pgettext("team summary column", "New"), pgettext("team summary column", "Due"),
        pgettext("team summary column", "Open")]
    rows = [[c.person.name, c.person.record_number] + ([c.assigned_ot] if many else []) +
            [str(len(_changes(c))), str(len(c.due)), str(len(c.questions))]
            for c in view.clients]
    counts = [width * 0.12] * 3  # room for "Pendiente" in Spanish
    widths = ([width * 0.28, width * 0.17, width * 0.19] if many
              else [width * 0.4, width * 0.24]) + counts
    return [blocks.grid(styles, header, rows, widths)]


def client_story(block: ClientBlock, styles: Styles) -> list[Flowable]:
    """One client's block."""
    head = [blocks.heading(styles, person_heading(block.person), 2),
            blocks.fixed(styles, fill(_("Assigned OT: {name} · {status}"),
                                      name=block.assigned_ot or _("none"),
                                      status=block.status), "muted")]
    out: list[Flowable] = []
    changes = _changes(block)
    out.append(blocks.fixed(styles, _("What changed"), "label"))
    out += (blocks.bullets(styles, changes) if changes
            else [blocks.fixed(styles, _("Nothing new in this period."), "muted")])
    if block.due:
        out.append(blocks.fixed(styles, _("What is due"), "label"))
        out += blocks.bullets(styles, [d.summary for d in block.due])
    if block.questions or block.conference is not None:
        out.append(blocks.fixed(styles, _("Open questions"), "label"))
        out += blocks.bullets(styles, [fill(_("{discipline}: {question}"),
                                            discipline=q.discipline, question=q.text)
                                       for q in block.questions])
        c = block.conference
        if c is not None:
            text = fill(_("Last case conference {date}: {decisions}"),
                        date=format_date(c.held_on), decisions=c.decisions or "-")
            if c.next_review is not None:
                text = fill(_("{conference}. Next joint review {date}."), conference=text,
                            date=format_date(c.next_review))
            out += blocks.bullets(styles, [text])
    # The heading stays with the first lines; the rest may flow to the next page.
    return [KeepTogether(head + out[:2]), *out[2:], blocks.spacer(styles, 0.6)]


def story(view: TeamSummaryView, styles: Styles, width: float) -> list[Flowable]:
    """The summary's flowables."""
    out: list[Flowable] = []
    if view.clinic:
        out.append(blocks.para(styles, view.clinic, "letterhead"))
    out.append(blocks.fixed(styles, _(TITLE), "title"))
    out.append(blocks.fixed(styles, fill(_("{scope} · {days} · due as of {today}"),
                                         scope=view.scope, days=range_text(view),
                                         today=format_date(view.today)), "subtitle"))
    quiet = ngettext("{count} other client in care has nothing new, due or open.",
                     "{count} other clients in care have nothing new, due or open.",
                     view.quiet)
    if view.clients:
        out += _overview(view, styles, width)
    else:
        out.append(blocks.fixed(styles, _("No client has anything new, due or open."), "body"))
    if view.quiet:
        out.append(blocks.fixed(styles, fill(quiet, count=view.quiet), "muted"))
    for block in view.clients:
        out += client_story(block, styles)
    return out


class SummaryDocument(ReportDocument):
    """The shared pages, with a header naming the summary rather than one client."""

    def __init__(self, out: BytesIO, *, heading: str, subheading: str, stamp: PrintStamp,
                 styles: Styles, title: str, author: str = "") -> None:
        self.heading = heading
        self.subheading = subheading
        super().__init__(out, client=ClientLine(heading, "", None), stamp=stamp,
                         styles=styles, title=title, author=author)

    def _header(self, canvas: Canvas) -> None:
        """The summary's name and its caseload and days, over the shared rule."""
        left, width = self.leftMargin, self.width
        top = PAGE_HEIGHT - 12 * mm
        self._draw(canvas, f"<b>{user_text(self.heading, line_breaks=False)}</b>", "small",
                   left, top, width * 0.62)
        self._draw(canvas, label_text(self.subheading), "small_right", left + width * 0.42,
                   top, width * 0.58)
        self._header_rule(canvas)

def build_summary_pdf(flowables: list[Flowable], *, heading: str, subheading: str,
                      stamp: PrintStamp, styles: Styles, title: str, author: str = "") -> bytes:
    """Lay a many-client story out on the shared pages, headed by ``heading``."""
    register_fonts()
    out = BytesIO()
    doc = SummaryDocument(out, heading=heading, subheading=subheading, stamp=stamp,
                          styles=styles, title=title, author=author)
    first_footer_line = 10 * mm + doc.footer_height - 3 - styles.small_size
    doc.build(flowables, canvasmaker=numbered_canvas(styles, first_footer_line))
    return out.getvalue()


def render(view: TeamSummaryView, stamp: PrintStamp, large_print: bool = False) -> bytes:
    """The team summary as PDF bytes."""
    styles = make_styles(large_print=large_print)
    heading = fill(_("{title}: {scope}"), title=_(TITLE), scope=view.scope)
    return build_summary_pdf(story(view, styles, CONTENT_WIDTH), heading=heading,
                             subheading=range_text(view), stamp=stamp, styles=styles,
                             title=_(TITLE), author=view.clinic)
