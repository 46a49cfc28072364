"""PDF pages as images, for the preview and the printer: pdfium (pypdfium2) draws each page.

Runs in a worker. Every use of pdfium holds the one lock of ``otdesk.reports.pdfium`` (pdfium
is not safe from two threads at once); its drawing call releases Python's lock (ctypes), so
the GUI thread keeps running while a page is drawn. Pages come out as ``QImage`` (safe to
make off the GUI thread); the GUI thread turns them into pixmaps.
"""

from __future__ import annotations

from collections.abc import Callable

import pypdfium2 as pdfium
from PySide6.QtGui import QImage

from otdesk.reports.pdfium import PDFIUM

POINTS_PER_INCH = 72.0
# A page for the printer is drawn at the printer's resolution up to this: 300 dots per inch
# is sharp on paper, and an A4 page at 1,200 would take over half a gigabyte as an image.
MAX_PRINT_DPI = 300

PageDone = Callable[[int, int, QImage], None]  # (page index, page count, image)


def page_count(pdf: bytes) -> int:
    """How many pages the PDF has."""
    with PDFIUM:
        document = pdfium.PdfDocument(pdf)
        try:
            return len(document)
        finally:
            document.close()


def _image(page: pdfium.PdfPage, dpi: float) -> QImage:
    # BGRx in memory is Qt's RGB32 on a little-endian machine (every platform otdesk runs on).
    bitmap = page.render(scale=dpi / POINTS_PER_INCH, prefer_bgrx=True)
    try:
        image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                       QImage.Format.Format_RGB32)
        # A copy that owns its pixels: the bitmap's buffer is freed below.
        return image.copy()
    finally:
        bitmap.close()


def rasterise(pdf: bytes, dpi: float, on_page: PageDone,
              should_stop: Callable[[], bool] = lambda: False) -> int:
    """Draw each page of ``pdf`` at ``dpi`` and hand it to ``on_page`` in order; returns the
    page count. Stops early (quietly) once ``should_stop()`` says so."""
    with PDFIUM:
        document = pdfium.PdfDocument(pdf)
    try:
        with PDFIUM:
            total = len(document)
        for index in range(total):
            if should_stop():
                break
            with PDFIUM:
                page = document[index]
                try:
                    image = _image(page, dpi)
                finally:
                    page.close()
            # Outside the lock: the caller may paint the image on a printer, which takes time.
            on_page(index, total, image)
        return total
    finally:
        with PDFIUM:
            document.close()


def print_dpi(printer_dpi: int) -> int:
    """The resolution to draw pages at for a printer of ``printer_dpi``."""
    return max(72, min(printer_dpi, MAX_PRINT_DPI))
