"""The lists of a care-plan version's parts (needs, goals, interventions): each a record list
with Add, Edit and Remove (undoable), locked when the version is no longer a draft.

A need that came from a finding offers Open finding; a goal offers Set status (also on the
version in effect, where nothing else changes).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QHeaderView, QPushButton, QWidget

from otdesk.domain.records import RecordKind
from otdesk.domain.translation import _
from otdesk.services import care_plan_links, care_plans
from otdesk.services.care_plan_views import GoalInfo, InterventionInfo, NeedInfo, PlanInfo
from otdesk.ui.care_plans.adapters import GOAL_STATUS, GOALS, INTERVENTIONS, NEEDS
from otdesk.ui.care_plans.cards import goal_html, intervention_html, need_html
from otdesk.ui.care_plans.fields import (
    build_goal_fields,
    build_intervention_fields,
    build_need_fields,
    build_status_fields,
)
from otdesk.ui.care_plans.models import (
    GoalsModel,
    InterventionsModel,
    NeedsModel,
    NumberedModel,
    first_line,
)
from otdesk.ui.client_record.commands import EditRecordCommand
from otdesk.ui.client_record.record_dialog import RecordDialog
from otdesk.ui.client_record.record_list import ListSpec, RecordList
from otdesk.ui.client_record.registry import TabContext
from otdesk.ui.client_record.tabs._parts import action_button
from otdesk.ui.editing.forms import Form
from otdesk.ui.parts.style import SPACING
from otdesk.ui.shell.keys import EDIT_PLAN_PART, REMOVE_PLAN_PART, add_shortcut

ALSO = (RecordKind.CARE_PLAN,)
WIDEST = 160  # no column wider than this (its text elides; the card shows it whole)

NEEDS_LIST: ListSpec[NeedInfo] = ListSpec(
    key="care_plan:needs",
    adapter=NEEDS,
    model=NeedsModel,
    load=lambda ctx, plan_id: care_plan_links.needs_in_words(ctx, plan_id=plan_id),
    build=lambda form, layout: build_need_fields(form, layout),
    details=need_html,
    heading=lambda: _("Needs"),
    table_name=lambda: _("Needs of this version"),
    empty=lambda _tc: _("No needs yet. Add one, or use “Add to care plan” on an assessment, "
                        "a checklist hazard or a home modification."),
    add_title=lambda: _("Add a need"),
    edit_title=lambda n: _("Edit the need “{name}”").format(name=first_line(n.text)),
    remove_title=lambda: _("Remove need?"),
    remove_question=lambda n: _("Remove the need “{name}” from this draft? Its goals stay, "
                                "addressing no need.").format(name=first_line(n.text)),
    add_name=lambda: _("Add a need to this draft"),
    edit_name=lambda: _("Edit the selected need"),
    remove_name=lambda: _("Remove the selected need"),
    also=ALSO,
    add_text=lambda: _("Add &need…"),
    edit_text=lambda: _("Edit…"),
    remove_text=lambda: _("Remove"),
)

GOALS_LIST: ListSpec[GoalInfo] = ListSpec(
    key="care_plan:goals",
    adapter=GOALS,
    model=GoalsModel,
    load=lambda ctx, plan_id: list(care_plans.get_plan(ctx, plan_id=plan_id).goals),
    build=lambda form, layout: build_goal_fields(form, layout, [], ""),  # the editor's own
    details=lambda g: "",  # the editor's own, with the whole plan
    heading=lambda: _("Goals"),
    table_name=lambda: _("Goals of this version"),
    empty=lambda _tc: _("No goals yet. A plan needs at least one goal before it is put in "
                        "effect."),
    add_title=lambda: _("Add a goal"),
    edit_title=lambda g: _("Edit the goal “{name}”").format(name=first_line(g.text)),
    remove_title=lambda: _("Remove goal?"),
    remove_question=lambda g: _("Remove the goal “{name}” from this draft? Its interventions "
                                "stay, for the plan as a whole.").format(
                                    name=first_line(g.text)),
    add_name=lambda: _("Add a goal to this draft"),
    edit_name=lambda: _("Edit the selected goal"),
    remove_name=lambda: _("Remove the selected goal"),
    also=ALSO,
    add_text=lambda: _("Add &goal…"),
    edit_text=lambda: _("Edit…"),
    remove_text=lambda: _("Remove"),
)

INTERVENTIONS_LIST: ListSpec[InterventionInfo] = ListSpec(
    key="care_plan:interventions",
    adapter=INTERVENTIONS,
    model=InterventionsModel,
    load=lambda ctx, plan_id: list(care_plans.get_plan(ctx, plan_id=plan_id).interventions),
    build=lambda form, layout: None,  # the editor's own, with the plan's goals
    details=lambda i: "",
    heading=lambda: _("Interventions"),
    table_name=lambda: _("Interventions by discipline"),
    empty=lambda _tc: _("No interventions yet: say what OT, psychiatry, the family, the "
                        "coordinator or a community partner will do, and how often."),
    add_title=lambda: _("Add an intervention"),
    edit_title=lambda i: _("Edit the intervention “{name}”").format(
        name=first_line(i.description)),
    remove_title=lambda: _("Remove intervention?"),
    remove_question=lambda i: _("Remove the intervention “{name}” from this draft?").format(
        name=first_line(i.description)),
    add_name=lambda: _("Add an intervention to this draft"),
    edit_name=lambda: _("Edit the selected intervention"),
    remove_name=lambda: _("Remove the selected intervention"),
    also=ALSO,
    add_text=lambda: _("Add in&tervention…"),
    edit_text=lambda: _("Edit…"),
    remove_text=lambda: _("Remove"),
)


class PlanPartList(RecordList[Any]):
    """One kind of part of a version; Add, Edit and Remove only while it is a draft."""

    locked = True  # until a version is shown

    def __init__(self, tc: TabContext, spec: ListSpec[Any], parent: QWidget | None) -> None:
        super().__init__(tc, spec, None, parent)
        # The tab reads the version again on a change and hands it to its lists.
        self.app.events.records_changed.disconnect(self._records_changed)
        # The editor shows the selected part's card beside all three lists.
        self.box.removeWidget(self.details)
        self.details.hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # Headers start at the left, so a narrowed one loses its end, not both ends.
        self.table.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for button in (self.add_button, self.edit_button, self.remove_button):
            button.setVisible(False)
        add_shortcut(EDIT_PLAN_PART, self.table, self.edit_selected)
        add_shortcut(REMOVE_PLAN_PART, self.table, self.remove_selected)

    def card(self) -> str:
        """The rich text card of the selected part ("" when none is selected)."""
        record = self.selected()
        return self.spec.details(record) if record is not None else ""

    def refresh(self) -> None:
        """Read the parts again; the main text takes the width left (cut to fit; the card
        shows it whole)."""
        super().refresh()
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        main = getattr(self.model, "MAIN", 1)
        numbered = isinstance(self.model, NumberedModel)
        number = self.table.fontMetrics().horizontalAdvance("000") + 2 * SPACING
        for column in range(header.count()):
            if column != main:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                wanted = max(self.table.sizeHintForColumn(column), header.sectionSizeHint(column))
                header.resizeSection(column, number if column == 0 and numbered
                                     else min(wanted, WIDEST))
        # The main text keeps at least two fifths of the width: the others give way evenly.
        others = [c for c in range(header.count()) if c != main and not (c == 0 and numbered)]
        room = self.table.viewport().width() * 3 // 5 - (number if numbered else 0)
        taken = sum(header.sectionSize(c) for c in others)
        if others and taken > room > 0:
            for column in others:
                least = min(header.sectionSizeHint(column), 130)
                header.resizeSection(column, max(header.sectionSize(column) * room // taken,
                                                 least))
        header.setSectionResizeMode(main, QHeaderView.ResizeMode.Stretch)

    def set_plan(self, plan_id: int | None, *, locked: bool) -> None:
        """Show the parts of another version (or none), locked or not."""
        self.locked = locked
        for button in (self.add_button, self.edit_button, self.remove_button):
            button.setVisible(not locked)
        if plan_id != self.owner:
            self.set_owner(plan_id)
        else:
            self.refresh()

    def _selected(self) -> None:
        super()._selected()
        self.details.hide()
        if self.locked:
            self.edit_button.setEnabled(False)
            self.remove_button.setEnabled(False)

    def edit_selected(self) -> Any:
        """Edit the selected part (nothing while the version is locked)."""
        return None if self.locked else super().edit_selected()

    def edit_record(self, record: Any) -> Any:
        """Edit one part (undoable); the typing is kept as a draft named by the part's id
        (a part is never re-created under the same id while its plan lives)."""
        adapter = self.spec.adapter
        before = dict(adapter.values(record))

        def submit(values: dict[str, Any], version: int | None) -> int:
            assert version is not None
            command = EditRecordCommand(
                self.app, adapter, record.id, {k: before[k] for k in values}, values,
                self.tc.ids, expected_version=version, report=self._report)
            command.execute()
            self.tc.undo_stack.push(command)
            return int(record.id)

        def latest() -> tuple[Mapping[str, Any], int]:
            current = adapter.fetch(self.app.services, record.id)
            return adapter.values(current), current.version

        return self._run(RecordDialog(
            self.app, self, title=self.spec.edit_title(record), build=self.spec.build,
            values=before, version=record.version, submit=submit, latest=latest,
            only_changes=True, draft_key=self._draft_key(f"{self.owner}:{record.id}"),
            draft_meta=self._meta(record.id),
        ))

    def remove_selected(self) -> bool:
        """Remove the selected part after asking (never while the version is locked)."""
        return False if self.locked else super().remove_selected()


class NeedsList(PlanPartList):
    """The needs, with Open finding for a need that came from one."""

    open_source = Signal(object)  # the NeedInfo whose finding to show

    def __init__(self, tc: TabContext, parent: QWidget | None) -> None:
        super().__init__(tc, NEEDS_LIST, parent)
        self.source_button = action_button(self, _("Open &finding"),
                                           _("Show the finding this need came from"))
        self.source_button.clicked.connect(self._open_source)
        self.heading.insertWidget(2, self.source_button)
        self._selected()

    def _selected(self) -> None:
        super()._selected()
        if hasattr(self, "source_button"):
            need = self.selected()
            self.source_button.setEnabled(need is not None and need.source_kind is not None)

    def _open_source(self) -> None:
        need = self.selected()
        if need is not None and need.source_kind is not None:
            self.open_source.emit(need)


class GoalsList(PlanPartList):
    """The goals, with Set status (also on the version in effect)."""

    status_open = False  # whether the version shown takes status changes

    def __init__(self, tc: TabContext, parent: QWidget | None,
                 plan: Callable[[], PlanInfo | None], family_language: Callable[[], str]
                 ) -> None:
        def build(form: Form, layout: QFormLayout) -> None:
            shown = plan()
            build_goal_fields(form, layout, shown.needs if shown else (), family_language())

        def details(goal: GoalInfo) -> str:
            shown = plan()
            return goal_html(goal, shown) if shown else ""

        spec = replace(GOALS_LIST, build=build, details=details)
        super().__init__(tc, spec, parent)
        self.status_button: QPushButton = action_button(
            self, _("Set &status…"), _("Mark the selected goal achieved, discontinued or active"))
        self.status_button.clicked.connect(self.set_status)
        self.heading.insertWidget(2, self.status_button)
        self._selected()

    def allow_status(self, allowed: bool) -> None:
        """Offer Set status (a draft or the version in effect) or not (superseded)."""
        self.status_open = allowed
        self.status_button.setVisible(allowed)
        self._selected()

    def _selected(self) -> None:
        super()._selected()
        if hasattr(self, "status_button"):
            self.status_button.setEnabled(self.status_open and self.selected() is not None)

    def edit_selected(self) -> Any:
        """Edit the selected goal; on the version in effect, set its status instead."""
        if self.locked:
            return self.set_status() if self.status_open else None
        return super().edit_selected()

    def set_status(self) -> GoalInfo | None:
        """Ask for the selected goal's status and reason, and set them (undoable)."""
        goal = self.selected()
        if goal is None or not self.status_open:
            return None
        before = GOAL_STATUS.values(goal)

        def submit(values: dict[str, Any], version: int | None) -> int:
            assert version is not None
            command = EditRecordCommand(
                self.app, GOAL_STATUS, goal.id, {k: before[k] for k in values}, values,
                self.tc.ids, expected_version=version, report=self._report)
            command.execute()
            self.tc.undo_stack.push(command)
            return int(goal.id)

        dialog = RecordDialog(
            self.app, self, title=_("Status of “{name}”").format(name=first_line(goal.text)),
            build=build_status_fields, values=before, version=goal.version, submit=submit,
            only_changes=True, ok_text=_("Set status"))
        result = self._run(dialog)
        return result if isinstance(result, GoalInfo) else None


class InterventionsList(PlanPartList):
    """The interventions, each for a goal (or the plan as a whole) by discipline."""

    def __init__(self, tc: TabContext, parent: QWidget | None,
                 plan: Callable[[], PlanInfo | None], goal_id: Callable[[], int | None],
                 family_language: Callable[[], str]) -> None:
        def build(form: Form, layout: QFormLayout) -> None:
            shown = plan()
            if shown is not None:
                build_intervention_fields(form, layout, shown, family_language())

        def details(item: InterventionInfo) -> str:
            shown = plan()
            return intervention_html(item, shown) if shown else ""

        spec = replace(INTERVENTIONS_LIST, build=build, details=details,
                       defaults=lambda _ctx, _owner: {"goal_id": goal_id(), "discipline": "ot"})
        self._plan: Callable[[], PlanInfo | None] = lambda: None
        super().__init__(tc, spec, parent)
        self._plan = plan

    def refresh(self) -> None:
        """Read the interventions again, naming their goals."""
        plan = self._plan()
        if isinstance(self.model, InterventionsModel):
            self.model.set_goals(plan.goals if plan is not None else ())
        super().refresh()
