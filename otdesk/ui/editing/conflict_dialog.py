"""The question asked when someone else saved a record first: reload, keep mine, or cancel.

Screens call ``ask_conflict`` (tests replace it); it returns a ``ConflictChoice``. Nothing is
ever overwritten silently: "keep mine" puts the user's edits on top of the fresh version and
waits for another Save.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from otdesk.domain.translation import _
from otdesk.ui.parts.style import ITEM_PADDING, MARGIN, SPACING, set_role


class ConflictChoice(Enum):
    """What to do with a form whose record was saved by someone else."""

    RELOAD = "reload"  # drop my edits, show theirs
    KEEP_MINE = "keep_mine"  # load theirs, put my edits back on top, save again later
    CANCEL = "cancel"  # leave the form as it is


# (field label, my value, their saved value)
Difference = tuple[str, str, str]


class ConflictDialog(QDialog):
    """Explains the conflict, lists the fields that differ and offers the three ways out."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        what: str,
        differences: Sequence[Difference] = (),
    ) -> None:
        super().__init__(parent)
        self.choice = ConflictChoice.CANCEL
        self.setWindowTitle(_("Someone else saved this record"))
        self.setAccessibleName(self.windowTitle())
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(SPACING)

        heading = QLabel(_("Your changes are not saved yet"), self)
        set_role(heading, "h2")
        layout.addWidget(heading)
        text = QLabel(
            _("{record} was changed and saved by someone else after you opened it. "
              "Saving now would overwrite their work, so nothing was saved.").format(record=what),
            self,
        )
        text.setWordWrap(True)
        layout.addWidget(text)

        if differences:
            caption = QLabel(_("&Fields that differ:"), self)
            self.differences = QTableWidget(len(differences), 3, self)
            table = self.differences
            table.setHorizontalHeaderLabels(
                [_("Field"), _("Yours"), _("Saved by them")]
            )
            table.setAccessibleName(_("Fields that differ"))
            table.verticalHeader().hide()
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            table.setTabKeyNavigation(False)
            for row, values in enumerate(differences):
                for column, value in enumerate(values):
                    table.setItem(row, column, QTableWidgetItem(value))
            # Both versions are read in full (long values wrap): the choice depends on them.
            header = table.horizontalHeader()
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
            header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
            header.sectionResized.connect(lambda *_: self._fit_differences())
            caption.setBuddy(table)
            layout.addWidget(caption)
            layout.addWidget(table)

        explain = QLabel(
            _("<b>Reload</b> shows their version and drops your changes.<br>"
              "<b>Keep mine</b> shows their version with your changes put back on top; "
              "check it and press Save again.<br>"
              "<b>Cancel</b> leaves the form as it is."),
            self,
        )
        explain.setWordWrap(True)
        set_role(explain, "muted")
        layout.addWidget(explain)

        buttons = QDialogButtonBox(self)
        self.reload_button = QPushButton(_("&Reload (drop my changes)"), self)
        self.keep_button = QPushButton(_("&Keep mine as a copy"), self)
        self.cancel_button = QPushButton(_("Cancel"), self)
        self.keep_button.setDefault(True)
        for button, role in (
            (self.reload_button, QDialogButtonBox.ButtonRole.DestructiveRole),
            (self.keep_button, QDialogButtonBox.ButtonRole.AcceptRole),
            (self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole),
        ):
            button.setAccessibleName(button.text().replace("&", ""))
            buttons.addButton(button, role)
        self.reload_button.clicked.connect(lambda: self._choose(ConflictChoice.RELOAD))
        self.keep_button.clicked.connect(lambda: self._choose(ConflictChoice.KEEP_MINE))
        self.cancel_button.clicked.connect(lambda: self._choose(ConflictChoice.CANCEL))
        layout.addWidget(buttons)

    def _fit_differences(self) -> None:
        # Each row as tall as its longest value wrapped to its column (Qt's own measure leaves
        # out the wrapping under the style sheet); the table as tall as its rows, up to about
        # ten lines, beyond which it scrolls.
        table = self.differences
        metrics = table.fontMetrics()
        total = 0
        for row in range(table.rowCount()):
            height = metrics.height()
            for column in range(table.columnCount()):
                item = table.item(row, column)
                width = max(table.columnWidth(column) - 2 * ITEM_PADDING - 4, 4 * SPACING)
                box = QRect(0, 0, width, 100 * metrics.height())
                text = item.text() if item is not None else ""
                wrapped = metrics.boundingRect(box, Qt.TextFlag.TextWordWrap, text).height()
                height = max(height, wrapped)
            table.setRowHeight(row, height + SPACING)
            total += height + SPACING
        chrome = table.horizontalHeader().height() + 2 * table.frameWidth()
        table.setFixedHeight(chrome + min(total, 10 * (metrics.height() + SPACING)) + 2)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if hasattr(self, "differences"):
            self._fit_differences()  # the columns have their final widths now
            self.adjustSize()

    def _choose(self, choice: ConflictChoice) -> None:
        self.choice = choice
        if choice is ConflictChoice.CANCEL:
            self.reject()
        else:
            self.accept()


def ask_conflict(
    parent: QWidget | None, *, what: str, differences: Sequence[Difference] = ()
) -> ConflictChoice:
    """Ask what to do about a conflict (modal); Escape means Cancel."""
    dialog = ConflictDialog(parent, what=what, differences=differences)
    dialog.exec()
    choice = dialog.choice
    dialog.deleteLater()
    return choice
