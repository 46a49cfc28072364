"""The page the window shows while the records open: the caseload's title and a calm line.

It stands where the caseload will be, laid out as the caseload is (title, then the space the
table fills), so the screen does not jump when the caseload takes its place. It shows nothing
from the records: the session has not started yet.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from otdesk.domain.translation import _
from otdesk.ui.parts.style import MARGIN, SPACING, set_role


class LoadingPage(QWidget):
    """"Caseload" over "Loading clients…", until the window's session starts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(_("Caseload"), self)
        set_role(title, "h1")
        self.message = QLabel(_("Loading clients…"), self)
        set_role(self.message, "empty")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setAccessibleName(self.message.text())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(SPACING + SPACING // 2)
        layout.addWidget(title)
        layout.addWidget(self.message, 1)
