"""The home-modification report of one client, for the family, the landlord or a contractor:
every modification by room with its priority, owner, status, cost and funding, the visits
they came from, and where each checklist's wording comes from (its source and licence).

``home_report`` returns the plain view model ``otdesk.reports.home_view.HomeReport``, its
labels in the interface language (the printing service lends the document's language).
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from otdesk.domain.definitions import Definition, UnknownDefinition
from otdesk.domain.money import shown_amount
from otdesk.domain.translation import _, current_language, fill
from otdesk.domain.vocab import ModificationStatus, Priority
from otdesk.reports.home_view import (
    ChecklistSource,
    HomeReport,
    ModificationLine,
    RoomGroup,
    VisitLine,
)
from otdesk.services import checklists, modifications
from otdesk.services.checklists import ChecklistInfo
from otdesk.services.context import Context
from otdesk.services.definitions import library
from otdesk.services.modifications import ModificationInfo

_PRIORITY_ORDER = {Priority.URGENT: 0, Priority.SOON: 1, Priority.ROUTINE: 2}
_UNPLACED = 10_000  # rooms no checklist names come after those it does


def _definition(definition_id: str, version: str) -> Definition | None:
    try:
        return library().get(definition_id, version)
    except (UnknownDefinition, KeyError):
        return None


def _owner(m: ModificationInfo) -> str:
    name = m.owner_name.strip()
    if not name or name.casefold() == m.owner.label.casefold():
        return m.owner.label
    return fill(_("{owner}: {name}"), owner=m.owner.label, name=name)


def _line(m: ModificationInfo, today: date) -> ModificationLine:
    return ModificationLine(
        recommendation=m.recommendation, priority=m.priority.label, owner=_owner(m),
        status=m.status.label, status_on=m.status_on, due_date=m.due_date,
        overdue=m.is_overdue(today), cost=shown_amount(m.estimated_cost_cents),
        funding=m.funding_source, notes=m.notes)


def _cost(items: list[ModificationInfo], *, open_only: bool = False) -> str:
    counted = [m.estimated_cost_cents for m in items
               if m.estimated_cost_cents is not None and m.status is not ModificationStatus.DECLINED
               and (m.is_open or not open_only)]
    return shown_amount(sum(counted)) if counted else ""


def _room_place(m: ModificationInfo, by_checklist: dict[int, ChecklistInfo]) -> int:
    """Where the room comes in its checklist (the definition's section order)."""
    info = by_checklist.get(m.checklist_id) if m.checklist_id is not None else None
    definition = _definition(info.definition_id, info.definition_version) if info else None
    if definition is None or not definition.has_item(m.item_key):
        return _UNPLACED
    section = definition.section_of(m.item_key)
    return [s.key for s in definition.sections].index(section.key)


def _rooms(found: list[ModificationInfo], by_checklist: dict[int, ChecklistInfo],
           today: date) -> tuple[RoomGroup, ...]:
    grouped: dict[str, list[ModificationInfo]] = {}
    place: dict[str, int] = {}
    for m in found:
        room = m.area.strip() or _("Other (no room given)")
        grouped.setdefault(room.casefold(), []).append(m)
        place[room.casefold()] = min(place.get(room.casefold(), _UNPLACED),
                                     _room_place(m, by_checklist))
    rooms = []
    for key in sorted(grouped, key=lambda k: (place[k], k)):
        items = sorted(grouped[key], key=lambda m: (
            not m.is_open, m.status is ModificationStatus.DECLINED,
            _PRIORITY_ORDER.get(m.priority, 3), m.due_date or date.max, m.id))
        rooms.append(RoomGroup(items[0].area.strip() or _("Other (no room given)"),
                               tuple(_line(m, today) for m in items), _cost(items)))
    return tuple(rooms)


def _sources(infos: list[ChecklistInfo]) -> tuple[ChecklistSource, ...]:
    language = current_language()
    seen: set[tuple[str, str]] = set()
    sources = []
    for info in infos:
        key = (info.definition_id, info.definition_version)
        definition = None if key in seen else _definition(*key)
        seen.add(key)
        if definition is None:
            continue
        sources.append(ChecklistSource(
            title=definition.title_in(language), version=definition.version,
            edition=definition.edition,
            attribution=definition.attribution.text(language) if definition.attribution else "",
            licence=definition.licence.text(language),
            label_note=definition.label_note.text(language) if definition.label_note else ""))
    return tuple(sources)


def home_report(ctx: Context, *, client_id: int, address: str = "") -> HomeReport:
    """The home-modification report of client ``client_id`` (every modification, declined
    ones too, so the reader sees what was decided); ``address`` is the client's address as
    the report prints it."""
    today = ctx.today()
    found = modifications.list_for_client(ctx, client_id=client_id)
    infos = checklists.list_for_client(ctx, client_id=client_id)
    by_checklist = {info.id: info for info in infos}
    used = {m.checklist_id for m in found if m.checklist_id is not None}
    # The visits that gave modifications, and any finalised visit besides (a visit that
    # found nothing to change is worth saying too).
    visits = [info for info in infos if info.id in used or info.is_final]
    counts = Counter(m.status for m in found)
    return HomeReport(
        address=address,
        rooms=_rooms(found, by_checklist, today),
        status_counts=tuple((s.label, counts[s]) for s in ModificationStatus if counts[s]),
        total_cost=_cost(found), open_cost=_cost(found, open_only=True),
        overdue=sum(m.is_overdue(today) for m in found),
        visits=tuple(VisitLine(v.visit_date, v.title, v.setting.label,
                               v.status.label, v.hazards, v.summary)
                     for v in sorted(visits, key=lambda v: (v.visit_date, v.id))),
        sources=_sources(sorted(visits, key=lambda v: (v.visit_date, v.id))),
    )

