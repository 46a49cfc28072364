"""pdfium (pypdfium2) for what otdesk does with finished PDFs: joining several into one here,
drawing pages for the preview and the printer in the desktop.

pdfium is not safe to call from two threads at once, so every use, in any layer, holds
``PDFIUM``. Its calls go through ctypes, which lets go of Python's lock while pdfium works:
a batch joined here or a page drawn in a worker does not hold up the GUI thread, and the
pages pdfium holds are not Python objects the garbage collector walks through.
"""

from __future__ import annotations

import threading
from io import BytesIO

import pypdfium2 as pdfium

PDFIUM = threading.Lock()


class JoinedPdf:
    """One PDF made of whole documents appended in order (a batch into one file).

    Each document's pages are copied in as they come, so only the joined document is kept,
    never the documents it was made from. ``close()`` frees it (a ``with`` block does too).
    """

    def __init__(self) -> None:
        with PDFIUM:
            self._joined = pdfium.PdfDocument.new()

    def append(self, pdf: bytes) -> None:
        """Copy every page of ``pdf`` to the end."""
        with PDFIUM:
            source = pdfium.PdfDocument(pdf)
            try:
                self._joined.import_pages(source)
            finally:
                source.close()

    def to_bytes(self) -> bytes:
        """The joined PDF."""
        buffer = BytesIO()
        with PDFIUM:
            self._joined.save(buffer)
        return buffer.getvalue()

    def close(self) -> None:
        """Free the joined document."""
        with PDFIUM:
            self._joined.close()

    def __enter__(self) -> JoinedPdf:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
