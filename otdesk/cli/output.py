"""Printing for the command line: messages, aligned tables, JSON and a progress line."""

from __future__ import annotations

import sys
import time
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

from otdesk.domain.translation import _, fill

TABLE_LIMIT = 100  # lines a table on the terminal shows unless told otherwise


def fail(message: str) -> int:
    """Print one ``otdesk:`` error line on stderr; return exit status 1."""
    print(f"otdesk: {message}", file=sys.stderr)
    return 1


def note(message: str) -> None:
    """Print an ``otdesk:`` remark on stderr (something the user should know, not an error)."""
    print(f"otdesk: {message}", file=sys.stderr)


def print_json(data: Any) -> None:
    """Print ``data`` as indented JSON (non-ASCII escaped when the output is not UTF-8)."""
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    import json

    json.dump(data, sys.stdout, ensure_ascii=encoding != "utf8", indent=2)
    sys.stdout.write("\n")


def display_width(text: str) -> int:
    """How many terminal columns ``text`` takes (East Asian wide characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int) -> str:
    """``text`` followed by spaces up to ``width`` terminal columns."""
    return text + " " * (width - display_width(text))


def pad_left(text: str, width: int) -> str:
    """``text`` after spaces, right-aligned in ``width`` terminal columns."""
    return " " * (width - display_width(text)) + text


def print_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Print rows as left-aligned columns under a header line."""
    widths = [display_width(h) for h in headers]
    for row in rows:
        widths = [max(w, display_width(cell)) for w, cell in zip(widths, row, strict=True)]
    for line in (headers, ["-" * w for w in widths], *rows):
        print("  ".join(pad(cell, w) for cell, w in zip(line, widths, strict=True)).rstrip())


def progress_printer(label: str) -> Callable[[int, int], None] | None:
    """A ``progress(done, total)`` callback that redraws one stderr line, or None off a terminal."""
    if not sys.stderr.isatty():
        return None
    last = [0.0]

    def show(done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - last[0] < 0.2:
            return
        last[0] = now
        end = "\n" if done >= total else ""
        text = fill(_("{label}: {done} of {total}"), label=label, done=done, total=total)
        print(f"\r{text}", end=end, file=sys.stderr, flush=True)

    return show
