"""One app-level "records changed" signal; every view refreshes itself from it."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal


@dataclass(frozen=True)
class Change:
    """What a service call changed: the kind of record, which ones, and whose record."""

    entity: str
    ids: tuple[int, ...] = ()
    client_id: int | None = None


class Events(QObject):
    """The application's change bus. Emit after a service call commits; never before."""

    records_changed = Signal(object)  # Change
    settings_changed = Signal()

    def changed(self, entity: str, *ids: int, client_id: int | None = None) -> None:
        """Announce that records of ``entity`` changed."""
        self.records_changed.emit(Change(entity, tuple(ids), client_id))
