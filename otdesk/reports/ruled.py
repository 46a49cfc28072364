"""Ruled tables of the clinical documents (home modifications, assessment summary): a shaded
header repeated on every page, rows split between pages, chosen rows in bold, and cells given
as ready markup so each document decides what is user text and what is its own.

A cell never holds text long enough to outgrow a page: ``fits`` tells a document when a text
must go under the table as paragraphs instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Table, TableStyle

from otdesk.reports.blocks import CELL_LIMIT
from otdesk.reports.fonts import BOLD
from otdesk.reports.styles import RULE, SHADE, Styles
from otdesk.reports.text import label_text


def fits(text: str) -> bool:
    """Whether ``text`` is short enough for a table cell."""
    return len(text) <= CELL_LIMIT and text.count("\n") < 12


PADDING = 3  # points left and right of each cell


def header_widths(header: Sequence[str], widths: Sequence[float],
                  style: ParagraphStyle) -> list[float]:
    """``widths`` changed so that no header word is broken across lines: a column too narrow
    for its longest header word takes the room it needs from the columns with room to spare
    (in proportion to what each can give), so the table keeps its width unless the others
    cannot give enough. Large print and longer words in another language otherwise print
    "Minut / es"."""
    need = [max((stringWidth(word, style.fontName, style.fontSize) for word in h.split()),
                default=0.0) + 2 * PADDING + 0.5 for h in header]
    short = sum(max(0.0, n - w) for n, w in zip(need, widths, strict=True))
    spare = [max(0.0, w - n) for n, w in zip(need, widths, strict=True)]
    if short <= 0 or sum(spare) <= 0:
        return list(widths)
    share = min(1.0, short / sum(spare))
    return [n if n > w else w - s * share
            for n, w, s in zip(need, widths, spare, strict=True)]


def ruled(styles: Styles, header: Sequence[str], rows: Sequence[Sequence[str]],
          widths: Sequence[float], *, bold_rows: Sequence[int] = (),
          compact: bool = False) -> Table:
    """A table with ``header`` (our labels, escaped here) over ``rows`` of cell markup (the
    caller escapes user text); ``bold_rows`` (0 = the first data row) in bold; ``compact``
    in the small type, for tables of many narrow columns (always in large print, where the
    small type is still 12 points)."""
    plain, bold = ((styles["small"], ParagraphStyle("small_bold", parent=styles["small"],
                                                    fontName=BOLD))
                   if compact or styles.large_print else (styles["cell"], styles["cell_label"]))
    data = [[Paragraph(label_text(h), bold) for h in header]]
    for index, row in enumerate(rows):
        style = bold if index in bold_rows else plain
        data.append([Paragraph(cell, style) for cell in row])
    table = Table(data, colWidths=header_widths(header, widths, bold), repeatRows=1,
                  hAlign="LEFT", splitByRow=1)
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]))
    return table
