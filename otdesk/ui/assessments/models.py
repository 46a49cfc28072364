"""Table models of the Assessments tab: a client's administrations, newest first, and the
score changes between two of them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from otdesk.domain.definitions import DefinitionKind, ScoreChange
from otdesk.domain.translation import (
    NC_,
    _,
    current_language,
    fill,
    format_date,
    format_number,
)
from otdesk.domain.vocab import RecordStatus
from otdesk.services.assessments import AssessmentInfo, find_definition
from otdesk.ui.assessments.score_panel import value_text
from otdesk.ui.editing.forms import choice_label
from otdesk.ui.parts.record_table_model import (
    Column,
    Index,
    ReadOnlyTableModel,
    RecordTableModel,
)


def status_text(a: AssessmentInfo) -> str:
    """Draft / Final / Signed, and "corrected" when a newer administration corrects it."""
    status = choice_label(RecordStatus(a.status))
    if a.corrected_by_id is not None:
        return _("{status}, corrected").format(status=status)
    return status


def total_text(a: AssessmentInfo) -> str:
    """The total as shown (an external result's total as recorded)."""
    definition = find_definition(a.definition_id, a.definition_version)
    rule = definition.total_rule() if definition else None
    if definition is not None and rule is not None and a.result is not None:
        value = a.result.value(rule.key)
        if value is not None:
            return value_text(definition, rule.key, value)
    return a.external_total or "—"


def instrument_text(a: AssessmentInfo) -> str:
    """The instrument's title; a task log's trial names its task too."""
    task = str(a.answers.get("task") or "").strip()
    if a.kind is DefinitionKind.TASK_LOG and task:
        return fill(_("{instrument}: {task}"), instrument=a.title, task=task)
    return a.title


def _total_sort(a: AssessmentInfo) -> float:
    total = a.total
    if total is None:
        try:
            return float(a.external_total)
        except ValueError:
            return float("-inf")
    return total


class AssessmentsModel(RecordTableModel[AssessmentInfo]):
    """A client's administrations (the service gives them newest first)."""

    DATE, INSTRUMENT, STATUS, TOTAL, BAND = range(5)
    COLUMNS = (
        Column(NC_("column", "Date"), lambda a: format_date(a.administered_on),
               sort=lambda a: (a.administered_on, a.id)),
        Column(NC_("column", "Instrument"), instrument_text),
        Column(NC_("column", "Status"), status_text,
               bold=lambda a: a.status == RecordStatus.DRAFT.value),
        Column(NC_("column", "Total"), total_text, sort=_total_sort),
        Column(NC_("column", "Band"), lambda a: a.band_label, tip=lambda a: a.plain_band or None),
    )


def change_text(change: float | None, places: int) -> str:
    """A change with its sign: "+12", "−3.5", "0"; "—" when there is none."""
    if change is None:
        return "—"
    text = format_number(abs(change), places)
    if change > 0:
        return "+" + text
    if change < 0:
        return "−" + text
    return text


class ChangesModel(ReadOnlyTableModel):
    """Each score of two administrations side by side, meaningful changes flagged."""

    HEADERS = (
        NC_("column", "Score"), NC_("column", "Before"), NC_("column", "After"),
        NC_("column", "Change"), NC_("column", "Meaningful"),
    )

    def __init__(self, definition_id: str, changes: list[ScoreChange]) -> None:
        super().__init__()
        self.definition = find_definition(definition_id)
        self.changes = changes

    def _row_total(self) -> int:
        return len(self.changes)

    def _value(self, key: str, value: float | None) -> str:
        if self.definition is None:
            return "—" if value is None else format_number(value)
        return value_text(self.definition, key, value)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        c = self.changes[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            places = self.definition.rule(c.key).places if self.definition else 1
            return [
                c.label.text(current_language()),
                self._value(c.key, c.before),
                self._value(c.key, c.after),
                change_text(c.change, places),
                _("Yes, meaningful") if c.meaningful else "",
            ][column]
        # Bold, not coloured: whether a rise is good depends on the score (time, effort).
        if role == Qt.ItemDataRole.FontRole and c.meaningful:
            font = QFont()
            font.setBold(True)
            return font
        return None
