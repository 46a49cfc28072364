"""The kinds of record otdesk keeps, and what a change to the records touched.

``RecordKind`` is the one list of record kinds: the services name their records by it in the
audit trail (its values are what the trail stores), in messages and in the changes they
announce; the desktop's dashboard links and views use the same members. ``Changes`` is what
one committed service call changed: which kinds, which records, whose records.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from otdesk.domain.translation import NC_, pgettext


class RecordKind(StrEnum):
    """A kind of record; the value is how the audit trail names it."""

    CLIENT = "client"
    CLIENT_IMPORT = "client import"
    FAMILY_MEMBER = "family member"
    EPISODE = "episode"
    CARE_TEAM_MEMBER = "care team member"
    STAFF_MEMBER = "staff member"
    CLINIC_SETTINGS = "clinic settings"
    DRAFT = "draft"
    ASSESSMENT = "assessment"
    CHECKLIST = "checklist"
    HOME_MODIFICATION = "home modification"
    FAMILY_SESSION = "family session"
    CARE_PLAN = "care plan"
    CARE_PLAN_NEED = "care plan need"
    CARE_PLAN_GOAL = "care plan goal"
    CARE_PLAN_INTERVENTION = "care plan intervention"
    CARE_PLAN_REVIEW = "care plan review"
    CASE_CONFERENCE = "case conference"
    BATTERY_INSTRUMENT = "battery instrument"

    @property
    def label(self) -> str:
        """The kind as a message names it ("family member"), in the interface language."""
        return pgettext(*_NAMES[self])

    @classmethod
    def of(cls, text: str) -> RecordKind:
        """The kind named ``text`` (also as older code spelled it: "family_member")."""
        return cls(text.replace("_", " "))


_NAMES = {
    RecordKind.CLIENT: NC_("record kind", "client"),
    RecordKind.CLIENT_IMPORT: NC_("record kind", "client import"),
    RecordKind.FAMILY_MEMBER: NC_("record kind", "family member"),
    RecordKind.EPISODE: NC_("record kind", "episode of care"),
    RecordKind.CARE_TEAM_MEMBER: NC_("record kind", "care-team member"),
    RecordKind.STAFF_MEMBER: NC_("record kind", "staff member"),
    RecordKind.CLINIC_SETTINGS: NC_("record kind", "clinic settings"),
    RecordKind.DRAFT: NC_("record kind", "draft"),
    RecordKind.ASSESSMENT: NC_("record kind", "assessment"),
    RecordKind.CHECKLIST: NC_("record kind", "environmental checklist"),
    RecordKind.HOME_MODIFICATION: NC_("record kind", "home modification"),
    RecordKind.FAMILY_SESSION: NC_("record kind", "family session"),
    RecordKind.CARE_PLAN: NC_("record kind", "care plan"),
    RecordKind.CARE_PLAN_NEED: NC_("record kind", "care-plan need"),
    RecordKind.CARE_PLAN_GOAL: NC_("record kind", "care-plan goal"),
    RecordKind.CARE_PLAN_INTERVENTION: NC_("record kind", "care-plan intervention"),
    RecordKind.CARE_PLAN_REVIEW: NC_("record kind", "care-plan review"),
    RecordKind.CASE_CONFERENCE: NC_("record kind", "case conference"),
    RecordKind.BATTERY_INSTRUMENT: NC_("record kind", "battery instrument"),
}


@dataclass(frozen=True)
class Changes:
    """What one committed unit of work changed.

    ``records`` holds (kind, id) of each record written; ``kinds`` every kind written, also
    those written in bulk without their ids (an import); ``clients`` the clients whose records
    changed. Empty when nothing was written.
    """

    records: frozenset[tuple[RecordKind, int]] = frozenset()
    kinds: frozenset[RecordKind] = frozenset()
    clients: frozenset[int] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.kinds)

    @classmethod
    def of(cls, kind: RecordKind, *ids: int, client_id: int | None = None) -> Changes:
        """Records of one kind changed (of one client, when given)."""
        clients = frozenset() if client_id is None else frozenset({client_id})
        return cls(frozenset((kind, i) for i in ids), frozenset({kind}), clients)

    def touches(self, *kinds: RecordKind, client_id: int | None = None) -> bool:
        """True when a record of one of ``kinds`` changed (for ``client_id``, when given)."""
        if not self.kinds.intersection(kinds):
            return False
        return client_id is None or client_id in self.clients

    def ids(self, kind: RecordKind) -> frozenset[int]:
        """The ids of the records of ``kind`` that changed (those written one by one)."""
        return frozenset(i for k, i in self.records if k is kind)


@dataclass
class ChangeLog:
    """Collects the changes of one unit of work while it runs (the services fill it)."""

    records: set[tuple[RecordKind, int]] = field(default_factory=set)
    kinds: set[RecordKind] = field(default_factory=set)
    clients: set[int] = field(default_factory=set)

    def add(self, kind: RecordKind, ids: Iterable[int] = (), *,
            clients: Iterable[int | None] = ()) -> None:
        """Note that records of ``kind`` (these ``ids``, of these ``clients``) changed."""
        self.kinds.add(kind)
        self.records.update((kind, i) for i in ids)
        self.clients.update(c for c in clients if c is not None)

    def freeze(self) -> Changes:
        """What was collected, as a value."""
        return Changes(frozenset(self.records), frozenset(self.kinds), frozenset(self.clients))
