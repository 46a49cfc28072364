"""Care plans due for review, printed as a batch (File ▸ Care plans due for review…).

The coordinator picks how many days ahead to look (a week unless changed), whether overdue
reviews come too, and one PDF or one file per client in a folder. The plans are listed in a
worker; the batch prints in a worker too (``services.print_batch``), with progress and
Cancel, and each document leaves its own audit event with its printed-copy number.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from otdesk.domain.translation import _, fill, format_date, ngettext
from otdesk.ui.parts.style import MARGIN, SPACING, set_role
from otdesk.ui.parts.widgets import buddy_label, show_banner
from otdesk.ui.printing.documents import error_text
from otdesk.ui.shell.app_context import AppContext
from otdesk.ui.shell.tasks import Task, TaskControl

if TYPE_CHECKING:
    from otdesk.services.print_batch import BatchResult, DuePlan

DEFAULT_DAYS = 7
MOST_DAYS = 366


def run_batch(app: AppContext, plans: list[DuePlan], *, out: Path | None,
              out_dir: Path | None, control: TaskControl,
              keep: list[BatchResult]) -> BatchResult:
    """Print ``plans`` (in a worker): the service's own cancel follows the task's. The
    result is also put in ``keep``: a cancelled task hands back no result, and the files
    saved before the cancel still need saying."""
    from otdesk.services import print_batch

    batch = print_batch.BatchControl()

    def progress(done: int, total: int, name: str) -> None:
        if control.cancelled:
            batch.cancel()
        message = fill(_("Printing the care plan of {name} ({done} of {total})…"),
                       name=name, done=done + 1, total=total) if name else ""
        control.progress(done, total, message)

    batch.on_progress = progress
    result = print_batch.print_batch(app.services, plans, out=out, out_dir=out_dir,
                                     control=batch)
    keep.append(result)
    return result


class DueReviewsDialog(QDialog):
    """Choose the window and the output, then print every due care plan."""

    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.plans: list[DuePlan] = []
        self.outcome: BatchResult | None = None
        self._listing = 0  # which listing is the latest (older answers are dropped)
        self._task: Task | None = None
        self._target = ""
        self._kept: list[BatchResult] = []
        self.setWindowTitle(_("Care plans due for review"))
        self.days = QSpinBox(self)
        self.days.setRange(1, MOST_DAYS)
        self.days.setValue(DEFAULT_DAYS)
        self.days.setSuffix(_(" days"))
        self.overdue = QCheckBox(_("Include &overdue reviews"), self)
        self.one_pdf = QRadioButton(_("Into &one PDF"), self)
        self.one_each = QRadioButton(_("One &file per client, into a folder"), self)
        self.one_pdf.setChecked(True)
        self.found = QLabel(self)
        self.found.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setAccessibleName(_("Care plans to print"))
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        set_role(self.status, "muted")
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName(_("Progress"))
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        self.print_button = QPushButton(_("&Print…"), self)
        set_role(self.print_button, "primary")
        self.cancel_button = QPushButton(_("Cancel"), self)
        self.cancel_button.setEnabled(False)
        self.close_button = QPushButton(_("Close"), self)
        self.print_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.reject)

        window = QHBoxLayout()
        window.addWidget(buddy_label(_("Reviews in the next:"), self.days, self))
        window.addWidget(self.days)
        window.addSpacing(SPACING)
        window.addWidget(self.overdue)
        window.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.print_button, self.cancel_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(SPACING)
        layout.addLayout(window)
        layout.addWidget(self.one_pdf)
        layout.addWidget(self.one_each)
        layout.addWidget(self.found)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(640, 520)
        # Typing "14" into the box should list once, not for "1" and again for "14".
        self._relist = QTimer(self)
        self._relist.setSingleShot(True)
        self._relist.setInterval(250)
        self._relist.timeout.connect(self.list_plans)
        self.days.valueChanged.connect(lambda _v: self._relist.start())
        self.overdue.toggled.connect(lambda _v: self.list_plans())
        self.list_plans()

    # -- which plans ----------------------------------------------------------------------

    def list_plans(self) -> None:
        """List the due plans for the window chosen (in a worker)."""
        self._listing += 1
        number = self._listing
        ctx, days, overdue = self.app.services, self.days.value(), self.overdue.isChecked()
        self.print_button.setEnabled(False)
        self.found.setText(_("Looking for care plans due for review…"))

        def find(_control: TaskControl) -> list[DuePlan]:
            from otdesk.services import print_batch  # loads the renderers: not on this thread

            return print_batch.due_reviews(ctx, days=days, include_overdue=overdue)

        self.app.tasks.run(
            find,
            label=_("Finding care plans due for review"),
            on_done=lambda plans: self._listed(number, plans),
            on_error=lambda exc: self._failed(exc) if number == self._listing else None)

    def _listed(self, number: int, plans: list[DuePlan]) -> None:
        if number != self._listing:
            return
        self.plans = plans
        self.list.clear()
        for plan in plans:
            self.list.addItem(fill(_("{date}  {name} ({number})"),
                                   date=format_date(plan.review_date), name=plan.name,
                                   number=plan.record_number))
        until = format_date(self.app.services.today() + timedelta(days=self.days.value()))
        self.found.setText(fill(ngettext(
            "{count} care plan has a review due by {date}.",
            "{count} care plans have a review due by {date}.", len(plans)),
            count=len(plans), date=until) if plans else fill(
            _("No care plan has a review due by {date}."), date=until))
        self.print_button.setEnabled(bool(plans) and self._task is None)

    # -- printing -------------------------------------------------------------------------

    def _where(self) -> tuple[Path | None, Path | None]:
        """The one PDF or the folder, as the user chose (None, None when cancelled)."""
        if self.one_pdf.isChecked():
            name, _filter = QFileDialog.getSaveFileName(
                self, _("Save the care plans as one PDF"),
                str(Path.home() / "care-plans-due.pdf"), _("PDF documents (*.pdf)"))
            if not name:
                return None, None
            path = Path(name)
            return (path if path.suffix.lower() == ".pdf"
                    else path.with_name(path.name + ".pdf")), None
        folder = QFileDialog.getExistingDirectory(
            self, _("Choose the folder for the care plans"), str(Path.home()))
        return (None, Path(folder)) if folder else (None, None)

    def start(self) -> None:
        """Ask where, then print the batch in a worker."""
        out, out_dir = self._where()
        if out is None and out_dir is None:
            return
        plans, app = list(self.plans), self.app
        self._target = str(out or out_dir)
        self._kept = []
        kept = self._kept
        self._set_running(True)
        self.message.hide()
        self._task = app.tasks.run(
            lambda control: run_batch(app, plans, out=out, out_dir=out_dir, control=control,
                                      keep=kept),
            label=_("Printing care plans due for review"), cancellable=True,
            on_progress=self._progressed, on_done=self._done, on_error=self._failed,
            on_cancelled=self._cancelled, on_finished=lambda: self._set_running(False))

    def cancel(self) -> None:
        """Stop the batch before its next document."""
        if self._task is not None:
            self._task.cancel()
            self.status.setText(_("Stopping after the document being printed…"))

    def _set_running(self, running: bool) -> None:
        if not running:
            self._task = None
        for widget in (self.days, self.overdue, self.one_pdf, self.one_each,
                       self.close_button):
            widget.setEnabled(not running)
        self.print_button.setEnabled(not running and bool(self.plans))
        self.cancel_button.setEnabled(running)

    def _progressed(self, done: int, total: int, message: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if message:
            self.status.setText(message)

    def _say(self, text: str, role: str) -> None:
        show_banner(self.message, text, role)

    def _done(self, result: BatchResult) -> None:
        self.outcome = result
        self.status.setText("")
        copies = [c.copy_number for c in result.copies]
        if result.cancelled:
            self._say(fill(ngettext(
                "Cancelled. {count} care plan was saved before it stopped, and recorded.",
                "Cancelled. {count} care plans were saved before it stopped, each recorded.",
                len(copies)), count=len(copies)) if copies else
                _("Cancelled. Nothing was saved and no copy was recorded."), "banner-note")
            return
        where = self._target
        self._say(fill(ngettext(
            "Printed {count} care plan to {where}: printed copy {first}.",
            "Printed {count} care plans to {where}: printed copies {first} to {last}.",
            len(copies)), count=len(copies), where=where,
            first=str(min(copies, default=0)), last=str(max(copies, default=0))), "banner-ok")

    def _cancelled(self) -> None:
        if self._kept:
            self._done(self._kept[0])
            return
        self.status.setText("")
        self._say(_("Cancelled. Nothing was saved and no copy was recorded."), "banner-note")

    def _failed(self, exc: BaseException) -> None:
        self.status.setText("")
        self._say(fill(_("The care plans could not be printed: {reason}"),
                       reason=error_text(exc)), "banner-error")

    def reject(self) -> None:
        if self._task is not None:  # finish or cancel first: the outcome must be seen
            return
        super().reject()
