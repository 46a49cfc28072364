"""The assessment summary (``otdesk print assessment REF [--id ID]``): the client's latest
finalised assessment, or the one ``--id`` names, with its progress and the task log."""

from __future__ import annotations

from otdesk.db.models import Assessment
from otdesk.domain.records import RecordKind
from otdesk.domain.translation import N_, _, fill
from otdesk.reports import assessment_summary
from otdesk.services.assessment_report import assessment_summary as summarise
from otdesk.services.context import Context
from otdesk.services.printables._common import client_by_ref, client_line, letterhead
from otdesk.services.printing import Prepared, Printable, PrintOptions


def build(ctx: Context, ref: str, options: PrintOptions) -> Prepared:
    """The summary's view model for the client whose record number is ``ref``
    (``options.record_id``: the assessment to summarise)."""
    with ctx.db.reading() as session:
        client = client_by_ref(session, ref)
        ident = client_line(client)
        head = letterhead(session)
        client_id = client.id
    summary = summarise(ctx, client_id=client_id, assessment_id=options.record_id)
    with ctx.db.reading() as session:
        row = session.get(Assessment, summary.assessment_id)
        record_uuid = row.uuid if row is not None else None
    return Prepared(
        view=assessment_summary.AssessmentSummaryView(head, ident, summary), client=ident,
        client_id=client_id, entity=RecordKind.ASSESSMENT, entity_id=summary.assessment_id,
        entity_uuid=record_uuid,
        version=fill(_("version {number}"), number=summary.record_version),
        version_value=summary.record_version)


DOCUMENT = Printable(
    kind="assessment",
    title=assessment_summary.TITLE,
    ref_help=N_("the client's record number (--id picks the assessment)"),
    build=build,
    render=assessment_summary.render,
    position=50,
)
