"""The Reviews page of the Care plan tab: the GAS T-score over time (every review of the
episode's plan, whichever version), the shown version's reviews with each goal's level in
words, and its joint case conferences."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from otdesk.domain.translation import _, fill
from otdesk.services.care_plan_reviews import TScorePoint
from otdesk.services.care_plan_views import PlanInfo, ReviewInfo
from otdesk.ui.assessments.chart import ChartSeries, TrendChart
from otdesk.ui.care_plans.cards import text_html
from otdesk.ui.care_plans.fields import level_name
from otdesk.ui.care_plans.models import ReviewsModel, goal_label, t_score_text
from otdesk.ui.care_plans.reviews import conference_html
from otdesk.ui.client_record.tabs._parts import (
    action_button,
    details_card,
    heading_row,
    record_table,
    selected_record,
)
from otdesk.ui.parts.style import SPACING, set_role
from otdesk.ui.parts.widgets import EmptyState

T_SCORE_KEY = "t_score"


def review_html(review: ReviewInfo, plan: PlanInfo) -> str:
    """A review in words: its T-score and each rated goal's level with the goal's own words."""
    title = fill(_("Review on {date}: T-score {score}"), date=review.review_date,
                 score=t_score_text(review.t_score))
    lines = [f"<b>{escape(title)}</b>"]
    for number, goal in enumerate(plan.goals, start=1):
        level = review.level_of(goal.id)
        if level is None:
            continue
        words = goal.gas_levels.get(str(level), "")
        shown = escape(level_name(level)) + (f" — {text_html(words)}" if words else "")
        lines.append(f"{text_html(goal_label(number, goal))}: {shown}")
    if review.notes:
        lines.append(f"<i>{text_html(review.notes)}</i>")
    return "<br>".join(lines)


class ReviewsPage(QWidget):
    """T-score chart, reviews and case conferences of the shown version."""

    review_requested = Signal()
    conference_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan: PlanInfo | None = None
        self.review_button = action_button(self, _("Record &review…"),
                                           _("Rate each goal's attainment for a review"))
        self.conference_button = action_button(
            self, _("Case &conference…"), _("Record a joint case conference about this plan"))
        self.review_button.clicked.connect(self.review_requested)
        self.conference_button.clicked.connect(self.conference_requested)
        self.chart: TrendChart | None = None
        self._series: list[ChartSeries] = []
        self.chart_box = QVBoxLayout()
        self.chart_box.setContentsMargins(0, 0, 0, 0)
        self.chart_note = QLabel(self)
        self.chart_note.setWordWrap(True)
        set_role(self.chart_note, "small")
        self.model = ReviewsModel(self)
        self.table, self.proxy = record_table(self, self.model, _("Reviews of this version"))
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        self.empty = EmptyState(self.table)
        self.review_card = details_card(self, _("The selected review"))
        self.conferences = details_card(self, _("Case conferences about this version"))

        upper = QWidget(self)
        top = QVBoxLayout(upper)
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(SPACING)
        top.addLayout(heading_row(upper, _("T-score over time"), self.review_button,
                                  self.conference_button))
        top.addLayout(self.chart_box, 3)
        top.addWidget(self.chart_note)
        top.addWidget(self.table, 2)
        lower = QWidget(self)
        column = QVBoxLayout(lower)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(SPACING)
        column.addWidget(self.review_card)
        heading = QLabel(_("Case conferences"), lower)
        set_role(heading, "h2")
        column.addWidget(heading)
        column.addWidget(self.conferences)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(lower)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(upper)
        split.addWidget(scroll)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        self.split = split
        self._sized = False
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(split)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized:  # the chart and reviews three fifths, the conferences the rest
            self._sized = True
            width = max(self.split.width(), 600)
            self.split.setSizes([width * 3 // 5, width - width * 3 // 5])
        if self.chart is None:  # drawn when the page is first looked at
            self._ensure_chart().set_series(self._series)

    def _ensure_chart(self) -> TrendChart:
        if self.chart is None:  # pyqtgraph loads with the first chart, not with the record
            self.chart = TrendChart(self)
            self.chart.setMinimumHeight(180)
            self.chart_box.addWidget(self.chart)
        return self.chart

    def show_plan(self, plan: PlanInfo | None, history: list[TScorePoint]) -> None:
        """Show a version's reviews and conferences, and the episode's T-scores over time."""
        self.plan = plan
        in_use = plan is not None and not plan.read_only and not plan.editable
        self.review_button.setEnabled(in_use)
        self.conference_button.setEnabled(plan is not None and not plan.read_only)
        self._series = [ChartSeries(
            T_SCORE_KEY, _("GAS T-score (50 = goals met as expected)"),
            [(p.review_date, float(p.t_score)) for p in history if p.t_score is not None])]
        if self.chart is not None or self.isVisible():
            self._ensure_chart().set_series(self._series)
        self.chart_note.setText(", ".join(
            fill(_("{date}: {score} (version {number})"), date=p.review_date,
                 score=t_score_text(p.t_score), number=p.plan_version) for p in history))
        self.chart_note.setVisible(bool(history))
        reviews = list(plan.reviews) if plan is not None else []
        self.model.set_records(reviews)
        self.table.resizeColumnsToContents()
        if plan is not None and plan.editable:
            none = _("No reviews of this version yet. Once it is in effect, use “Record "
                     "review” to rate each goal.")
        else:
            none = _("No reviews of this version yet.")
        self.empty.show_text("" if reviews else none)
        if reviews:
            self.table.selectRow(len(reviews) - 1)
        self._selected()
        conferences = list(reversed(plan.conferences)) if plan is not None else []
        self.conferences.setText("<br><br>".join(conference_html(c) for c in conferences)
                                 or escape(_("No case conferences about this version yet.")))

    def selected(self) -> ReviewInfo | None:
        """The selected review."""
        record = selected_record(self.table)
        return record if isinstance(record, ReviewInfo) else None

    def _selected(self) -> None:
        review = self.selected()
        self.review_card.setVisible(review is not None and self.plan is not None)
        if review is not None and self.plan is not None:
            self.review_card.setText(review_html(review, self.plan))
