"""One app-level "records changed" signal; every view refreshes itself from it.

The services announce what each committed unit of work changed (``Context.on_change``, set to
``Events.publish`` for the desktop's context); no screen announces a change itself. A unit of
work committed on a worker thread is delivered on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QThread, Signal

from otdesk.domain.records import Changes


class Events(QObject):
    """The application's change bus."""

    records_changed = Signal(object)  # Changes
    settings_changed = Signal()
    _from_worker = Signal(object)  # Changes committed on another thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._from_worker.connect(self.records_changed.emit, Qt.ConnectionType.QueuedConnection)

    def publish(self, changes: Changes) -> None:
        """Tell every view what a committed unit of work changed (from any thread)."""
        if QThread.currentThread() == self.thread():
            self.records_changed.emit(changes)
        else:
            self._from_worker.emit(changes)
