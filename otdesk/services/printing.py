"""Printing: the registry of printable documents, the one way to render one, and provenance.

A printable document is a module in ``otdesk.services.printables`` that defines
``DOCUMENT = Printable(...)``: its kind (the command line's word, "careplan"), its title, a
builder (reads the records, returns a ``Prepared`` view model) and a renderer (in
``otdesk.reports``: view model in, PDF bytes out). Menus, batch printing, the command line
and the audit trail read the registry (``documents()``), so a new document adds a module and
edits nothing else.

Every print or save (``render`` with ``record=True``) writes one audit event, action
"print", naming who printed which document of which client, its version and language, and
when. The printed-copy number on every page is that event's id: unique and increasing in the
clinic's database on SQLite and PostgreSQL alike (the audit trail is append-only), so
``lookup_copy`` finds the event from the number on a page. A preview (``record=False``)
writes nothing and its pages say they are not a recorded copy.
"""

from __future__ import annotations

import importlib
import pkgutil
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from otdesk.catalogues import in_language
from otdesk.db.models import AuditEvent, Staff
from otdesk.domain.errors import NotFoundError, ValidationError
from otdesk.domain.records import RecordKind
from otdesk.domain.translation import N_, _, current_language, fill
from otdesk.domain.vocab import AuditAction
from otdesk.reports.page import ClientLine, PrintStamp
from otdesk.services.context import Context
from otdesk.services.summaries import staff_name


@dataclass(frozen=True)
class PrintOptions:
    """How to print: ``language`` (None: the document's own choice, e.g. the family's),
    ``large_print``, and ``record_id`` to print one record (a plan version) rather than the
    current one."""

    language: str | None = None
    large_print: bool = False
    record_id: int | None = None


@dataclass(frozen=True)
class Omission:
    """Something a document left out, and why. ``words`` writes both in the language current
    when it is called, so the page says them in the document's language (a Spanish handout)
    and the print dialog or command line in the reader's."""

    words: Callable[[], tuple[str, str]]

    @property
    def what(self) -> str:
        """What was left out, in the current language."""
        return self.words()[0]

    @property
    def why(self) -> str:
        """Why it was left out, in the current language."""
        return self.words()[1]


@dataclass(frozen=True)
class Prepared:
    """What a document's builder hands over: the view model for its renderer, and what the
    audit event and the page furniture need."""

    view: Any
    client: ClientLine
    client_id: int
    entity: RecordKind  # the record printed (a care plan, a family session)
    entity_id: int
    entity_uuid: uuid.UUID | None
    version: str  # as the footer shows it, in the document's language ("version 3")
    version_value: int | str  # as the audit trail keeps it
    omitted: tuple[Omission, ...] = ()


Builder = Callable[[Context, str, PrintOptions], Prepared]
Renderer = Callable[[Any, PrintStamp, bool], bytes]  # (view, stamp, large_print) -> PDF


@dataclass(frozen=True)
class Printable:
    """One kind of printable document, as its module registers it."""

    kind: str  # "careplan": the command line's word, and what the audit trail records
    title: str  # marked with N_ and translated when shown ("Care plan")
    ref_help: str  # marked with N_: what REF names ("the client's record number")
    build: Builder
    render: Renderer
    # The language to print in when the options name none (the family's); None: the
    # interface language.
    language: Callable[[Context, str], str] | None = None
    takes_language: bool = False  # offers --lang
    takes_large_print: bool = False  # offers --large-print
    position: int = 100  # order in menus

    @property
    def label(self) -> str:
        """The document's name in the interface language."""
        return _(self.title)


@dataclass(frozen=True)
class PrintResult:
    """A rendered document: its bytes, its printed-copy number (None for a preview), the
    language it was printed in, and what it left out and why."""

    pdf_bytes: bytes
    copy_number: int | None
    language: str
    omitted: list[Omission] = field(default_factory=list)
    kind: str = ""
    client_id: int | None = None


@dataclass(frozen=True)
class CopyRecord:
    """What the audit trail says about one printed copy."""

    copy_number: int
    kind: str
    document: str  # the document's title in the interface language
    client_id: int | None
    record_kind: str
    record_id: int | None
    version: str
    language: str
    target: str
    printed_by: str
    printed_at: datetime
    workstation: str


_registry: dict[str, Printable] = {}


def documents() -> dict[str, Printable]:
    """Every printable document by kind, in menu order (the modules of
    ``otdesk.services.printables``, imported on first use)."""
    if not _registry:
        from otdesk.services import printables

        found: list[Printable] = []
        for module in pkgutil.iter_modules(printables.__path__):
            loaded = importlib.import_module(f"{printables.__name__}.{module.name}")
            document = getattr(loaded, "DOCUMENT", None)
            if isinstance(document, Printable):
                found.append(document)
        for document in sorted(found, key=lambda d: (d.position, d.kind)):
            _registry[document.kind] = document
    return dict(_registry)


def document(kind: str) -> Printable:
    """The printable document ``kind``; a clear error naming the kinds there are."""
    found = documents().get(kind)
    if found is None:
        raise ValidationError.single("document", N_("there is no printable document {kind} "
                                                    "(there are: {kinds})"),
                                     kind=kind, kinds=", ".join(documents()))
    return found


def _actor_name(session: Session, ctx: Context) -> str:
    person = session.get(Staff, ctx.actor_id) if ctx.actor_id else None
    return staff_name(person.given_name, person.family_name) if person else _("otdesk (system)")


def render(ctx: Context, kind: str, ref: str, options: PrintOptions | None = None, *,
           record: bool = True, target: str = "") -> PrintResult:
    """Render document ``kind`` for ``ref`` (as the document's ``ref_help`` says).

    With ``record`` (printing or saving), one audit event is written in the same transaction
    and its id is the printed-copy number on every page; ``target`` says where it went (a
    file name, a printer). Without it (a preview) nothing is written.
    """
    options = options or PrintOptions()
    doc = document(kind)
    language = options.language
    if language is None:
        language = doc.language(ctx, ref) if doc.language else current_language()
    with in_language(language) as used:
        prepared = doc.build(ctx, ref, options)
        if not record:
            with ctx.db.reading() as session:
                stamp = _stamp(doc, prepared, _actor_name(session, ctx), ctx.now(), None)
            pdf = doc.render(prepared.view, stamp, options.large_print)
            return PrintResult(pdf, None, used, list(prepared.omitted), kind, prepared.client_id)
        with ctx.transaction() as session:
            event = AuditEvent(
                occurred_at=ctx.now(), actor_id=ctx.actor_id, action=AuditAction.PRINT.value,
                entity_type=prepared.entity.value, entity_id=prepared.entity_id,
                entity_uuid=prepared.entity_uuid, client_id=prepared.client_id,
                changes=_changes(kind, prepared, used, options, target),
                workstation=ctx.workstation[:200],
            )
            session.add(event)
            session.flush()
            stamp = _stamp(doc, prepared, _actor_name(session, ctx), event.occurred_at,
                           event.id)
            pdf = doc.render(prepared.view, stamp, options.large_print)
        return PrintResult(pdf, event.id, used, list(prepared.omitted), kind,
                           prepared.client_id)


def _stamp(doc: Printable, prepared: Prepared, printed_by: str, at: datetime,
           copy_number: int | None) -> PrintStamp:
    return PrintStamp(document=doc.label, version=prepared.version, printed_by=printed_by,
                      printed_at=at.astimezone(), copy_number=copy_number)


def _changes(kind: str, prepared: Prepared, language: str, options: PrintOptions,
             target: str) -> dict[str, Any]:
    values: dict[str, Any] = {
        "document": kind, "version": prepared.version_value, "language": language,
        "large_print": options.large_print,
        "omitted": [o.what for o in prepared.omitted],
    }
    if target:
        values["target"] = target
    return {name: [None, value] for name, value in values.items()}


def lookup_copy(ctx: Context, *, copy_number: int) -> CopyRecord:
    """The print a printed-copy number leads back to (``NotFoundError`` if none)."""
    with ctx.db.reading() as session:
        event = session.get(AuditEvent, copy_number)
        if event is None or event.action != AuditAction.PRINT.value:
            raise NotFoundError(N_("printed copy"), copy_number, fill(
                _("No printed copy numbered {number} was found."), number=str(copy_number)))
        values = {name: change[1] for name, change in (event.changes or {}).items()
                  if isinstance(change, list) and len(change) == 2}
        person = session.get(Staff, event.actor_id) if event.actor_id else None
        kind = str(values.get("document", ""))
        known = documents().get(kind)
        return CopyRecord(
            copy_number=event.id, kind=kind, document=known.label if known else kind,
            client_id=event.client_id, record_kind=event.entity_type,
            record_id=event.entity_id, version=str(values.get("version", "")),
            language=str(values.get("language", "")), target=str(values.get("target", "")),
            printed_by=staff_name(person.given_name, person.family_name) if person else "",
            printed_at=event.occurred_at, workstation=event.workstation,
        )
