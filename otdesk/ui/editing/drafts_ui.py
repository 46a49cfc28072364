"""Never lose typing: unsaved form contents are kept as drafts and offered back.

A ``DraftKeeper`` watches one form. Each edit restarts a 1 s idle timer, and a 5 s timer makes
sure a draft is written at least that often while typing goes on. Drafts are written by the
services (one committed SQLite transaction, WAL, synchronous=FULL: about 1-5 ms, but a slow disk
can take far longer), so the write runs on the task runner and the GUI never waits on a disk.
A lock and a generation counter make sure a write that was still running when the form was
saved or discarded cannot bring the draft back.

``recover_drafts_on_start`` lists what a crash or kill left behind and reopens it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QDateTime, QLocale, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from otdesk.domain.translation import _
from otdesk.services import drafts
from otdesk.services.drafts import DraftInfo
from otdesk.ui.parts.style import MARGIN, SPACING, set_role
from otdesk.ui.shell.app_context import AppContext
from otdesk.ui.shell.tasks import TaskControl

# Set in a draft's payload by the start-up recovery: the form restores it without asking again.
AUTO_RESTORE = "auto_restore"

NEW_CLIENT_KEY = "client:new"


def client_draft_key(client_uuid: object, part: str) -> str:
    """The draft key of one form of a client's record, e.g. "client:<uuid>:overview"."""
    return f"client:{client_uuid}:{part}"


def saved_time_text(when: datetime) -> str:
    """When a draft was saved, in local time: "today at 14:05" or "3 Mar 2026, 14:05"."""
    stamp = QDateTime.fromSecsSinceEpoch(int(when.timestamp()))
    locale = QLocale()
    if stamp.date() == QDateTime.currentDateTime().date():
        return _("today at {time}").format(time=locale.toString(stamp, "HH:mm"))
    return locale.toString(stamp, "d MMM yyyy, HH:mm")


class _Gate:
    """Shared by the GUI thread and the writer: which saves are still wanted."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.generation = 0


class DraftKeeper(QObject):
    """Autosaves one form's contents as a draft while the user types."""

    saved = Signal(object)  # DraftInfo
    discarded = Signal()
    failed = Signal(str)

    IDLE_MS = 1000
    MAX_WAIT_MS = 5000

    def __init__(
        self,
        app: AppContext,
        *,
        key: str,
        title: Callable[[], str],
        payload: Callable[[], dict[str, Any]],
        base_version: Callable[[], int | None] = lambda: None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.app = app
        self.key = key
        self._title = title
        self._payload = payload
        self._base_version = base_version
        self._gate = _Gate()
        self._in_flight = False
        self._again = False
        self.enabled = True
        self._has_draft = False  # a draft may exist (saved, being saved, or left from before)
        self.last_saved: DraftInfo | None = None
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(self.IDLE_MS)
        self._idle.timeout.connect(self._flush)
        self._max_wait = QTimer(self)
        self._max_wait.setSingleShot(True)
        self._max_wait.setInterval(self.MAX_WAIT_MS)
        self._max_wait.timeout.connect(self._flush)

    def set_intervals(self, idle_ms: int, max_wait_ms: int) -> None:
        """Change the timings (tests)."""
        self._idle.setInterval(idle_ms)
        self._max_wait.setInterval(max_wait_ms)

    @property
    def pending(self) -> bool:
        """True while an edit waits to be written or a write is running."""
        return self._idle.isActive() or self._max_wait.isActive() or self._in_flight

    def watch(self, form: Any) -> None:
        """Follow a ``Form``: save while it differs from the record, forget the draft when the
        user types it back to what was saved."""

        def edited() -> None:
            if form.is_dirty():
                self.note_edit()

        def dirty_changed(dirty: bool) -> None:
            if not dirty and self._has_draft:
                self.discard()

        form.edited.connect(edited)
        form.dirty_changed.connect(dirty_changed)

    def note_edit(self) -> None:
        """Call on every edit: restart the idle timer; start the max-wait timer if idle."""
        if not self.enabled:
            return
        self._has_draft = True
        self._idle.start()
        if not self._max_wait.isActive():
            self._max_wait.start()

    def _flush(self) -> None:
        self._idle.stop()
        self._max_wait.stop()
        self.save_now()

    def save_now(self) -> None:
        """Write the draft now (in the background); a write already running is followed by one
        more with the newest contents."""
        if not self.enabled:
            return
        if self._in_flight:
            self._again = True
            return
        ctx = self.app.services
        key, title = self.key, self._title()
        payload, base = self._payload(), self._base_version()
        gate, generation = self._gate, self._gate.generation

        def write(_control: TaskControl) -> DraftInfo | None:
            with gate.lock:
                if gate.generation != generation:
                    return None  # saved or discarded meanwhile: the draft is no longer wanted
                return drafts.save_draft(
                    ctx, key=key, title=title, payload=payload, base_version=base
                )

        self._in_flight = True
        self._has_draft = True
        self.app.tasks.run(
            write,
            label=_("Keeping unsaved changes"),
            on_done=self._done,
            on_error=self._error,
        )

    def _done(self, info: DraftInfo | None) -> None:
        self._in_flight = False
        if info is not None:
            self.last_saved = info
            self.saved.emit(info)
        if self._again:
            self._again = False
            self.save_now()

    def _error(self, exc: BaseException) -> None:
        self._in_flight = False
        self._again = False
        self.failed.emit(str(exc))

    def discard(self) -> None:
        """Forget the draft (after a real save, or when the user drops the changes)."""
        self._idle.stop()
        self._max_wait.stop()
        self._again = False
        with self._gate.lock:  # waits for a running write (a few ms) so it cannot resurrect
            self._gate.generation += 1
            drafts.discard_draft(self.app.services, key=self.key)
        self._has_draft = False
        self.last_saved = None
        self.discarded.emit()

    def stored(self) -> DraftInfo | None:
        """The draft left for this form, if any."""
        return drafts.get_draft(self.app.services, key=self.key)

    def offer_restore(self, parent: QWidget | None, restore: Callable[[DraftInfo], None]) -> bool:
        """If a draft was left, ask whether to restore it; restore it or discard it."""
        info = self.stored()
        if info is None:
            return False
        self._has_draft = True
        if info.payload.get(AUTO_RESTORE) or ask_restore(parent, info):
            restore(info)
            # Keep it until the user saves: a second crash must not lose it either.
            self.save_now()
            return True
        self.discard()
        return False


def ask_restore(parent: QWidget | None, info: DraftInfo) -> bool:
    """Ask "Restore unsaved changes from <time>?"; True to restore, False to discard."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_("Unsaved changes found"))
    box.setText(
        _("Restore unsaved changes from {when}?").format(when=saved_time_text(info.saved_at))
    )
    box.setInformativeText(
        _("They were typed into “{form}” but never saved.").format(form=info.title)
    )
    restore = box.addButton(_("&Restore"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_("&Discard"), QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(restore)
    box.exec()
    return box.clickedButton() is restore


class RecoverDraftsDialog(QDialog):
    """Lists the drafts left behind; the user opens or discards the ticked ones."""

    def __init__(self, parent: QWidget | None, found: list[DraftInfo]) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Unsaved work found"))
        self.action = "later"
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(SPACING)
        heading = QLabel(_("Some changes were not saved last time"), self)
        set_role(heading, "h2")
        layout.addWidget(heading)
        caption = QLabel(
            _("otdesk kept what you typed. Tick the &forms to open or discard:"), self
        )
        caption.setWordWrap(True)
        layout.addWidget(caption)
        self.list = QListWidget(self)
        self.list.setAccessibleName(_("Unsaved forms"))
        caption.setBuddy(self.list)
        for info in found:
            item = QListWidgetItem(
                _("{form} — saved {when}").format(
                    form=info.title, when=saved_time_text(info.saved_at))
            )
            item.setData(Qt.ItemDataRole.UserRole, info.key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(self)
        open_button = QPushButton(_("&Open and restore"), self)
        discard_button = QPushButton(_("&Discard"), self)
        later_button = QPushButton(_("&Later"), self)
        open_button.setDefault(True)
        buttons.addButton(open_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(discard_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(later_button, QDialogButtonBox.ButtonRole.RejectRole)
        open_button.clicked.connect(lambda: self._finish("open"))
        discard_button.clicked.connect(lambda: self._finish("discard"))
        later_button.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 320)

    def _finish(self, action: str) -> None:
        if action == "discard":
            answer = QMessageBox.question(
                self,
                _("Discard unsaved changes?"),
                _("The ticked changes will be gone for good."),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        self.action = action
        self.accept()

    def ticked(self) -> list[str]:
        """The keys of the ticked drafts."""
        items = (self.list.item(i) for i in range(self.list.count()))
        return [
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        ]


def choose_drafts(parent: QWidget | None, found: list[DraftInfo]) -> tuple[str, list[str]]:
    """Ask what to do with the drafts: ("open" | "discard" | "later", the chosen keys)."""
    dialog = RecoverDraftsDialog(parent, found)
    dialog.exec()
    result = (dialog.action, dialog.ticked())
    dialog.deleteLater()
    return result


def recover_drafts_on_start(
    app: AppContext, parent: QWidget, open_client: Callable[[int], object]
) -> None:
    """Offer the drafts a crash or kill left behind; reopen the forms they belong to."""
    found = drafts.list_drafts(app.services)
    if not found:
        return
    action, keys = choose_drafts(parent, found)
    chosen = [d for d in found if d.key in keys]
    if action == "discard":
        for info in chosen:
            drafts.discard_draft(app.services, key=info.key)
        return
    if action != "open":
        return
    for info in chosen:
        # The form restores without asking again: the user just said so.
        payload = dict(info.payload) | {AUTO_RESTORE: True}
        drafts.save_draft(
            app.services,
            key=info.key,
            title=info.title,
            payload=payload,
            base_version=info.base_version,
        )
    opened: set[int] = set()
    for info in chosen:
        if info.key == NEW_CLIENT_KEY:
            from otdesk.ui.client_record.new_client import NewClientDialog

            dialog = NewClientDialog(app, parent)
            if dialog.exec() and dialog.created_client_id is not None:
                open_client(dialog.created_client_id)
            dialog.deleteLater()
            continue
        client_id = info.payload.get("client_id")
        if isinstance(client_id, int) and client_id not in opened:
            opened.add(client_id)
            open_client(client_id)
