"""The print dialog for one document: options, a preview of its pages, then Print or Save.

The preview is rendered and its pages drawn in a worker (``jobs.preview``); only the finished
images come back and are shown. What the document left out, and why (a handout without the
family's consent), is said above the pages. "Print…" asks Qt's own print dialog for a printer
and prints the recorded copy there; "Save as PDF…" writes the recorded copy to a file. Each
says its printed-copy number afterwards, the number on every page of that copy.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from otdesk.catalogues import LANGUAGES
from otdesk.domain.translation import _, current_language, fill, language_name, ngettext
from otdesk.services import printing
from otdesk.services.printing import PrintOptions, PrintResult
from otdesk.ui.parts.style import MARGIN, SPACING, UNIT, set_role
from otdesk.ui.parts.widgets import buddy_label, show_banner
from otdesk.ui.printing.documents import error_text
from otdesk.ui.printing.jobs import Job, Preview, print_to, save_pdf
from otdesk.ui.printing.jobs import preview as preview_job
from otdesk.ui.shell.app_context import AppContext
from otdesk.ui.shell.tasks import Task


def safe_file_name(text: str) -> str:
    """``text`` made fit for a file name (letters, digits, - and _ kept)."""
    kept = "".join(c if c.isalnum() or c in "-_" else "-" for c in text.strip())
    return "-".join(part for part in kept.split("-") if part) or "document"


class PrintDialog(QDialog):
    """Preview, print or save one document (``kind``) of one record (``ref``)."""

    def __init__(self, app: AppContext, kind: str, ref: str, parent: QWidget | None = None,
                 *, detail: str = "", choices: Sequence[str] = ()) -> None:
        """``detail`` names the record for the title ("Ana García (DEMO-0001)"); ``choices``
        are the kinds of document the user may switch to for the same ``ref``."""
        super().__init__(parent)
        self.app = app
        self.ref = ref
        self.recorded: PrintResult | None = None  # the last recorded copy
        self._preview: Preview | None = None
        self._task: Task | None = None
        self._busy = False  # a print or save is under way
        self._preview_number = 0
        self._detail = detail or ref
        self.heading = QLabel(self)
        set_role(self.heading, "h2")
        self.heading.setWordWrap(True)
        kinds = list(choices) if kind in choices else [kind, *choices]
        self.choice = QComboBox(self)
        for each in kinds:
            self.choice.addItem(printing.document(each).label, each)
        self.choice.setCurrentIndex(kinds.index(kind))
        self.language = QComboBox(self)
        self.large_print = QCheckBox(_("&Large print"), self)
        self.choice_label = buddy_label(_("&Document:"), self.choice, self)
        self.language_label = buddy_label(_("&Language:"), self.language, self)
        options = QHBoxLayout()
        options.setSpacing(SPACING)
        for widget in (self.choice_label, self.choice, self.language_label, self.language):
            options.addWidget(widget)
        options.addSpacing(SPACING)
        options.addWidget(self.large_print)
        options.addStretch(1)
        self.choice_label.setVisible(len(kinds) > 1)
        self.choice.setVisible(len(kinds) > 1)
        self._set_document(kind)
        self.choice.currentIndexChanged.connect(self._document_chosen)
        self.language.currentIndexChanged.connect(self.refresh_preview)
        self.large_print.toggled.connect(self.refresh_preview)

        self.omitted = QLabel(self)
        set_role(self.omitted, "banner-note")
        self.omitted.setWordWrap(True)
        self.omitted.setTextFormat(Qt.TextFormat.PlainText)
        self.omitted.hide()
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        self.status = QLabel(self)
        set_role(self.status, "muted")
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(24 * UNIT)
        self.progress.setAccessibleName(_("Progress"))
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.progress)

        self.pages = QWidget()
        self.pages.setObjectName("print-pages")
        self._pages_layout = QVBoxLayout(self.pages)
        self._pages_layout.setSpacing(2 * UNIT)
        self._pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.page_area = QScrollArea(self)
        self.page_area.setWidget(self.pages)
        self.page_area.setWidgetResizable(True)
        self.page_area.setAccessibleName(_("Preview of the pages"))
        self.page_area.setStyleSheet("QScrollArea { background: #8a939c; }"
                                  "QWidget#print-pages { background: #8a939c; }")

        self.print_button = QPushButton(_("&Print…"), self)
        set_role(self.print_button, "primary")
        self.save_button = QPushButton(_("&Save as PDF…"), self)
        self.close_button = QPushButton(_("Close"), self)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_document)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(SPACING)
        layout.addWidget(self.heading)
        layout.addLayout(options)
        layout.addWidget(self.omitted)
        layout.addWidget(self.message)
        layout.addLayout(status_row)
        layout.addWidget(self.page_area, 1)
        layout.addLayout(buttons)
        screen = self.screen().availableGeometry()
        self.resize(min(1080, screen.width() * 9 // 10), min(900, screen.height() * 9 // 10))
        self.refresh_preview()

    # -- options --------------------------------------------------------------------------

    def _set_document(self, kind: str) -> None:
        self.kind = kind
        self.document = printing.document(kind)
        title = self.document.label
        self.setWindowTitle(fill(_("Print: {document}"), document=title))
        self.heading.setText(fill(_("{document} — {record}"), document=title,
                                  record=self._detail))
        self.language.blockSignals(True)  # one new preview, not one per item
        self.language.clear()
        if self.document.language is not None:
            self.language.addItem(_("The family's language"), None)
        for code in LANGUAGES:
            self.language.addItem(language_name(code), code)
        if self.document.language is None:  # printed in the interface language unless chosen
            self.language.setCurrentIndex(max(0, self.language.findData(
                current_language().split("_")[0])))
        self.language.blockSignals(False)
        self.language_label.setVisible(self.document.takes_language)
        self.language.setVisible(self.document.takes_language)
        self.large_print.setVisible(self.document.takes_large_print)

    def _document_chosen(self) -> None:
        self._set_document(str(self.choice.currentData()))
        self.refresh_preview()

    def options(self) -> PrintOptions:
        """The options as chosen."""
        language = self.language.currentData() if self.document.takes_language else None
        return PrintOptions(language=language, large_print=self.large_print.isChecked()
                            and self.document.takes_large_print)

    def _job(self) -> Job:
        return Job(self.app.services, self.kind, self.ref, self.options())

    def _set_buttons(self) -> None:
        ready = self._preview is not None and not self._busy
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)
        self.language.setEnabled(not self._busy)
        self.choice.setEnabled(not self._busy)
        self.large_print.setEnabled(not self._busy)

    def _progressed(self, done: int, total: int, message: str) -> None:
        self.progress.show()
        self.progress.setRange(0, total)  # 0 of 0: busy without a known end
        self.progress.setValue(done)
        self.status.setText(message)

    def _show_message(self, text: str, role: str) -> None:
        show_banner(self.message, text, role)

    # -- preview --------------------------------------------------------------------------

    def refresh_preview(self) -> None:
        """Render the preview again with the options as they are now (in a worker)."""
        if self._task is not None and not self._busy:
            self._task.cancel()  # its pages would be for the old options
        self._preview = None
        self._preview_number += 1
        number = self._preview_number
        self._clear_pages()
        self._set_buttons()
        job = self._job()
        self._task = self.app.tasks.run(
            lambda control: preview_job(job, control),
            label=fill(_("Preparing {document}"), document=self.document.label),
            on_done=lambda found: self._preview_ready(number, found),
            on_error=lambda exc: self._preview_failed(number, exc),
            on_progress=lambda d, t, m: self._progressed(d, t, m) if number ==
            self._preview_number else None,
            cancellable=True,
        )

    def _clear_pages(self) -> None:
        while self._pages_layout.count():
            item = self._pages_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # gone at once, not when the event loop deletes it
                widget.deleteLater()

    def _preview_ready(self, number: int, found: Preview) -> None:
        if number != self._preview_number:
            return
        self._task = None
        self._preview = found
        self._show_omitted(found.result)
        total = len(found.pages)
        for index, image in enumerate(found.pages):
            self._pages_layout.addWidget(self._page_widget(image, index, total))
        self.progress.hide()  # done: a full bar would read as something still going on
        self.status.setText(fill(ngettext("{count} page, in {language}. This preview is not "
                                          "a recorded copy.",
                                          "{count} pages, in {language}. This preview is not "
                                          "a recorded copy.", total),
                                 count=total, language=language_name(found.result.language)))
        self._set_buttons()

    def _page_widget(self, image: QImage, index: int, total: int) -> QWidget:
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(max(1.0, self.devicePixelRatioF()))
        page = QLabel(self.pages)
        page.setPixmap(pixmap)
        page.setAccessibleName(fill(_("Page {page} of {pages}"), page=index + 1, pages=total))
        page.setStyleSheet("background: white; border: 1px solid #5b636b;")
        return page

    def _show_omitted(self, result: PrintResult) -> None:
        if not result.omitted:
            self.omitted.hide()
            return
        lines = [fill(_("{what}: {why}"), what=o.what, why=o.why) for o in result.omitted]
        self.omitted.setText("\n".join([_("Left out of this document:"), *lines]))
        self.omitted.show()

    def _preview_failed(self, number: int, exc: BaseException) -> None:
        if number != self._preview_number:
            return
        self._task = None
        self.progress.hide()
        self.status.setText(_("No preview."))
        self._show_message(fill(_("The document could not be prepared: {reason}"),
                                reason=error_text(exc)), "banner-error")
        self._set_buttons()

    # -- print and save -------------------------------------------------------------------

    def _default_file_name(self) -> str:
        return safe_file_name(f"{self.kind}-{self.ref}") + ".pdf"

    def save_document(self) -> None:
        """Ask where to save the recorded copy, then write it (in a worker)."""
        start = str(Path.home() / self._default_file_name())
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Save as PDF"), start, _("PDF documents (*.pdf)"))
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        job = self._job()
        self._start(lambda control: save_pdf(job, path, control),
                    fill(_("Saving {document}"), document=self.document.label),
                    lambda result: fill(_("Saved printed copy {copy} to {path}."),
                                        copy=str(result.copy_number), path=str(path)))

    def choose_printer(self) -> QPrinter | None:
        """Qt's print dialog; the printer chosen, or None when the user cancelled."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(fill(_("{document} {record}"), document=self.document.label,
                                record=self.ref))
        if self._preview is not None:
            printer.setFromTo(1, len(self._preview.pages))
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(fill(_("Print: {document}"), document=self.document.label))
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        return printer if accepted else None

    def print_document(self) -> None:
        """Ask which printer, then print the recorded copy there (in a worker)."""
        printer = self.choose_printer()
        if printer is None:
            return
        self._printer = printer  # kept alive, and untouched here, until the job is done
        job = self._job()
        self._start(lambda control: print_to(job, printer, control),
                    fill(_("Printing {document}"), document=self.document.label),
                    lambda result: fill(_("Printed copy {copy}."), copy=str(result.copy_number)))

    def _start(self, work: object, label: str, said: object) -> None:
        self._busy = True
        self._set_buttons()
        self._show_message("", "muted")

        def done(result: PrintResult) -> None:
            self.recorded = result
            self._show_message(said(result), "banner-ok")  # type: ignore[operator]
            self.status.setText("")
            self.progress.hide()

        def failed(exc: BaseException) -> None:
            self._show_message(error_text(exc), "banner-error")
            self.status.setText("")
            self.progress.hide()

        def finished() -> None:
            self._busy = False
            self._set_buttons()

        self.app.tasks.run(work, label=label, on_done=done, on_error=failed,  # type: ignore[arg-type]
                           on_progress=self._progressed, on_finished=finished)

    def reject(self) -> None:
        if self._busy:  # the recorded copy is being written: closing now would hide the outcome
            return
        if self._task is not None:
            self._task.cancel()
        super().reject()

