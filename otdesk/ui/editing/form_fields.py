"""Field controls and value helpers the forms share: dates typed as YYYY-MM-DD, language
and vocabulary labels (in the interface language), JSON-ready values, combo-box items and the
form layout."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from enum import Enum
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QWidget,
)

from otdesk.domain.errors import FieldError
from otdesk.domain.translation import _, language_name
from otdesk.domain.vocab import LabelledEnum
from otdesk.ui.parts.style import FIELD_SPACING, SPACING, set_role

# Languages offered first in language boxes; any other BCP 47 code may be typed.
COMMON_LANGUAGES = (
    "en",
    "es",
    "fr",
    "pt",
    "ar",
    "zh",
    "vi",
    "ru",
    "ko",
    "tl",
    "pl",
    "de",
    "it",
    "fa",
    "hi",
    "so",
    "uk",
    "tr",
    "el",
    "he",
)


def choice_label(member: LabelledEnum) -> str:
    """A vocabulary member's label in the interface language."""
    return member.label


def language_label(code: str) -> str:
    """ "Spanish (es)" for "es" (named in the interface language); the code alone when unknown."""
    name = language_name(code)
    return f"{name} ({code})" if name and name != code else code


def strip_mnemonic(text: str) -> str:
    """A label's text without its '&' mnemonic marker."""
    return re.sub(r"&(.)", r"\1", text)


def mnemonic_letters(*texts: str) -> str:
    """The mnemonic letters (the character after a single '&') of already translated texts."""
    found = (re.search(r"(?<!&)&([^&\s])", t.replace("&&", "")) for t in texts)
    return "".join(m.group(1).casefold() for m in found if m)


def field_of(error: FieldError) -> str:
    """The form field an error belongs to: "diagnoses[2].text" belongs to "diagnoses"."""
    return re.split(r"[\[.]", error.field, maxsplit=1)[0]


class DateField(QWidget):
    """A date typed as YYYY-MM-DD (blank allowed), with a calendar button beside it."""

    text_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(_("YYYY-MM-DD"))
        self.edit.setMaxLength(10)
        self.button = QToolButton(self)
        self.button.setText("▾")
        self.button.setToolTip(_("Choose from a calendar"))
        self.button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        set_role(self.button, "field-button")  # drawn by the style sheet, like push buttons
        self.button.clicked.connect(self._pick)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.edit)
        row.addWidget(self.button)
        row.addStretch(1)
        self.setFocusProxy(self.edit)
        self.edit.textChanged.connect(self.text_changed)
        self.edit.setMaximumWidth(self.edit.fontMetrics().horizontalAdvance("0000-00-00") * 2)

    def text(self) -> str:
        """The typed text, trimmed."""
        return self.edit.text().strip()

    def setText(self, text: str) -> None:
        """Replace the typed text."""
        self.edit.setText(text)

    def value(self) -> date | str | None:
        """A date when the text is one, None when blank, else the text (the service says why)."""
        text = self.text()
        if not text:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            return text

    def _pick(self) -> None:
        calendar = QCalendarWidget(self)
        calendar.setWindowFlags(Qt.WindowType.Popup)
        calendar.setAccessibleName(_("Calendar"))
        current = self.value()
        if isinstance(current, date):
            calendar.setSelectedDate(QDate(current.year, current.month, current.day))

        def chosen(d: QDate) -> None:
            self.edit.setText(d.toString("yyyy-MM-dd"))
            calendar.close()
            self.edit.setFocus()

        calendar.clicked.connect(chosen)
        calendar.activated.connect(chosen)
        calendar.move(self.mapToGlobal(self.rect().bottomLeft()))
        calendar.show()
        calendar.setFocus()


def plain_value(value: Any) -> Any:
    """A value as JSON can hold it (dates as ISO text, enums as codes)."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [plain_value(v) for v in value]
    if isinstance(value, dict):
        return {k: plain_value(v) for k, v in value.items()}
    if hasattr(value, "__dataclass_fields__"):
        return {k: plain_value(getattr(value, k)) for k in value.__dataclass_fields__}
    return value


def set_choice_items(combo: QComboBox, items: Iterable[tuple[Any, str]]) -> None:
    """Replace a combo box's (value, text) items, keeping the chosen value when still there."""
    current = combo.currentData()
    combo.blockSignals(True)
    try:
        combo.clear()
        for value, text in items:
            combo.addItem(text, value)
        i = combo.findData(current)
        combo.setCurrentIndex(i if i >= 0 else 0)
    finally:
        combo.blockSignals(False)


def form_layout(parent: QWidget | None = None) -> QFormLayout:
    """A form layout with the app's spacing: labels right of nothing, fields growing."""
    layout = QFormLayout(parent) if parent is not None else QFormLayout()
    layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    layout.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    layout.setHorizontalSpacing(2 * SPACING)
    layout.setVerticalSpacing(FIELD_SPACING)
    return layout


def staff_items(members: Sequence[Any], blank: str) -> list[tuple[Any, str]]:
    """(id, name) items for a staff combo box, after a blank "not assigned" choice."""
    return [(None, blank)] + [(m.id, m.display_name) for m in members]
