"""The Plan page of the Care plan tab: one version's needs, goals and interventions (each with
the card of the selected one), and beside them the version's header and the plan at a glance.

A draft is edited here (every edit undoable); the version in effect shows locked, taking only
goal statuses and its review date; a superseded version is read-only.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QEvent, QObject, Qt, Signal
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
from otdesk.domain.vocab import CarePlanStatus
from otdesk.services.care_plan_views import NeedInfo, PlanInfo
from otdesk.ui.care_plans.cards import glance_html, header_html
from otdesk.ui.care_plans.parts import GoalsList, InterventionsList, NeedsList, PlanPartList
from otdesk.ui.client_record.registry import TabContext
from otdesk.ui.client_record.tabs._parts import details_card
from otdesk.ui.parts.style import SPACING, set_role


def lock_text(plan: PlanInfo) -> str:
    """What the version's status lets you do, in a sentence (the locked look's banner)."""
    if plan.status is CarePlanStatus.DRAFT:
        return fill(_("Version {number} is a draft: edit its needs, goals and interventions, "
                      "then put it in effect with Activate."), number=plan.plan_version)
    if plan.status is CarePlanStatus.ACTIVE:
        return fill(_("Locked: version {number} is in effect. Goal statuses, the review "
                      "date, reviews and case conferences can still be recorded; to change "
                      "anything else, start a new version."),
                    number=plan.plan_version)
    return fill(_("Locked: version {number} was superseded. It is kept as it was and can no "
                  "longer change."), number=plan.plan_version)


class PlanEditor(QWidget):
    """One version of the plan: its header, its parts on the left, and on the right the
    selected part's card and the plan at a glance."""

    open_source = Signal(object)  # a NeedInfo whose finding to show

    def __init__(self, tc: TabContext, family_language: Callable[[], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tc = tc
        self.plan: PlanInfo | None = None
        self.lock_text = ""
        # The version's header says what it is and what it allows: framed as locked while it
        # is in effect or superseded, as open while it is a draft.
        self.header = QLabel(self)
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.header.setAccessibleName(_("This version of the care plan"))

        current = self._current
        self.needs = NeedsList(tc, self)
        self.needs.open_source.connect(self.open_source)
        self.goals = GoalsList(tc, self, current, family_language)
        self.interventions = InterventionsList(tc, self, current, self._selected_goal,
                                               family_language)
        parts = QSplitter(Qt.Orientation.Vertical, self)
        for part in self.lists():
            parts.addWidget(part)
            part.selection_changed.connect(lambda part=part: self._show_card(part))
            part.table.installEventFilter(self)
        parts.setChildrenCollapsible(False)

        # Beside the parts: the plan at a glance above, the selected part in full below.
        side = QSplitter(Qt.Orientation.Vertical, self)
        self.glance = details_card(self, _("The plan at a glance"))
        self.card = details_card(self, _("The selected need, goal or intervention"))
        for heading, card in ((_("At a glance"), self.glance), (_("Selected"), self.card)):
            holder = QWidget(side)
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(SPACING // 2)
            title = QLabel(heading, holder)
            set_role(title, "h2")
            scroll = QScrollArea(holder)
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            card.setParent(scroll)
            scroll.setWidget(card)
            column.addWidget(title)
            column.addWidget(scroll, 1)
            side.addWidget(holder)
        side.setChildrenCollapsible(False)

        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(parts)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        self.split = split
        self._sized = False
        box = QVBoxLayout(self)
        box.setContentsMargins(0, SPACING // 2, 0, 0)
        box.setSpacing(SPACING)
        box.addWidget(self.header)
        box.addWidget(split, 1)
        self.goals.selection_changed.connect(self._goal_chosen)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized:  # the parts get two thirds of the width, the cards the rest
            self._sized = True
            width = max(self.split.width(), 600)
            self.split.setSizes([width * 2 // 3, width - width * 2 // 3])

    def lists(self) -> tuple[PlanPartList, ...]:
        """The lists of the version's parts."""
        return (self.needs, self.goals, self.interventions)

    def _current(self) -> PlanInfo | None:
        return self.plan

    def _selected_goal(self) -> int | None:
        goal = self.goals.selected()
        return goal.id if goal is not None else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The card follows the list the user is in.
        if event.type() == QEvent.Type.FocusIn:
            part = next((p for p in self.lists() if p.table is watched), None)
            if part is not None:
                self._show_card(part)
        return super().eventFilter(watched, event)

    def _show_card(self, part: PlanPartList) -> None:
        text = part.card()
        if not text:
            others = [p.card() for p in self.lists() if p is not part]
            text = next((t for t in others if t), "")
        self.card.setText(text or _("Select a need, goal or intervention to see it in full."))

    def _goal_chosen(self) -> None:
        """Selecting a goal selects its first intervention, so who does what shows at once."""
        goal = self.goals.selected()
        plan = self.plan
        if goal is None or plan is None:
            return
        chosen = self.interventions.selected()
        if chosen is not None and chosen.goal_id == goal.id:
            return
        first = next(iter(plan.interventions_of(goal.id)), None)
        if first is not None:
            self.interventions.select(first.id)
        self._show_card(self.goals)

    def show_plan(self, plan: PlanInfo | None, *, consent_family: bool,
                  consent_partners: bool) -> None:
        """Show one version (None: the episode has no plan yet)."""
        self.plan = plan
        if plan is None:
            for part in self.lists():
                part.set_plan(None, locked=True)
            self.goals.allow_status(False)
            self.lock_text = ""
            self.header.hide()
            self.glance.setText("")
            return
        locked = plan.status is not CarePlanStatus.DRAFT
        for part in self.lists():
            part.set_plan(plan.id, locked=locked)
        self.goals.allow_status(plan.status is not CarePlanStatus.SUPERSEDED)
        self.lock_text = lock_text(plan)
        self.header.setText(header_html(plan, consent_family=consent_family,
                                        consent_partners=consent_partners)
                            + f"<br><small>{escape(self.lock_text)}</small>")
        self.header.setAccessibleDescription(self.lock_text)
        set_role(self.header, "banner-ok" if plan.status is CarePlanStatus.DRAFT
                 else "banner-locked")
        self.header.show()
        self.glance.setText(glance_html(plan))
        self._show_card(self.goals)

    def show_need(self, need: NeedInfo) -> None:
        """Select a need (say, the one a finding was just added as)."""
        self.needs.select(need.id)
        self.needs.table.setFocus()
