"""The client record's tabs come from here: a later issue adds a tab by registering it.

A tab module calls ``register_tab`` at import time; ``load_tabs`` imports every module of the
``tabs`` package, so dropping a new module there is all it takes. Titles are registered as
English source text (marked with ``N_``) and translated when the workspace is built.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from otdesk.domain.translation import _

if TYPE_CHECKING:
    from otdesk.services.clients import ClientDetail
    from otdesk.ui.client_record.commands import IdMap
    from otdesk.ui.shell.app_context import AppContext

@dataclass
class TabContext:
    """What a tab is given: the app, whose record it shows, and the record's undo stack."""

    app: AppContext
    client_id: int
    undo_stack: QUndoStack
    ids: IdMap
    parent: QWidget | None = None
    # The client's record as read when the workspace opened, while its tabs are being built:
    # they start from it rather than each reading it again. None once the record is open.
    opened: ClientDetail | None = None

    def read_client(self) -> ClientDetail:
        """The client's record: the one just read while the record opens, else read now."""
        if self.opened is not None:
            return self.opened
        from otdesk.services import clients

        return clients.get_client(self.app.services, client_id=self.client_id)


class RecordTab(Protocol):
    """What the workspace may ask of a tab (every method is optional)."""

    def has_unsaved_changes(self) -> bool: ...  # pragma: no cover
    def save_changes(self) -> bool: ...  # pragma: no cover
    def discard_changes(self) -> None: ...  # pragma: no cover
    def show_record(self, entity: str, record_id: int) -> None: ...  # pragma: no cover


TabFactory = Callable[[TabContext], QWidget]


@dataclass(frozen=True)
class TabSpec:
    """One registered tab."""

    key: str
    title: str  # English source text (marked with N_); shown through ``translated_title``
    factory: TabFactory
    order: int
    entities: tuple[str, ...] = field(default=())

    def translated_title(self) -> str:
        """The title in the interface language."""
        return _(self.title)


class TabRegistry:
    """Registered tabs by key; registering a key again replaces the earlier tab."""

    def __init__(self) -> None:
        self._specs: dict[str, TabSpec] = {}

    def register(self, spec: TabSpec) -> None:
        """Add or replace a tab."""
        self._specs[spec.key] = spec

    def unregister(self, key: str) -> None:
        """Remove a tab (tests, plug-ins switched off)."""
        self._specs.pop(key, None)

    def specs(self) -> list[TabSpec]:
        """The tabs in display order."""
        return sorted(self._specs.values(), key=lambda s: (s.order, s.key))


# The one registry the workspace reads; modules add to it when imported.
REGISTRY = TabRegistry()


def register_tab(
    key: str,
    title: str,
    factory: TabFactory,
    order: int,
    *,
    entities: tuple[str, ...] = (),
) -> None:
    """Add a tab to every client record. ``entities`` are the record kinds it shows, so a
    dashboard link to, say, a "care_plan" opens the right tab."""
    REGISTRY.register(TabSpec(key, title, factory, order, tuple(entities)))


_loaded = False


def load_tabs() -> list[TabSpec]:
    """Import every module of the ``tabs`` package (once) and return the registered tabs."""
    global _loaded
    if not _loaded:
        from otdesk.ui.client_record import tabs

        for info in pkgutil.iter_modules(tabs.__path__, tabs.__name__ + "."):
            if not info.name.rsplit(".", 1)[-1].startswith("_"):
                importlib.import_module(info.name)
        _loaded = True
    return REGISTRY.specs()
