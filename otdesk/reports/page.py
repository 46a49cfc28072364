"""The one page frame every printed document shares, and the build that writes it to bytes.

Each page carries a header (the client's name, record number and date of birth) and a footer
(the document and its version, who printed it and when, the printed-copy number, "Page x of
y" and a confidentiality line). Documents give a story of flowables and optional hooks that
draw more on the first or later pages (a logo); ``build_pdf`` lays the story out on an
A4 page with a first-page and a later-page template. "of y" needs the page count, known only
at the end: the canvas keeps every page until it is saved, then writes the numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from io import BytesIO
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph

from otdesk.domain.translation import _, fill, format_date
from otdesk.reports.fonts import BOLD, REGULAR, register_fonts
from otdesk.reports.styles import MUTED, RULE, Styles
from otdesk.reports.text import label_text, user_text, visual

PageHook = Callable[[Canvas, "ReportDocument"], None]


@dataclass(frozen=True)
class ClientLine:
    """Who the document is about, as every page's header names them."""

    name: str
    record_number: str
    date_of_birth: date | None


@dataclass(frozen=True)
class PrintStamp:
    """What the footer of every page says about this printed copy.

    ``copy_number`` is None for a preview, which says so instead of a number.
    ``document`` and ``version`` are already in the document's language.
    """

    document: str
    version: str
    printed_by: str
    printed_at: datetime
    copy_number: int | None
    confidentiality: str = ""


@dataclass
class PageHooks:
    """Extra drawing on the first page or on the later pages (after header and footer)."""

    first_page: PageHook | None = None
    later_pages: PageHook | None = None
    extra: dict[str, Any] = field(default_factory=dict)


PAGE_WIDTH, PAGE_HEIGHT = A4
SIDE_MARGIN = 18 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * SIDE_MARGIN


def page_label(page: int, pages: int) -> str:
    """ "Page 2 of 5" in the document's language."""
    return fill(_("Page {page} of {pages}"), page=page, pages=pages)


def confidentiality_line() -> str:
    """The confidentiality line printed on every page unless a document gives its own."""
    return _("Confidential: this page holds personal health information. Keep it safe and "
             "shred it when no longer needed.")


def copy_label(copy_number: int | None) -> str:
    """ "Copy no. 1234", or the words a preview carries instead."""
    if copy_number is None:
        return _("Preview, not a recorded copy")
    return fill(_("Copy no. {number}"), number=str(copy_number))


class ReportDocument(BaseDocTemplate):  # type: ignore[misc]
    """A4 pages with a header and a footer on each, and a first and a later page template."""

    def __init__(self, out: BytesIO, *, client: ClientLine, stamp: PrintStamp, styles: Styles,
                 title: str, hooks: PageHooks | None = None, author: str = "") -> None:
        self.client = client
        self.stamp = stamp
        self.styles = styles
        self.hooks = hooks or PageHooks()
        small = styles.small_size
        self.header_height = small * 3.6  # room for two lines when the name is long
        # Three lines, and a fourth for a confidentiality line that wraps (large print).
        self.footer_height = small * 1.3 * 4 + 6
        top = 12 * mm + self.header_height
        bottom = 10 * mm + self.footer_height
        super().__init__(
            out, pagesize=A4, leftMargin=SIDE_MARGIN, rightMargin=SIDE_MARGIN,
            topMargin=top, bottomMargin=bottom, title=title, author=author,
            creator="otdesk", subject=stamp.document, allowSplitting=1,
        )
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height,
                      id="body", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([
            PageTemplate(id="first", frames=[frame], onPage=self._first,
                         autoNextPageTemplate="later"),
            PageTemplate(id="later", frames=[frame], onPage=self._later),
        ])

    def _first(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        self._furniture(canvas)
        if self.hooks.first_page is not None:
            self.hooks.first_page(canvas, self)

    def _later(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        self._furniture(canvas)
        if self.hooks.later_pages is not None:
            self.hooks.later_pages(canvas, self)

    def _draw(self, canvas: Canvas, markup: str, style_name: str, x: float, y_top: float,
              width: float) -> None:
        para = Paragraph(markup, self.styles[style_name])
        _w, h = para.wrap(width, PAGE_HEIGHT)
        para.drawOn(canvas, x, y_top - h)

    def _furniture(self, canvas: Canvas) -> None:
        canvas.saveState()
        self._header(canvas)
        self._footer(canvas)
        canvas.restoreState()

    def _header_rule(self, canvas: Canvas) -> None:
        top = PAGE_HEIGHT - 12 * mm
        rule_y = top - self.header_height + 4
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(self.leftMargin, rule_y, self.leftMargin + self.width, rule_y)

    def _header(self, canvas: Canvas) -> None:
        """The client's name, record number and date of birth over a rule (a document about
        something other than one client draws its own)."""
        left, width = self.leftMargin, self.width
        top = PAGE_HEIGHT - 12 * mm
        client = self.client
        name = f"<b>{user_text(client.name, line_breaks=False)}</b>"
        ident = [fill(_("Record no. {number}"), number=client.record_number)]
        if client.date_of_birth is not None:
            ident.append(fill(_("Date of birth {date}"), date=format_date(client.date_of_birth)))
        ident_markup = user_text("   ·   ".join(ident), line_breaks=False)
        name_width = stringWidth(visual(client.name), BOLD, self.styles.small_size)
        ident_width = stringWidth(visual("   ·   ".join(ident)), REGULAR,
                                  self.styles.small_size)
        if name_width + ident_width + 8 * mm <= width:
            self._draw(canvas, name, "small", left, top, width)
            self._draw(canvas, ident_markup, "small_right", left, top, width)
        else:  # the identification goes under the name rather than over it
            self._draw(canvas, name, "small", left, top, width)
            self._draw(canvas, ident_markup, "small", left,
                       top - self.styles.small_size * 1.25, width)
        self._header_rule(canvas)

    def _footer(self, canvas: Canvas) -> None:
        """Document and version, who printed it and when, the copy number, confidentiality."""
        left, width = self.leftMargin, self.width
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        stamp = self.stamp
        base = 10 * mm + self.footer_height
        canvas.line(left, base, left + width, base)
        doc_line = fill(_("{document}, {version}"), document=stamp.document, version=stamp.version)
        printed = fill(_("Printed by {name} on {date} at {time}"), name=stamp.printed_by,
                       date=format_date(stamp.printed_at.date()),
                       time=stamp.printed_at.strftime("%H:%M"))
        line = self.styles.small_size * 1.3
        y = base - 3
        self._draw(canvas, label_text(doc_line), "small", left, y, width * 0.7)
        # "Page x of y" is drawn by the canvas once it knows the count (NumberedCanvas).
        y -= line
        self._draw(canvas, user_text(printed, line_breaks=False), "small", left, y, width * 0.7)
        self._draw(canvas, f"<b>{label_text(copy_label(stamp.copy_number))}</b>", "small_right",
                   left + width * 0.5, y, width * 0.5)
        y -= line
        confidential = stamp.confidentiality or confidentiality_line()
        canvas.setFillColor(MUTED)
        self._draw(canvas, label_text(confidential), "small", left, y, width)


def numbered_canvas(styles: Styles, y: float) -> type[Canvas]:
    """A canvas class that keeps its pages until saved, then writes "Page x of y" on each at
    height ``y``, right-aligned."""
    size = styles.small_size

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            count = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(REGULAR, size)
                self.setFillColor(MUTED)
                self.drawRightString(PAGE_WIDTH - SIDE_MARGIN, y,
                                     page_label(self._pageNumber, count))
                super().showPage()
            super().save()

    return NumberedCanvas


def build_pdf(story: Sequence[Flowable], *, client: ClientLine, stamp: PrintStamp,
              styles: Styles, title: str, hooks: PageHooks | None = None,
              author: str = "") -> bytes:
    """Lay ``story`` out on the shared pages and return the PDF's bytes."""
    register_fonts()
    out = BytesIO()
    doc = ReportDocument(out, client=client, stamp=stamp, styles=styles, title=title,
                         hooks=hooks, author=author)
    first_footer_line = 10 * mm + doc.footer_height - 3 - styles.small_size
    doc.build(list(story), canvasmaker=numbered_canvas(styles, first_footer_line))
    return out.getvalue()
