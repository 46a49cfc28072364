"""Import clients from a CSV file: check first, then all or nothing, off the GUI thread.

Every problem in the file is listed in a table (line, column, problem) so a coordinator can fix
the spreadsheet and try again; nothing is written unless every row is right.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from otdesk.domain import messages
from otdesk.domain.errors import FieldError
from otdesk.domain.translation import N_, NC_, _, fill, ngettext
from otdesk.services import importing
from otdesk.services.importing import ImportReport
from otdesk.ui.parts.icons import icon
from otdesk.ui.parts.record_table_model import ReadOnlyTableModel
from otdesk.ui.parts.style import ITEM_PADDING, MARGIN, SPACING, set_role
from otdesk.ui.parts.widgets import buddy_label, reason_text
from otdesk.ui.shell.app_context import AppContext
from otdesk.ui.shell.tasks import Task, TaskControl

LINE, COLUMN, PROBLEM = range(3)
# Up to this many problems, each row grows to show its whole sentence; past it rows keep one
# line (sizing thousands of rows to their text would hold up the window) and the tooltip
# shows the rest.
WRAPPED_ROWS = 500
FieldErrorRole = Qt.ItemDataRole.UserRole + 1

# A problem with the file as a whole or with a whole row is not about one column: the sentence
# names what it is about. So does a problem with a column of the header: its name is the subject
# ("'shoe_size' is not a column otdesk knows."). A problem with a value in a row reads as a
# form's does beside the field ("This is required.").
_SUBJECTS = {
    # TRANSLATORS: {reason} is what is wrong with the file: "The file is empty: ...".
    "file": N_("The file {reason}."),
    # TRANSLATORS: {reason} is what is wrong with the row: "This row has 3 cells but ...".
    "row": N_("This row {reason}."),
}
# TRANSLATORS: a column of the file's header and what is wrong with it: "'shoe_size' is not a
# column otdesk knows."
_NAMED_COLUMN = N_("'{column}' {reason}.")
_HEADER_COLUMN_TEMPLATES = frozenset(
    {messages.COLUMN_REPEATED, messages.COLUMN_UNKNOWN, messages.COLUMN_MISSING}
)


def problem_text(error: FieldError) -> str:
    """An import problem as a sentence in the interface language."""
    subject = _SUBJECTS.get(error.field)
    if subject is None and error.template in _HEADER_COLUMN_TEMPLATES:
        subject = _NAMED_COLUMN
    if subject is None:
        return reason_text(error)
    predicate = error.reason.strip().rstrip(".")
    return _(subject).format(reason=predicate, column=error.field)


class ImportReportModel(ReadOnlyTableModel):
    """The problems an import found, one row each: line, column, problem."""
    HEADERS = (
        NC_("column", "Line"),
        NC_("column", "Column"),
        NC_("column", "Problem"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._errors: list[FieldError] = []

    def set_errors(self, errors: list[FieldError]) -> None:
        """Show ``errors``."""
        self.beginResetModel()
        self._errors = list(errors)
        self.endResetModel()

    def _row_total(self) -> int:
        return len(self._errors)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._errors):
            return None
        error = self._errors[index.row()]
        if role == FieldErrorRole:
            return error
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == LINE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if index.column() == LINE:
            return str(error.row) if error.row is not None else "—"
        if index.column() == COLUMN:
            return "—" if error.field in _SUBJECTS else error.field
        return problem_text(error)


class _WrappedTextDelegate(QStyledItemDelegate):
    """Sizes a cell for its text wrapped inside the cell's padding.

    When Qt sizes a row it leaves no room for the style sheet's padding, which it does leave
    when it draws the text: a sentence a little short of the column's width would be sized
    for one line and drawn cut off ("…").
    """

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        inner = QStyleOptionViewItem(option)
        inner.rect = option.rect.adjusted(0, 0, -2 * ITEM_PADDING, 0)
        return super().sizeHint(inner, index)


class ImportDialog(QDialog):
    """Choose a CSV file, check it, import it; see every problem if there are any."""

    finished_import = Signal(object)  # ImportReport

    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._task: Task | None = None
        self._close_when_done = False
        app.tasks.ended.connect(self._task_ended)
        self.report: ImportReport | None = None
        self.setWindowTitle(_("Import clients"))
        self.setWindowIcon(icon("import"))
        self.resize(760, 520)

        intro = QLabel(_(
            "Choose a CSV file saved as UTF-8 with a header row. Required columns: "
            "record_number, given_name, family_name, date_of_birth (YYYY-MM-DD), "
            "preferred_language, status. Nothing is imported unless every row is correct."), self)
        intro.setWordWrap(True)
        set_role(intro, "muted")
        self.path_edit = QLineEdit(self)
        self.path_edit.setPlaceholderText(_("No file chosen"))
        self.path_edit.textChanged.connect(self._update_buttons)
        self.browse_button = QPushButton(_("&Browse…"), self)
        self.browse_button.setAccessibleName(_("Choose the CSV file"))
        self.browse_button.clicked.connect(self.browse)
        file_label = buddy_label(_("&File:"), self.path_edit, self)

        self.check_button = QPushButton(_("&Check file"), self)
        self.check_button.setToolTip(_("Check every row without importing anything"))
        self.check_button.clicked.connect(lambda: self.start(dry_run=True))
        self.import_button = QPushButton(_("&Import"), self)
        set_role(self.import_button, "primary")
        self.import_button.clicked.connect(lambda: self.start(dry_run=False))

        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(_("Import progress"))
        self.cancel_button = QPushButton(_("Ca&ncel import"), self)
        self.cancel_button.clicked.connect(self.cancel)
        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.hide()

        self.model = ImportReportModel(self)
        self.table = QTableView(self)
        self.table.setAccessibleName(_("Problems found in the file"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        self.table.setItemDelegateForColumn(PROBLEM, _WrappedTextDelegate(self.table))
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(LINE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PROBLEM, QHeaderView.ResizeMode.Stretch)
        self.table.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)

        file_row = QHBoxLayout()
        file_row.setSpacing(SPACING)
        file_row.addWidget(file_label)
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.browse_button)
        action_row = QHBoxLayout()
        action_row.setSpacing(SPACING)
        action_row.addWidget(self.check_button)
        action_row.addWidget(self.import_button)
        action_row.addSpacing(MARGIN)
        action_row.addWidget(self.progress, 1)
        action_row.addWidget(self.cancel_button)
        action_row.addStretch(0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(MARGIN)
        layout.addWidget(intro)
        layout.addLayout(file_row)
        layout.addLayout(action_row)
        layout.addWidget(self.result_label)
        layout.addWidget(self.table, 1)
        layout.addStretch(0)
        layout.addWidget(self.buttons)
        for button in (self.browse_button, self.check_button, self.import_button,
                       self.cancel_button):
            button.setAutoDefault(False)
        self._set_running(False)

    # -- running --------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        """True while a check or import is under way."""
        return self._task is not None

    def browse(self) -> None:
        """Choose the CSV file."""
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Choose the clients' CSV file"), self.path_edit.text(),
            _("CSV files (*.csv);;All files (*)"))
        if path:
            self.path_edit.setText(path)

    def start(self, *, dry_run: bool) -> Task | None:
        """Check (``dry_run``) or import the chosen file in the background."""
        text = self.path_edit.text().strip()
        if not text or self.running:
            return None
        path = Path(text)
        ctx = self._app.services

        def work(control: TaskControl) -> ImportReport:
            return importing.import_clients(
                ctx, path=path, dry_run=dry_run,
                progress=lambda done, total: control.progress(done, total),
                should_cancel=lambda: control.cancelled,
            )

        self.report = None
        label = _("Checking {file}") if dry_run else _("Importing {file}")
        self._task = self._app.tasks.run(
            work, label=label.format(file=path.name), on_done=self._done, on_error=self._failed,
            on_progress=self._progressed, cancellable=True,
        )
        self.result_label.hide()
        self.table.hide()
        self._set_running(True)
        return self._task

    def cancel(self) -> None:
        """Stop the running check or import (an import writes nothing when cancelled)."""
        if self._task is not None:
            self._task.cancel()
            self.cancel_button.setEnabled(False)
            self.progress.setFormat(_("Cancelling…"))

    def _set_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)
        self.progress.setRange(0, 0)
        self.progress.setFormat("%p%")
        for widget in (self.path_edit, self.browse_button):
            widget.setEnabled(not running)
        self._update_buttons()

    def _update_buttons(self) -> None:
        ready = bool(self.path_edit.text().strip()) and not self.running
        self.check_button.setEnabled(ready)
        self.import_button.setEnabled(ready)

    def _progressed(self, done: int, total: int, _message: str) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _task_ended(self, task: Task) -> None:
        if task is not self._task:
            return
        if task.control.cancelled and self.report is None:
            self._cancelled()
        self._task = None
        self._set_running(False)
        if self._close_when_done:
            super().reject()

    # -- outcome --------------------------------------------------------------------------

    def _say(self, text: str, ok: bool) -> None:
        self.result_label.setText(text)
        set_role(self.result_label, "banner-ok" if ok else "banner-error")
        self.result_label.show()

    def _done(self, report: ImportReport) -> None:
        self.report = report
        if report.cancelled:
            self._cancelled()
            return
        if report.errors:
            self._say(self._problems_found(report), ok=False)
            self.model.set_errors(report.errors)
            self.table.verticalHeader().setSectionResizeMode(
                QHeaderView.ResizeMode.ResizeToContents if len(report.errors) <= WRAPPED_ROWS
                else QHeaderView.ResizeMode.Interactive)
            self.table.show()
            self.table.setFocus()
        elif report.dry_run:
            self._say(fill(ngettext(
                "The one row is correct. Choose Import to add it.",
                "All {count} rows are correct. Choose Import to add them.", report.rows_read,
            ), count=report.rows_read), ok=True)
        else:
            self._say(fill(ngettext(
                "Imported {count} client.", "Imported {count} clients.", report.imported,
            ), count=report.imported), ok=True)
        self.finished_import.emit(report)

    def _problems_found(self, report: ImportReport) -> str:
        count = len(report.errors)
        problems = fill(ngettext("{count} problem", "{count} problems", count), count=count)
        count = len(report.bad_lines)
        where = fill(ngettext("{count} line", "{count} lines", count), count=count)
        count = report.rows_read
        client_rows = fill(
            ngettext("{count} client row", "{count} client rows", count), count=count)
        if report.dry_run:
            text = _("The check found {problems} on {lines} (the file has {rows}). Correct the "
                     "file, then check it again.")
        else:
            text = _("Nothing was imported: {problems} on {lines} (the file has {rows}). Correct "
                     "the file and try again.")
        return text.format(problems=problems, lines=where, rows=client_rows)

    def _failed(self, exc: BaseException) -> None:
        self._say(_("The file could not be read: {problem}").format(problem=exc), ok=False)

    def _cancelled(self) -> None:
        self._say(_("Cancelled. Nothing was imported."), ok=False)

    def reject(self) -> None:
        """Close; a running import is cancelled first (and writes nothing)."""
        if self.running:
            self._close_when_done = True
            self.cancel()
            return
        super().reject()
