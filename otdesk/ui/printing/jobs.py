"""The print dialog's work, run in a worker: a preview, a print to a printer, a saved PDF.

Each gets plain data (the service context, the document's kind and reference, the options)
and a ``TaskControl``; none touches a widget. The printer is a paint device, not a widget:
Qt lets one thread at a time paint on it, and the dialog leaves it alone while a job runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter

from otdesk.domain.errors import OtdeskError
from otdesk.domain.translation import _, fill
from otdesk.services import printing
from otdesk.services.context import Context
from otdesk.services.printing import PrintOptions, PrintResult
from otdesk.ui.printing.raster import print_dpi, rasterise
from otdesk.ui.shell.tasks import TaskControl

PREVIEW_DPI = 110  # sharp enough on screen at 100%, small enough to draw quickly


class PrintingError(OtdeskError):
    """The printer could not be used (the sentence says what to check)."""


@dataclass(frozen=True)
class Job:
    """Which document to print, for which record, how."""

    ctx: Context
    kind: str
    ref: str
    options: PrintOptions


@dataclass(frozen=True)
class Preview:
    """A preview's pages and what the document left out."""

    result: PrintResult
    pages: list[QImage]


def preview(job: Job, control: TaskControl, dpi: float = PREVIEW_DPI) -> Preview:
    """The document rendered as a preview (nothing recorded) and its pages drawn."""
    control.progress(0, 0, _("Preparing the document…"))
    result = printing.render(job.ctx, job.kind, job.ref, job.options, record=False)
    control.check()
    pages: list[QImage] = []

    def page_done(index: int, total: int, image: QImage) -> None:
        pages.append(image)
        control.progress(index + 1, total, fill(_("Drawing page {page} of {pages}…"),
                                                page=index + 1, pages=total))

    rasterise(result.pdf_bytes, dpi, page_done, lambda: control.cancelled)
    control.check()
    return Preview(result, pages)


def save_pdf(job: Job, path: Path, control: TaskControl) -> PrintResult:
    """The recorded copy written to ``path`` (its audit event names the file)."""
    control.progress(0, 0, _("Preparing the recorded copy…"))
    result = printing.render(job.ctx, job.kind, job.ref, job.options, record=True,
                             target=str(path))
    try:
        path.write_bytes(result.pdf_bytes)
    except OSError as exc:
        raise PrintingError(fill(_("The PDF could not be written to {path}: {reason}. "
                                   "Printed copy {copy} was recorded but not saved."),
                                 path=str(path), reason=exc.strerror or str(exc),
                                 copy=str(result.copy_number))) from exc
    return result


def page_target(paint_width: float, paint_height: float, image_width: int,
                image_height: int) -> QRectF:
    """Where a page image goes in the printer's paint area: as large as fits, its shape
    kept, centred across and at the top."""
    scale = min(paint_width / image_width, paint_height / image_height)
    width, height = image_width * scale, image_height * scale
    return QRectF((paint_width - width) / 2, 0, width, height)


def print_to(job: Job, printer: QPrinter, control: TaskControl) -> PrintResult:
    """The recorded copy printed on ``printer``, page by page (its audit event names the
    printer)."""
    control.progress(0, 0, _("Preparing the recorded copy…"))
    name = printer.printerName() or printer.outputFileName()
    result = printing.render(job.ctx, job.kind, job.ref, job.options, record=True,
                             target=name)
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintingError(fill(_("The printer {printer} could not be started. Check that it "
                                   "is switched on and connected. Printed copy {copy} was "
                                   "recorded but not printed."),
                                 printer=name or _("(no name)"), copy=str(result.copy_number)))
    try:
        area = printer.pageLayout().paintRectPixels(printer.resolution())

        def page_done(index: int, total: int, image: QImage) -> None:
            if index:
                printer.newPage()
            painter.drawImage(page_target(area.width(), area.height(), image.width(),
                                          image.height()), image)
            control.progress(index + 1, total, fill(_("Printing page {page} of {pages}…"),
                                                    page=index + 1, pages=total))

        rasterise(result.pdf_bytes, print_dpi(printer.resolution()), page_done)
    finally:
        painter.end()
    return result
