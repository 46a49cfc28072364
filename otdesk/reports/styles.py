"""The named paragraph styles every document uses, in normal and large print.

Documents ask for a style by name (``styles["body"]``), never build their own, so the look
of every printed page is set here. Large print scales every size (body text 16 pt instead of
11 pt) and keeps the same names.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from otdesk.reports.fonts import BOLD, ITALIC, REGULAR, register_fonts

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#4d4d4d")
RULE = colors.HexColor("#8c8c8c")
SHADE = colors.HexColor("#eeeeee")
ACCENT = colors.HexColor("#1f4e79")


@dataclass(frozen=True)
class Styles:
    """The styles of one document, by name, and the sizes page furniture uses."""

    by_name: dict[str, ParagraphStyle]
    large_print: bool
    body_size: float
    small_size: float

    def __getitem__(self, name: str) -> ParagraphStyle:
        return self.by_name[name]


def make_styles(*, large_print: bool = False, body_size: float | None = None) -> Styles:
    """The named styles: body text at ``body_size`` points (11, or 16 in large print)."""
    register_fonts()
    body = body_size or (16.0 if large_print else 10.5)
    small = max(7.5, body * 0.78) if not large_print else 12.0
    lead = 1.3

    def style(name: str, **kw: object) -> ParagraphStyle:
        values: dict[str, object] = {
            "fontName": REGULAR, "fontSize": body, "leading": body * lead,
            "textColor": INK, "alignment": TA_LEFT,
        }
        values.update(kw)
        size = float(values["fontSize"])  # type: ignore[arg-type]
        values.setdefault("leading", size * lead)
        return ParagraphStyle(name, **values)

    def heading(name: str, size: float, before: float, after: float) -> ParagraphStyle:
        return style(name, fontName=BOLD, fontSize=size, leading=size * 1.25,
                     spaceBefore=before, spaceAfter=after, textColor=ACCENT, keepWithNext=1)

    named = {
        "title": heading("title", body * 1.75, 0, body * 0.4),
        "subtitle": style("subtitle", fontSize=body * 1.05, leading=body * 1.4,
                          textColor=MUTED, spaceAfter=body * 0.6),
        "h1": heading("h1", body * 1.35, body * 1.1, body * 0.35),
        "h2": heading("h2", body * 1.1, body * 0.8, body * 0.25),
        "body": style("body", spaceAfter=body * 0.35),
        "body_tight": style("body_tight"),
        "label": style("label", fontName=BOLD),
        "muted": style("muted", textColor=MUTED, fontSize=small, leading=small * lead),
        "small": style("small", fontSize=small, leading=small * 1.25),
        "small_bold": style("small_bold", fontName=BOLD, fontSize=small, leading=small * 1.25),
        "small_right": style("small_right", fontSize=small, leading=small * 1.25,
                             alignment=TA_RIGHT),
        "small_center": style("small_center", fontSize=small, leading=small * 1.25,
                              alignment=TA_CENTER),
        "cell": style("cell", fontSize=body * 0.92, leading=body * 0.92 * 1.25),
        "cell_label": style("cell_label", fontName=BOLD, fontSize=body * 0.92,
                            leading=body * 0.92 * 1.25),
        "bullet": style("bullet", leftIndent=body * 1.5, bulletIndent=body * 0.4,
                        bulletFontName=REGULAR, bulletFontSize=body, spaceAfter=body * 0.25),
        "note": style("note", fontName=ITALIC, textColor=MUTED, spaceAfter=body * 0.35),
        "notice": style("notice", fontName=BOLD, backColor=SHADE, borderPadding=body * 0.4,
                        spaceBefore=body * 0.5, spaceAfter=body * 0.8),
        "letterhead": style("letterhead", fontName=BOLD, fontSize=body * 1.3,
                            leading=body * 1.6, textColor=ACCENT),
        "letterhead_small": style("letterhead_small", fontSize=small, leading=small * 1.3,
                                  textColor=MUTED),
    }
    return Styles(named, large_print, body, small)
