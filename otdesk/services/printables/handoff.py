"""The one-page handoff (``otdesk print handoff REF``): who the client is, current goals,
risks and warning signs, who does what, next dates."""

from __future__ import annotations

from otdesk.domain.records import RecordKind
from otdesk.domain.translation import N_, _, fill
from otdesk.reports import handoff
from otdesk.reports.page import ClientLine
from otdesk.services.context import Context
from otdesk.services.handoff import build_handoff
from otdesk.services.printables._common import client_by_ref
from otdesk.services.printing import Prepared, Printable, PrintOptions


def build(ctx: Context, ref: str, options: PrintOptions) -> Prepared:
    """The handoff's view model for the client whose record number is ``ref``."""
    with ctx.db.reading() as session:
        client = client_by_ref(session, ref)
        client_id, uuid, version = client.id, client.uuid, client.version
    view = build_handoff(ctx, client_id=client_id)
    person = view.person
    return Prepared(view=view,
                    client=ClientLine(person.name, person.record_number, person.date_of_birth),
                    client_id=client_id, entity=RecordKind.CLIENT, entity_id=client_id,
                    entity_uuid=uuid, version=fill(_("version {number}"), number=version),
                    version_value=version)


DOCUMENT = Printable(
    kind="handoff",
    title=handoff.TITLE,
    ref_help=N_("the client's record number"),
    build=build,
    render=handoff.render,
    takes_large_print=True,
    position=60,
)
