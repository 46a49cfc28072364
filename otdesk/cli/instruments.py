"""``otdesk instruments``: the instruments and checklists installed, and checking a definition
file before a clinic drops it into its folder. Needs no database."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from otdesk.cli.output import note, print_json, print_table
from otdesk.domain.translation import _, current_language, fill, ngettext, pgettext

# The definition engine (and pydantic) is imported only when one of these commands runs.
MODULE = "otdesk.cli.instruments"


def add_instruments_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``otdesk instruments list`` and ``otdesk instruments check FILE``."""
    parser = sub.add_parser(
        "instruments", parents=[common],
        help=_("list the installed instruments and checklists, or check a definition file"),
        description=_("The instruments, checklists, goal forms, external results and task "
                      "logs otdesk knows: those it ships and those in the clinic's folder."),
    )
    isub = parser.add_subparsers(dest="instruments_command", metavar="COMMAND",
                                 title=_("commands"), required=True)
    p = isub.add_parser(
        "list", parents=[common], help=_("list the installed definitions"),
        description=_("List the newest version of each installed definition (id, version, "
                      "kind and title) and any file of the clinic's folder that was skipped, "
                      "with the reason."),
    )
    p.add_argument("--all-versions", action="store_true",
                   help=_("list every version, not only the newest"))
    p.add_argument("--json", action="store_true", help=_("print a JSON array instead of a table"))
    p.set_defaults(handler="cmd_instruments_list", handler_module=MODULE)
    p = isub.add_parser(
        "check", parents=[common], help=_("check one definition file"),
        description=_("Check a definition file and print every problem, one per line, with "
                      "the place in the file. Exit status 1 when there is any."),
    )
    p.add_argument("file", metavar="FILE", help=_("the definition file (JSON)"))
    p.set_defaults(handler="cmd_instruments_check", handler_module=MODULE)


def cmd_instruments_list(args: argparse.Namespace) -> int:
    """List every installed definition (newest version of each) and the clinic's problems."""
    from otdesk.services import definitions

    library = definitions.library()
    language = current_language()
    shown = library.all() if args.all_versions else library.latest(language)
    if args.json:
        print_json([{"id": d.id, "version": d.version, "kind": d.kind.value,
                     "title": d.title.text(language)} for d in shown])
    else:
        print_table(
            (pgettext("column", "Id"), pgettext("column", "Version"),
             pgettext("column", "Kind"), pgettext("column", "Title")),
            [(d.id, d.version, d.kind.label, d.title.text(language)) for d in shown],
        )
    problems = library.problems
    if problems:
        note(fill(ngettext(
            "{count} definition file was skipped because of this problem:",
            "{count} definition files were skipped because of these problems:",
            len({p.file for p in problems})), count=len({p.file for p in problems})))
        for problem in problems:
            note(str(problem))
    return 0


def cmd_instruments_check(args: argparse.Namespace) -> int:
    """Validate one definition file; print every problem; exit 1 on any."""
    from otdesk.domain.definitions import Problem, load_file
    from otdesk.services import definitions

    file = Path(args.file)
    definition, problems = load_file(file)
    if definition is not None:
        library = definitions.library()
        clash = library.files.get((definition.id, definition.version))
        if clash is not None and clash.resolve() != file.resolve():
            problems.append(Problem(file, "version", _(
                "'{id}' version {version} is already installed from {file}; give this file a "
                "new version or id").format(id=definition.id, version=definition.version,
                                            file=clash)))
    if problems:
        for problem in problems:
            print(str(problem))
        note(fill(ngettext("{count} problem found; fix it and check again.",
                           "{count} problems found; fix them and check again.",
                           len(problems)), count=len(problems)))
        return 1
    assert definition is not None
    print(_("{file}: valid ({id}, version {version}: {title})").format(
        file=file, id=definition.id, version=definition.version,
        title=definition.title.text(current_language())))
    return 0
