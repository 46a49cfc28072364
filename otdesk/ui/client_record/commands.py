"""Undo and redo for edits in the client record: ``QUndoCommand``s that call the services.

A screen first runs a command with ``execute()`` (so validation and conflict errors reach the
form that caused them), then pushes it; the stack's first ``redo()`` is then skipped. Later
undo and redo calls go through the services again, with optimistic locking: a command only
writes when the fields it touches still hold what it left there, so undoing never overwrites
someone else's later change. When that check fails the command reports why and marks itself
obsolete, and the stack drops it.

Three commands serve every kind of record: ``AddRecordCommand``, ``EditRecordCommand`` and
``RemoveRecordCommand``. A kind declares a ``RecordAdapter`` (how to read, add, change and
remove its records through the services, and how its undo texts name them). Deleting and
re-adding a record gives it a new id; ``IdMap`` lets the commands that still name the old id
find the new one. The services announce every change themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtGui import QUndoCommand

from otdesk.domain.errors import ConflictError, NotFoundError, OtdeskError
from otdesk.domain.records import RecordKind
from otdesk.domain.translation import _
from otdesk.services.context import Context
from otdesk.ui.editing.forms import plain_value
from otdesk.ui.shell.app_context import AppContext

Reporter = Callable[[QUndoCommand, OtdeskError], None]


class Versioned(Protocol):
    """A record a command writes: it has an id and a version."""

    @property
    def id(self) -> int: ...

    @property
    def version(self) -> int: ...


R = TypeVar("R", bound=Versioned)


@dataclass(frozen=True)
class RecordAdapter(Generic[R]):
    """How the commands reach one kind of record through its services.

    ``insert(ctx, owner, values)`` adds a record to its owner (the client, an episode);
    ``values`` are a record's editable values, as ``insert`` and ``update`` take them;
    ``name`` names a record in conflicts and undo texts. ``unchecked`` fields are left out of
    the "still as we left it" check (a flag other records' saves also change). The texts are
    marked with ``N_`` and take the record's ``{name}``.
    """

    kind: RecordKind
    fetch: Callable[[Context, int], R]
    insert: Callable[[Context, int, Mapping[str, Any]], R]
    update: Callable[[Context, int, int, Mapping[str, Any]], R]
    delete: Callable[[Context, int, int], None]
    values: Callable[[R], Mapping[str, Any]]
    name: Callable[[R], str]
    add_text: str
    edit_text: str
    remove_text: str
    unchecked: frozenset[str] = field(default_factory=frozenset)

    def checked(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """``values`` without the fields the conflict check leaves out."""
        return {k: v for k, v in values.items() if k not in self.unchecked}


class RecordRef:
    """A record as the commands know it: its kind and the id it lives at now."""

    def __init__(self, kind: RecordKind, record_id: int) -> None:
        self.kind = kind
        self.id = record_id


class IdMap:
    """Where a removed-then-restored record lives now.

    Re-adding a removed record gives it a new id (or, on SQLite, possibly an id another record
    had before), so commands share a ``RecordRef`` per record rather than remembering ids.
    """

    def __init__(self) -> None:
        self._refs: dict[tuple[RecordKind, int], RecordRef] = {}

    def ref(self, kind: RecordKind, record_id: int) -> RecordRef:
        """The reference of the record now at ``record_id`` (made on first use)."""
        key = (kind, record_id)
        if key not in self._refs:
            self._refs[key] = RecordRef(kind, record_id)
        return self._refs[key]

    def fresh(self, kind: RecordKind, record_id: int) -> RecordRef:
        """A new reference for a record just created at ``record_id``."""
        ref = RecordRef(kind, record_id)
        self._refs[(kind, record_id)] = ref
        return ref

    def moved(self, ref: RecordRef, new_id: int) -> None:
        """The record of ``ref`` was re-created at ``new_id``."""
        self.forget(ref)
        ref.id = new_id
        self._refs[(ref.kind, new_id)] = ref

    def forget(self, ref: RecordRef) -> None:
        """The record of ``ref`` was removed: its id may be reused by another record."""
        if self._refs.get((ref.kind, ref.id)) is ref:
            del self._refs[(ref.kind, ref.id)]

    def resolve(self, kind: RecordKind, record_id: int) -> int:
        """The current id of the record known as ``record_id`` (itself when never moved)."""
        return self.ref(kind, record_id).id


def unchanged(current: Mapping[str, Any], expected: Mapping[str, Any]) -> bool:
    """True when every field in ``expected`` still holds that value in ``current``."""
    return all(plain_value(current.get(k)) == plain_value(v) for k, v in expected.items())


def changed_fields(before: Mapping[str, Any], after: Mapping[str, Any]) -> Iterable[str]:
    """The names whose values differ between two value maps."""
    return [k for k in after if plain_value(before.get(k)) != plain_value(after[k])]


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
        except (ConflictError, NotFoundError, OtdeskError) as exc:  # also a rule that changed
            self.error = exc
            self.setObsolete(True)
            if self._report is not None:
                self._report(self, exc)
        else:
            self.error = None

    def do(self) -> None:  # pragma: no cover - abstract
        """Make the change."""
        raise NotImplementedError

    def revert(self) -> None:  # pragma: no cover - abstract
        """Take the change back."""
        raise NotImplementedError


class RecordCommand(ServiceCommand, Generic[R]):
    """What the three record commands share: the record's reference, the version this command
    last wrote, and the check that a record still holds what the command left there."""

    def __init__(
        self, app: AppContext, adapter: RecordAdapter[R], ids: IdMap, text: str,
        report: Reporter | None,
    ) -> None:
        super().__init__(app, text, report=report)
        self.adapter = adapter
        self.ids = ids
        self.ref: RecordRef | None = None
        self.result: R | None = None  # the record as this command last wrote it
        self._wrote: int | None = None  # the version of the record this command last wrote

    @property
    def record_id(self) -> int | None:
        """The id the record lives at now."""
        return self.ref.id if self.ref is not None else None

    def _current(self, expect: Mapping[str, Any]) -> R:
        assert self.ref is not None
        current = self.adapter.fetch(self.app.services, self.ref.id)
        values = self.adapter.values(current)
        if current.version != self._wrote and not unchanged(values, self.adapter.checked(expect)):
            raise ConflictError(self.adapter.kind, self.adapter.name(current), self._wrote,
                                current.version)
        return current

    def _wrote_record(self, record: R) -> R:
        self.result = record
        self._wrote = record.version
        return record

    def _add(self, owner: int, values: Mapping[str, Any]) -> R:
        record = self.adapter.insert(self.app.services, owner, dict(values))
        if self.ref is None:
            self.ref = self.ids.fresh(self.adapter.kind, record.id)
        else:
            self.ids.moved(self.ref, record.id)
        return self._wrote_record(record)

    def _remove(self, expect: Mapping[str, Any], version: int | None = None) -> None:
        assert self.ref is not None
        if version is None:
            version = self._current(expect).version
        self.adapter.delete(self.app.services, self.ref.id, version)
        self.ids.forget(self.ref)


class AddRecordCommand(RecordCommand[R]):
    """Add a record to ``owner`` (the client, or an episode); undo removes it again."""

    def __init__(
        self, app: AppContext, adapter: RecordAdapter[R], owner: int,
        values: Mapping[str, Any], ids: IdMap, *, report: Reporter | None = None,
    ) -> None:
        # Named once added (a care-team member's name may come from the staff list).
        super().__init__(app, adapter, ids, _(adapter.add_text).format(name="…"), report)
        self.owner = owner
        self.values = dict(values)
        self._stored: dict[str, Any] = {}

    def do(self) -> None:
        """Add (again)."""
        first = self.ref is None
        record = self._add(self.owner, self.values)
        self._stored = dict(self.adapter.values(record))
        if first:  # a name may be known only once added (a staff member's, say)
            self.setText(_(self.adapter.add_text).format(name=self.adapter.name(record)))

    def revert(self) -> None:
        """Remove the record again."""
        self._remove(self._stored)


class EditRecordCommand(RecordCommand[R]):
    """Change some fields of one record (``before`` and ``after`` name the same fields).

    The first write expects ``expected_version`` (the version the form was loaded from), so a
    stale form gets a ``ConflictError``; later undo and redo writes expect the version the
    command itself last wrote or, when someone saved since, that its fields still hold what
    it left there.
    """

    def __init__(
        self, app: AppContext, adapter: RecordAdapter[R], record_id: int,
        before: Mapping[str, Any], after: Mapping[str, Any], ids: IdMap | None = None, *,
        expected_version: int, text: str = "", report: Reporter | None = None,
    ) -> None:
        ids = ids if ids is not None else IdMap()
        super().__init__(app, adapter, ids, text or _(adapter.edit_text).format(name="…"), report)
        self.ref = ids.ref(adapter.kind, record_id)
        self.before = dict(before)
        self.after = dict(after)
        self._first: int | None = expected_version

    def _write(self, expect: Mapping[str, Any], values: Mapping[str, Any]) -> None:
        assert self.ref is not None
        if self._first is not None:
            version, self._first = self._first, None
        else:
            version = self._current(expect).version
        self._wrote_record(self.adapter.update(self.app.services, self.ref.id, version, values))

    def do(self) -> None:
        """Apply the new values."""
        self._write(self.before, self.after)

    def revert(self) -> None:
        """Put the old values back."""
        self._write(self.after, self.before)


class RemoveRecordCommand(RecordCommand[R]):
    """Remove a record (undo adds it back with the same details, to the same owner)."""

    def __init__(
        self, app: AppContext, adapter: RecordAdapter[R], owner: int, record: R, ids: IdMap,
        *, report: Reporter | None = None,
    ) -> None:
        super().__init__(app, adapter, ids,
                         _(adapter.remove_text).format(name=adapter.name(record)), report)
        self.owner = owner
        self.ref = ids.ref(adapter.kind, record.id)
        self.values = dict(adapter.values(record))
        self._first: int | None = record.version

    def do(self) -> None:
        """Remove the record (the first time, only if nobody changed it since it was read)."""
        version, self._first = self._first, None
        self._remove(self.values, version)

    def revert(self) -> None:
        """Add the record back."""
        self._add(self.owner, self.values)
