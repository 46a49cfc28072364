"""The user's text made safe for a Platypus paragraph: escaped, and right-to-left runs in order.

A paragraph's text is markup: ``<b>`` or ``&`` typed in a note would be read as a tag or an
entity, so every text a user typed goes through ``user_text`` (fixed labels of our own may
carry our own tags). Right-to-left runs (Arabic, Hebrew) are put in visual order by
python-bidi's ``get_display`` while the paragraph itself stays left to right, so that a label
like "Name:" keeps its place; ReportLab shapes (joins) Arabic letters through uharfbuzz, and
the PDF's text layer keeps the original characters.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from bidi import get_display

# Letters of right-to-left scripts: Hebrew, Arabic (with supplements and presentation forms),
# Syriac, Thaana, N'Ko.
_RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def has_rtl(text: str) -> bool:
    """Whether ``text`` holds any right-to-left letter."""
    return _RTL.search(text) is not None


def visual(text: str) -> str:
    """``text`` with its right-to-left runs in visual order, line by line (left-to-right text
    comes back unchanged)."""
    if not has_rtl(text):
        return text
    return "\n".join(get_display(line, base_dir="L") for line in text.split("\n"))


def user_text(text: str, *, line_breaks: bool = True) -> str:
    """Paragraph markup that prints ``text`` exactly as typed: escaped, in visual order, line
    breaks kept as ``<br/>`` (or folded to spaces when ``line_breaks`` is off)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    shown = escape(visual(text))
    if line_breaks:
        return shown.replace("\n", "<br/>")
    return shown.replace("\n", " ")


def paragraphs_of(text: str) -> list[str]:
    """``text`` split at blank lines into paragraph markup (each as ``user_text``), so a long
    note flows across pages a paragraph at a time."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = [block.strip("\n") for block in re.split(r"\n\s*\n", text)]
    return [user_text(block) for block in blocks if block.strip()]


def label_text(text: str) -> str:
    """A fixed label or message of ours (already translated), escaped like user text; a
    translation may hold ``&`` ("R&D") and must not break the markup."""
    return escape(text)
