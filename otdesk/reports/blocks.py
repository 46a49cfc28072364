"""Building blocks of a document's story: headings, facts, lists, long text, signature lines.

Every block takes texts already in the document's language. ``user`` texts (what someone
typed) are escaped and put in visual order here; nothing a user typed is ever read as markup.
Long text is never put in a table cell (a cell taller than a page cannot be laid out): facts
with a long value fall back to paragraphs, and notes flow paragraph by paragraph.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from otdesk.domain.translation import _
from otdesk.reports.styles import RULE, SHADE, Styles
from otdesk.reports.text import label_text, paragraphs_of, user_text

# A value longer than this is printed as a paragraph under its label, never in a table cell.
CELL_LIMIT = 600


def heading(styles: Styles, text: str, level: int = 1) -> Paragraph:
    """A section heading (level 1 or 2) that stays with what follows it."""
    return Paragraph(label_text(text), styles["h1" if level == 1 else "h2"])


def section(styles: Styles, title: str, body: Sequence[Flowable]) -> list[Flowable]:
    """A heading and its blocks; a new page first when less than a few lines are left, and
    the heading never alone at the foot of a page (it keeps to its first block)."""
    if not body:
        return [CondPageBreak(styles.body_size * 6), heading(styles, title)]
    return [CondPageBreak(styles.body_size * 6),
            keep_together([heading(styles, title), body[0]]), *body[1:]]


def keep_together(flowables: Sequence[Flowable]) -> KeepTogether:
    """``flowables`` on one page if they fit. A KeepTogether among them is opened up first:
    ReportLab moves a KeepTogether nested in another to a new page even when both fit."""
    flat: list[Flowable] = []
    for f in flowables:
        if isinstance(f, KeepTogether):
            flat.extend(f._content)
        else:
            flat.append(f)
    return KeepTogether(flat)


def para(styles: Styles, text: str, style: str = "body") -> Paragraph:
    """One paragraph of user text (escaped, line breaks kept)."""
    return Paragraph(user_text(text), styles[style])


def fixed(styles: Styles, text: str, style: str = "body") -> Paragraph:
    """One paragraph of our own fixed text (translated, escaped)."""
    return Paragraph(label_text(text), styles[style])


def long_text(styles: Styles, text: str, style: str = "body") -> list[Flowable]:
    """User text of any length, one paragraph per blank-line-separated block, so it flows
    across as many pages as it needs."""
    return [Paragraph(markup, styles[style]) for markup in paragraphs_of(text)]


def labelled(styles: Styles, label: str, text: str, style: str = "body") -> Paragraph:
    """ "Label: value" as one paragraph (label ours, value the user's)."""
    return Paragraph(f"<b>{label_text(label)}</b> {user_text(text)}", styles[style])


def facts(styles: Styles, rows: Iterable[tuple[str, str]], *, label_width: float = 42 * mm,
          width: float | None = None) -> list[Flowable]:
    """Label and value pairs as a two-column table (rows with an empty value left out). A
    value longer than ``CELL_LIMIT`` characters comes after the table as its own paragraphs."""
    short: list[list[Flowable]] = []
    long: list[Flowable] = []
    for label, value in rows:
        if not value:
            continue
        if len(value) > CELL_LIMIT:
            long.append(Paragraph(f"<b>{label_text(label)}</b>", styles["body_tight"]))
            long.extend(long_text(styles, value))
            continue
        short.append([Paragraph(label_text(label), styles["cell_label"]),
                      Paragraph(user_text(value), styles["cell"])])
    out: list[Flowable] = []
    if short:
        widths = [label_width, None] if width is None else [label_width, width - label_width]
        table = Table(short, colWidths=widths, hAlign="LEFT", splitByRow=1)
        table.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ]))
        out.append(table)
    out.extend(long)
    return out


def bullets(styles: Styles, items: Iterable[str], *, user: bool = True) -> list[Flowable]:
    """A bulleted list, one paragraph per item (``user`` texts escaped, else our own)."""
    convert = user_text if user else label_text
    return [Paragraph(convert(item), styles["bullet"], bulletText="•") for item in items]


def grid(styles: Styles, header: Sequence[str], rows: Sequence[Sequence[str]],
         col_widths: Sequence[float] | None = None) -> Table:
    """A ruled table of short user values with a shaded header row repeated on each page.
    Callers keep long text out of it (``facts`` or ``long_text`` instead)."""
    data: list[list[Flowable]] = [[Paragraph(label_text(h), styles["cell_label"])
                                   for h in header]]
    data += [[Paragraph(user_text(v[:CELL_LIMIT * 2]), styles["cell"]) for v in row]
             for row in rows]
    table = Table(data, colWidths=list(col_widths) if col_widths else None, repeatRows=1,
                  hAlign="LEFT", splitByRow=1)
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]))
    return table


def notice(styles: Styles, text: str) -> Paragraph:
    """A shaded, bold notice (what a handout leaves out, a preview mark)."""
    return Paragraph(label_text(text), styles["notice"])


def spacer(styles: Styles, lines: float = 1.0) -> Spacer:
    """Vertical space of ``lines`` body lines."""
    return Spacer(1, styles.body_size * 1.3 * lines)


def signature_lines(styles: Styles, labels: Sequence[str], width: float) -> KeepTogether:
    """Lines to sign on, each with a label under it (name and role) and a date line."""
    line_style = TableStyle([
        ("LINEABOVE", (0, 1), (0, 1), 0.6, RULE),
        ("LINEABOVE", (2, 1), (2, 1), 0.6, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
    ])
    blocks: list[Flowable] = []
    for label in labels:
        table = Table(
            [["", "", ""],
             [Paragraph(label_text(label), styles["small"]), "",
              Paragraph(label_text(_("Date")), styles["small"])]],
            colWidths=[width * 0.6, width * 0.08, width * 0.32],
            rowHeights=[styles.body_size * 2.4, None],
        )
        table.setStyle(line_style)
        blocks.append(table)
    return KeepTogether(blocks)
