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
from otdesk.services.client_search import client_terms

NOT_APPLICABLE = "not applicable"
_SHOW = 5  # how many offending records a detail names before summarising


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check: its name, whether it holds, and what was found."""

    name: str
    ok: bool
    detail: str


CheckFn = Callable[[Database], CheckResult]

CHECKS: list[tuple[str, CheckFn]] = []


def check(name: str) -> Callable[[CheckFn], CheckFn]:
    """Register ``fn`` as the check called ``name`` (run in registration order)."""

    def register(fn: CheckFn) -> CheckFn:
        CHECKS.append((name, fn))
        return fn

    return register


def _listing(items: list[str], total: int) -> str:
    shown = ", ".join(items[:_SHOW])
    more = f" and {total - _SHOW:,} more" if total > _SHOW else ""
    return f"{shown}{more}"


@check("storage integrity")
def storage_integrity(db: Database) -> CheckResult:
    """SQLite's own consistency check of every page and index."""
    if not db.is_sqlite:
        return CheckResult("storage integrity", True, f"{NOT_APPLICABLE} (PostgreSQL)")
    with db.engine.connect() as conn:
        rows = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check")]
    if rows == ["ok"]:
        return CheckResult("storage integrity", True, "SQLite integrity_check: ok")
    return CheckResult("storage integrity", False, _listing(rows, len(rows)))


@check("foreign keys")
def foreign_keys(db: Database) -> CheckResult:
    """Every reference points at a row that exists."""
    if not db.is_sqlite:
        return CheckResult("foreign keys", True, f"{NOT_APPLICABLE} (PostgreSQL enforces them)")
    with db.engine.connect() as conn:
        rows = list(conn.exec_driver_sql("PRAGMA foreign_key_check"))
    if not rows:
        return CheckResult("foreign keys", True, "every reference points at an existing row")
    broken = [f"{r[0]} row {r[1]} -> {r[2]}" for r in rows]
    return CheckResult(
        "foreign keys", False, f"{len(rows):,} broken references: {_listing(broken, len(rows))}"
    )


@check("schema at head")
def schema_at_head(db: Database) -> CheckResult:
    """The schema is at the newest migration this version of otdesk ships."""
    current, head = current_revision(db), head_revision()
    if current == head:
        return CheckResult("schema at head", True, f"schema revision {head}")
    if current is not None and not is_known_revision(current):
        return CheckResult(
            "schema at head",
            False,
            f"schema revision {current} was made by a newer version of otdesk (this one "
            f"expects {head}); this version must not change it: open it with that version",
        )
    shown = current or "none (not an otdesk database, or never initialised)"
    return CheckResult(
        "schema at head",
        False,
        f"schema revision is {shown}, this otdesk expects {head}; run 'otdesk init' to upgrade",
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


@check("audit trail append-only")
def audit_guard(db: Database) -> CheckResult:
    """The triggers that refuse UPDATE and DELETE on the audit trail are in place."""
    name = "audit trail append-only"
    query, wanted = _GUARDS[db.engine.dialect.name]
    with db.engine.connect() as conn:
        found = {r[0] for r in conn.execute(text(query))}
    missing = sorted(wanted - found)
    if missing:
        return CheckResult(name, False, f"missing trigger(s): {', '.join(missing)}")
    return CheckResult(name, True, f"trigger(s) present: {', '.join(sorted(wanted))}")


@check("search index complete")
def search_index(db: Database) -> CheckResult:
    """Every client is indexed under exactly the words of their names and record number."""
    name = "search index complete"
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
            parts.append(f"{len(stale):,} clients indexed wrongly: {_listing(stale, len(stale))}")
        if orphans:
            parts.append(f"terms left for {orphans:,} missing clients")
        return CheckResult(name, False, "; ".join(parts))
    return CheckResult(name, True, f"{count:,} clients indexed")


def verify(db: Database) -> list[CheckResult]:
    """Run every registered check; a check that cannot run is reported as failed."""
    results = []
    for name, fn in CHECKS:
        try:
            results.append(fn(db))
        except SQLAlchemyError as exc:
            reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
            results.append(CheckResult(name, False, f"could not be checked: {reason}"))
    return results
