"""What each ``otdesk`` command does: open the database, call services, print the outcome.

Handlers take the parsed arguments and return the exit status. They raise ``OtdeskError`` for
anything the user can put right; ``otdesk.cli.main`` turns that into one line on stderr.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from otdesk.cli.output import (
    TABLE_LIMIT,
    fail,
    note,
    print_json,
    print_table,
    progress_printer,
)
from otdesk.db.engine import Database, describe, open_database
from otdesk.db.migrate import current_revision, head_revision, upgrade_to_head
from otdesk.domain.errors import FieldError, OtdeskError
from otdesk.domain.vocab import ClientStatus, Priority
from otdesk.paths import USER_ENV, database_target
from otdesk.services import (
    clients,
    demo,
    episodes,
    exporting,
    family_members,
    importing,
    integrity,
    staff,
)
from otdesk.services.context import Context

_MAX_ERRORS_SHOWN = 100


def _where(db: Database) -> str:
    return describe(db.url)


@contextmanager
def opened(
    args: argparse.Namespace,
    *,
    create: bool,
    migrate: bool = True,
    read_only: bool = False,
    allow_other: bool = False,
) -> Iterator[Database]:
    """Open the database named by ``--db``/``OTDESK_DB``; upgrade it unless ``migrate`` is off.

    Without ``create``, a database that does not exist (or an empty file) is an error rather
    than a new, empty database (a mistyped path must not quietly start a second clinic).
    ``read_only`` opens it so that nothing can be written (``verify``).
    """
    target = database_target(args.db)
    db = open_database(target, migrate=False, create=create, read_only=read_only,
                       allow_other=allow_other)
    try:
        if migrate and not read_only:
            before = current_revision(db)
            backup = upgrade_to_head(db)
            if before is not None and before != head_revision():
                kept = f"; the old copy is at {backup}" if backup else ""
                note(f"upgraded the database schema from {before} to {head_revision()}{kept}.")
        yield db
    finally:
        db.dispose()


def acting(args: argparse.Namespace, db: Database) -> Context:
    """The context of the staff member named by ``--user``/``OTDESK_USER``, else the admin."""
    system = Context(db)
    admin = staff.ensure_administrator(system)
    username = (getattr(args, "user", None) or os.environ.get(USER_ENV, "")).strip()
    if not username:
        return system.acting_as(admin.id)
    member = staff.find_staff(system, username=username)
    if not member.active:
        raise OtdeskError(f"the staff member {username} is no longer active.")
    return system.acting_as(member.id)


# -- init, demo, verify ---------------------------------------------------------------------


def cmd_init(args: argparse.Namespace) -> int:
    """Create or upgrade the database and make sure the administrator exists."""
    with opened(args, create=True, migrate=False,
                allow_other=args.add_to_other_database) as db:
        before = current_revision(db)
        backup = upgrade_to_head(db)
        head = head_revision()
        admin = staff.ensure_administrator(Context(db))
        print(f"Database ready at {_where(db)}, schema {head}.")
        if before is None:
            print("Created the clinic's tables.")
        elif before != head:
            print(f"Upgraded the schema from {before} to {head}.")
            if backup:
                print(f"A copy of the database as it was before the upgrade is at {backup}.")
        else:
            print("It was already up to date.")
        print(f"Administrator user name: {admin.username}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """Fill an empty database with the fictional demo clinic."""
    with opened(args, create=True) as db:
        ctx = acting(args, db)
        existing = clients.count_clients(ctx)
        if existing and args.if_empty:
            print(f"The database at {_where(db)} already holds {existing:,} clients; "
                  "left as it is.")
            return 0
        started = time.monotonic()
        made = demo.populate(
            ctx, clients=args.clients, seed=args.seed, progress=progress_printer("Clients")
        )
        seconds = time.monotonic() - started
        print(f"Created a fictional clinic in {_where(db)} in {seconds:.1f} s (seed {args.seed}):")
        for label, count in (
            ("staff members", made.staff),
            ("clients", made.clients),
            ("family members and caregivers", made.family_members),
            ("episodes of care", made.episodes),
            ("care-team members", made.care_team_members),
            ("active care plans", made.care_plans),
            ("care-plan goals", made.goals),
            ("draft family sessions", made.family_sessions),
            ("external assessment results", made.assessments),
            ("open home modifications", made.home_modifications),
            ("audit events", made.audit_events),
        ):
            print(f"  {count:>9,}  {label}")
        print("Every person, record number (DEMO-...), phone number and address is invented.")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    """Run every integrity check; exit 0 only when all hold."""
    with opened(args, create=False, read_only=True) as db:
        results = integrity.verify(db)
    for r in results:
        print(f"{'ok' if r.ok else 'FAILED':<6}  {r.name}: {r.detail}")
    failed = [r for r in results if not r.ok]
    if failed:
        return fail(f"{len(failed)} of {len(results)} checks failed.")
    print(f"All {len(results)} checks passed.")
    return 0


# -- clients list / show --------------------------------------------------------------------


def _usernames(ctx: Context) -> dict[int, str]:
    return {s.id: s.username for s in staff.list_staff(ctx, active_only=False)}


def cmd_clients_list(args: argparse.Namespace) -> int:
    """List clients as a table or as JSON."""
    with opened(args, create=False) as db:
        ctx = acting(args, db)
        ot_id = None
        if args.assigned_ot:
            ot_id = staff.find_staff(ctx, username=args.assigned_ot).id
        limit = args.limit if args.limit is not None else (None if args.json else TABLE_LIMIT)
        if limit == 0:
            limit = None
        found = clients.search_clients(
            ctx,
            text=args.search,
            status=args.status,
            assigned_ot_id=ot_id,
            limit=None if limit is None else limit + 1,
        )
        more = limit is not None and len(found) > limit
        found = found[:limit]
        if args.json:
            names = _usernames(ctx)
            print_json([
                clients.summary_json(c) | {"assigned_ot_username": names.get(c.assigned_ot_id or 0)}
                for c in found
            ])
            return 0
    if not found:
        print("No clients match.")
        return 0
    print_table(
        ("Record number", "Name", "Born", "Status", "Priority", "Language", "Assigned OT"),
        [
            (
                c.record_number,
                c.display_name,
                c.date_of_birth.isoformat(),
                c.status.label,
                c.priority.label,
                c.preferred_language + (" (interpreter)" if c.interpreter_needed else ""),
                c.assigned_ot,
            )
            for c in found
        ],
    )
    if more:
        print(f"Showing the first {limit:,}; use --limit 0 for all, or narrow with --search.")
    return 0


def _client_json(ctx: Context, detail: clients.ClientDetail) -> dict[str, Any]:
    data = detail.to_json()
    data["family_members"] = [
        m.to_json() for m in family_members.list_family_members(ctx, client_id=detail.id)
    ]
    data["episodes"] = [
        e.to_json()
        | {"care_team": [m.to_json() for m in episodes.list_care_team(ctx, episode_id=e.id)]}
        for e in episodes.list_episodes(ctx, client_id=detail.id)
    ]
    return data


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _print_client(data: dict[str, Any]) -> None:
    pref = f" ({data['preferred_name']})" if data["preferred_name"] else ""
    print(f"{data['given_name']}{pref} {data['family_name']}  [{data['record_number']}]")
    lines = [
        ("Born", data["date_of_birth"]),
        ("Pronouns", data["pronouns"]),
        ("Status", ClientStatus(data["status"]).label),
        ("Priority", Priority(data["priority"]).label),
        ("Language", data["preferred_language"]
         + (", interpreter needed" if data["interpreter_needed"] else "")),
        ("Assigned OT", data["assigned_ot"]),
        ("Phone", data["phone"]),
        ("Email", data["email"]),
        ("Address", data["address"].replace("\n", ", ")),
        ("Consent", f"family {_yes(data['consent_family'])}, "
                    f"community providers {_yes(data['consent_community'])}"),
        ("Alerts", data["alerts"].replace("\n", " ")),
    ]
    for d in data["diagnoses"]:
        lines.append(("Diagnosis", d["text"] + (f" ({d['code']})" if d["code"] else "")))
    for label, value in lines:
        if value:
            print(f"  {label + ':':<13}{value}")
    print(f"Family members and caregivers ({len(data['family_members'])}):")
    for m in data["family_members"]:
        extra = ", primary caregiver" if m["primary_caregiver"] else ""
        print(f"  {m['given_name']} {m['family_name']}".rstrip()
              + f" ({m['relationship_to_client']}{extra}), language {m['preferred_language']}, "
              f"may be told: {m['consent_scope']}")
    print(f"Episodes of care ({len(data['episodes'])}):")
    for e in data["episodes"]:
        ended = e["actual_discharge_date"] or "open"
        print(f"  referred {e['referral_date']} by {e['referral_source'] or 'unknown'}; "
              f"started {e['start_date'] or 'not yet'}; discharged {ended}")
        for m in e["care_team"]:
            who = m["staff_name"] or m["name"]
            print(f"    {m['discipline']}: {who} {m['role_in_team']}".rstrip())


def cmd_clients_show(args: argparse.Namespace) -> int:
    """Show one client's record, family members and episodes."""
    with opened(args, create=False) as db:
        ctx = acting(args, db)
        detail = clients.find_by_record_number(ctx, record_number=args.ref)
        data = _client_json(ctx, detail)
        people = {s.id: s.display_name for s in staff.list_staff(ctx, active_only=False)}
    for e in data["episodes"]:
        for m in e["care_team"]:
            m["staff_name"] = people.get(m["staff_id"], "") if m["staff_id"] else ""
    if args.json:
        print_json(data)
    else:
        _print_client(data)
    return 0


# -- import and export ----------------------------------------------------------------------


def _problem(name: str, e: FieldError) -> str:
    line = f", line {e.row}" if e.row is not None else ""
    if e.field == "file":
        return f"{name}{line}: the file {e.reason}"
    if e.field == "row":
        return f"{name}{line}: the row {e.reason}"
    return f"{name}{line}, column {e.field}: {e.reason}"


def cmd_import_clients(args: argparse.Namespace) -> int:
    """Import a CSV file of clients, all rows or none."""
    path = Path(args.file)
    with opened(args, create=False) as db:
        ctx = acting(args, db)
        report = importing.import_clients(
            ctx, path=path, dry_run=args.dry_run, progress=progress_printer("Imported")
        )
    if report.errors:
        for e in report.errors[:_MAX_ERRORS_SHOWN]:
            fail(_problem(path.name, e))
        hidden = len(report.errors) - _MAX_ERRORS_SHOWN
        if hidden > 0:
            fail(f"... and {hidden:,} more problems.")
        lines = len(report.bad_lines)
        where = f" on {lines:,} line{'s' if lines != 1 else ''}" if lines else ""
        count = len(report.errors)
        return fail(
            f"nothing was imported from {path.name}: "
            f"{count:,} problem{'s' if count != 1 else ''}{where}."
        )
    if report.cancelled:
        return fail("the import was cancelled; nothing was imported.")
    if report.dry_run:
        print(f"Checked {report.rows_read:,} rows of {path.name}: every row can be imported. "
              "Nothing was written (dry run).")
    else:
        print(f"Imported {report.imported:,} clients from {path.name}.")
    return 0


def cmd_export_client(args: argparse.Namespace) -> int:
    """Write one client's whole record to a JSON file."""
    out = Path(args.out)
    if out.exists() and not args.force:
        return fail(f"{out} already exists; choose another file name or add --force to replace it.")
    if out.is_dir():
        return fail(f"{out} is a folder; name a file to write.")
    with opened(args, create=False) as db:
        ctx = acting(args, db)
        detail = clients.find_by_record_number(ctx, record_number=args.ref)
        exporting.export_client_to_file(ctx, client_id=detail.id, path=out, overwrite=args.force)
    print(f"Exported the whole record of {detail.record_number} to {out}.")
    return 0
