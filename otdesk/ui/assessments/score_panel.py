"""The scores beside an assessment form: the total with its band first, then each domain,
updated as the answers change."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from otdesk.domain.definitions import Definition, Score, ScoreResult, ScoringMethod
from otdesk.domain.translation import _, fill, format_number
from otdesk.ui.parts.style import SPACING, UNIT, set_role


def value_text(definition: Definition, key: str, value: float | None) -> str:
    """A score as shown: "72 %" for a percent, "12.5" for others, "—" when there is none."""
    if value is None:
        return "—"
    rule = definition.rule(key)
    number = format_number(value, rule.places)
    if rule.method is ScoringMethod.PERCENT:
        return fill(_("{value} %"), value=number)
    return number


def _set(label: QLabel, text: str) -> None:
    # Setting a word-wrapped label's text lays it out again even when the text is the same;
    # most answers change two or three of the panel's scores.
    if label.text() != text:
        label.setText(text)


class ScorePanel(QFrame):
    """Live scores of one administration."""

    def __init__(self, definition: Definition, language: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.definition = definition
        self.language = language
        set_role(self, "card")
        self.setAccessibleName(_("Scores"))
        box = QVBoxLayout(self)
        box.setContentsMargins(SPACING + UNIT // 2, SPACING, SPACING + UNIT // 2, SPACING)
        box.setSpacing(UNIT // 2)
        heading = QLabel(_("Scores"), self)
        set_role(heading, "h2")
        box.addWidget(heading)
        total = definition.total_rule()
        self.total_key = total.key if total is not None else None
        self.total_name = QLabel(self)
        self.total_value = QLabel(self)
        self.band = QLabel(self)
        self.plain = QLabel(self)
        self.total_detail = QLabel(self)
        for label in (self.total_name, self.band, self.plain, self.total_detail):
            label.setWordWrap(True)
        set_role(self.total_value, "h1")
        set_role(self.band, "badge")
        set_role(self.plain, "muted")
        set_role(self.total_detail, "small")
        if total is not None:
            self.total_name.setText(total.label.text(language))
            for label in (self.total_name, self.total_value, self.band, self.plain,
                          self.total_detail):
                box.addWidget(label)
        else:
            none = QLabel(_("This form has no scores."), self)
            set_role(none, "muted")
            box.addWidget(none)
        self.values: dict[str, QLabel] = {}
        self.details: dict[str, QLabel] = {}
        domains = [r for r in definition.scoring if r.key != self.total_key]
        if domains:
            grid = QGridLayout()
            grid.setContentsMargins(0, SPACING, 0, 0)
            grid.setHorizontalSpacing(SPACING)
            grid.setVerticalSpacing(2)
            for n, rule in enumerate(domains):
                name = QLabel(rule.label.text(language), self)
                name.setWordWrap(True)
                value = QLabel(self)
                value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
                detail = QLabel(self)
                set_role(detail, "small")
                grid.addWidget(name, 2 * n, 0)
                grid.addWidget(value, 2 * n, 1)
                grid.addWidget(detail, 2 * n + 1, 0, 1, 2)
                self.values[rule.key] = value
                self.details[rule.key] = detail
            grid.setColumnStretch(0, 1)
            box.addLayout(grid)
        box.addStretch(1)
        self.setMinimumWidth(UNIT * 32)

    def _detail(self, score: Score, *, reason: bool = False) -> str:
        if reason and score.value is None and score.reason:
            return score.reason
        return fill(_("{answered} of {expected} answered"), answered=score.answered,
                    expected=score.expected)

    def show_result(self, result: ScoreResult) -> None:
        """Show the scores of ``result``."""
        for key, score in result.scores.items():
            text = value_text(self.definition, key, score.value)
            if key == self.total_key:
                _set(self.total_value, text)
                self.total_value.setAccessibleName(fill(
                    _("{score}: {value}"), score=score.label.text(self.language), value=text))
                _set(self.total_detail, self._detail(score, reason=True))
                band = score.band
                self.band.setVisible(band is not None)
                self.plain.setVisible(band is not None)
                if band is not None:
                    _set(self.band, band.label.text(self.language))
                    _set(self.plain, band.plain.text(self.language))
                continue
            if key in self.values:
                _set(self.values[key], text)
                _set(self.details[key], self._detail(score))

    def shown_value(self, key: str) -> str:
        """The text shown for score ``key`` (tests, screen readers)."""
        if key == self.total_key:
            return self.total_value.text()
        return self.values[key].text()

    def band_text(self) -> str:
        """The clinician's label of the total's band shown (blank when none)."""
        return self.band.text() if not self.band.isHidden() else ""
