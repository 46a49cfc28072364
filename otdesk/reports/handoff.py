"""The one-page handoff for one client: who they are, current goals, the next dates, risks
and warning signs, and who does what. Set a little smaller than the other documents so that a
usual record fits on one page; a long one flows onto a second page, never cut off."""

from __future__ import annotations

from reportlab.platypus import Flowable

from otdesk.domain.translation import N_, _, fill, format_date
from otdesk.reports import blocks
from otdesk.reports.page import CONTENT_WIDTH, ClientLine, PrintStamp, build_pdf
from otdesk.reports.styles import Styles, make_styles
from otdesk.reports.team_views import HandoffView

TITLE = N_("Handoff")
BODY_SIZE = 8.5  # points; large print keeps its own size


def _level(level: int | None) -> str:
    if level is None:
        return _("not reviewed yet")
    return ("+" if level > 0 else "") + str(level)


def story(view: HandoffView, styles: Styles, width: float) -> list[Flowable]:
    """The handoff's flowables."""
    out: list[Flowable] = []
    if view.clinic:
        out.append(blocks.para(styles, view.clinic, "letterhead_small"))
    out.append(blocks.fixed(styles, fill(_("Handoff: {name}"), name=view.person.name), "title"))
    language = view.preferred_language
    if view.interpreter_needed:
        language = fill(_("{language} (interpreter needed)"), language=language)
    out += blocks.facts(styles, [
        (_("Record number"), view.person.record_number),
        (_("Date of birth"), format_date(view.person.date_of_birth)
         if view.person.date_of_birth else ""),
        (_("Preferred language"), language),
        (_("Assigned OT"), view.assigned_ot or _("none")),
        (_("Status"), view.status),
        (_("Episode of care"), view.episode),
        (_("Care plan"), view.plan),
    ], width=width)
    goals = [[g.text, format_date(g.target_date) if g.target_date else "", _level(g.last_level)]
             for g in view.goals]
    out += blocks.section(styles, _("Current goals"), [blocks.grid(
        styles, [_("Goal"), _("Target date"), _("Level at last review")], goals,
        [width * 0.62, width * 0.16, width * 0.22])] if goals else [
        blocks.fixed(styles, _("No active goals."), "muted")])
    dates = [[format_date(d.on), d.what] for d in view.dates]
    out += blocks.section(styles, _("Next dates"), [blocks.grid(
        styles, [_("Date"), _("What")], dates, [width * 0.18, width * 0.82])] if dates else [
        blocks.fixed(styles, _("Nothing dated is coming up."), "muted")])
    out += blocks.section(styles, _("Risks and warning signs"),
                          blocks.bullets(styles, view.risks))
    duties = [[d.discipline, d.who, d.what, d.how_often] for d in view.duties]
    out += blocks.section(styles, _("Who does what"), [blocks.grid(
        styles, [_("Discipline"), _("Who"), _("What"), _("How often")], duties,
        [width * 0.23, width * 0.17, width * 0.42, width * 0.18])] if duties else [
        blocks.fixed(styles, _("No interventions in the care plan."), "muted")])
    if view.team:
        team = [[t.discipline, t.who, t.what, t.phone] for t in view.team]
        out.append(blocks.heading(styles, _("Care team"), 2))
        out.append(blocks.grid(styles, [_("Discipline"), _("Name"), _("Role"), _("Phone")],
                               team, [width * 0.23, width * 0.25, width * 0.34, width * 0.18]))
    return out


def render(view: HandoffView, stamp: PrintStamp, large_print: bool = False) -> bytes:
    """The handoff as PDF bytes."""
    styles = make_styles(large_print=large_print,
                         body_size=None if large_print else BODY_SIZE)
    client = ClientLine(view.person.name, view.person.record_number, view.person.date_of_birth)
    return build_pdf(story(view, styles, CONTENT_WIDTH), client=client, stamp=stamp,
                     styles=styles, title=_(TITLE), author=view.clinic)
