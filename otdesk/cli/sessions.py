"""``otdesk sessions list REF`` and ``otdesk sessions show ID``: a client's family sessions, and
one note with its attendees, action items, signatures and addenda."""

from __future__ import annotations

import argparse
from typing import Any

from otdesk.cli.output import print_json, print_table
from otdesk.domain.translation import _, current_language, fill, format_date, pgettext

MODULE = "otdesk.cli.sessions"


def add_sessions_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``otdesk sessions list REF [--json]`` and ``otdesk sessions show ID [--json]``."""
    parser = sub.add_parser(
        "sessions", parents=[common], help=_("list a client's family sessions, or show one"),
        description=_("Family sessions: the notes of sessions with a client's family or "
                      "caregivers, drafts and signed."),
    )
    ssub = parser.add_subparsers(dest="sessions_command", metavar="COMMAND",
                                 title=_("commands"), required=True)
    p = ssub.add_parser(
        "list", parents=[common], help=_("list one client's family sessions"),
        description=_("List one client's family sessions (REF is their record number), the "
                      "latest first, with their status."),
    )
    p.add_argument("ref", metavar="REF", help=_("the client's record number"))
    p.add_argument("--json", action="store_true", help=_("print a JSON array instead of a table"))
    p.set_defaults(handler="cmd_sessions_list", handler_module=MODULE)
    p = ssub.add_parser(
        "show", parents=[common], help=_("show one family session's note"),
        description=_("Show one family session (ID as the list gives it): its details, the "
                      "note by section, attendees, action items, signatures and addenda."),
    )
    p.add_argument("session_id", metavar="ID", type=int, help=_("the family session's id"))
    p.add_argument("--json", action="store_true", help=_("print a JSON object instead of text"))
    p.set_defaults(handler="cmd_sessions_show", handler_module=MODULE)


def _time(value: Any) -> str:
    return value.strftime("%H:%M") if value is not None else ""


def cmd_sessions_list(args: argparse.Namespace) -> int:
    """Print one client's family sessions."""
    from otdesk.cli.commands import acting, opened
    from otdesk.services import clients, family_sessions

    with opened(args, create=False) as db:
        ctx = acting(args, db)
        client = clients.find_by_record_number(ctx, record_number=args.ref)
        lines = family_sessions.list_sessions(ctx, client_id=client.id)
    if args.json:
        print_json([line.to_json() for line in lines])
        return 0
    print_table(
        (pgettext("column", "Id"), pgettext("column", "Date"), pgettext("column", "Time"),
         pgettext("column", "Mode"), pgettext("column", "Template"),
         pgettext("column", "Status"), pgettext("column", "Author"),
         pgettext("column", "Addenda")),
        [(str(s.id), format_date(s.session_date), _time(s.start_time), s.mode.label,
          s.note_format.label, s.status.label, s.author_name, str(s.addenda)) for s in lines],
    )
    return 0


def cmd_sessions_show(args: argparse.Namespace) -> int:
    """Print one family session's note."""
    from otdesk.cli.commands import acting, opened
    from otdesk.services import family_sessions, session_catalogues

    with opened(args, create=False) as db:
        ctx = acting(args, db)
        note = family_sessions.get_session(ctx, session_id=args.session_id)
    if args.json:
        print_json(note.to_json())
        return 0
    language = current_language()
    topics = {t.code: t.label(language) for t in session_catalogues.topics()}
    template = session_catalogues.template(note.note_format)
    print(fill(_("Family session {id}: {date} {time}, {minutes} min, {mode}"), id=note.id,
               date=format_date(note.session_date), time=_time(note.start_time),
               minutes=note.duration_minutes, mode=note.mode.label))
    print(fill(_("Status: {status}; author: {author}"), status=note.status.label,
               author=note.author_name))
    print(_("Consent confirmed: yes") if note.consent_confirmed else
          _("Consent confirmed: no"))
    if note.topics:
        print(fill(_("Topics: {topics}"),
                   topics=", ".join(topics.get(t, t) for t in note.topics)))
    for section in template.sections:
        print()
        print(section.title(language))
        print(note.note_sections.get(section.key, "") or "—")
    if note.attendees:
        print()
        print(_("Attendees:"))
        for a in note.attendees:
            print(f"  {a.name} ({a.role})" if a.role else f"  {a.name}")
    if note.action_items:
        print()
        print(_("Action items:"))
        for i in note.action_items:
            due = format_date(i.due_date) if i.due_date else ""
            done = _("done") if i.done else ""
            print(f"  [{'x' if i.done else ' '}] {i.who}: {i.what} {due} {done}".rstrip())
    for s in note.signatures:
        print(fill(_("Signed by {name} ({kind}) at {at}; hash {hash}"), name=s.signer_name,
                   kind=s.kind.label, at=s.signed_at.isoformat(timespec="minutes"),
                   hash=s.content_hash[:16]))
    for addendum in note.addenda:
        print()
        print(fill(_("Addendum by {name}, {at}: {reason}"), name=addendum.author_name,
                   at=addendum.written_at.isoformat(timespec="minutes"),
                   reason=addendum.reason))
        print(addendum.text)
    return 0
