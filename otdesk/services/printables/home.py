"""The home-modification report (``otdesk print home REF``): a client's modifications by
room, for the family, the landlord or a contractor."""

from __future__ import annotations

from otdesk.domain.records import RecordKind
from otdesk.domain.translation import N_, _, fill, format_date
from otdesk.reports import home_modifications
from otdesk.services.context import Context
from otdesk.services.home_report import home_report
from otdesk.services.printables._common import client_by_ref, client_line, letterhead
from otdesk.services.printing import Prepared, Printable, PrintOptions


def build(ctx: Context, ref: str, options: PrintOptions) -> Prepared:
    """The report's view model for the client whose record number is ``ref``."""
    with ctx.db.reading() as session:
        client = client_by_ref(session, ref)
        ident = client_line(client)
        head = letterhead(session)
        client_id, client_uuid, address = client.id, client.uuid, client.address
        family, partners = client.consent_family, client.consent_community
    report = home_report(ctx, client_id=client_id, address=address)
    today = ctx.today()
    # The report gathers many records: its version is the day it shows them as they were.
    return Prepared(
        view=home_modifications.HomeReportView(head, ident, report, consent_family=family,
                                               consent_partners=partners), client=ident,
        client_id=client_id, entity=RecordKind.CLIENT, entity_id=client_id,
        entity_uuid=client_uuid,
        version=fill(_("as on {date}"), date=format_date(today)), version_value=today.isoformat())


DOCUMENT = Printable(
    kind="home",
    title=home_modifications.TITLE,
    ref_help=N_("the client's record number"),
    build=build,
    render=home_modifications.render,
    position=40,
)
