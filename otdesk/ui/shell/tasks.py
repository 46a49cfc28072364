"""Long work off the GUI thread: one helper for search, import, export, PDFs and backups.

The work function gets a ``TaskControl`` (to report progress and see a cancel request) and
plain data, never widgets; its result or error comes back to the GUI thread by signal.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from enum import Enum, auto
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal, SignalInstance


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
    """One piece of background work, as seen from the GUI thread.

    Its ending signals (``succeeded``, ``failed``, ``cancelled``, then ``finished``) are sent
    on the GUI thread. Once they have run, the runner deletes the Qt object (``deleteLater``):
    its Python attributes (label, error_text, control) stay readable, its signals do not.
    """

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


class _Outcome(Enum):
    SUCCEEDED = auto()
    FAILED = auto()
    CANCELLED = auto()


def _work(
    task: Task, fn: Callable[[TaskControl], Any], done: SignalInstance
) -> Callable[[], None]:
    """What a worker thread runs for ``task``: ``fn``, then ``done(task, outcome, value)``.

    A plain callable, not a QRunnable subclass: PySide makes a started QRunnable a child of
    the pool's Python wrapper only after ``start()`` returns, so a runnable that had already
    run (a quick search) stayed behind for good, holding its task and work function. A
    callable is released once it has run.
    """

    def run() -> None:
        outcome: tuple[_Outcome, object]
        try:
            result = fn(task.control)
        except Cancelled:
            outcome = (_Outcome.CANCELLED, None)
        except Exception as exc:  # reported to the GUI thread, which shows it
            task.error_text = traceback.format_exc()
            outcome = (_Outcome.FAILED, exc)
        else:
            cancelled = task.control.cancelled
            outcome = (_Outcome.CANCELLED, None) if cancelled else (_Outcome.SUCCEEDED, result)
        # The worker's last use of the task's Qt object: the GUI thread may delete it next.
        done.emit(task, *outcome)

    return run


class TaskRunner(QObject):
    """Starts tasks on a thread pool and tells the window which are running."""

    started = Signal(object)  # Task
    ended = Signal(object)  # Task
    # From a worker to the GUI thread: (task, outcome, result or exception).
    _worker_done = Signal(object, object, object)

    def __init__(self, parent: QObject | None = None, max_threads: int = 4) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._running: set[Task] = set()
        self._worker_done.connect(self._deliver)  # queued: the runner lives on the GUI thread

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
        self._running.add(task)
        self.started.emit(task)
        self._pool.start(_work(task, fn, self._worker_done))
        return task

    def _deliver(self, task: Task, outcome: _Outcome, value: object) -> None:
        # On the GUI thread, once the worker has let go of the task: every slot of its ending
        # runs here and now (a slot connected just after ``run`` too), so deleting the task
        # afterwards drops none of them.
        if outcome is _Outcome.SUCCEEDED:
            task.succeeded.emit(value)
        elif outcome is _Outcome.FAILED:
            task.failed.emit(value)
        else:
            task.cancelled.emit()
        task.finished.emit()
        self._running.discard(task)
        self.ended.emit(task)
        # A task has no parent and may be held in cycles Python's collector cannot see (a
        # slot connected to its own signal, through Qt's connection list): only deleting it
        # frees it for certain (measured: about 6 KiB kept per finished task otherwise).
        task.deleteLater()

    @property
    def running(self) -> list[Task]:
        """Tasks not yet finished."""
        return list(self._running)

    def wait(self, msecs: int = 30000) -> bool:
        """Block until every task is done (for shutdown and tests)."""
        return self._pool.waitForDone(msecs)
