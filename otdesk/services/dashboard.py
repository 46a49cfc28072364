"""The dashboard: what is due, gathered from registered sources.

A capability adds a line to the dashboard by dropping a module into
``otdesk/services/dashboard_sources/`` that decorates a function with ``@source(...)``; the
dashboard never needs editing for it.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy.orm import Session

from otdesk.domain.records import RecordKind
from otdesk.domain.translation import pgettext
from otdesk.services.context import Context


class Urgency(StrEnum):
    """How pressing a due item is."""

    OVERDUE = "overdue"
    DUE = "due"
    INFO = "info"


@dataclass(frozen=True)
class RecordRef:
    """The record a dashboard line opens: its kind and id (plus the client)."""

    entity: RecordKind
    id: int
    client_id: int


@dataclass(frozen=True)
class DueItem:
    """One line on the dashboard.

    ``summary`` says what is due, in the interface language (dates written in its way).
    """

    client_id: int
    record_number: str
    client_name: str
    summary: str
    due_date: date | None
    urgency: Urgency
    target: RecordRef


@dataclass(frozen=True)
class SourceQuery:
    """What a source is asked: whose work (None for the whole clinic) and as of when."""

    staff_id: int | None
    today: date
    limit: int


@dataclass(frozen=True)
class Section:
    """One dashboard block: its title (in the interface language), its total and the first
    items."""

    key: str
    title: str
    order: int
    total: int
    items: tuple[DueItem, ...]


SourceFn = Callable[[Session, Context, SourceQuery], tuple[int, list[DueItem]]]


@dataclass(frozen=True)
class Source:
    """A registered provider of due items; its title is English, with its context (``NC_``)."""

    key: str
    title: tuple[str, str]
    order: int
    fn: SourceFn


_SOURCES: dict[str, Source] = {}


def source(
    key: str, *, title: tuple[str, str], order: int = 100
) -> Callable[[SourceFn], SourceFn]:
    """Register ``fn`` as the dashboard source ``key`` titled ``title`` (marked with
    ``NC_("dashboard section", ...)``); it returns (total, first items)."""

    def register(fn: SourceFn) -> SourceFn:
        _SOURCES[key] = Source(key, title, order, fn)
        return fn

    return register


def _load_sources() -> None:
    from otdesk.services import dashboard_sources

    for info in pkgutil.iter_modules(dashboard_sources.__path__):
        importlib.import_module(f"{dashboard_sources.__name__}.{info.name}")


def registered_sources() -> list[Source]:
    """Every source, in display order."""
    _load_sources()
    return sorted(_SOURCES.values(), key=lambda s: (s.order, s.key))


def collect(
    ctx: Context, *, staff_id: int | None, limit: int = 50, today: date | None = None
) -> list[Section]:
    """Every dashboard section for ``staff_id`` (or the whole clinic when None)."""
    query = SourceQuery(staff_id=staff_id, today=today or ctx.today(), limit=limit)
    sections = []
    with ctx.db.reading() as session:
        for src in registered_sources():
            total, items = src.fn(session, ctx, query)
            title = pgettext(*src.title)
            sections.append(Section(src.key, title, src.order, total, tuple(items)))
    return sections
