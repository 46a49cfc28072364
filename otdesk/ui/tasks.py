"""Long work off the GUI thread: one helper for search, import, export, PDFs and backups.

The work function gets a ``TaskControl`` (to report progress and see a cancel request) and
plain data, never widgets; its result or error comes back to the GUI thread by signal.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class Cancelled(Exception):  # noqa: N818 (reads as "raise Cancelled()")
    """Raised inside a work function when the user cancelled it."""


class TaskControl:
    """Handed to a work function: progress reporting and cancellation."""

    def __init__(self, task: Task) -> None:
        self._task = task
        self._cancel = threading.Event()

    def progress(self, done: int, total: int, message: str = "") -> None:
        """Report how far the work has come (thread-safe)."""
        self._task.progressed.emit(done, total, message)

    @property
    def cancelled(self) -> bool:
        """True once the user asked to stop."""
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise ``Cancelled`` if the user asked to stop."""
        if self._cancel.is_set():
            raise Cancelled()

    def cancel(self) -> None:
        """Ask the work to stop at its next check."""
        self._cancel.set()


class Task(QObject):
    """One piece of background work, as seen from the GUI thread."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)  # the exception
    cancelled = Signal()
    finished = Signal()

    def __init__(self, label: str, cancellable: bool) -> None:
        super().__init__()
        self.label = label
        self.cancellable = cancellable
        self.control = TaskControl(self)
        self.error_text = ""

    def cancel(self) -> None:
        """Ask the work to stop."""
        self.control.cancel()


class _Runner(QRunnable):
    def __init__(self, task: Task, fn: Callable[[TaskControl], Any]) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._task = task
        self._fn = fn

    def run(self) -> None:
        task = self._task
        try:
            result = self._fn(task.control)
        except Cancelled:
            task.cancelled.emit()
        except Exception as exc:  # reported to the GUI thread, which shows it
            task.error_text = traceback.format_exc()
            task.failed.emit(exc)
        else:
            if task.control.cancelled:
                task.cancelled.emit()
            else:
                task.succeeded.emit(result)
        task.finished.emit()


class TaskRunner(QObject):
    """Starts tasks on a thread pool and tells the window which are running."""

    started = Signal(object)  # Task
    ended = Signal(object)  # Task

    def __init__(self, parent: QObject | None = None, max_threads: int = 4) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._running: set[Task] = set()
        self._held: list[_Runner] | None = None

    def run(
        self,
        fn: Callable[[TaskControl], Any],
        *,
        label: str,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
        on_finished: Callable[[], None] | None = None,
        cancellable: bool = False,
    ) -> Task:
        """Run ``fn(control)`` in a worker; ``on_done``/``on_error`` run on the GUI thread."""
        task = Task(label, cancellable)
        if on_done is not None:
            task.succeeded.connect(on_done)
        if on_error is not None:
            task.failed.connect(on_error)
        # Everything is connected before the worker starts: a fast task cannot finish unseen.
        if on_progress is not None:
            task.progressed.connect(on_progress)
        if on_cancelled is not None:
            task.cancelled.connect(on_cancelled)
        if on_finished is not None:
            task.finished.connect(on_finished)
        task.finished.connect(lambda: self._finish(task))
        self._running.add(task)
        self.started.emit(task)
        runner = _Runner(task, fn)
        if self._held is not None:
            self._held.append(runner)
        else:
            self._pool.start(runner)
        return task

    def hold(self) -> None:
        """Queue tasks instead of starting them, until ``release``.

        The desktop holds its first tasks while it builds and paints the first screen: a worker
        loading the storage stack at the same time would slow the painting thread (one GIL).
        """
        if self._held is None:
            self._held = []

    def release(self) -> None:
        """Start the tasks queued since ``hold``, in the order they were asked for."""
        held, self._held = self._held, None
        for runner in held or []:
            self._pool.start(runner)

    def _finish(self, task: Task) -> None:
        self._running.discard(task)
        self.ended.emit(task)

    @property
    def running(self) -> list[Task]:
        """Tasks not yet finished."""
        return list(self._running)

    def wait(self, msecs: int = 30000) -> bool:
        """Block until every task is done (for shutdown and tests)."""
        self.release()
        return self._pool.waitForDone(msecs)
