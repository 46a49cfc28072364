"""The family session note for the record: details, attendees, the note by section, action
items, signatures (with co-signature) and addenda, each addendum with its author, time and
reason. Every text arrives in the view model already in the document's language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from reportlab.platypus import Flowable

from otdesk.domain.translation import _, fill, format_date
from otdesk.reports import blocks
from otdesk.reports.letterhead import Letterhead, letterhead_block
from otdesk.reports.page import CONTENT_WIDTH, ClientLine, PrintStamp, build_pdf
from otdesk.reports.styles import Styles, make_styles


@dataclass(frozen=True)
class ActionLine:
    """One agreed action: who does what by when, and whether it is done."""

    who: str
    what: str
    due: date | None
    done: bool


@dataclass(frozen=True)
class SignatureLine:
    """One signature on the note."""

    kind: str  # "author", "co-signature", in words
    name: str
    signed_at: datetime
    content_hash: str


@dataclass(frozen=True)
class AddendumLine:
    """A correction or addition written after signing."""

    author: str
    written_at: datetime
    reason: str
    text: str


@dataclass(frozen=True)
class SessionNoteView:
    """One family session's note as it prints."""

    letterhead: Letterhead
    client: ClientLine
    session_date: date
    start_time: str  # "14:30" or ""
    duration_minutes: int
    mode: str
    note_format: str
    status: str
    author: str
    consent_confirmed: bool
    attendees: tuple[tuple[str, str], ...]  # (name, role)
    topics: tuple[str, ...]
    handouts: tuple[str, ...]
    sections: tuple[tuple[str, str], ...]  # (title, text)
    action_items: tuple[ActionLine, ...]
    signatures: tuple[SignatureLine, ...]
    addenda: tuple[AddendumLine, ...]
    signed: bool


def _when(at: datetime) -> str:
    local = at.astimezone()
    return fill(_("{date} at {time}"), date=format_date(local.date()),
                time=local.strftime("%H:%M"))


def story(view: SessionNoteView, styles: Styles, width: float) -> list[Flowable]:
    """The note's flowables."""
    out: list[Flowable] = [*letterhead_block(styles, view.letterhead, width)]
    out.append(blocks.fixed(styles, _("Family session note"), "title"))
    when = format_date(view.session_date)
    if view.start_time:
        when = fill(_("{date} at {time}"), date=when, time=view.start_time)
    out.append(blocks.fixed(styles, fill(_("{when} · {minutes} min · {mode}"), when=when,
                                         minutes=view.duration_minutes, mode=view.mode),
                            "subtitle"))
    if not view.signed:
        out.append(blocks.notice(styles, fill(
            _("Not signed yet (status: {status}): this note may still change."),
            status=view.status)))
    out += blocks.facts(styles, [
        (_("Client"), view.client.name),
        (_("Record number"), view.client.record_number),
        (_("Status"), view.status),
        (_("Author"), view.author),
        (_("Template"), view.note_format),
        (_("Consent confirmed"), _("Yes") if view.consent_confirmed else _("No")),
        (_("Topics covered"), ", ".join(view.topics)),
        (_("Handouts given"), ", ".join(view.handouts)),
    ])
    if view.attendees:
        out += blocks.section(styles, _("Attendees"), blocks.bullets(
            styles, [f"{name} ({role})" if role and name else name or role
                     for name, role in view.attendees]))
    for title, text in view.sections:
        out.append(blocks.heading(styles, title, 2))
        out += blocks.long_text(styles, text) if text.strip() else [
            blocks.fixed(styles, "—", "muted")]
    if view.action_items:
        rows = [[a.who, a.what, format_date(a.due) if a.due else "",
                 _("done") if a.done else _("open")] for a in view.action_items]
        out += blocks.section(styles, _("Action items"), [blocks.grid(
            styles, [_("Who"), _("What"), _("By"), _("Status")], rows,
            [width * 0.2, width * 0.5, width * 0.15, width * 0.15])])
    if view.signatures:
        out += blocks.section(styles, _("Signatures"), [blocks.para(styles, fill(
            _("{kind}: {name}, {when} (content hash {hash})"), kind=s.kind, name=s.name,
            when=_when(s.signed_at), hash=s.content_hash[:16])) for s in view.signatures])
    if view.addenda:
        body: list[Flowable] = []
        for a in view.addenda:
            body.append(blocks.labelled(styles, fill(_("Addendum by {name}, {when}:"),
                                                     name=a.author, when=_when(a.written_at)),
                                        a.reason, "h2"))
            body += blocks.long_text(styles, a.text)
        out += blocks.section(styles, _("Addenda"), body)
    if not view.signatures:
        out.append(blocks.spacer(styles, 2))
        out.append(blocks.signature_lines(styles, [_("Author's signature")], width))
    return out


def render(view: SessionNoteView, stamp: PrintStamp, large_print: bool = False) -> bytes:
    """The note as PDF bytes."""
    styles = make_styles(large_print=large_print)
    return build_pdf(story(view, styles, CONTENT_WIDTH), client=view.client, stamp=stamp,
                     styles=styles, title=_("Family session note"), author=view.letterhead.name)
