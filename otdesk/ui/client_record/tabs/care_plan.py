"""The Care plan tab: the episode's care plan, one version at a time.

The Plan page edits a draft (needs, goals, interventions; every edit undoable) and shows the
version in effect locked; the Reviews page records reviews (a level per goal, the T-score over
time) and joint case conferences; the Versions page lists every version and compares two side
by side. New plan, New version, Activate and Remove draft move a plan through its versions.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QStackedWidget,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from otdesk.domain.errors import OtdeskError, ValidationError
from otdesk.domain.records import Changes, RecordKind
from otdesk.domain.translation import N_, _, fill
from otdesk.domain.vocab import CarePlanStatus, NeedSource
from otdesk.services import care_plan_reviews, care_plans, drafts, episodes, family_members
from otdesk.services.care_plan_views import NeedInfo, PlanInfo, PlanLine
from otdesk.services.episodes import EpisodeInfo
from otdesk.ui.care_plans.adapters import PLAN, plan_values
from otdesk.ui.care_plans.editor import PlanEditor
from otdesk.ui.care_plans.fields import build_plan_fields
from otdesk.ui.care_plans.history import CompareDialog, VersionsPage
from otdesk.ui.care_plans.progress import ReviewsPage
from otdesk.ui.care_plans.reviews import ConferenceDialog, ReviewDialog
from otdesk.ui.client_record.commands import EditRecordCommand
from otdesk.ui.client_record.record_dialog import RecordDialog
from otdesk.ui.client_record.registry import TabContext, register_tab
from otdesk.ui.client_record.tabs._parts import action_button, confirm
from otdesk.ui.editing.drafts_ui import client_draft_key
from otdesk.ui.parts.style import MARGIN, SPACING, set_role

CARE_PLAN_KINDS = (RecordKind.CARE_PLAN, RecordKind.CARE_PLAN_NEED, RecordKind.CARE_PLAN_GOAL,
                   RecordKind.CARE_PLAN_INTERVENTION, RecordKind.CARE_PLAN_REVIEW,
                   RecordKind.CASE_CONFERENCE)
# Where the finding a need came from is shown.
SOURCE_RECORDS = {
    NeedSource.ASSESSMENT: RecordKind.ASSESSMENT,
    NeedSource.BATTERY: RecordKind.ASSESSMENT,
    NeedSource.CHECKLIST: RecordKind.CHECKLIST,
    NeedSource.MODIFICATION: RecordKind.HOME_MODIFICATION,
}
PLAN_PAGE, REVIEWS_PAGE, VERSIONS_PAGE = range(3)


def episode_text(e: EpisodeInfo) -> str:
    """An episode as the episode choice names it."""
    if e.is_open:
        return fill(_("Episode referred {date} (open)"), date=e.referral_date)
    return fill(_("Episode referred {date} (discharged)"), date=e.referral_date)


class CarePlanTab(QWidget):
    """The episode's care plan: its versions, the one on show, its reviews."""

    def __init__(self, tc: TabContext) -> None:
        super().__init__(tc.parent)
        self.tc = tc
        self.app = tc.app
        self.client_id = tc.client_id
        client = tc.read_client()
        self.client_uuid = client.uuid
        self.consent_family = client.consent_family
        self.consent_partners = client.consent_community
        self.client_language = client.preferred_language
        self.plan: PlanInfo | None = None
        self.versions: list[PlanLine] = []
        self._drafts_offered = False
        self._build()
        self.load_episodes()
        self.app.events.records_changed.connect(self._records_changed)

    def _build(self) -> None:
        self.episode = QComboBox(self)
        self.episode.setAccessibleName(_("Episode of care"))
        self.episode.currentIndexChanged.connect(lambda _i: self.refresh(keep=False))
        self.new_plan_button = action_button(self, _("New &plan"),
                                             _("Start this episode's care plan as a draft"))
        self.new_version_button = action_button(
            self, _("New &version"), _("Start a new draft version as a copy of the one in "
                                       "effect"))
        self.activate_button = action_button(self, _("&Activate"),
                                             _("Put this draft in effect"))
        self.remove_button = action_button(self, _("Remove dra&ft"),
                                           _("Delete this draft version"))
        self.details_button = action_button(
            self, _("Edit &details…"), _("Edit this version's review date and sharing"))
        self.details_button.clicked.connect(self.edit_details)
        self.new_plan_button.clicked.connect(self.new_plan)
        self.new_version_button.clicked.connect(self.new_version)
        self.activate_button.clicked.connect(self.activate)
        self.remove_button.clicked.connect(self.remove_draft)
        # The pages' tab bar shares its row with the plan's own buttons (a record on a small
        # laptop screen needs every line for the plan).
        self.pages = QTabBar(self)
        self.pages.setAccessibleName(_("Parts of the care plan"))
        self.pages.setDrawBase(False)
        self.pages.setExpanding(False)
        for title in (_("Plan"), _("Reviews and conferences"), _("Versions")):
            self.pages.addTab(title)
        top = QHBoxLayout()
        top.setSpacing(SPACING)
        top.addWidget(self.pages)
        top.addStretch(1)
        top.addWidget(self.episode)
        for button in (self.details_button, self.new_plan_button, self.new_version_button,
                       self.activate_button, self.remove_button):
            top.addWidget(button)
        self.stack = QStackedWidget(self)
        self.editor = PlanEditor(self.tc, self.family_language, self.stack)
        self.editor.open_source.connect(self.open_source)
        self.reviews = ReviewsPage(self.stack)
        self.reviews.review_requested.connect(self.record_review)
        self.reviews.conference_requested.connect(self.record_conference)
        self.history = VersionsPage(self.stack)
        self.history.show_requested.connect(self.show_version)
        self.history.compare_requested.connect(self.compare)
        self.empty = QLabel(self.stack)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        set_role(self.empty, "empty")
        for page in (self.editor, self.reviews, self.history, self.empty):
            self.stack.addWidget(page)
        self.pages.currentChanged.connect(self._page_chosen)
        box = QVBoxLayout(self)
        box.setContentsMargins(MARGIN, MARGIN // 2, MARGIN, MARGIN // 2)
        box.setSpacing(SPACING // 2)
        box.addLayout(top)
        box.addWidget(self.stack, 1)

    def _page_chosen(self, index: int) -> None:
        if self.plan is not None and 0 <= index < 3:
            self.stack.setCurrentIndex(index)

    # -- data -----------------------------------------------------------------------------

    def load_episodes(self) -> None:
        """List the client's episodes, choosing the open one (else the latest)."""
        found = episodes.list_episodes(self.app.services, client_id=self.client_id)
        kept = self.episode.currentData()
        self.episode.blockSignals(True)
        self.episode.clear()
        for e in found:
            self.episode.addItem(episode_text(e), e.id)
        chosen = kept if kept in [e.id for e in found] else next(
            (e.id for e in found if e.is_open), found[0].id if found else None)
        self.episode.setCurrentIndex(max(self.episode.findData(chosen), 0))
        self.episode.blockSignals(False)
        self.episode.setVisible(len(found) > 1)
        self.refresh(keep=False)

    def episode_id(self) -> int | None:
        """The episode whose plan is shown."""
        value = self.episode.currentData()
        return int(value) if value is not None else None

    def refresh(self, *, keep: bool = True, show: int | None = None) -> None:
        """Read the episode's versions again and show one: ``show``, else the one on show
        (``keep``), else the version in effect (else the draft)."""
        ctx = self.app.services
        episode = self.episode_id()
        self.versions = [] if episode is None else care_plans.list_plans(
            ctx, client_id=self.client_id, episode_id=episode)
        ids = {v.id for v in self.versions}
        wanted = show if show in ids else (self.plan.id if keep and self.plan is not None
                                           and self.plan.id in ids else None)
        if wanted is not None:
            plan: PlanInfo | None = care_plans.get_plan(ctx, plan_id=wanted)
        else:
            plan = None if episode is None else care_plans.current_plan(ctx, episode_id=episode)
        self._show(plan)

    def _show(self, plan: PlanInfo | None) -> None:
        self.plan = plan
        episode = self.episode_id()
        history = [] if episode is None else care_plan_reviews.t_score_history(
            self.app.services, episode_id=episode)
        self.editor.show_plan(plan, consent_family=self.consent_family,
                              consent_partners=self.consent_partners)
        self.reviews.show_plan(plan, history)
        self.history.set_versions(self.versions, plan.id if plan else None)
        if plan is None:
            self.empty.setText(
                _("This client has no episode of care yet: open one on the Episodes tab "
                  "first.") if episode is None else
                _("No care plan for this episode yet.\nUse “New plan” to start one, or "
                  "“Add to care plan” on an assessment, a checklist hazard or a home "
                  "modification."))
        self.pages.setVisible(plan is not None)
        self.stack.setCurrentIndex(self.stack.indexOf(self.empty) if plan is None
                                   else self.pages.currentIndex())
        self._update_buttons()

    def _update_buttons(self) -> None:
        plan, lines = self.plan, self.versions
        has_draft = any(v.status is CarePlanStatus.DRAFT for v in lines)
        has_active = any(v.status is CarePlanStatus.ACTIVE for v in lines)
        self.new_plan_button.setVisible(not lines)
        self.new_plan_button.setEnabled(self.episode_id() is not None)
        self.new_version_button.setVisible(bool(lines))
        self.new_version_button.setEnabled(has_active and not has_draft)
        draft = plan is not None and plan.status is CarePlanStatus.DRAFT
        self.activate_button.setEnabled(draft)
        self.remove_button.setEnabled(draft)
        self.details_button.setVisible(plan is not None)
        self.details_button.setEnabled(plan is not None and not plan.read_only)

    def _records_changed(self, changes: Changes) -> None:
        if changes.touches(RecordKind.CLIENT, client_id=self.client_id):
            client = self.tc.read_client()
            self.consent_family = client.consent_family
            self.consent_partners = client.consent_community
            self.client_language = client.preferred_language
        if changes.touches(RecordKind.EPISODE, client_id=self.client_id):
            self.load_episodes()
        elif changes.touches(*CARE_PLAN_KINDS, RecordKind.CLIENT, client_id=self.client_id):
            self.refresh()

    def family_language(self) -> str:
        """The language the family reads: the primary caregiver's (else the first family
        member's, else the client's)."""
        members = family_members.list_family_members(self.app.services,
                                                     client_id=self.client_id)
        first = next(iter(members), None)  # the primary caregiver is listed first
        return first.preferred_language if first is not None else self.client_language

    # -- moving through versions -----------------------------------------------------------

    def _refused(self, title: str, exc: OtdeskError) -> None:
        QMessageBox.warning(self, title, str(exc))
        self.refresh()

    def new_plan(self) -> PlanInfo | None:
        """Start the episode's care plan as a draft."""
        episode = self.episode_id()
        if episode is None:
            return None
        try:
            made = care_plans.create_plan(self.app.services, client_id=self.client_id,
                                          episode_id=episode)
        except OtdeskError as exc:
            self._refused(_("The care plan was not started"), exc)
            return None
        self.refresh(show=made.id)
        self.pages.setCurrentIndex(PLAN_PAGE)
        self.editor.needs.add_button.setFocus()
        return made

    def new_version(self) -> PlanInfo | None:
        """Start the next version as a draft copy of the version in effect."""
        active = next((v for v in self.versions if v.status is CarePlanStatus.ACTIVE), None)
        if active is None:
            return None
        try:
            made = care_plans.new_version(self.app.services, plan_id=active.id)
        except OtdeskError as exc:
            self._refused(_("No new version was started"), exc)
            return None
        self.refresh(show=made.id)
        self.pages.setCurrentIndex(PLAN_PAGE)
        return made

    def activate(self) -> PlanInfo | None:
        """Put the draft on show in effect, after asking."""
        plan = self.plan
        if plan is None or plan.status is not CarePlanStatus.DRAFT:
            return None
        active = next((v for v in self.versions if v.status is CarePlanStatus.ACTIVE), None)
        question = fill(_("Put version {number} in effect? Its content is locked from then "
                          "on."), number=plan.plan_version)
        if active is not None:
            question += "\n" + fill(_("Version {number}, in effect until now, will be "
                                      "superseded and kept read-only."),
                                    number=active.plan_version)
        if not confirm(self, _("Activate care plan?"), question):
            return None
        try:
            done = care_plans.activate_plan(self.app.services, plan_id=plan.id,
                                            version=plan.version)
        except (ValidationError, OtdeskError) as exc:
            self._refused(_("The care plan was not activated"), exc)
            return None
        self.refresh(show=done.id)
        return done

    def remove_draft(self) -> bool:
        """Delete the draft on show, after asking."""
        plan = self.plan
        if plan is None or plan.status is not CarePlanStatus.DRAFT:
            return False
        if not confirm(self, _("Remove draft?"), fill(
                _("Delete draft version {number} with its needs, goals and interventions? "
                  "This cannot be undone."), number=plan.plan_version)):
            return False
        try:
            care_plans.remove_draft(self.app.services, plan_id=plan.id, version=plan.version)
        except OtdeskError as exc:
            self._refused(_("The draft was not removed"), exc)
            return False
        self.plan = None
        self.refresh(keep=False)
        return True

    def show_version(self, plan_id: int) -> None:
        """Show one version on the Plan page."""
        self.refresh(show=plan_id)
        self.pages.setCurrentIndex(PLAN_PAGE)

    def compare(self, older_id: int, newer_id: int) -> CompareDialog | None:
        """Two versions side by side."""
        try:
            comparison = care_plans.compare_plans(self.app.services, older_id=older_id,
                                                  newer_id=newer_id)
        except OtdeskError as exc:
            QMessageBox.warning(self, _("Cannot compare"), str(exc))
            return None
        dialog = CompareDialog(comparison, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # -- details, reviews, conferences -----------------------------------------------------

    def _report(self, _command: object, exc: OtdeskError) -> None:
        QMessageBox.warning(self, _("Cannot undo or redo"), str(exc))

    def edit_details(self) -> bool:
        """Edit the version's review date (and, for a draft, its summary and sharing)."""
        plan = self.plan
        if plan is None or plan.read_only:
            return False
        draft = plan.editable
        before = plan_values(plan)
        if not draft:
            before = {"review_date": before["review_date"]}

        def submit(values: dict[str, Any], version: int | None) -> int:
            assert version is not None
            command = EditRecordCommand(
                self.app, PLAN, plan.id, {k: before[k] for k in values}, values, self.tc.ids,
                expected_version=version, report=self._report)
            command.execute()
            self.tc.undo_stack.push(command)
            return plan.id

        def latest() -> tuple[dict[str, Any], int]:
            now = care_plans.get_plan(self.app.services, plan_id=plan.id)
            return {k: v for k, v in plan_values(now).items() if k in before}, now.version

        dialog = RecordDialog(
            self.app, self, title=fill(_("Details of version {number}"),
                                       number=plan.plan_version),
            build=lambda form, layout: build_plan_fields(
                form, layout, draft=draft, consent_family=self.consent_family,
                consent_partners=self.consent_partners),
            values=before, version=plan.version, submit=submit, latest=latest,
            only_changes=True)
        accepted = bool(dialog.exec())
        dialog.deleteLater()
        self.refresh()
        return accepted

    def record_review(self) -> Any:
        """Rate each active goal of the version in effect."""
        plan = self.plan
        if plan is None or plan.status is not CarePlanStatus.ACTIVE:
            return None
        dialog = ReviewDialog(self.app, plan, self.client_uuid, self)
        accepted = dialog.exec()
        recorded = dialog.recorded
        dialog.deleteLater()
        if accepted and recorded is not None:
            self.refresh()
            self.pages.setCurrentIndex(REVIEWS_PAGE)
        return recorded

    def record_conference(self) -> Any:
        """Record a joint case conference about the version on show."""
        plan = self.plan
        if plan is None or plan.read_only:
            return None
        dialog = ConferenceDialog(self.app, plan, self.client_uuid, self)
        accepted = dialog.exec()
        recorded = dialog.recorded
        dialog.deleteLater()
        if accepted and recorded is not None:
            if recorded.new_plan_id is not None:
                self.refresh(show=recorded.new_plan_id)
                self.pages.setCurrentIndex(PLAN_PAGE)
            else:
                self.refresh()
                self.pages.setCurrentIndex(REVIEWS_PAGE)
        return recorded

    # -- links ---------------------------------------------------------------------------

    def open_source(self, need: NeedInfo) -> None:
        """Show the finding a need came from, in its own tab."""
        if need.source_kind is None or need.source_id is None:
            return
        workspace = self.parentWidget()
        while workspace is not None and workspace.objectName() != "client-workspace":
            workspace = workspace.parentWidget()
        if workspace is not None:
            workspace.show_record(SOURCE_RECORDS[need.source_kind],  # type: ignore[attr-defined]
                                  need.source_id)

    def show_record(self, entity: str, record_id: int) -> None:
        """Show the version a link names (a dashboard line, a finding's "in care plan")."""
        if entity != RecordKind.CARE_PLAN:
            return
        try:
            plan = care_plans.get_plan(self.app.services, plan_id=record_id)
        except OtdeskError:
            return
        index = self.episode.findData(plan.episode_id)
        if index >= 0 and index != self.episode.currentIndex():
            self.episode.blockSignals(True)
            self.episode.setCurrentIndex(index)
            self.episode.blockSignals(False)
        self.refresh(show=plan.id)
        self.pages.setCurrentIndex(PLAN_PAGE)
        self.editor.goals.table.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._drafts_offered:
            self._drafts_offered = True
            QTimer.singleShot(0, self._offer_drafts)

    def _offer_drafts(self) -> None:
        """Reopen the dialogs a crash left unsaved (they offer the typing back): a part of the
        draft on show, or a review or case conference of the version on show."""
        plan = self.plan
        if plan is None:
            return
        if plan.editable:
            for part in self.editor.lists():
                part.offer_drafts()
        left = {d.key for d in drafts.list_drafts(self.app.services)}
        if client_draft_key(self.client_uuid, f"care_plan:review:{plan.uuid}") in left:
            self.record_review()
        if client_draft_key(self.client_uuid, f"care_plan:conference:{plan.uuid}") in left:
            self.record_conference()


def _make(tc: TabContext) -> QWidget:
    return CarePlanTab(tc)


register_tab(
    "care_plan",
    N_("Care plan"),
    _make,
    70,
    entities=(RecordKind.CARE_PLAN,),
)
