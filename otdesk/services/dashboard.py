"""The dashboard: what is due, gathered from registered sources.

A capability adds a line to the dashboard by dropping a module into
``otdesk/services/dashboard_sources/`` that decorates a function with ``@source(...)``; the
dashboard never needs editing for it.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from sqlalchemy.orm import Session

from otdesk.services.context import Context


class Urgency(StrEnum):
    """How pressing a due item is."""

    OVERDUE = "overdue"
    DUE = "due"
    INFO = "info"


@dataclass(frozen=True)
class RecordRef:
    """The record a dashboard line opens: an entity type and its id (plus the client)."""

    entity: str
    id: int
    client_id: int


@dataclass(frozen=True)
class DueItem:
    """One line on the dashboard.

    ``summary`` is the English sentence. A source also gives the English ``summary_template``
    it was filled from (see ``otdesk/services/dashboard_sources/_messages.py``) and the
    ``summary_params`` put into it, so the desktop can show the line in the interface
    language; an item without a template is shown with its English summary.
    """

    client_id: int
    record_number: str
    client_name: str
    summary: str
    due_date: date | None
    urgency: Urgency
    target: RecordRef
    summary_template: str = ""
    summary_params: Mapping[str, object] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class SourceQuery:
    """What a source is asked: whose work (None for the whole clinic) and as of when."""

    staff_id: int | None
    today: date
    limit: int


@dataclass(frozen=True)
class Section:
    """One dashboard block: its title, its total and the first items."""

    key: str
    title: str
    order: int
    total: int
    items: tuple[DueItem, ...]


SourceFn = Callable[[Session, Context, SourceQuery], tuple[int, list[DueItem]]]


@dataclass(frozen=True)
class Source:
    """A registered provider of due items."""

    key: str
    title: str
    order: int
    fn: SourceFn


_SOURCES: dict[str, Source] = {}


def source(key: str, *, title: str, order: int = 100) -> Callable[[SourceFn], SourceFn]:
    """Register ``fn`` as the dashboard source ``key``; it returns (total, first items)."""

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
            sections.append(Section(src.key, src.title, src.order, total, tuple(items)))
    return sections
