"""``otdesk print team-summary`` and ``otdesk print due-reviews``: the documents about many
clients, under the ``print`` command beside the registry's one-client documents (``otdesk
print handoff REF`` is one of those)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from otdesk.domain.dates import parse_date
from otdesk.domain.errors import FieldError, ValidationError
from otdesk.domain.translation import N_, _, fill, format_date, language_name, ngettext

TEAM_SUMMARY, DUE_REVIEWS = "team-summary", "due-reviews"
KINDS = (TEAM_SUMMARY, DUE_REVIEWS)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of the many-client documents, on the ``print`` command's parser."""
    group = parser.add_argument_group(_("team summary and due-review batch"))
    group.add_argument("--ot", metavar="USER", default=None,
                       help=_("team-summary, due-reviews: only this OT's clients (username)"))
    group.add_argument("--from", dest="start", metavar="DATE", default=None,
                       help=_("team-summary: the first day (YYYY-MM-DD)"))
    group.add_argument("--to", dest="end", metavar="DATE", default=None,
                       help=_("team-summary: the last day (YYYY-MM-DD)"))
    group.add_argument("--days", metavar="N", type=int, default=None,
                       help=_("due-reviews: care plans with a review in the next N days"))
    group.add_argument("--include-overdue", action="store_true",
                       help=_("due-reviews: also the plans whose review date has passed"))
    group.add_argument("--one-file-per-client", metavar="DIR", type=Path, default=None,
                       help=_("due-reviews: one PDF per client in DIR instead of --out"))


def _day(field: str, text: str | None) -> Any:
    if text is None:
        raise ValidationError.single(field, N_("{option} DATE is required"), option=field)
    found = parse_date(field, text)
    if isinstance(found, FieldError):
        raise ValidationError([found])
    return found


def run(args: argparse.Namespace, check_out: Any) -> int:
    """Print the team summary or the due-review batch as ``args`` ask."""
    from otdesk.cli.commands import acting, opened
    from otdesk.services import staff

    if args.kind == TEAM_SUMMARY:
        start, end = _day("--from", args.start), _day("--to", args.end)
        out = check_out(args.out, args.overwrite)
    else:
        if args.days is None or args.days < 0:
            raise ValidationError.single("--days", N_("--days N is required (0 or more)"))
        out = None if args.one_file_per_client else check_out(args.out, args.overwrite)
        folder = args.one_file_per_client
        if folder is not None and not folder.is_dir():
            raise ValidationError.single("--one-file-per-client", N_(
                "the folder {folder} does not exist"), folder=str(folder))
    with opened(args, create=False) as db:
        ctx = acting(args, db)
        staff_id = staff.find_staff(ctx, username=args.ot).id if args.ot else None
        if args.kind == TEAM_SUMMARY:
            return _team_summary(ctx, args, staff_id, start, end, out)
        return _due_reviews(ctx, args, staff_id, out)


def _team_summary(ctx: Any, args: argparse.Namespace, staff_id: int | None, start: Any,
                  end: Any, out: Path) -> int:
    from otdesk.services.print_batch import write_file
    from otdesk.services.print_team import print_team_summary

    done = print_team_summary(ctx, staff_id=staff_id, start=start, end=end, language=args.lang,
                              large_print=args.large_print, target=out.name)
    write_file(out, done.pdf_bytes)
    print(fill(_("{path}: copy no. {number}, in {language}"), path=str(out),
               number=str(done.copy_number), language=language_name(done.language)))
    return 0


def _due_reviews(ctx: Any, args: argparse.Namespace, staff_id: int | None,
                 out: Path | None) -> int:
    from otdesk.services.print_batch import BatchControl, due_reviews, print_batch
    from otdesk.services.printing import PrintOptions

    plans = due_reviews(ctx, days=args.days, staff_id=staff_id,
                        include_overdue=args.include_overdue)
    if not plans:
        print(_("No care plan has a review in that time; nothing printed."))
        return 0

    def progress(done: int, total: int, label: str) -> None:
        if label:
            print(fill(_("{done} of {total}: {name}"), done=done + 1, total=total, name=label),
                  file=sys.stderr)

    result = print_batch(ctx, plans, out=out, out_dir=args.one_file_per_client,
                         options=PrintOptions(language=args.lang,
                                              large_print=args.large_print),
                         control=BatchControl(progress))
    for copy in result.copies:
        print(fill(_("{number} ({name}): review {date}, copy no. {copy}"),
                   number=copy.plan.record_number, name=copy.plan.name,
                   date=format_date(copy.plan.review_date), copy=str(copy.copy_number))
              + (f" -> {copy.path}" if copy.path else ""))
    if out is not None:
        count = len(result.copies)
        print(fill(ngettext("{path}: {count} care plan", "{path}: {count} care plans", count),
                   path=str(out), count=count))
    return 0
