"""Printing the team summary: built, rendered and audited like every printed document.

The team summary is about many clients, so it is not one of the registry's documents (those
print one client's record, named by a reference). Its print still writes one audit event,
action "print", in the registry's shape (``printing.lookup_copy`` reads it back from the copy
number on its pages): the record printed is the OT's staff record (the clinic's settings for
the whole clinic), and the event lists every client the summary names and the range.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from otdesk.catalogues import in_language
from otdesk.db.models import AuditEvent
from otdesk.db.models.clinic import SETTINGS_ID
from otdesk.domain.records import RecordKind
from otdesk.domain.translation import _, current_language
from otdesk.domain.vocab import AuditAction
from otdesk.reports import team_summary as report
from otdesk.reports.page import PrintStamp
from otdesk.services.context import Context
from otdesk.services.printables._common import person
from otdesk.services.printing import PrintResult
from otdesk.services.team_summary import build_team_summary

KIND = "team-summary"


def _printed_by(session: Session, ctx: Context) -> str:
    return person(session, ctx.actor_id) or _("otdesk (system)")


def print_team_summary(ctx: Context, *, staff_id: int | None, start: date, end: date,
                       language: str | None = None, large_print: bool = False,
                       record: bool = True, target: str = "",
                       today: date | None = None) -> PrintResult:
    """The team summary of ``staff_id``'s caseload (None: the whole clinic) as a PDF; with
    ``record`` one audit event whose id is the copy number on every page."""
    with in_language(language or current_language()) as used:
        view = build_team_summary(ctx, staff_id=staff_id, start=start, end=end, today=today)
        version = report.range_text(view)
        title = report.document_title()
        if not record:
            with ctx.db.reading() as session:
                stamp = PrintStamp(title, version, _printed_by(session, ctx),
                                   ctx.now().astimezone(), None)
            return PrintResult(report.render(view, stamp, large_print), None, used, [], KIND)
        entity, entity_id = ((RecordKind.CLINIC_SETTINGS, SETTINGS_ID) if staff_id is None
                             else (RecordKind.STAFF_MEMBER, staff_id))
        values = {"document": KIND, "version": f"{start.isoformat()}/{end.isoformat()}",
                  "language": used, "large_print": large_print,
                  "clients": [c.person.client_id for c in view.clients]}
        if target:
            values["target"] = target
        with ctx.transaction() as session:
            event = AuditEvent(
                occurred_at=ctx.now(), actor_id=ctx.actor_id, action=AuditAction.PRINT.value,
                entity_type=entity.value, entity_id=entity_id, client_id=None,
                changes={name: [None, value] for name, value in values.items()},
                workstation=ctx.workstation[:200])
            session.add(event)
            session.flush()
            stamp = PrintStamp(title, version, _printed_by(session, ctx),
                               event.occurred_at.astimezone(), event.id)
            pdf = report.render(view, stamp, large_print)
        return PrintResult(pdf, event.id, used, [], KIND)
