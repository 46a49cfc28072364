"""The family handout, in plain words and the family's language: the goals in the words the
OT wrote for the family, what to do at home, the topics covered (our own handout texts), the
warning signs and whom to call, and the next appointment. What the client's consent keeps
out is left out, and the handout says so. Large print is an option; body text is 12.5 pt
even without it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.platypus import Flowable, Table, TableStyle

from otdesk.domain.translation import _, fill, format_date
from otdesk.reports import blocks
from otdesk.reports.letterhead import Letterhead, letterhead_block
from otdesk.reports.page import CONTENT_WIDTH, ClientLine, PrintStamp, build_pdf
from otdesk.reports.styles import RULE, Styles, make_styles

BODY_SIZE, LARGE_BODY_SIZE = 12.5, 17.0


@dataclass(frozen=True)
class TopicText:
    """One topic's handout text: a title, short paragraphs and a "what you can do" list."""

    code: str
    title: str
    paragraphs: tuple[str, ...]
    to_do: tuple[str, ...]


@dataclass(frozen=True)
class Contact:
    """Someone to call: who, why, and the number."""

    who: str
    when: str
    phone: str


@dataclass(frozen=True)
class HandoutView:
    """One family handout as it prints (texts in the family's language, except what the
    care team wrote, which prints as written)."""

    letterhead: Letterhead
    client: ClientLine
    client_first_name: str
    goals: tuple[str, ...]
    home_tasks: tuple[str, ...]  # what the family does, in their words (how often included)
    topics: tuple[TopicText, ...]
    warning_signs: TopicText | None
    crisis: TopicText | None
    contacts: tuple[Contact, ...]
    next_review: date | None
    left_out: tuple[str, ...]  # sentences saying what is not in this handout and why


def _topic(styles: Styles, topic: TopicText) -> list[Flowable]:
    body: list[Flowable] = [blocks.para(styles, p) for p in topic.paragraphs]
    if topic.to_do:
        body.append(blocks.fixed(styles, _("What you can do:"), "label"))
        body += blocks.bullets(styles, topic.to_do)
    return blocks.section(styles, topic.title, body)


def _contacts(styles: Styles, contacts: tuple[Contact, ...]) -> list[Flowable]:
    if not contacts:
        return []
    rows = [[blocks.para(styles, c.who, "label"), blocks.para(styles, c.when),
             blocks.para(styles, c.phone, "label")] for c in contacts]
    table = Table(rows, colWidths=[CONTENT_WIDTH * 0.36, CONTENT_WIDTH * 0.36,
                                   CONTENT_WIDTH * 0.28], hAlign="LEFT", splitByRow=1)
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOX", (0, 0), (-1, -1), 1.2, RULE),
        ("LINEBELOW", (0, 0), (-1, -2), 0.5, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 6), ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))
    return [table]


def _write_in(styles: Styles, label: str) -> Table:
    """A label with a line to write on (the next appointment, filled in by hand)."""
    table = Table([[blocks.fixed(styles, label, "label"), ""]],
                  colWidths=[CONTENT_WIDTH * 0.4, CONTENT_WIDTH * 0.6])
    table.setStyle(TableStyle([("LINEBELOW", (1, 0), (1, 0), 0.8, RULE),
                               ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                               ("TOPPADDING", (0, 0), (-1, -1), styles.body_size * 1.4),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def story(view: HandoutView, styles: Styles) -> list[Flowable]:
    """The handout's flowables."""
    out: list[Flowable] = [*letterhead_block(styles, view.letterhead, CONTENT_WIDTH)]
    out.append(blocks.fixed(styles, _("Information for family and carers"), "title"))
    out.append(blocks.para(styles, fill(_("For the family and friends of {name}"),
                                        name=view.client_first_name), "subtitle"))
    for sentence in view.left_out:
        out.append(blocks.notice(styles, sentence))
    if view.goals:
        out += blocks.section(styles, _("What we are working on"), [
            blocks.fixed(styles, fill(_("These are the goals {name} and the care team agreed "
                                        "on:"), name=view.client_first_name)),
            *blocks.bullets(styles, view.goals)])
    if view.home_tasks:
        out += blocks.section(styles, _("How you can help at home"),
                              blocks.bullets(styles, view.home_tasks))
    for topic in view.topics:
        out += _topic(styles, topic)
    help_body: list[Flowable] = []
    if view.warning_signs is not None:
        help_body += [blocks.para(styles, p) for p in view.warning_signs.paragraphs]
        help_body += blocks.bullets(styles, view.warning_signs.to_do)
    if view.crisis is not None:
        help_body.append(blocks.heading(styles, view.crisis.title, 2))
        help_body += [blocks.para(styles, p) for p in view.crisis.paragraphs]
        help_body += blocks.bullets(styles, view.crisis.to_do)
    if view.contacts:
        help_body.append(blocks.keep_together([blocks.heading(styles, _("Whom to call"), 2),
                                               *_contacts(styles, view.contacts)]))
    out += blocks.section(styles, _("Warning signs and whom to call"), help_body)
    next_body: list[Flowable] = [_write_in(styles, _("Date and time:"))]
    if view.next_review is not None:
        next_body.insert(0, blocks.fixed(styles, fill(
            _("The care team will look at the plan again around {date}."),
            date=format_date(view.next_review))))
    out += blocks.section(styles, _("Next appointment"), next_body)
    out.append(blocks.spacer(styles, 0.6))
    out.append(blocks.fixed(styles, _("Please keep this sheet in a safe place. It has personal "
                                      "information about your family member."), "note"))
    return out


def render(view: HandoutView, stamp: PrintStamp, large_print: bool = False) -> bytes:
    """The handout as PDF bytes (body text 12.5 pt, or 17 pt in large print)."""
    styles = make_styles(large_print=large_print,
                         body_size=LARGE_BODY_SIZE if large_print else BODY_SIZE)
    return build_pdf(story(view, styles), client=view.client, stamp=stamp, styles=styles,
                     title=_("Information for family and carers"),
                     author=view.letterhead.name)


__all__ = ["Contact", "HandoutView", "TopicText", "render", "story"]
