"""The clinic's discharge-readiness battery: which instruments every client in care is
assessed with, and after how many days each is repeated.

Each entry names a definition of the definitions library by id (``otdesk instruments list``
shows them). A new clinic starts with ``DEFAULT_BATTERY`` (``otdesk init`` and the demo clinic
seed it); ``set_battery`` replaces the list as a whole. An entry taken out of the battery is
kept inactive, so putting it back keeps its row.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from otdesk.db.models import BatteryInstrument
from otdesk.domain.definitions import DefinitionKind
from otdesk.domain.errors import FieldError, ValidationError
from otdesk.domain.records import RecordKind
from otdesk.domain.translation import N_, current_language
from otdesk.services._records import insert_audited, jsonable, update_audited
from otdesk.services.context import Context
from otdesk.services.definitions import library

ENTITY = RecordKind.BATTERY_INSTRUMENT
MAX_REPEAT_DAYS = 1460  # four years

# The shipped definitions a clinic's battery starts with, and their repeat intervals.
DEFAULT_BATTERY: tuple[tuple[str, int], ...] = (
    ("discharge-readiness", 90),
    ("daily-living-skills", 90),
    ("client-priorities", 90),
    ("goal-attainment-scaling", 90),
    ("caregiver-check-in", 180),
)

UNKNOWN_DEFINITION = N_("'{id}' is not an instrument or checklist otdesk knows (see 'otdesk "
                        "instruments list')")
TWICE = N_("'{id}' is in the battery more than once")
BAD_DAYS = N_("'{value}' is not a whole number of days from 1 to {most}")


@dataclass(frozen=True)
class BatteryEntry:
    """One instrument of the battery, with its title from the definitions library."""

    id: int
    definition_id: str
    title: str  # in the interface language; the id itself when the library lacks it
    kind: DefinitionKind | None  # None when the library lacks the definition
    repeat_days: int
    position: int
    active: bool
    version: int

    @property
    def known(self) -> bool:
        """Whether the definitions library holds this instrument."""
        return self.kind is not None

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dictionary."""
        return {k: jsonable(v) for k, v in self.__dict__.items()}


def _entry(row: BatteryInstrument) -> BatteryEntry:
    lib = library()
    if row.definition_id in lib:
        definition = lib.get(row.definition_id)
        title, kind = definition.title.text(current_language()), definition.kind
    else:
        title, kind = row.definition_id, None
    return BatteryEntry(row.id, row.definition_id, title, kind, row.repeat_days, row.position,
                        row.active, row.version)


def list_battery(ctx: Context, *, active_only: bool = True) -> list[BatteryEntry]:
    """The battery in its order (``active_only=False``: with the entries taken out)."""
    with ctx.db.reading() as session:
        stmt = select(BatteryInstrument).order_by(
            BatteryInstrument.active.desc(), BatteryInstrument.position, BatteryInstrument.id)
        if active_only:
            stmt = stmt.where(BatteryInstrument.active.is_(True))
        return [_entry(row) for row in session.scalars(stmt)]


def _checked(entries: Iterable[tuple[str, object]]) -> list[tuple[str, int]]:
    lib = library()
    clean: list[tuple[str, int]] = []
    problems: list[FieldError] = []
    seen: set[str] = set()
    for row, (definition_id, days) in enumerate(entries, start=1):
        key = str(definition_id).strip()
        if key not in lib:
            problems.append(FieldError.of("definition_id", UNKNOWN_DEFINITION, row, id=key))
        elif key in seen:
            problems.append(FieldError.of("definition_id", TWICE, row, id=key))
        seen.add(key)
        try:
            whole = int(str(days).strip())
        except ValueError:
            whole = 0
        if isinstance(days, bool) or not 1 <= whole <= MAX_REPEAT_DAYS or (
                isinstance(days, float) and days != whole):
            problems.append(FieldError.of("repeat_days", BAD_DAYS, row, value=days,
                                          most=MAX_REPEAT_DAYS))
        clean.append((key, whole))
    if problems:
        raise ValidationError(problems)
    return clean


def set_battery(
    ctx: Context, *, entries: Iterable[tuple[str, object]] | Mapping[str, object]
) -> list[BatteryEntry]:
    """Make the battery exactly ``entries`` (definition id, repeat days), in that order.

    Every id must be a definition the library holds and appear once; repeat days are whole
    numbers from 1 to 1460. One error names every bad row (rows counted from 1).
    """
    pairs = list(entries.items()) if isinstance(entries, Mapping) else list(entries)
    clean = _checked(pairs)
    with ctx.transaction() as session:
        existing = {r.definition_id: r for r in session.scalars(select(BatteryInstrument))}
        for position, (definition_id, days) in enumerate(clean):
            values = {"repeat_days": days, "position": position, "active": True}
            row = existing.pop(definition_id, None)
            if row is None:
                row = BatteryInstrument(definition_id=definition_id, uuid=uuid.uuid4(), **values)
                insert_audited(session, ctx, ENTITY, row, {"definition_id": definition_id,
                                                           **values})
            else:
                update_audited(session, ctx, ENTITY, row, values)
        for row in existing.values():
            update_audited(session, ctx, ENTITY, row, {"active": False})
    return list_battery(ctx)


def ensure_default_battery(ctx: Context) -> list[BatteryEntry]:
    """Give a clinic that has never named a battery the default one (else leave it)."""
    with ctx.db.reading() as session:
        named = session.scalar(select(BatteryInstrument.id).limit(1)) is not None
    if named:
        return list_battery(ctx)
    lib = library()
    return set_battery(ctx, entries=[(d, n) for d, n in DEFAULT_BATTERY if d in lib])
