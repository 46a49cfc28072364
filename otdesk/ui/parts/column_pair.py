"""Two columns of sections side by side when there is room, one under the other when not.

A record's form is easiest to read in two columns on a wide screen, but on a laptop's narrow
window two columns need a sideways scroll, which is easy to miss. ``ColumnPair`` puts the
second column under the first whenever its own width is less than the two need side by side,
so the form always fits the width it is given (a scroll area scrolls it up and down only).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget


class ColumnPair(QWidget):
    """Two columns of boxes, side by side, or the second under the first when narrow.

    Make each box inside its column (``columns[0]`` or ``columns[1]``) and ``add`` it there:
    a box moved into a column after it was built would have its style worked out again.
    """

    def __init__(self, *, spacing: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns: tuple[QWidget, QWidget] = (QWidget(self), QWidget(self))
        for column in self.columns:
            stack = QVBoxLayout(column)
            stack.setContentsMargins(0, 0, 0, 0)
            stack.setSpacing(spacing)
            stack.addStretch(1)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(spacing)
        self._grid.setVerticalSpacing(spacing)
        self._side_by_side: bool | None = None
        self._arrange(side_by_side=True)

    def add(self, column: int, box: QWidget) -> None:
        """Put ``box`` (made inside ``columns[column]``) at the foot of that column."""
        stack = self.columns[column].layout()
        assert isinstance(stack, QVBoxLayout)
        stack.insertWidget(stack.count() - 1, box)  # above the closing stretch

    def side_by_side(self) -> bool:
        """Whether the columns stand side by side (else the second is under the first)."""
        return bool(self._side_by_side)

    def width_for_two(self) -> int:
        """The least width at which the two columns fit side by side."""
        first, second = (c.minimumSizeHint().width() for c in self.columns)
        return first + self._grid.horizontalSpacing() + second

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange(side_by_side=event.size().width() >= self.width_for_two())
        super().resizeEvent(event)

    def event(self, event: QEvent) -> bool:
        # A box's contents changed size (a larger font, a longer translation): the columns
        # may no longer fit side by side at this width, or may fit now.
        if event.type() == QEvent.Type.LayoutRequest:
            self._arrange(side_by_side=self.width() >= self.width_for_two())
        return super().event(event)

    def _arrange(self, *, side_by_side: bool) -> None:
        # The least width is one column's: a narrower space puts the second under the first
        # rather than asking the scroll area for a sideways scroll.
        least = max(c.minimumSizeHint().width() for c in self.columns)
        if self.minimumWidth() != least:
            self.setMinimumWidth(least)
        if side_by_side == self._side_by_side:
            return
        self._side_by_side = side_by_side
        first, second = self.columns
        for column in self.columns:
            self._grid.removeWidget(column)
        self._grid.addWidget(first, 0, 0)
        self._grid.addWidget(second, *((0, 1) if side_by_side else (1, 0)))
        self._grid.setColumnStretch(0, 1)
        self._grid.setColumnStretch(1, 1 if side_by_side else 0)
