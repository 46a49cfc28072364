"""Checking that a database is sound: storage, references, schema, audit guard, search index.

``verify`` runs every registered check and reports each one; none of them writes. A later
capability adds its own check (the audit hash chain, signed-record hashes) by decorating a
function with ``@check`` here or in its own module, without changing ``verify``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.exc import SQLAlchemyError

from otdesk.db.engine import Database
from otdesk.db.migrate import current_revision, head_revision, is_known_revision
from otdesk.db.models import Client, ClientSearchTerm
from otdesk.domain.translation import N_, _, fill, ngettext
from otdesk.services.client_search import client_terms

STORAGE = N_("storage integrity")
FOREIGN_KEYS = N_("foreign keys")
SCHEMA = N_("schema at head")
AUDIT_GUARD = N_("audit trail append-only")
SEARCH_INDEX = N_("search index complete")
_SHOW = 5  # how many offending records a detail names before summarising


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check: its name, whether it holds, and what was found (the name and
    the finding in the interface language)."""

    name: str
    ok: bool
    detail: str


CheckFn = Callable[[Database], CheckResult]

CHECKS: list[tuple[str, CheckFn]] = []


def check(name: str) -> Callable[[CheckFn], CheckFn]:
    """Register ``fn`` as the check called ``name`` (English, marked with ``N_``; run in
    registration order)."""

    def register(fn: CheckFn) -> CheckFn:
        CHECKS.append((name, fn))
        return fn

    return register


def _listing(items: list[str], total: int) -> str:
    shown = ", ".join(items[:_SHOW])
    if total <= _SHOW:
        return shown
    return fill(_("{items} and {count} more"), items=shown, count=total - _SHOW)


def _not_applicable(why: str) -> str:
    return _("not applicable ({why})").format(why=why)


@check(STORAGE)
def storage_integrity(db: Database) -> CheckResult:
    """SQLite's own consistency check of every page and index."""
    if not db.is_sqlite:
        return CheckResult(_(STORAGE), True, _not_applicable("PostgreSQL"))
    with db.engine.connect() as conn:
        rows = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check")]
    if rows == ["ok"]:
        return CheckResult(_(STORAGE), True, _("SQLite integrity_check: ok"))
    return CheckResult(_(STORAGE), False, _listing(rows, len(rows)))


@check(FOREIGN_KEYS)
def foreign_keys(db: Database) -> CheckResult:
    """Every reference points at a row that exists."""
    if not db.is_sqlite:
        return CheckResult(_(FOREIGN_KEYS), True, _not_applicable(_("PostgreSQL enforces them")))
    with db.engine.connect() as conn:
        rows = list(conn.exec_driver_sql("PRAGMA foreign_key_check"))
    if not rows:
        return CheckResult(_(FOREIGN_KEYS), True, _("every reference points at an existing row"))
    broken = [f"{r[0]} row {r[1]} -> {r[2]}" for r in rows]
    detail = ngettext(
        "{count} broken reference: {references}", "{count} broken references: {references}",
        len(rows),
    )
    return CheckResult(
        _(FOREIGN_KEYS), False,
        fill(detail, count=len(rows), references=_listing(broken, len(rows))),
    )


@check(SCHEMA)
def schema_at_head(db: Database) -> CheckResult:
    """The schema is at the newest migration this version of otdesk ships."""
    current, head = current_revision(db), head_revision()
    if current == head:
        return CheckResult(_(SCHEMA), True, _("schema revision {revision}").format(revision=head))
    if current is not None and not is_known_revision(current):
        return CheckResult(
            _(SCHEMA),
            False,
            _("schema revision {revision} was made by a newer version of otdesk (this one "
              "expects {head}); this version must not change it: open it with that "
              "version").format(revision=current, head=head),
        )
    shown = current or _("none (not an otdesk database, or never initialised)")
    return CheckResult(
        _(SCHEMA),
        False,
        _("schema revision is {current}, this otdesk expects {head}; run 'otdesk init' to "
          "upgrade").format(current=shown, head=head),
    )


# Per dialect: how to list the audit table's triggers, and which must be there.
_GUARDS = {
    "sqlite": (
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_events'",
        {"audit_events_no_update", "audit_events_no_delete"},
    ),
    "postgresql": (
        "SELECT tgname FROM pg_trigger "
        "WHERE NOT tgisinternal AND tgrelid = 'audit_events'::regclass",
        {"audit_events_append_only", "audit_events_no_truncate"},
    ),
}


@check(AUDIT_GUARD)
def audit_guard(db: Database) -> CheckResult:
    """The triggers that refuse UPDATE and DELETE on the audit trail are in place."""
    query, wanted = _GUARDS[db.engine.dialect.name]
    with db.engine.connect() as conn:
        found = {r[0] for r in conn.execute(text(query))}
    missing = sorted(wanted - found)
    if missing:
        detail = _("missing trigger(s): {triggers}").format(triggers=", ".join(missing))
        return CheckResult(_(AUDIT_GUARD), False, detail)
    detail = _("trigger(s) present: {triggers}").format(triggers=", ".join(sorted(wanted)))
    return CheckResult(_(AUDIT_GUARD), True, detail)


@check(SEARCH_INDEX)
def search_index(db: Database) -> CheckResult:
    """Every client is indexed under exactly the words of their names and record number."""
    columns = (Client.id, Client.record_number, Client.given_name, Client.family_name,
               Client.preferred_name)
    stale: list[str] = []
    count = 0
    with db.reading() as session:
        stored: dict[int, set[str]] = {}
        for client_id, term in session.execute(select(ClientSearchTerm.client_id,
                                                      ClientSearchTerm.term)):
            stored.setdefault(client_id, set()).add(term)
        for cid, number, given, family, preferred in session.execute(
            select(*columns).order_by(Client.id)
        ):
            count += 1
            if set(client_terms(given, family, preferred, number)) != stored.pop(cid, set()):
                stale.append(number)
    orphans = len(stored)  # terms of clients that no longer exist
    if stale or orphans:
        parts = []
        if stale:
            wrong = ngettext("{count} client indexed wrongly: {clients}",
                             "{count} clients indexed wrongly: {clients}", len(stale))
            parts.append(fill(wrong, count=len(stale), clients=_listing(stale, len(stale))))
        if orphans:
            left = ngettext("terms left for {count} missing client",
                            "terms left for {count} missing clients", orphans)
            parts.append(fill(left, count=orphans))
        return CheckResult(_(SEARCH_INDEX), False, "; ".join(parts))
    indexed = ngettext("{count} client indexed", "{count} clients indexed", count)
    return CheckResult(_(SEARCH_INDEX), True, fill(indexed, count=count))


def verify(db: Database) -> list[CheckResult]:
    """Run every registered check; a check that cannot run is reported as failed."""
    results = []
    for name, fn in CHECKS:
        try:
            results.append(fn(db))
        except SQLAlchemyError as exc:
            reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
            detail = _("could not be checked: {reason}").format(reason=reason)
            results.append(CheckResult(_(name), False, detail))
    return results


# Checks other modules register (imported last: they import ``check`` from here).
from otdesk.services import session_signing  # noqa: E402, F401
