"""Tabs that share a narrow width fairly: short titles stay whole, only the long ones shorten.

When a window is too narrow for every tab title (a laptop at 125 % scaling, large text, a
longer language), Qt shortens every tab, the short ones too ("Over…" for "Overview"). Here
the tabs are given widths the way water fills a jar: every tab gets its whole title if it
fits under a common cap, and the cap is the largest that lets all tabs fit; only titles
wider than the cap are shortened (with "…", their tooltips saying the whole title).
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QTabBar, QTabWidget, QWidget


def fair_widths(natural: list[int], available: int) -> list[int]:
    """Widths for tabs of ``natural`` widths in ``available`` space: each keeps its width
    up to a common cap, the largest cap with which they all fit (no less than 1)."""
    if sum(natural) <= available or not natural:
        return list(natural)
    left = available
    remaining = sorted(natural)
    count = len(remaining)
    for width in remaining:  # narrowest first: each that fits under a fair share keeps it
        share = left // count
        if width > share:
            return [min(n, max(share, 1)) for n in natural]
        left -= width
        count -= 1
    return list(natural)  # not reached: the widths did not fit, so one exceeds its share


class FittingTabBar(QTabBar):
    """A tab bar whose tabs share the tab widget's width by ``fair_widths``."""

    def __init__(self, tabs: QTabWidget) -> None:
        super().__init__(tabs)
        self._tabs = tabs
        # Qt asks each tab's size several times per layout; the answer for all tabs is kept
        # until a title, the font or the width changes.
        self._key: tuple[object, ...] = ()
        self._sizes: list[QSize] = []
        self._measuring_minimum = False

    def minimumTabSizeHint(self, index: int) -> QSize:
        # Qt measures a tab's smallest size by asking ``tabSizeHint`` with the title shortened
        # for the moment: that question wants Qt's own answer.
        self._measuring_minimum = True
        try:
            return super().minimumTabSizeHint(index)
        finally:
            self._measuring_minimum = False

    def tabSizeHint(self, index: int) -> QSize:
        if self._measuring_minimum:
            return super().tabSizeHint(index)
        count = self.count()
        key = (tuple(self.tabText(i) for i in range(count)), self.font().key(),
               self.styleSheet(), self._tabs.width())
        if key != self._key:
            natural = [super(FittingTabBar, self).tabSizeHint(i) for i in range(count)]
            widths = fair_widths([n.width() for n in natural], self._tabs.width())
            self._sizes = [QSize(w, n.height()) for w, n in zip(widths, natural, strict=True)]
            self._key = key
        return self._sizes[index] if 0 <= index < count else super().tabSizeHint(index)



class FittingTabWidget(QTabWidget):
    """A ``QTabWidget`` with a ``FittingTabBar``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabBar(FittingTabBar(self))
