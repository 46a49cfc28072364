"""``otdesk assessments list REF``: a client's assessments, newest first, with their scores
and bands."""

from __future__ import annotations

import argparse
from typing import Any

from otdesk.cli.output import note, print_json, print_table
from otdesk.domain.translation import _, fill, format_date, format_number, pgettext

MODULE = "otdesk.cli.assessments"


def add_assessments_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``otdesk assessments list REF [--json]``."""
    parser = sub.add_parser(
        "assessments", parents=[common], help=_("list a client's assessments"),
        description=_("A client's assessments, checklists scored, goal forms, task trials and "
                      "external results, with their scores and bands."),
    )
    asub = parser.add_subparsers(dest="assessments_command", metavar="COMMAND",
                                 title=_("commands"), required=True)
    p = asub.add_parser(
        "list", parents=[common], help=_("list one client's assessments, newest first"),
        description=_("List one client's assessments, newest first: date, instrument, "
                      "status, total and band, and every score with --json."),
    )
    p.add_argument("ref", metavar="REF", help=_("the client's record number"))
    p.add_argument("--json", action="store_true", help=_("print a JSON array instead of a table"))
    p.set_defaults(handler="cmd_assessments_list", handler_module=MODULE)


def _total(info: Any) -> str:
    total = info.total
    if total is not None:
        return format_number(total)
    return str(info.external_total or "")


def _note(info: Any) -> str:
    if info.corrected_by_id is not None:
        return fill(_("corrected by {id}"), id=str(info.corrected_by_id))
    if info.corrects_id is not None:
        return fill(_("corrects {id}"), id=str(info.corrects_id))
    return ""


def cmd_assessments_list(args: argparse.Namespace) -> int:
    """Print a client's assessments (a table, or JSON with every score)."""
    from otdesk.cli.commands import acting, opened
    from otdesk.domain.vocab import RecordStatus
    from otdesk.services import assessments, clients

    with opened(args, create=False) as db:
        ctx = acting(args, db)
        client = clients.find_by_record_number(ctx, record_number=args.ref)
        found = assessments.list_assessments(ctx, client.id)
    if args.json:
        print_json([{**info.to_json(), "record_number": client.record_number}
                    for info in found])
        return 0
    if not found:
        note(fill(_("{ref} has no assessments yet."), ref=client.record_number))
        return 0
    print_table(
        (pgettext("column", "Id"), pgettext("column", "Date"),
         pgettext("column", "Instrument"), pgettext("column", "Status"),
         pgettext("column", "Total"), pgettext("column", "Band"), pgettext("column", "Note")),
        [(str(info.id), format_date(info.administered_on), info.title,
          RecordStatus(info.status).label, _total(info), info.band_label, _note(info))
         for info in found],
    )
    return 0
