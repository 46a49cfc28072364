"""Reading printed PDFs back in tests: each page's text (pdftotext keeps right-to-left
runs as typed), and qpdf's structural check."""

from __future__ import annotations

import re
import shutil
import subprocess
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader

# The directional marks pdftotext puts around right-to-left runs; not part of the text.
_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def page_texts(pdf: bytes, tmp_path: Path) -> list[str]:
    """The text of each page, as pdftotext extracts it (marks of direction removed)."""
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    count = len(PdfReader(BytesIO(pdf)).pages)
    texts = []
    for page in range(1, count + 1):
        done = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-f", str(page), "-l", str(page), str(path), "-"],
            capture_output=True, check=True,
        )
        texts.append(_MARKS.sub("", done.stdout.decode("utf-8")))
    return texts


def flat(text: str) -> str:
    """Whitespace folded to single spaces, so wrapped lines compare as one."""
    return " ".join(text.split())


def qpdf_check(pdf: bytes, tmp_path: Path) -> None:
    """Fail unless ``qpdf --check`` finds the file sound."""
    path = tmp_path / "checked.pdf"
    path.write_bytes(pdf)
    done = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def tools_missing() -> str | None:
    """Why the PDF tools cannot run here (None when they can)."""
    for tool in ("pdftotext", "qpdf"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (poppler-utils, qpdf)"
    return None
