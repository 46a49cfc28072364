"""The home-modification report, for the family, the landlord or a contractor: a summary of
what is recommended and what it costs, then every modification room by room (priority, who
sees it through, status, due date, estimated cost and funding), the visits they came from,
and where each checklist's wording comes from.

Long recommendations and notes are printed under their room's table, never inside a cell.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from otdesk.domain.translation import N_, _, fill, format_date
from otdesk.reports import blocks
from otdesk.reports.home_view import HomeReport, ModificationLine, RoomGroup
from otdesk.reports.letterhead import Letterhead, letterhead_block
from otdesk.reports.page import CONTENT_WIDTH, ClientLine, PrintStamp, build_pdf
from otdesk.reports.ruled import fits, ruled
from otdesk.reports.styles import Styles, make_styles
from otdesk.reports.text import label_text, user_text

TITLE = N_("Home modifications")


@dataclass(frozen=True)
class HomeReportView:
    """The report with the letterhead and the client it is about."""

    letterhead: Letterhead
    client: ClientLine
    report: HomeReport
    consent_family: bool  # the client agrees to share health information with family
    consent_partners: bool  # ... and with community partners (a landlord, a contractor)


def _shared_with(view: HomeReportView) -> str:
    who = [w for w, agreed in ((_("the family"), view.consent_family),
                               (_("landlord or contractors"), view.consent_partners)) if agreed]
    return ", ".join(who) or _("no one outside the care team")


def _status(line: ModificationLine) -> str:
    if line.status_on is None:
        return label_text(line.status)
    return f"{label_text(line.status)}<br/>{label_text(format_date(line.status_on))}"


def _due(line: ModificationLine) -> str:
    if line.due_date is None:
        return ""
    when = label_text(format_date(line.due_date))
    return f"{when}<br/><b>{label_text(_('overdue'))}</b>" if line.overdue else when


def _title(room: RoomGroup) -> str:
    if room.cost:
        return fill(_("{room} (estimated {cost})"), room=room.room, cost=room.cost)
    return room.room


def _room_large(styles: Styles, room: RoomGroup, width: float,
                first_number: int) -> list[Flowable]:
    """Large print: each modification as its own short list of facts (eight columns of
    large type would leave a word or two per line)."""
    body: list[Flowable] = []
    for number, line in enumerate(room.lines, start=first_number):
        status = line.status if line.status_on is None else fill(
            _("{status} on {date}"), status=line.status, date=format_date(line.status_on))
        due = "" if line.due_date is None else format_date(line.due_date)
        if line.overdue:
            due = fill(_("{date} (overdue)"), date=due)
        # Each modification keeps together, so a room's heading never stands alone.
        body.append(blocks.keep_together([blocks.labelled(
            styles, f"{number}.", line.recommendation, "h2"), *blocks.facts(styles, [
            (_("Priority"), line.priority), (_("Who"), line.owner), (_("Status"), status),
            (_("Due"), due), (_("Cost"), line.cost), (_("Funding"), line.funding),
            (_("Note"), line.notes)], label_width=40 * mm, width=width)]))
    return blocks.section(styles, _title(room), body)


def _room(styles: Styles, room: RoomGroup, width: float, first_number: int) -> list[Flowable]:
    if styles.large_print:
        return _room_large(styles, room, width, first_number)
    rows: list[list[str]] = []
    after: list[Flowable] = []
    for number, line in enumerate(room.lines, start=first_number):
        text = line.recommendation
        if line.notes.strip():
            text = fill(_("{recommendation}\nNote: {note}"), recommendation=text,
                        note=line.notes)
        if fits(text):
            what = user_text(text)
        else:
            what = label_text(fill(_("see modification {number} below"), number=number))
            after.append(blocks.fixed(styles, fill(_("Modification {number}"), number=number),
                                      "h2"))
            after += blocks.long_text(styles, line.recommendation)
            if line.notes.strip():
                after.append(blocks.fixed(styles, _("Note"), "label"))
                after += blocks.long_text(styles, line.notes)
        rows.append([f"{number}.", what, label_text(line.priority), user_text(line.owner),
                     _status(line), _due(line), label_text(line.cost), user_text(line.funding)])
    header = ["", _("Modification"), _("Priority"), _("Who"), _("Status"), _("Due"),
              _("Cost"), _("Funding")]
    widths = [0.035, 0.23, 0.085, 0.11, 0.145, 0.115, 0.09, 0.19]
    table = ruled(styles, header, rows, [width * w for w in widths], compact=True)
    return [*blocks.section(styles, _title(room), [table]), *after]


def story(view: HomeReportView, styles: Styles, width: float) -> list[Flowable]:
    """The report's flowables."""
    report = view.report
    out: list[Flowable] = [*letterhead_block(styles, view.letterhead, width)]
    out.append(blocks.fixed(styles, _(TITLE), "title"))
    out.append(blocks.fixed(styles, _("Changes to the home recommended after a home visit, "
                                      "for the client, the family, the landlord or a "
                                      "contractor."), "subtitle"))
    counts = "; ".join(fill(_("{status}: {count}"), count=n, status=s)
                       for s, n in report.status_counts)
    out += blocks.facts(styles, [
        (_("Client"), view.client.name),
        (_("Record number"), view.client.record_number),
        (_("Address"), report.address),
        (_("Modifications"), counts or _("none recorded")),
        (_("Estimated cost"), report.total_cost and fill(
            _("{cost} in all (declined changes not counted)"), cost=report.total_cost)),
        (_("Still to be done"), report.open_cost),
        (_("Overdue"), str(report.overdue) if report.overdue else ""),
        (_("May be shared with"), _shared_with(view)),
    ], width=width, label_width=(58 if styles.large_print else 42) * mm)
    if not view.consent_partners:
        out.append(blocks.notice(styles, _(
            "The client has not agreed to share health information with community partners: "
            "do not give this report to a landlord or a contractor.")))
    if not report.rooms:
        out.append(blocks.notice(styles, _("No home modification has been recommended.")))
    number = 1
    for room in report.rooms:
        out += _room(styles, room, width, number)
        number += len(room.lines)
    if report.visits:
        rows = [[label_text(format_date(v.visit_date)), label_text(v.checklist),
                 label_text(v.setting), label_text(v.status), label_text(str(v.hazards))]
                for v in report.visits]
        header = [_("Visit"), _("Checklist"), _("Where"), _("Status"), _("Hazards found")]
        body: list[Flowable] = [ruled(styles, header, rows, [
            width * w for w in (0.16, 0.44, 0.14, 0.12, 0.14)], compact=True)]
        for v in report.visits:
            if v.summary.strip():
                body.append(blocks.fixed(styles, fill(_("Summary of the visit on {date}"),
                                                      date=format_date(v.visit_date)), "h2"))
                body += blocks.long_text(styles, v.summary)
        out += blocks.section(styles, _("Home visits"), body)
    if report.sources:
        body = []
        for source in report.sources:
            # One source's facts stay together, so the section's heading keeps with them.
            body.append(blocks.keep_together([
                blocks.fixed(styles, fill(_("{title}, version {version}"), title=source.title,
                                          version=source.version), "h2"),
                *blocks.facts(styles, [
                    (_("Source"), source.attribution), (_("Edition"), source.edition),
                    (_("Licence"), source.licence), (_("About it"), source.label_note),
                ], width=width)]))
        out += blocks.section(styles, _("Where the checklists come from"), body)
    return out


def render(view: HomeReportView, stamp: PrintStamp, large_print: bool = False) -> bytes:
    """The report as PDF bytes."""
    styles = make_styles(large_print=large_print)
    return build_pdf(story(view, styles, CONTENT_WIDTH), client=view.client, stamp=stamp,
                     styles=styles, title=_(TITLE), author=view.letterhead.name)
