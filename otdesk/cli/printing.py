"""``otdesk print KIND REF --out FILE.pdf``: any printable document of the registry
(``otdesk.services.printing``) to a PDF file, audited with its printed-copy number;
``otdesk print list`` names the documents, ``otdesk print lookup COPYNO`` says who printed a
copy, what and when."""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path
from typing import Any

from otdesk.cli import print_team
from otdesk.cli.output import note, print_table
from otdesk.domain.errors import ValidationError
from otdesk.domain.translation import N_, _, fill, format_date, language_name, pgettext

MODULE = "otdesk.cli.printing"
LIST, LOOKUP = "list", "lookup"  # words the print command keeps for itself


def add_print_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``otdesk print KIND REF --out FILE [--lang L] [--large-print] [--overwrite]``,
    ``otdesk print list`` and ``otdesk print lookup COPYNO``."""
    parser = sub.add_parser(
        "print", parents=[common], help=_("print a document (care plan, handout, note) to PDF"),
        description=_("Print a document of a client's record to a PDF file. Each print is "
                      "recorded in the audit trail; the copy number on every page leads back "
                      "to it ('otdesk print lookup COPYNO'). 'otdesk print list' names the "
                      "documents and what REF means for each."),
    )
    parser.add_argument("kind", metavar="KIND",
                        help=_("the document ('list' names them), or 'lookup'"))
    parser.add_argument("ref", metavar="REF", nargs="?", default=None,
                        help=_("which record: the client's record number, a note's id "
                               "(see 'otdesk print list'); for 'lookup', the copy number"))
    parser.add_argument("--out", metavar="FILE", type=Path,
                        help=_("the PDF file to write"))
    parser.add_argument("--lang", metavar="LANG", default=None,
                        help=_("print in this language (en, es, fr); a handout is otherwise "
                               "in the family's language"))
    parser.add_argument("--large-print", action="store_true",
                        help=_("larger type throughout"))
    parser.add_argument("--overwrite", action="store_true",
                        help=_("replace FILE if it exists"))
    print_team.add_arguments(parser)
    parser.set_defaults(handler="cmd_print", handler_module=MODULE)


def cmd_print(args: argparse.Namespace) -> int:
    """Print one document to a file, list the documents, or look a copy number up."""
    if args.kind == LIST:
        return _list()
    if args.kind in print_team.KINDS:
        return print_team.run(args, _check_out)
    if args.ref is None:
        raise ValidationError.single("REF", N_("REF is required: {hint}"),
                                     hint=_("see 'otdesk print list'"))
    if args.kind == LOOKUP:
        return _lookup(args)
    return _print(args)


def _list() -> int:
    from otdesk.services import printing

    print_table((pgettext("column", "Document"), pgettext("column", "Name"),
                 pgettext("column", "REF")),
                [(d.kind, d.label, _(d.ref_help)) for d in printing.documents().values()])
    return 0


def _check_out(out: Path | None, overwrite: bool) -> Path:
    if out is None:
        raise ValidationError.single("--out", N_("--out FILE is required"))
    if out.exists() and not overwrite:
        raise ValidationError.single("--out", N_("{path} already exists (--overwrite replaces "
                                                 "it)"), path=str(out))
    if not out.parent.resolve().is_dir():
        raise ValidationError.single("--out", N_("the folder {folder} does not exist"),
                                     folder=str(out.parent))
    return out


def _print(args: argparse.Namespace) -> int:
    from otdesk.catalogues import LANGUAGES
    from otdesk.cli.commands import acting, opened
    from otdesk.services import printing

    out = _check_out(args.out, args.overwrite)
    if args.lang is not None and args.lang not in LANGUAGES:
        raise ValidationError.single("--lang", N_("{value} is not one of {choices}"),
                                     value=args.lang, choices=", ".join(LANGUAGES))
    printing.document(args.kind)  # an unknown document named before the database opens
    options = printing.PrintOptions(language=args.lang, large_print=args.large_print)
    with opened(args, create=False) as db:
        ctx = acting(args, db)
        done = printing.render(ctx, args.kind, args.ref, options, target=out.name)
    # Written next to the target and moved into place: never half a PDF under its name.
    handle, temporary = tempfile.mkstemp(dir=out.parent, prefix=".otdesk-", suffix=".pdf")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(done.pdf_bytes)
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    for left_out in done.omitted:
        note(fill(_("left out: {what} ({why})"), what=left_out.what, why=left_out.why))
    print(fill(_("{path}: copy no. {number}, in {language}"), path=str(out),
               number=str(done.copy_number), language=language_name(done.language)))
    return 0


def _lookup(args: argparse.Namespace) -> int:
    from otdesk.cli.commands import acting, opened
    from otdesk.services import printing

    try:
        number = int(str(args.ref).strip())
    except ValueError:
        raise ValidationError.single("COPYNO", N_("{value} is not a copy number (a whole "
                                                  "number)"), value=args.ref) from None
    with opened(args, create=False) as db:
        found = printing.lookup_copy(acting(args, db), copy_number=number)
    at = found.printed_at.astimezone()
    print(fill(_("Copy no. {number}: {document}, {version}"), number=str(found.copy_number),
               document=found.document,
               version=fill(_("version {number}"), number=found.version)))
    print(fill(_("Printed by {name} on {date} at {time}"), name=found.printed_by or "—",
               date=format_date(at.date()), time=at.strftime("%H:%M")))
    print(fill(_("Record: {kind} {id}; client id {client}; language {language}"),
               kind=found.record_kind, id=str(found.record_id), client=str(found.client_id),
               language=found.language))
    if found.target:
        print(fill(_("Saved as {file} on {workstation}"), file=found.target,
                   workstation=found.workstation))
    return 0
