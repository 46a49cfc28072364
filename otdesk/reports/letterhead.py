"""The clinic's letterhead at the top of a document's first page: name, address, phone, the
clinic's own line of text, and its logo when one is set and readable."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image, Paragraph, Table, TableStyle

from otdesk.reports.styles import RULE, Styles
from otdesk.reports.text import user_text


@dataclass(frozen=True)
class Letterhead:
    """The clinic as its settings name it (all the clinic's own text)."""

    name: str
    address: str = ""
    phone: str = ""
    text: str = ""
    logo_path: str = ""


LOGO_HEIGHT = 16 * mm


def _logo(path: str) -> Image | None:
    """The logo scaled to the letterhead's height; None when the file is missing or is not
    an image ReportLab can read (a letterhead without a logo, rather than no document)."""
    if not path or not Path(path).is_file():
        return None
    try:
        reader = ImageReader(path)
        width, height = reader.getSize()
    except Exception:  # any unreadable image is just left out
        return None
    if not width or not height:
        return None
    scale = LOGO_HEIGHT / height
    return Image(path, width=width * scale, height=LOGO_HEIGHT)


def letterhead_block(styles: Styles, head: Letterhead, width: float) -> list[Flowable]:
    """The letterhead as flowables (nothing when the clinic has no name or address yet)."""
    lines: list[Flowable] = []
    if head.name:
        lines.append(Paragraph(user_text(head.name, line_breaks=False), styles["letterhead"]))
    # The clinic's own letterhead lines, when set, stand for its address and phone (they
    # usually hold them); a line repeating the name is not printed twice.
    own = [line for line in head.text.splitlines()
           if line.strip() and line.strip() != head.name.strip()]
    if own:
        lines.append(Paragraph(user_text("\n".join(own)), styles["letterhead_small"]))
    else:
        contact = " · ".join(part for part in (head.address.replace("\n", ", "), head.phone)
                             if part)
        if contact:
            lines.append(Paragraph(user_text(contact), styles["letterhead_small"]))
    if not lines:
        return []
    logo = _logo(head.logo_path)
    cells: list[list[object]]
    if logo is not None:
        cells = [[lines, logo]]
        widths = [width - logo.drawWidth - 4 * mm, logo.drawWidth + 4 * mm]
    else:
        cells = [[lines]]
        widths = [width]
    table = Table(cells, colWidths=widths, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (-1, 0), (-1, 0), "RIGHT"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, RULE),
    ]))
    return [table]
