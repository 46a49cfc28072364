"""Undo and redo for edits in the client record: ``QUndoCommand``s that call the services.

A screen first runs a command with ``execute()`` (so validation and conflict errors reach the
form that caused them), then pushes it; the stack's first ``redo()`` is then skipped. Later
undo and redo calls go through the services again, with optimistic locking: a command only
writes when the fields it touches still hold what it left there, so undoing never overwrites
someone else's later change. When that check fails the command reports why and marks itself
obsolete, and the stack drops it.

Deleting and re-adding a record gives it a new id; ``IdMap`` lets the commands that still name
the old id find the new one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from PySide6.QtGui import QUndoCommand

from otdesk.domain.errors import ConflictError, NotFoundError, OtdeskError
from otdesk.domain.translation import N_, _
from otdesk.services import clients
from otdesk.ui.app_context import AppContext
from otdesk.ui.forms import plain_value

Reporter = Callable[[QUndoCommand, OtdeskError], None]


class RecordRef:
    """A record as the commands know it: its kind and the id it lives at now."""

    def __init__(self, entity: str, record_id: int) -> None:
        self.entity = entity
        self.id = record_id


class IdMap:
    """Where a removed-then-restored record lives now.

    Re-adding a removed record gives it a new id (or, on SQLite, possibly an id another record
    had before), so commands share a ``RecordRef`` per record rather than remembering ids.
    """

    def __init__(self) -> None:
        self._refs: dict[tuple[str, int], RecordRef] = {}

    def ref(self, entity: str, record_id: int) -> RecordRef:
        """The reference of the record now at ``record_id`` (made on first use)."""
        key = (entity, record_id)
        if key not in self._refs:
            self._refs[key] = RecordRef(entity, record_id)
        return self._refs[key]

    def fresh(self, entity: str, record_id: int) -> RecordRef:
        """A new reference for a record just created at ``record_id``."""
        ref = RecordRef(entity, record_id)
        self._refs[(entity, record_id)] = ref
        return ref

    def moved(self, ref: RecordRef, new_id: int) -> None:
        """The record of ``ref`` was re-created at ``new_id``."""
        self.forget(ref)
        ref.id = new_id
        self._refs[(ref.entity, new_id)] = ref

    def forget(self, ref: RecordRef) -> None:
        """The record of ``ref`` was removed: its id may be reused by another record."""
        if self._refs.get((ref.entity, ref.id)) is ref:
            del self._refs[(ref.entity, ref.id)]

    def resolve(self, entity: str, record_id: int) -> int:
        """The current id of the record known as ``record_id`` (itself when never moved)."""
        return self.ref(entity, record_id).id


def unchanged(current: Mapping[str, Any], expected: Mapping[str, Any]) -> bool:
    """True when every field in ``expected`` still holds that value in ``current``."""
    return all(plain_value(current.get(k)) == plain_value(v) for k, v in expected.items())


class ServiceCommand(QUndoCommand):
    """A command whose redo and undo call services; failures make it obsolete."""

    def __init__(self, app: AppContext, text: str, *, report: Reporter | None = None) -> None:
        super().__init__(text)
        self.app = app
        self.error: OtdeskError | None = None
        self._report = report
        self._skip_redo = False

    def execute(self) -> None:
        """Make the change now, raising any service error; the next ``redo()`` is skipped."""
        self.do()
        self._skip_redo = True

    def redo(self) -> None:
        """Apply the change (skipped once after ``execute``)."""
        if self._skip_redo:
            self._skip_redo = False
            return
        self._guarded(self.do)

    def undo(self) -> None:
        """Take the change back."""
        self._guarded(self.revert)

    def _guarded(self, fn: Callable[[], None]) -> None:
        try:
            fn()
        except (ConflictError, NotFoundError) as exc:
            self._fail(exc)
        except OtdeskError as exc:  # e.g. a rule that changed since the edit
            self._fail(exc)
        else:
            self.error = None

    def _fail(self, exc: OtdeskError) -> None:
        self.error = exc
        self.setObsolete(True)
        if self._report is not None:
            self._report(self, exc)

    def do(self) -> None:  # pragma: no cover - abstract
        """Make the change."""
        raise NotImplementedError

    def revert(self) -> None:  # pragma: no cover - abstract
        """Take the change back."""
        raise NotImplementedError


class EditFieldsCommand(ServiceCommand):
    """Change some fields of one record (``before`` and ``after`` name the same fields).

    The first write expects ``expected_version`` (the version the form was loaded from), so a
    stale form gets a ``ConflictError``; later undo/redo writes expect the version the command
    itself last wrote, or, when someone saved since, that our fields still hold what we left.
    Subclasses say how to read and update their record.
    """

    ENTITY = ""  # the change-bus entity
    NOUN = ""  # how a conflict names the record
    TEXT = ""  # the undo text when the caller gives none (English, marked with N_)

    def __init__(
        self,
        app: AppContext,
        client_id: int,
        record_id: int,
        before: Mapping[str, Any],
        after: Mapping[str, Any],
        *,
        expected_version: int,
        text: str | None = None,
        report: Reporter | None = None,
    ) -> None:
        super().__init__(app, text or _(self.TEXT), report=report)
        self.client_id = client_id
        self.record_id = record_id
        self.before = dict(before)
        self.after = dict(after)
        self.version = expected_version
        self._written = False
        self.result: Any = None

    def _fetch(self) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def _label(self, current: Any) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def _update(self, version: int, values: Mapping[str, Any]) -> Any:  # pragma: no cover
        raise NotImplementedError

    def _write(self, expect: Mapping[str, Any], values: Mapping[str, Any]) -> None:
        version = self.version
        if self._written:
            current = self._fetch()
            if current.version != version and not unchanged(current.editable_values(), expect):
                raise ConflictError(self.NOUN, self._label(current), version, current.version)
            version = current.version
        self.result = self._update(version, values)
        self.version = self.result.version
        self._written = True

    def do(self) -> None:
        """Apply the new values."""
        self._write(self.before, self.after)

    def revert(self) -> None:
        """Put the old values back."""
        self._write(self.after, self.before)


class EditClientCommand(EditFieldsCommand):
    """Change some fields of a client's record."""

    ENTITY = "client"
    NOUN = "client"
    TEXT = N_("Edit client details")
    result: clients.ClientDetail | None

    def __init__(self, app: AppContext, client_id: int, before: Mapping[str, Any],
                 after: Mapping[str, Any], **options: Any) -> None:
        super().__init__(app, client_id, client_id, before, after, **options)

    def _fetch(self) -> clients.ClientDetail:
        return clients.get_client(self.app.services, client_id=self.client_id)

    def _label(self, current: clients.ClientDetail) -> str:
        return current.record_number

    def _update(self, version: int, values: Mapping[str, Any]) -> clients.ClientDetail:
        return clients.update_client(
            self.app.services, client_id=self.client_id, expected_version=version, **dict(values)
        )


class RowCommand(ServiceCommand):
    """Adds and removes one row of a list on the record (a family member, a care-team entry).

    Re-adding a removed row gives it a new id; ``ids`` lets later commands find it. A removal
    or an undo only writes when the row still holds what this command last left there.
    Subclasses say how to read, add and remove their rows.
    """

    ENTITY = ""  # the change-bus entity, also the IdMap kind
    NOUN = ""  # how a conflict names the row

    def __init__(
        self, app: AppContext, client_id: int, ids: IdMap, text: str, report: Reporter | None
    ) -> None:
        super().__init__(app, text, report=report)
        self.client_id = client_id
        self.ids = ids
        self.ref: RecordRef | None = None
        self._wrote: int | None = None  # the version of the row this command last wrote

    @property
    def member_id(self) -> int | None:
        """The id the row lives at now."""
        return self.ref.id if self.ref is not None else None

    def _fetch(self, row_id: int) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def _values(self, row: Any) -> Mapping[str, Any]:  # pragma: no cover - abstract
        raise NotImplementedError

    def _name(self, row: Any) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def _insert(self, values: Mapping[str, Any]) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def _delete(self, row_id: int, version: int) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def _current(self, expect: Mapping[str, Any]) -> Any:
        assert self.ref is not None
        current = self._fetch(self.ref.id)
        if current.version != self._wrote and not unchanged(self._values(current), expect):
            raise ConflictError(self.NOUN, self._name(current), self._wrote, current.version)
        return current

    def _add(self, values: Mapping[str, Any]) -> Any:
        row = self._insert(values)
        if self.ref is None:
            self.ref = self.ids.fresh(self.ENTITY, row.id)
        else:
            self.ids.moved(self.ref, row.id)
        self._wrote = row.version
        return row

    def _remove(self, expect: Mapping[str, Any], version: int | None = None) -> None:
        assert self.ref is not None
        if version is None:
            version = self._current(expect).version
        self._delete(self.ref.id, version)
        self.ids.forget(self.ref)


def changed_fields(before: Mapping[str, Any], after: Mapping[str, Any]) -> Iterable[str]:
    """The names whose values differ between two value maps."""
    return [k for k in after if plain_value(before.get(k)) != plain_value(after[k])]
