"""Background work: results and errors come back by signal; the status bar shows and cancels."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent

from otdesk.ui.parts.widgets import TaskStatus
from otdesk.ui.shell.tasks import Cancelled, Task, TaskControl, TaskRunner


@pytest.fixture
def runner(qapp) -> Iterator[TaskRunner]:
    tasks = TaskRunner()
    yield tasks
    for task in tasks.running:
        task.cancel()
    assert tasks.wait(10_000)


def test_result_comes_back_on_the_gui_thread(qtbot, runner: TaskRunner) -> None:
    seen: list[tuple[object, bool]] = []
    gui = threading.current_thread()

    def work(_control: TaskControl) -> int:
        assert threading.current_thread() is not gui
        return 42

    with qtbot.waitSignal(runner.ended):
        runner.run(work, label="Answer",
                   on_done=lambda r: seen.append((r, threading.current_thread() is gui)))
    assert seen == [(42, True)]
    assert runner.running == []


def test_errors_are_reported(qtbot, runner: TaskRunner) -> None:
    errors: list[BaseException] = []

    def work(_control: TaskControl) -> None:
        raise ValueError("the file is not a CSV file")

    with qtbot.waitSignal(runner.ended) as ended:
        runner.run(work, label="Broken", on_error=errors.append)
    assert isinstance(errors[0], ValueError)
    task: Task = ended.args[0]
    assert "ValueError" in task.error_text


def test_finished_tasks_are_freed(qtbot, runner: TaskRunner) -> None:
    # Each search as you type is a task: a day's typing must not pile them up in memory,
    # not even when a caller's slot holds on to the task it is connected to.
    seen: list[object] = []
    tasks: list[weakref.ref[Task]] = []
    for n in range(20):
        with qtbot.waitSignal(runner.ended):
            task = runner.run(lambda _c, n=n: n, label=f"Search {n}", on_done=seen.append)
            if n % 2:
                task.finished.connect(lambda task=task: seen.append(task.label))
        tasks.append(weakref.ref(task))
        assert task.label == f"Search {n}"  # still readable once it has ended
        del task
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    assert seen == [x for n in range(20) for x in ([n, f"Search {n}"] if n % 2 else [n])]
    assert [ref for ref in tasks if ref() is not None] == []


def test_slots_connected_just_after_run_see_the_ending(qtbot, runner: TaskRunner) -> None:
    # A caller connects to the task ``run`` returned (a dialog waiting for its import): a quick
    # task must not end before that, nor be deleted before every slot of its ending has run.
    for _ in range(50):
        calls: list[str] = []
        task = runner.run(lambda _c: None, label="Quick", on_finished=lambda c=calls: c.append("a"))
        task.cancelled.connect(lambda c=calls: c.append("never"))
        with qtbot.waitSignal(task.finished, timeout=5_000):
            task.finished.connect(lambda c=calls: c.append("b"))
        assert calls == ["a", "b"]


def long_work(release: threading.Event):
    def work(control: TaskControl) -> str:
        control.progress(3, 10, "Reading rows")
        while not control.cancelled:
            release.wait(0.01)  # the worker waits; the test never sleeps
            if release.is_set():
                return "done"
        raise Cancelled()

    return work


def test_status_bar_shows_progress_and_cancels(qtbot, runner: TaskRunner) -> None:
    status = TaskStatus(runner)
    qtbot.addWidget(status)
    release = threading.Event()
    done: list[object] = []
    task = runner.run(long_work(release), label="Importing clients.csv", cancellable=True,
                      on_done=done.append)
    qtbot.waitUntil(status.isVisible, timeout=5_000)
    qtbot.waitUntil(lambda: status.bar.maximum() == 10 and status.bar.value() == 3)
    assert status.label.text() == "Reading rows"
    assert status.cancel_button.isVisible()
    with qtbot.waitSignal(task.cancelled, timeout=5_000):
        status.cancel_button.click()
    qtbot.waitUntil(lambda: not status.isVisible())
    assert done == []
    release.set()


def test_quick_tasks_never_flash_in_the_status_bar(qtbot, runner: TaskRunner) -> None:
    status = TaskStatus(runner)
    qtbot.addWidget(status)
    with qtbot.waitSignal(runner.ended):
        runner.run(lambda _c: 1, label="Searching clients")
    assert not status.isVisible()


def test_a_task_that_cannot_be_cancelled_offers_no_button(qtbot, runner: TaskRunner) -> None:
    status = TaskStatus(runner)
    qtbot.addWidget(status)
    release = threading.Event()
    runner.run(long_work(release), label="Opening records")
    qtbot.waitUntil(status.isVisible, timeout=5_000)
    assert not status.cancel_button.isVisible()
    with qtbot.waitSignal(runner.ended, timeout=5_000):
        release.set()


