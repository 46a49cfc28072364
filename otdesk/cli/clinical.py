"""``otdesk modifications list``: home modifications, one client's or the whole clinic's."""

from __future__ import annotations

import argparse
from typing import Any

from otdesk.cli.output import print_json, print_table
from otdesk.domain.translation import _, fill, format_date, format_number, ngettext, pgettext

MODULE = "otdesk.cli.clinical"


def add_clinical_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``otdesk modifications list [REF] [--open] [--json]``."""
    parser = sub.add_parser(
        "modifications", parents=[common],
        help=_("list home modifications, of one client or of the whole clinic"),
        description=_("Home modifications recommended after a checklist, with their owner, "
                      "status, due date and estimated cost."),
    )
    msub = parser.add_subparsers(dest="modifications_command", metavar="COMMAND",
                                 title=_("commands"), required=True)
    p = msub.add_parser(
        "list", parents=[common], help=_("list home modifications"),
        description=_("List one client's home modifications (REF is their record number), or "
                      "the whole clinic's with the client of each, the overdue first."),
    )
    p.add_argument("ref", metavar="REF", nargs="?", default=None,
                   help=_("the client's record number (leave out for the whole clinic)"))
    p.add_argument("--open", action="store_true",
                   help=_("only those still open: recommended, agreed or ordered"))
    p.add_argument("--json", action="store_true",
                   help=_("print a JSON array instead of a table (with each step for one "
                          "client)"))
    p.set_defaults(handler="cmd_modifications_list", handler_module=MODULE)


def _money(cents: int | None) -> str:
    return "" if cents is None else format_number(cents / 100, decimals=2)


def _day(value: Any) -> str:
    return format_date(value) if value is not None else ""


def cmd_modifications_list(args: argparse.Namespace) -> int:
    """Print one client's or the clinic's home modifications."""
    from otdesk.cli.commands import acting, opened
    from otdesk.services import clients, modifications

    with opened(args, create=False) as db:
        ctx = acting(args, db)
        today = ctx.today()
        if args.ref is not None:
            client = clients.find_by_record_number(ctx, record_number=args.ref)
            found = modifications.list_for_client(ctx, client_id=client.id, open_only=args.open)
            if args.json:
                print_json([
                    {**m.to_json(), "overdue": m.is_overdue(today),
                     "steps": [s.to_json() for s in
                               modifications.history(ctx, modification_id=m.id)]}
                    for m in found
                ])
                return 0
            rows = [(m, "", "") for m in found]
        else:
            rolled = modifications.list_clinic(ctx, open_only=args.open)
            if args.json:
                print_json([line.to_json() for line in rolled.lines])
                return 0
            rows = [(line.modification, line.record_number, line.client_name)
                    for line in rolled.lines]
    headers = [pgettext("column", "Area"), pgettext("column", "Recommendation"),
               pgettext("column", "Owner"), pgettext("column", "Status"),
               pgettext("column", "Since"), pgettext("column", "Due"),
               pgettext("column", "Cost")]
    if args.ref is None:
        headers = [pgettext("column", "Record number"), pgettext("column", "Client"), *headers]
    table = []
    for m, number, name in rows:
        due = _day(m.due_date)
        if m.is_overdue(today):
            # TRANSLATORS: a due date that has passed, in a table cell: "3 Mar 2026 (overdue)".
            due = fill(_("{date} (overdue)"), date=due)
        owner = m.owner.label if not m.owner_name else fill(
            # TRANSLATORS: the party that owns a modification, and who exactly: "Family (Rosa)".
            _("{owner} ({name})"), owner=m.owner.label, name=m.owner_name)
        line = [m.area, m.recommendation.strip().splitlines()[0] if m.recommendation else "",
                owner, m.status.label, _day(m.status_on), due, _money(m.estimated_cost_cents)]
        table.append([number, name, *line] if args.ref is None else line)
    print_table(headers, table)
    print(fill(ngettext("{count} home modification.", "{count} home modifications.",
                        len(table)), count=len(table)))
    return 0
