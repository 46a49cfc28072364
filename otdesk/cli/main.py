"""The ``otdesk`` argument parser, and the one place command-line errors become messages.

Every user error (an ``OtdeskError``, a file that cannot be read, a bad argument) is printed as
one sentence on stderr starting with ``otdesk:``; exit status 1 means the command failed and
2 means it was typed wrongly. Tracebacks are shown only with ``OTDESK_DEBUG=1``.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

import otdesk
from otdesk.catalogues import install_from_environment
from otdesk.cli.argparse_texts import use_catalogue_for_argparse
from otdesk.cli.assessments import add_assessments_parser
from otdesk.cli.clinical import add_clinical_parser
from otdesk.cli.instruments import add_instruments_parser
from otdesk.cli.output import TABLE_LIMIT, fail
from otdesk.cli.printing import add_print_parser
from otdesk.cli.sessions import add_sessions_parser
from otdesk.domain import messages
from otdesk.domain.errors import OtdeskError
from otdesk.domain.translation import _, fill
from otdesk.domain.vocab import ClientStatus
from otdesk.paths import DB_ENV, USER_ENV, database_target, default_db_path

DesktopFn = Callable[[str, str | None], int]

COMMANDS = "otdesk.cli.commands"  # where handlers live unless a command names its module
EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_INTERRUPTED, EXIT_BROKEN_PIPE = 0, 1, 2, 130, 141

def _epilog() -> str:
    return _("""\
With no command, otdesk opens the desktop app.

where the records live:
  --db PATH_OR_URL, else ${db_env}, else {default_db}
  (a SQLite file path, or a postgresql://user@host/name URL)

who is acting:
  --user USERNAME, else ${user_env}, else the built-in administrator

exit status:
  0 done, 1 the command failed (the message says why), 2 the command was typed wrongly

examples:
  otdesk --db clinic.sqlite init
  otdesk --db demo.sqlite demo --clients 500 --seed 7
  otdesk clients list --status active --search martin
  otdesk import-clients referrals.csv --dry-run
  otdesk export-client DEMO-000042 --out demo-000042.json
""").format(db_env=DB_ENV, user_env=USER_ENV, default_db=default_db_path())


def _import_epilog() -> str:
    return _("""\
The file is UTF-8 CSV with a header row naming its columns (any order; a UTF-8 byte-order mark
is fine), separated by commas, semicolons or tabs. Spaces around values are ignored. Line 1 is
the header; problems are reported by line. Dates are YYYY-MM-DD, or written in the clinic's
date order when Settings names one (04/03/1980 is 4 March in a day/month/year clinic).

required columns:
  record_number       the clinic's record number (unique)
  given_name          given name(s)
  family_name         family name(s)
  date_of_birth       a date
  preferred_language  language code such as en, es, pt-BR, zh-Hant
  status              referred, waitlist, active, on_hold or discharged

optional columns:
  preferred_name, pronouns, phone, email, address, alerts   free text
  interpreter_needed, consent_family, consent_community     yes or no (blank = no)
  priority            routine, soon or urgent (blank = routine)
  assigned_ot         the user name of an active staff member
  diagnosis           a diagnosis as written; diagnosis_code its optional code
  referral_date       a date (blank = the day of the import), referral_source text:
                      the referral of the episode of care a client in care is added with

All or nothing: every row is checked first, and if any row has a problem nothing is imported
and every problem is listed (line, column, reason).
""")


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one ``otdesk:`` line (exit status 2)."""

    def error(self, message: str) -> NoReturn:
        text = _("{message} (see '{command} --help')").format(message=message, command=self.prog)
        self.exit(EXIT_USAGE, f"otdesk: {text}\n")


def _status(text: str) -> str:
    try:
        return ClientStatus.parse(text).value
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("'{value}' is not a status (one of {choices})").format(
                value=text, choices=ClientStatus.choices()
            )
        ) from None


def _count(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                _(messages.NOT_WHOLE_NUMBER).format(value=text)
            ) from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(
                fill(_("{value} is not between {low} and {high}"), value=str(value),
                     low=low, high=high)
            )
        return value

    return parse


def _global_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--db", metavar="PATH_OR_URL", default=default,
        help=_("the database: a SQLite file or a PostgreSQL URL (else ${variable}, else the "
               "default file in your data folder)").format(variable=DB_ENV),
    )
    parser.add_argument(
        "--user", metavar="USERNAME", default=default,
        help=_("act as this staff member (else ${variable}, else the built-in "
               "administrator)").format(variable=USER_ENV),
    )


def build_parser() -> argparse.ArgumentParser:
    """The ``otdesk`` command line and its subcommands."""
    raw = argparse.RawDescriptionHelpFormatter
    parser = _Parser(
        prog="otdesk",
        description=_("Offline records for occupational therapists in community mental health."),
        epilog=_epilog(),
        formatter_class=raw,
    )
    parser.add_argument("--version", action="version", version=f"otdesk {otdesk.__version__}",
                        help=_("show program's version number and exit"))
    _global_options(parser, suppress=False)
    # The global options may also follow the command ("otdesk clients list --db x.sqlite").
    common = _Parser(add_help=False)
    _global_options(common, suppress=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title=_("commands"))

    p = sub.add_parser(
        "init", parents=[common], help=_("create the database or upgrade it to this version"),
        description=_("Create the database, or upgrade an older one (a copy is kept first), "
                      "and make sure the built-in administrator exists."),
    )
    p.add_argument(
        "--add-to-other-database", action="store_true",
        help=_("add otdesk's tables to a SQLite database that already holds another "
               "program's tables (refused without this)"),
    )
    p.set_defaults(handler="cmd_init")

    p = sub.add_parser(
        "demo", parents=[common], help=_("fill an empty database with a fictional clinic"),
        description=_("Fill a database that has no clients with an invented clinic: staff, "
                      "clients, families, episodes, care plans, draft sessions and home "
                      "modifications. Every name, number and address is fictional. The same "
                      "seed gives the same clients."),
    )
    p.add_argument("--clients", type=_count(1, 200_000), default=200, metavar="N",
                   help=_("how many clients (default 200)"))
    p.add_argument("--seed", type=int, default=1, metavar="S",
                   help=_("random seed: the same seed gives the same clinic (default 1)"))
    p.add_argument("--if-empty", action="store_true",
                   help=_("if the database already has clients, leave it as it is and succeed "
                          "(for set-up scripts run more than once)"))
    p.set_defaults(handler="cmd_demo")

    clients = sub.add_parser(
        "clients", parents=[common], help=_("list clients or show one client"),
        description=_("List clients or show one client's record."),
    )
    csub = clients.add_subparsers(dest="clients_command", metavar="COMMAND",
                                  title=_("commands"), required=True)
    p = csub.add_parser(
        "list", parents=[common], help=_("list clients by name"),
        description=_("List clients by name, optionally filtered."),
    )
    p.add_argument("--status", type=_status, metavar="S",
                   help=_("only clients with this status ({choices})").format(
                       choices=ClientStatus.choices()))
    p.add_argument("--search", default="", metavar="TEXT",
                   help=_("words that begin a name or the record number, or a date of birth"))
    p.add_argument("--assigned-ot", metavar="USERNAME",
                   help=_("only clients assigned to this staff member"))
    p.add_argument("--limit", type=_count(0, 10_000_000), metavar="N",
                   help=_("show at most N clients (0 = all; default {count} for the table, all "
                          "with --json)").format(count=TABLE_LIMIT))
    p.add_argument("--json", action="store_true",
                   help=_("print a JSON array instead of a table"))
    p.set_defaults(handler="cmd_clients_list")
    p = csub.add_parser(
        "show", parents=[common], help=_("show one client's record"),
        description=_("Show one client's record with family members and episodes of care."),
    )
    p.add_argument("ref", metavar="REF", help=_("the client's record number"))
    p.add_argument("--json", action="store_true", help=_("print JSON instead of text"))
    p.set_defaults(handler="cmd_clients_show")

    p = sub.add_parser(
        "import-clients", parents=[common], help=_("import clients from a CSV file"),
        description=_("Import clients from a CSV file: all rows or none."),
        epilog=_import_epilog(), formatter_class=raw,
    )
    p.add_argument("file", metavar="FILE.csv", help=_("the CSV file"))
    p.add_argument("--dry-run", action="store_true",
                   help=_("check every row and report; write nothing"))
    p.set_defaults(handler="cmd_import_clients")

    p = sub.add_parser(
        "export-client", parents=[common], help=_("export one client's whole record as JSON"),
        description=_("Write one client's whole record (every episode, assessment, checklist, "
                      "modification, family session, care plan and audit event) to a JSON "
                      "file."),
    )
    p.add_argument("ref", metavar="REF", help=_("the client's record number"))
    p.add_argument("--out", required=True, metavar="FILE.json", help=_("the file to write"))
    p.add_argument("--force", action="store_true", help=_("replace the file if it exists"))
    p.set_defaults(handler="cmd_export_client")

    p = sub.add_parser(
        "verify", parents=[common], help=_("check the database is sound (changes nothing)"),
        description=_("Check the database without changing it: storage integrity, foreign "
                      "keys, schema version, the audit trail's append-only guard, the search "
                      "index and the content of signed family-session notes. Exit status 0 only "
                      "when every check holds."),
    )
    p.set_defaults(handler="cmd_verify")

    add_instruments_parser(sub, common)
    add_clinical_parser(sub, common)
    add_assessments_parser(sub, common)
    add_sessions_parser(sub, common)
    add_print_parser(sub, common)
    return parser


def install_cli_language() -> str:
    """Show the command line in the language its environment asks for (``LANGUAGE``,
    ``LC_ALL``, ``LC_MESSAGES``, ``LANG``), argparse's own texts included; return it."""
    language = install_from_environment()
    use_catalogue_for_argparse()
    return language


def _tolerant_output() -> None:
    # A console that cannot show a client's name (say, Vietnamese on a cp1252 console) gets a
    # replacement character instead of a crash half-way through a listing.
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]


def main(argv: Sequence[str] | None = None, *, open_desktop: DesktopFn | None = None) -> int:
    """Run the command line; with no command, open the desktop through ``open_desktop``."""
    _tolerant_output()
    install_cli_language()
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            if open_desktop is None:
                parser.print_help()
                return EXIT_OK
            username = args.user or os.environ.get(USER_ENV, "").strip() or None
            return open_desktop(database_target(args.db), username)
        # The commands (and the storage stack they load) are imported only when one runs:
        # opening the desktop must not wait for them.
        commands = importlib.import_module(getattr(args, "handler_module", COMMANDS))
        code: int = getattr(commands, args.handler)(args)
        return code
    except OtdeskError as exc:
        return fail(str(exc))
    except BrokenPipeError:
        # The reader went away (``otdesk clients list | head``): stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        return fail(f"{where}{exc.strerror or exc}.")
    except ModuleNotFoundError as exc:
        if not (exc.name or "").startswith("psycopg"):
            return _unexpected(exc)
        return fail(_(
            "PostgreSQL support is not installed; install otdesk with its 'postgres' extra "
            "(pip install 'otdesk[postgres]')."
        ))
    except KeyboardInterrupt:
        print("otdesk: " + _("interrupted."), file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:
        if _is_storage_error(exc):
            reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
            return fail(
                _("the database could not be read or written ({reason}).").format(reason=reason)
            )
        return _unexpected(exc)


def _is_storage_error(exc: Exception) -> bool:
    """True for SQLAlchemy's errors (checked without importing SQLAlchemy when none ran)."""
    module = sys.modules.get("sqlalchemy.exc")
    base = getattr(module, "SQLAlchemyError", None)
    return isinstance(base, type) and isinstance(exc, base)


def _unexpected(exc: Exception) -> int:
    """A programming error: one line for the user, the traceback only with OTDESK_DEBUG."""
    if os.environ.get("OTDESK_DEBUG"):
        raise exc
    return fail(
        _("unexpected error ({error}); please report it (set OTDESK_DEBUG=1 to see the "
          "details).").format(error=f"{type(exc).__name__}: {exc}")
    )
