"""A record kind as declarations: how it is stored, checked, read and named, and the one
audited path every kind is read, added, changed and removed through.

A service module declares a ``RecordType`` (its model, its fields' rules, the dataclass it
hands out, whose client it belongs to, how messages name it, and hooks for its own rules) and
writes its public functions as one-line calls of ``get``, ``create``, ``update`` and
``remove``. Each call is one unit of work: validated, audited, refused when stale
(``ConflictError``), and announced once committed (``Context.transaction``).
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from functools import cache
from typing import Any, Generic, TypeVar

from sqlalchemy.orm import Session

from otdesk.db.base import Tracked
from otdesk.domain.fields import Field, validate
from otdesk.domain.records import RecordKind
from otdesk.services._records import (
    delete_audited,
    editing,
    insert_audited,
    load,
    update_audited,
)
from otdesk.services.context import Context

M = TypeVar("M", bound=Tracked)
D = TypeVar("D")

@dataclass(frozen=True)
class RecordType(Generic[M, D]):
    """One kind of record: declarations the shared read and write paths follow.

    ``prepare(session, ctx, row, clean, adding)`` turns checked values into stored ones and may
    refuse them (when adding, the row is new, with only its owner set);
    ``after_write(session, ctx, row)`` keeps rules that span records (one primary caregiver).
    ``parent`` names the column that ties a new record to its owner (``client_id``,
    ``episode_id``) and ``parent_model``/``parent_kind`` the owner, which must exist.
    """

    kind: RecordKind
    model: type[M]
    fields: Mapping[str, Field]
    info: Callable[[Session, M], D]
    client_of: Callable[[Session, M], int | None]
    label: Callable[[M], object] | None = None
    parent: str = ""
    parent_model: type[Tracked] | None = None
    parent_kind: RecordKind | None = None
    prepare: Callable[[Session, Context, M, dict[str, Any], bool], dict[str, Any]] | None = None
    after_write: Callable[[Session, Context, M], None] | None = None

    def stored(
        self, session: Session, ctx: Context, row: M, clean: dict[str, Any], *, adding: bool
    ) -> dict[str, Any]:
        """The values as stored: plain codes for enums, after the kind's own rules."""
        values = self.prepare(session, ctx, row, clean, adding) if self.prepare else dict(clean)
        return {k: v.value if isinstance(v, Enum) else v for k, v in values.items()}


def get(ctx: Context, rt: RecordType[M, D], key: int) -> D:
    """One record by id (``NotFoundError`` names the kind when there is none)."""
    with ctx.db.reading() as session:
        return rt.info(session, load(session, rt.model, rt.kind, key))


def create(ctx: Context, rt: RecordType[M, D], *, owner: int | None = None,
           values: Mapping[str, Any]) -> D:
    """Add a record (to ``owner``, by the kind's ``parent`` column), checked and audited."""
    clean = validate(rt.fields, dict(values), today=ctx.today())
    with ctx.transaction() as session:
        if rt.parent_model is not None and rt.parent_kind is not None and owner is not None:
            load(session, rt.parent_model, rt.parent_kind, owner)
        row = rt.model(**({rt.parent: owner} if rt.parent else {}))
        stored = rt.stored(session, ctx, row, clean, adding=True)
        for name, value in stored.items():
            setattr(row, name, value)
        insert_audited(session, ctx, rt.kind, row, stored, client_id=rt.client_of(session, row))
        if rt.after_write is not None:
            rt.after_write(session, ctx, row)
        return rt.info(session, row)


def update(ctx: Context, rt: RecordType[M, D], *, key: int, expected_version: int,
           changes: Mapping[str, Any]) -> D:
    """Change some fields of a record; a stale copy is refused with ``ConflictError``."""
    clean = validate(rt.fields, dict(changes), today=ctx.today(), partial=True)
    with editing(ctx, rt.model, rt.kind, key, expected_version, named=rt.label) as (session, row):
        stored = rt.stored(session, ctx, row, clean, adding=False)
        update_audited(session, ctx, rt.kind, row, stored, client_id=rt.client_of(session, row))
        if rt.after_write is not None:
            rt.after_write(session, ctx, row)
        return rt.info(session, row)


def remove(ctx: Context, rt: RecordType[M, D], *, key: int, expected_version: int) -> None:
    """Delete a record; the audit trail keeps the values that were removed."""
    with editing(ctx, rt.model, rt.kind, key, expected_version, named=rt.label) as (session, row):
        delete_audited(session, ctx, rt.kind, row, rt.fields, client_id=rt.client_of(session, row))


def mapping(
    info_type: type[D], **computed: Callable[[Session, Any], Any]
) -> Callable[[Session, Any], D]:
    """Row to dataclass, written once: each field of ``info_type`` is read from the row's
    attribute of that name (an enum field made its enum from the stored code), or from
    ``computed[name](session, row)``."""
    plan = _fields_of(typing.cast(type, info_type))

    def make(session: Session, row: Any) -> D:
        values = {}
        for name, enum in plan:
            if name in computed:
                values[name] = computed[name](session, row)
                continue
            value = getattr(row, name)
            values[name] = enum(value) if enum is not None and value is not None else value
        return info_type(**values)

    return make


@cache
def _fields_of(info_type: type) -> tuple[tuple[str, type[Enum] | None], ...]:
    hints = typing.get_type_hints(info_type)
    plan = []
    for f in dataclasses.fields(info_type):
        hint = hints[f.name]
        enum = next((t for t in (hint, *typing.get_args(hint))
                     if isinstance(t, type) and issubclass(t, Enum)), None)
        plan.append((f.name, enum))
    return tuple(plan)
