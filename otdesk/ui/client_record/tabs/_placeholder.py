"""A calm placeholder for a part of the record that a later release fills in."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from otdesk.ui.parts.style import MARGIN, SPACING, set_role


class PlaceholderTab(QWidget):
    """Says what will appear here, so nobody wonders whether something is missing."""

    def __init__(self, parent: QWidget | None, heading: str, text: str) -> None:
        super().__init__(parent)
        self.setAccessibleName(heading)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4 * MARGIN, 4 * MARGIN, 4 * MARGIN, 4 * MARGIN)
        layout.setSpacing(SPACING)
        layout.addStretch(1)
        self.heading = QLabel(heading, self)
        set_role(self.heading, "empty")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.text = QLabel(text, self)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.text.setMaximumWidth(40 * self.text.fontMetrics().averageCharWidth() * 2)
        set_role(self.text, "muted")
        # Focusable so keyboard and screen-reader users can reach and hear the explanation.
        self.text.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.text.setAccessibleName(f"{heading}. {text}")
        layout.addWidget(self.heading)
        # A centred column of readable width: the label fills it, so word wrap measures right.
        column = QHBoxLayout()
        column.addStretch(1)
        column.addWidget(self.text, 3)
        column.addStretch(1)
        layout.addLayout(column)
        layout.addStretch(2)
