"""Table models of the care-plan screens: the versions of a plan, its needs, goals and
interventions, its reviews, and two versions side by side."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont

from otdesk.domain.care_plans import Change
from otdesk.domain.translation import NC_, _, fill, format_date, format_number
from otdesk.domain.vocab import CarePlanStatus, GoalStatus, NeedSource
from otdesk.services.care_plan_views import (
    ComparisonRow,
    GoalInfo,
    InterventionInfo,
    NeedInfo,
    PlanLine,
    ReviewInfo,
)
from otdesk.ui.parts.record_table_model import (
    SORT_ROLE,
    Column,
    Index,
    ReadOnlyTableModel,
    RecordTableModel,
)
from otdesk.ui.parts.style import DUE, INFO, MUTED, OVERDUE

NO_DATE = "—"


def date_text(day: date | None) -> str:
    """A date as shown in a cell ("" when there is none)."""
    return format_date(day) if day else ""


def date_order(day: date | None) -> str:
    """What a date column sorts by (no date first)."""
    return day.isoformat() if day else ""


def t_score_text(score: float | None) -> str:
    """A GAS T-score as shown: one decimal, or a dash when nothing was rated."""
    return format_number(score, decimals=1) if score is not None else NO_DATE


def version_text(number: int) -> str:
    """ "Version 2"."""
    return fill(_("Version {number}"), number=number)


def status_text(status: CarePlanStatus) -> str:
    """A version's status, with what it allows, in a few words."""
    if status is CarePlanStatus.DRAFT:
        return _("Draft: editable")
    if status is CarePlanStatus.ACTIVE:
        return _("Active: in effect")
    return _("Superseded: read-only")


def source_text(kind: NeedSource | None) -> str:
    """Where a need came from, as a column shows it ("" when typed in the plan)."""
    return kind.label if kind is not None else ""


def barrier_text(need: NeedInfo) -> str:
    """ "Low energy → preparing breakfast": which symptom or barrier limits which activity."""
    barrier, activity = first_line(need.symptom_or_barrier), first_line(need.activity_limited)
    if not barrier and not activity:
        return ""
    return fill(_("{barrier} → {activity}"), barrier=barrier or "?", activity=activity or "?")


def first_line(text: str) -> str:
    """The first line of a text (a cell shows it; the tool tip shows the whole)."""
    lines = text.strip().splitlines()
    return lines[0] if lines else ""


def goal_status_text(goal: GoalInfo) -> str:
    """A goal's status, with its reason when it has one."""
    if goal.status_reason and goal.status is not GoalStatus.ACTIVE:
        return fill(_("{status}: {reason}"), status=goal.status.label,
                    reason=first_line(goal.status_reason))
    return goal.status.label


class VersionsModel(RecordTableModel[PlanLine]):
    """The versions of an episode's care plan, newest first."""

    VERSION, STATUS, EFFECTIVE, REVIEW, GOALS, T_SCORE, AUTHOR = range(7)
    COLUMNS = (
        Column(NC_("column", "Version"), lambda p: str(p.plan_version),
               sort=lambda p: p.plan_version),
        Column(NC_("column", "Status"), lambda p: p.status.label,
               bold=lambda p: p.status is CarePlanStatus.ACTIVE),
        Column(NC_("column", "In effect from"), lambda p: date_text(p.effective_from),
               sort=lambda p: date_order(p.effective_from)),
        Column(NC_("column", "Review date"), lambda p: date_text(p.review_date),
               sort=lambda p: date_order(p.review_date)),
        Column(NC_("column", "Goals"), lambda p: str(p.goals), sort=lambda p: p.goals),
        Column(NC_("column", "Latest T-score"), lambda p: t_score_text(p.latest_t_score),
               sort=lambda p: p.latest_t_score if p.latest_t_score is not None else -1.0),
        Column(NC_("column", "Written by"), lambda p: p.author_name),
    )


class NumberedModel(RecordTableModel[Any]):
    """A list whose first column numbers the rows in the plan's own order (as the cards and
    the comparison number them: "Goal 2"), whatever column the table is sorted by."""

    NUMBER = 0

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (index.isValid() and index.column() == self.NUMBER and 0 <= index.row() < len(self._rows)
                and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole)):
            return str(index.row() + 1)
        if index.isValid() and index.column() == self.NUMBER and role == SORT_ROLE:
            return index.row()
        return super().data(index, role)


class NeedsModel(NumberedModel):
    """A version's needs: which barrier limits which activity, and where it was found."""

    NUMBER, NEED, BARRIER, SOURCE = range(4)
    MAIN = NEED  # the column that takes the width left
    COLUMNS = (
        Column(NC_("column", "No."), lambda n: ""),
        Column(NC_("column", "Need"), lambda n: first_line(n.text), tip=lambda n: n.text),
        Column(NC_("column", "Barrier → activity"), barrier_text,
               tip=lambda n: barrier_text(n) or None),
        Column(NC_("column", "Found in"), lambda n: source_text(n.source_kind),
               tip=lambda n: n.found_in or None),
    )


class GoalsModel(NumberedModel):
    """A version's goals, in the plan's order."""

    NUMBER, GOAL, TARGET, DOMAIN, STATUS = range(5)
    MAIN = GOAL
    COLUMNS = (
        Column(NC_("column", "No."), lambda g: ""),
        Column(NC_("column", "Goal"), lambda g: first_line(g.text), tip=lambda g: g.text),
        Column(NC_("column", "Target date"), lambda g: date_text(g.target_date),
               sort=lambda g: date_order(g.target_date)),
        Column(NC_("column", "Domain"), lambda g: g.domain),
        Column(NC_("column", "Status"), goal_status_text,
               tip=lambda g: g.status_reason or None),
    )


class InterventionsModel(RecordTableModel[InterventionInfo]):
    """A version's interventions: which discipline, what, how often, who, for which goal."""

    DISCIPLINE, WHAT, FREQUENCY, WHO, GOAL = range(5)
    MAIN = WHAT
    COLUMNS = (
        Column(NC_("column", "Discipline"), lambda i: i.discipline.label),
        Column(NC_("column", "What"), lambda i: first_line(i.description),
               tip=lambda i: i.description),
        Column(NC_("column", "How often"), lambda i: i.frequency),
        Column(NC_("column", "Who"), lambda i: i.owner_name),
        Column(NC_("column", "Goal"), lambda i: "", sort=lambda i: i.position),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.goal_numbers: dict[int, int] = {}
        self.goal_names: dict[int, str] = {}

    def set_goals(self, goals: Sequence[GoalInfo]) -> None:
        """Number the goals the interventions are for, as the goals list does."""
        self.goal_numbers = {g.id: n for n, g in enumerate(goals, start=1)}
        self.goal_names = {g.id: goal_label(n, g) for n, g in enumerate(goals, start=1)}

    def _goal(self, record: InterventionInfo, role: int) -> str:
        if record.goal_id is None or record.goal_id not in self.goal_numbers:
            return "—" if role == Qt.ItemDataRole.DisplayRole else _("The plan as a whole")
        if role == Qt.ItemDataRole.DisplayRole:  # the goal's number, as the goals list shows it
            return str(self.goal_numbers[record.goal_id])
        return self.goal_names[record.goal_id]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.column() == self.GOAL and 0 <= index.row() < len(self._rows):
            record = self._rows[index.row()]
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole,
                        Qt.ItemDataRole.ToolTipRole):
                return self._goal(record, role)
        return super().data(index, role)


def goal_label(number: int, goal: GoalInfo) -> str:
    """ "Goal 2: Cooks a simple meal..." (the wording's first line)."""
    return fill(_("Goal {number}: {goal}"), number=number, goal=first_line(goal.text))


class ReviewsModel(RecordTableModel[ReviewInfo]):
    """The reviews of a version, oldest first, with their T-scores."""

    DATE, T_SCORE, RATED, REVIEWER, NOTES = range(5)
    COLUMNS = (
        Column(NC_("column", "Reviewed"), lambda r: date_text(r.review_date),
               sort=lambda r: date_order(r.review_date)),
        Column(NC_("column", "T-score"), lambda r: t_score_text(r.t_score),
               sort=lambda r: r.t_score if r.t_score is not None else -1.0, bold=lambda r: True),
        Column(NC_("column", "Goals rated"), lambda r: str(len(r.levels)),
               sort=lambda r: len(r.levels)),
        Column(NC_("column", "Reviewer"), lambda r: r.reviewer_name),
        Column(NC_("column", "Notes"), lambda r: first_line(r.notes),
               tip=lambda r: r.notes or None),
    )


_CHANGE_MARK = {Change.ADDED: "+", Change.REMOVED: "−", Change.CHANGED: "≠", Change.SAME: ""}
_CHANGE_COLOUR = {Change.ADDED: INFO, Change.REMOVED: OVERDUE, Change.CHANGED: DUE}


class ComparisonModel(ReadOnlyTableModel):
    """Two versions side by side, one line per item; a changed line says so in words (its
    Change column) and in bold, and is tinted."""

    PART, OLDER, NEWER, CHANGE = range(4)
    HEADERS = (NC_("column", "Part"), NC_("column", "Older version"),
               NC_("column", "Newer version"), NC_("column", "Change"))

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[ComparisonRow] = []
        self.titles = ("", "")

    def set_rows(self, rows: Sequence[ComparisonRow], older: int, newer: int) -> None:
        """Show these lines; the columns are named after the two versions."""
        self.beginResetModel()
        self.rows = list(rows)
        self.titles = (version_text(older), version_text(newer))
        self.endResetModel()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.HEADERS) - 1)

    def _row_total(self) -> int:
        return len(self.rows)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and section in (self.OLDER, self.NEWER) and self.titles[0]):
            return self.titles[section - self.OLDER]
        return super().headerData(section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, column = self.rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == self.PART:
                return row.label
            if column == self.OLDER:
                return row.older
            if column == self.NEWER:
                return row.newer
            if column == self.CHANGE:
                mark = _CHANGE_MARK[row.change]
                return f"{mark} {row.change.label}".strip()
            return None
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.OLDER, self.NEWER):
            return (row.older if column == self.OLDER else row.newer) or None
        if row.change is Change.SAME:
            if role == Qt.ItemDataRole.ForegroundRole and column == self.CHANGE:
                return QBrush(QColor(MUTED))
            return None
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        colour = _CHANGE_COLOUR[row.change]
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(colour.background))
        if role == Qt.ItemDataRole.ForegroundRole and column == self.CHANGE:
            return QBrush(QColor(colour.foreground))
        return None
