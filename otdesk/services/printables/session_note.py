"""The family session note (``otdesk print session ID``): signed, with addenda and
co-signature, as the record keeps it."""

from __future__ import annotations

from otdesk.db.models import Client, FamilySession
from otdesk.domain.errors import ValidationError
from otdesk.domain.records import RecordKind
from otdesk.domain.translation import N_, _, current_language, fill
from otdesk.domain.vocab import SessionStatus
from otdesk.reports import session_note
from otdesk.services import session_catalogues
from otdesk.services._records import load
from otdesk.services.context import Context
from otdesk.services.printables._common import client_line, letterhead
from otdesk.services.printing import Prepared, Printable, PrintOptions
from otdesk.services.session_views import session_info


def _session_id(ref: str) -> int:
    try:
        return int(ref.strip())
    except ValueError:
        raise ValidationError.single(
            "ID", N_("{value} is not a family session's id (a whole number)"), value=ref
        ) from None


def build(ctx: Context, ref: str, options: PrintOptions) -> Prepared:
    """The session note's view model."""
    session_id = options.record_id or _session_id(ref)
    language = current_language()
    topics = {t.code: t.label(language) for t in session_catalogues.topics()}
    with ctx.db.reading() as session:
        row = load(session, FamilySession, RecordKind.FAMILY_SESSION, session_id)
        info = session_info(session, row)

        client = load(session, Client, RecordKind.CLIENT, info.client_id)
        ident = client_line(client)
        head = letterhead(session)
    template = session_catalogues.template(info.note_format)
    sections = tuple((s.title(language), info.note_sections.get(s.key, ""))
                     for s in template.sections)
    known = {s.key for s in template.sections}
    # Sections stored under keys the template no longer has still print.
    sections += tuple((key, text) for key, text in info.note_sections.items()
                      if key not in known and text.strip())
    view = session_note.SessionNoteView(
        letterhead=head, client=ident, session_date=info.session_date,
        start_time=info.start_time.strftime("%H:%M") if info.start_time else "",
        duration_minutes=info.duration_minutes, mode=info.mode.label,
        note_format=info.note_format.label, status=info.status.label, author=info.author_name,
        consent_confirmed=info.consent_confirmed,
        attendees=tuple((a.name, a.role) for a in info.attendees),
        topics=tuple(topics.get(t, t) for t in info.topics),
        handouts=tuple(topics.get(h, h) for h in info.handouts_given),
        sections=sections,
        action_items=tuple(session_note.ActionLine(a.who, a.what, a.due_date, a.done)
                           for a in info.action_items),
        signatures=tuple(session_note.SignatureLine(s.kind.label, s.signer_name, s.signed_at,
                                                    s.content_hash) for s in info.signatures),
        addenda=tuple(session_note.AddendumLine(a.author_name, a.written_at, a.reason, a.text)
                      for a in info.addenda),
        signed=info.status is SessionStatus.SIGNED,
    )
    return Prepared(view=view, client=ident, client_id=info.client_id,
                    entity=RecordKind.FAMILY_SESSION, entity_id=info.id,
                    entity_uuid=info.uuid, version=fill(_("version {number}"),
                                                        number=info.version),
                    version_value=info.version)


DOCUMENT = Printable(
    kind="session",
    title=N_("Family session note"),
    ref_help=N_("the family session's id"),
    build=build,
    render=session_note.render,
    position=30,
)
