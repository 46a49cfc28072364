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
from datetime import date
from pathlib import Path
from typing import Any

from otdesk.cli.output import (
    TABLE_LIMIT,
    display_width,
    fail,
    note,
    pad,
    pad_left,
    print_json,
    print_table,
    progress_printer,
)
from otdesk.db.engine import Database, describe, open_database
from otdesk.db.migrate import current_revision, head_revision, upgrade_to_head
from otdesk.domain.errors import FieldError, OtdeskError
from otdesk.domain.translation import (
    _,
    fill,
    format_date,
    format_number,
    language_name,
    ngettext,
    pgettext,
)
from otdesk.domain.vocab import ClientStatus, ConsentScope, Discipline, Priority
from otdesk.paths import USER_ENV, database_target
from otdesk.services import (
    battery,
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
                if backup:
                    text = _("upgraded the database schema from {old} to {new}; the old copy "
                             "is at {backup}.")
                else:
                    text = _("upgraded the database schema from {old} to {new}.")
                note(text.format(old=before, new=head_revision(), backup=backup))
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
        raise OtdeskError(
            _("the staff member {username} is no longer active.").format(username=username)
        )
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
        battery.ensure_default_battery(Context(db).acting_as(admin.id))
        print(_("Database ready at {location}, schema {schema}.").format(
            location=_where(db), schema=head))
        if before is None:
            print(_("Created the clinic's tables."))
        elif before != head:
            print(_("Upgraded the schema from {old} to {new}.").format(old=before, new=head))
            if backup:
                print(_("A copy of the database as it was before the upgrade is at "
                        "{backup}.").format(backup=backup))
        else:
            print(_("It was already up to date."))
        print(_("Administrator user name: {username}").format(username=admin.username))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """Fill an empty database with the fictional demo clinic."""
    with opened(args, create=True) as db:
        ctx = acting(args, db)
        existing = clients.count_clients(ctx)
        if existing and args.if_empty:
            text = ngettext(
                "The database at {location} already holds {count} client; left as it is.",
                "The database at {location} already holds {count} clients; left as it is.",
                existing,
            )
            print(fill(text, location=_where(db), count=existing))
            return 0
        started = time.monotonic()
        made = demo.populate(
            ctx, clients=args.clients, seed=args.seed, progress=progress_printer(_("Clients"))
        )
        seconds = format_number(time.monotonic() - started, decimals=1)
        print(_("Created a fictional clinic in {location} in {seconds} s (seed {seed}):").format(
            location=_where(db), seconds=seconds, seed=args.seed))
        for count, label in (
            (made.staff, ngettext("staff member", "staff members", made.staff)),
            (made.clients, ngettext("client", "clients", made.clients)),
            (made.family_members, ngettext("family member or caregiver",
                                           "family members and caregivers",
                                           made.family_members)),
            (made.episodes, ngettext("episode of care", "episodes of care", made.episodes)),
            (made.care_team_members, ngettext("care-team member", "care-team members",
                                              made.care_team_members)),
            (made.care_plans, ngettext("active care plan", "active care plans",
                                       made.care_plans)),
            (made.goals, ngettext("care-plan goal", "care-plan goals", made.goals)),
            (made.family_sessions, ngettext("draft family session", "draft family sessions",
                                            made.family_sessions)),
            (made.assessments, ngettext("external assessment result",
                                        "external assessment results", made.assessments)),
            (made.home_modifications, ngettext("open home modification",
                                               "open home modifications",
                                               made.home_modifications)),
            (made.audit_events, ngettext("audit event", "audit events", made.audit_events)),
        ):
            print(f"  {pad_left(format_number(count), 9)}  {label}")
        print(_("Every person, record number (DEMO-...), phone number and address is invented."))
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    """Run every integrity check; exit 0 only when all hold."""
    with opened(args, create=False, read_only=True) as db:
        results = integrity.verify(db)
    # TRANSLATORS: how 'otdesk verify' marks a check that holds, and one that does not.
    passed, failing = pgettext("check result", "ok"), pgettext("check result", "FAILED")
    width = max(display_width(passed), display_width(failing))
    for r in results:
        print(f"{pad(passed if r.ok else failing, width)}  {r.name}: {r.detail}")
    failed = [r for r in results if not r.ok]
    if failed:
        text = ngettext("{failed} of {count} check failed.", "{failed} of {count} checks failed.",
                        len(results))
        return fail(fill(text, failed=len(failed), count=len(results)))
    text = ngettext("The {count} check passed.", "All {count} checks passed.", len(results))
    print(fill(text, count=len(results)))
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
        print(_("No clients match."))
        return 0
    print_table(
        (
            pgettext("column", "Record number"),
            pgettext("column", "Name"),
            pgettext("column", "Born"),
            pgettext("column", "Status"),
            pgettext("column", "Priority"),
            pgettext("column", "Language"),
            pgettext("column", "Assigned OT"),
        ),
        [
            (
                c.record_number,
                c.display_name,
                c.date_of_birth.isoformat(),
                c.status.label,
                c.priority.label,
                _("{language} (interpreter)").format(language=c.preferred_language)
                if c.interpreter_needed else c.preferred_language,
                c.assigned_ot,
            )
            for c in found
        ],
    )
    if more:
        text = _("Showing the first {count}; use --limit 0 for all, or narrow with --search.")
        print(fill(text, count=limit))
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
    return _("yes") if flag else _("no")


def _lower_first(label: str) -> str:
    # A vocabulary label ("Care plan and handouts") read inside a sentence.
    return label[:1].lower() + label[1:]


def _day(iso: str | None) -> str:
    return format_date(date.fromisoformat(iso)) if iso else ""


def _episode_line(e: dict[str, Any]) -> str:
    """ "referred 3 Jan 2026 by GP; started 10 Jan 2026; still open" in the interface language."""
    source = (e["referral_source"] or "").strip()
    referred = _day(e["referral_date"])
    parts = [
        _("referred {date} by {source}").format(date=referred, source=source)
        if source else _("referred {date}").format(date=referred),
        _("started {date}").format(date=_day(e["start_date"]))
        if e["start_date"] else _("not started yet"),
        _("discharged {date}").format(date=_day(e["actual_discharge_date"]))
        if e["actual_discharge_date"] else _("still open"),
    ]
    return "; ".join(parts)


def _print_client(data: dict[str, Any]) -> None:
    pref = f" ({data['preferred_name']})" if data["preferred_name"] else ""
    print(f"{data['given_name']}{pref} {data['family_name']}  [{data['record_number']}]")
    code = data["preferred_language"]
    language = f"{language_name(code)} ({code})" if language_name(code) != code else code
    if data["interpreter_needed"]:
        language = _("{language}, interpreter needed").format(language=language)
    lines = [
        (_("Born"), _day(data["date_of_birth"])),
        (_("Pronouns"), data["pronouns"]),
        (_("Status"), ClientStatus(data["status"]).label),
        (_("Priority"), Priority(data["priority"]).label),
        (_("Language"), language),
        (_("Assigned OT"), data["assigned_ot"]),
        (_("Phone"), data["phone"]),
        (_("Email"), data["email"]),
        (_("Address"), data["address"].replace("\n", ", ")),
        (_("Consent"), _("family {family}, community providers {community}").format(
            family=_yes(data["consent_family"]), community=_yes(data["consent_community"]))),
        (_("Alerts"), data["alerts"].replace("\n", " ")),
    ]
    for d in data["diagnoses"]:
        lines.append((_("Diagnosis"), d["text"] + (f" ({d['code']})" if d["code"] else "")))
    width = max(display_width(label) for label, _value in lines) + 2
    for label, value in lines:
        if value:
            print(f"  {pad(label + ':', width)}{value}")
    members = data["family_members"]
    print(fill(_("Family members and caregivers ({count}):"), count=len(members)))
    for m in members:
        name = f"{m['given_name']} {m['family_name']}".strip()
        told = _lower_first(ConsentScope(m["consent_scope"]).label)
        spoken = language_name(m["preferred_language"]) or "—"
        if m["primary_caregiver"]:
            text = _("{name} ({relationship}, primary caregiver), language {language}, "
                     "may be told: {scope}")
        else:
            text = _("{name} ({relationship}), language {language}, may be told: {scope}")
        print("  " + text.format(name=name, relationship=m["relationship_to_client"],
                                 language=spoken, scope=told))
    print(fill(_("Episodes of care ({count}):"), count=len(data["episodes"])))
    for e in data["episodes"]:
        print("  " + _episode_line(e))
        for m in e["care_team"]:
            who = m["staff_name"] or m["name"]
            role = f" ({m['role_in_team']})" if m["role_in_team"] else ""
            print(f"    {Discipline(m['discipline']).label}: {who}{role}")


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
    # Line numbers are written plainly ("line 1234"), as an editor's "go to line" takes them.
    values = {"file": name, "line": str(e.row), "column": e.field, "reason": e.reason}
    if e.field == "file":
        text = _("{file}: the file {reason}") if e.row is None else _(
            "{file}, line {line}: the file {reason}")
    elif e.field == "row":
        text = _("{file}, line {line}: the row {reason}")
    else:
        text = _("{file}, column {column}: {reason}") if e.row is None else _(
            "{file}, line {line}, column {column}: {reason}")
    return text.format(**values)


def cmd_import_clients(args: argparse.Namespace) -> int:
    """Import a CSV file of clients, all rows or none."""
    path = Path(args.file)
    with opened(args, create=False) as db:
        ctx = acting(args, db)
        report = importing.import_clients(
            ctx, path=path, dry_run=args.dry_run, progress=progress_printer(_("Imported"))
        )
    if report.errors:
        for e in report.errors[:_MAX_ERRORS_SHOWN]:
            fail(_problem(path.name, e))
        hidden = len(report.errors) - _MAX_ERRORS_SHOWN
        if hidden > 0:
            fail(fill(ngettext("... and {count} more problem.", "... and {count} more problems.",
                               hidden), count=hidden))
        count = len(report.errors)
        problems = fill(ngettext("{count} problem", "{count} problems", count), count=count)
        count = len(report.bad_lines)
        if count:
            lines = fill(ngettext("{count} line", "{count} lines", count), count=count)
            text = _("nothing was imported from {file}: {problems} on {lines}.")
        else:
            lines, text = "", _("nothing was imported from {file}: {problems}.")
        return fail(text.format(file=path.name, problems=problems, lines=lines))
    if report.cancelled:
        return fail(_("the import was cancelled; nothing was imported."))
    if report.dry_run:
        text = ngettext(
            "Checked {count} row of {file}: every row can be imported. "
            "Nothing was written (dry run).",
            "Checked {count} rows of {file}: every row can be imported. "
            "Nothing was written (dry run).",
            report.rows_read,
        )
        print(fill(text, count=report.rows_read, file=path.name))
    else:
        text = ngettext("Imported {count} client from {file}.",
                        "Imported {count} clients from {file}.", report.imported)
        print(fill(text, count=report.imported, file=path.name))
    return 0


def cmd_export_client(args: argparse.Namespace) -> int:
    """Write one client's whole record to a JSON file."""
    out = Path(args.out)
    if out.exists() and not args.force:
        return fail(_("{path} already exists; choose another file name or add --force to "
                      "replace it.").format(path=out))
    if out.is_dir():
        return fail(_("{path} is a folder; name a file to write.").format(path=out))
    with opened(args, create=False) as db:
        ctx = acting(args, db)
        detail = clients.find_by_record_number(ctx, record_number=args.ref)
        exporting.export_client_to_file(ctx, client_id=detail.id, path=out, overwrite=args.force)
    print(_("Exported the whole record of {number} to {path}.").format(
        number=detail.record_number, path=out))
    return 0
