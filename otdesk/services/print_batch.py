"""Batch printing: the care plans of every client with a review in the coming days, into one
PDF or one file per client, with progress and cancel.

Which plans: active care plans of clients not discharged whose review date falls from today
to ``days`` days ahead (overdue reviews too when asked), optionally of one OT's clients, in
review-date order. Each document is built and rendered as the registry's own print does, and
leaves its own audit event (action "print", the registry's shape) whose id is its copy number.

Into one PDF: every event is written in one transaction with the file, so a cancelled or
failed batch records no copy that was never saved. One file per client: each file is written
and its event committed before the next starts, so a cancel keeps what was saved, each with
its event. Files are written beside their final name and moved into place.

The caller (the desktop's worker, the command line) passes a ``BatchControl``: its progress
callback hears each step, and ``cancel()`` (from any thread) stops before the next document.
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from otdesk.catalogues import in_language
from otdesk.db.models import AuditEvent, CarePlan, Client
from otdesk.domain.translation import current_language
from otdesk.domain.vocab import AuditAction, CarePlanStatus, ClientStatus
from otdesk.reports.page import PrintStamp
from otdesk.reports.pdfium import JoinedPdf
from otdesk.services.context import Context
from otdesk.services.printables._common import person
from otdesk.services.printing import Prepared, Printable, PrintOptions, document
from otdesk.services.team_summary import person_name

CARE_PLAN = "careplan"
Progress = Callable[[int, int, str], None]  # (done, total, what is being printed)


@dataclass(frozen=True)
class DuePlan:
    """A care plan whose review is due, and whose it is."""

    plan_id: int
    client_id: int
    record_number: str
    name: str
    review_date: date


@dataclass(frozen=True)
class BatchCopy:
    """One printed document of a batch: its plan, copy number and file (one-file mode)."""

    plan: DuePlan
    copy_number: int
    path: Path | None = None


@dataclass(frozen=True)
class BatchResult:
    """What a batch printed, and whether it was cancelled before the end."""

    copies: tuple[BatchCopy, ...]
    cancelled: bool
    path: Path | None = None  # the one PDF (None in one-file mode or when cancelled)


class BatchCancelledError(Exception):
    """The batch was cancelled (raised inside the transaction so it writes nothing)."""


@dataclass
class BatchControl:
    """How a caller follows and stops a batch: ``on_progress(done, total, label)`` after each
    step, ``cancel()`` from any thread."""

    on_progress: Progress | None = None
    _stop: threading.Event = field(default_factory=threading.Event)

    def cancel(self) -> None:
        """Stop before the next document."""
        self._stop.set()

    @property
    def cancelled(self) -> bool:
        """Whether ``cancel`` was called."""
        return self._stop.is_set()

    def report(self, done: int, total: int, label: str) -> None:
        """Tell the caller how far the batch is."""
        if self.on_progress is not None:
            self.on_progress(done, total, label)


def due_reviews(ctx: Context, *, days: int, staff_id: int | None = None,
                include_overdue: bool = False, today: date | None = None) -> list[DuePlan]:
    """Active care plans with a review from today to ``days`` days ahead (and those overdue
    with ``include_overdue``), of ``staff_id``'s clients or all, the earliest review first."""
    today = today or ctx.today()
    stmt = (select(CarePlan.id, CarePlan.client_id, Client.record_number, Client.given_name,
                   Client.family_name, Client.preferred_name, CarePlan.review_date)
            .join(Client, Client.id == CarePlan.client_id)
            .where(CarePlan.status == CarePlanStatus.ACTIVE.value,
                   Client.status != ClientStatus.DISCHARGED.value,
                   CarePlan.review_date <= today + timedelta(days=days)))
    if not include_overdue:
        stmt = stmt.where(CarePlan.review_date >= today)
    if staff_id is not None:
        stmt = stmt.where(Client.assigned_ot_id == staff_id)
    stmt = stmt.order_by(CarePlan.review_date, Client.sort_name, CarePlan.id)
    with ctx.db.reading() as session:
        return [DuePlan(r[0], r[1], r[2], person_name(r[3], r[4], r[5]), r[6])
                for r in session.execute(stmt) if r[6] is not None]


def write_file(path: Path, data: bytes) -> None:
    """Write ``data`` beside ``path`` and move it into place: never half a PDF under its
    name."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".otdesk-", suffix=".pdf")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def file_name(plan: DuePlan) -> str:
    """The file a plan prints to in one-file mode: its record number and review date."""
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in plan.record_number)
    return f"care-plan-{safe}-{plan.review_date.isoformat()}.pdf"


class _Printer:
    """Prints documents of one kind with what every document shares worked out once: the
    document, its language, the options and who is printing."""

    def __init__(self, ctx: Context, kind: str, options: PrintOptions) -> None:
        self.ctx = ctx
        self.doc: Printable = document(kind)
        self.options = options
        self.language = options.language or current_language()
        self.printed_by = ""

    def one(self, session: Session, plan: DuePlan, target: str) -> tuple[int, bytes]:
        """Build, audit and render one plan's document in ``session``; its copy number and
        PDF."""
        ctx, doc = self.ctx, self.doc
        options = PrintOptions(language=self.options.language,
                               large_print=self.options.large_print, record_id=plan.plan_id)
        with in_language(self.language) as used:
            prepared = doc.build(ctx, plan.record_number, options)
            event = AuditEvent(
                occurred_at=ctx.now(), actor_id=ctx.actor_id, action=AuditAction.PRINT.value,
                entity_type=prepared.entity.value, entity_id=prepared.entity_id,
                entity_uuid=prepared.entity_uuid, client_id=prepared.client_id,
                changes=_changes(doc.kind, prepared, used, options, target),
                workstation=ctx.workstation[:200])
            session.add(event)
            session.flush()
            if not self.printed_by:
                self.printed_by = person(session, ctx.actor_id) or "otdesk"
            stamp = PrintStamp(document=doc.label, version=prepared.version,
                               printed_by=self.printed_by,
                               printed_at=event.occurred_at.astimezone(),
                               copy_number=event.id)
            return event.id, doc.render(prepared.view, stamp, options.large_print)


def _changes(kind: str, prepared: Prepared, language: str, options: PrintOptions,
             target: str) -> dict[str, Any]:
    values: dict[str, Any] = {"document": kind, "version": prepared.version_value,
                              "language": language, "large_print": options.large_print,
                              "omitted": [o.what for o in prepared.omitted], "batch": True}
    if target:
        values["target"] = target
    return {name: [None, value] for name, value in values.items()}


def print_batch(ctx: Context, plans: list[DuePlan], *, out: Path | None = None,
                out_dir: Path | None = None, options: PrintOptions | None = None,
                control: BatchControl | None = None, kind: str = CARE_PLAN) -> BatchResult:
    """Print ``plans`` into the one PDF ``out``, or one file per plan in ``out_dir``."""
    if (out is None) == (out_dir is None):
        raise ValueError("give exactly one of out and out_dir")
    control = control or BatchControl()
    printer = _Printer(ctx, kind, options or PrintOptions())
    total = len(plans)
    if out_dir is not None:
        return _one_file_each(ctx, printer, plans, out_dir, control)
    assert out is not None
    copies: list[BatchCopy] = []
    try:
        with ctx.transaction() as session, JoinedPdf() as joined:
            for n, plan in enumerate(plans):
                control.report(n, total, plan.name)
                if control.cancelled:
                    raise BatchCancelledError
                number, pdf = printer.one(session, plan, out.name)
                joined.append(pdf)
                copies.append(BatchCopy(plan, number))
            write_file(out, joined.to_bytes())
    except BatchCancelledError:
        return BatchResult((), True)
    control.report(total, total, "")
    return BatchResult(tuple(copies), False, out)


def _one_file_each(ctx: Context, printer: _Printer, plans: list[DuePlan], out_dir: Path,
                   control: BatchControl) -> BatchResult:
    copies: list[BatchCopy] = []
    total = len(plans)
    for n, plan in enumerate(plans):
        control.report(n, total, plan.name)
        if control.cancelled:
            return BatchResult(tuple(copies), True)
        path = out_dir / file_name(plan)
        with ctx.transaction() as session:
            number, pdf = printer.one(session, plan, path.name)
            write_file(path, pdf)
        copies.append(BatchCopy(plan, number, path))
    control.report(total, total, "")
    return BatchResult(tuple(copies), False)
