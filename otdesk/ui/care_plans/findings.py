"""From findings to the care plan: "Add to care plan" on an assessment, a battery result, a
checklist's hazard or a home modification, and the note that says a finding is already in a
plan ("In care plan v2").

The action asks the services what the finding suggests, lets the clinician word the need and
its goal, adds them to the episode's draft (a new version when only the one in effect exists),
and then shows the plan in the client's Care plan tab.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtWidgets import QFormLayout, QMessageBox, QWidget

from otdesk.domain.errors import OtdeskError
from otdesk.domain.records import RecordKind
from otdesk.domain.translation import _, fill
from otdesk.domain.vocab import NeedSource
from otdesk.services import care_plan_links
from otdesk.services.care_plan_links import PlanCitation, Suggestion
from otdesk.services.care_plan_views import NeedInfo, PlanInfo
from otdesk.ui.client_record.record_dialog import RecordDialog
from otdesk.ui.editing.forms import Form
from otdesk.ui.shell.app_context import AppContext


def citation_text(citations: Iterable[PlanCitation]) -> str:
    """ "In care plan v2" (or "In care plans v1, v2"); "" when no plan cites the record."""
    numbers = sorted({c.plan_version for c in citations})
    if not numbers:
        return ""
    shown = ", ".join(fill(_("v{number}"), number=n) for n in numbers)
    if len(numbers) == 1:
        return fill(_("In care plan {versions}"), versions=shown)
    return fill(_("In care plans {versions}"), versions=shown)


def citations_of(app: AppContext, kind: NeedSource, record_id: int) -> tuple[PlanCitation, ...]:
    """The plan versions that cite one record."""
    return care_plan_links.plan_links(app.services, source_kind=kind,
                                      source_ids=[record_id]).get(record_id, ())


def _build(form: Form, layout: QFormLayout) -> None:
    form.add_longtext(layout, "need_text", _("Need"), lines=2)
    form.add_text(layout, "symptom_or_barrier", _("Symptom or barrier"))
    form.add_text(layout, "activity_limited", _("Activity limited"))
    form.add_check(layout, "with_goal", _("Goal"), _("Add a goal for this need"))
    form.add_longtext(layout, "goal_text", _("Goal wording"), lines=2)
    form.add_text(layout, "domain", _("Domain"), max_length=100)


class AddToPlanDialog(RecordDialog):
    """Word the need (and goal) a finding suggests, then add them to the care plan."""

    def __init__(self, app: AppContext, suggestion: Suggestion,
                 parent: QWidget | None = None) -> None:
        self.suggestion = suggestion
        self.added: tuple[PlanInfo, NeedInfo] | None = None
        values = {"need_text": suggestion.need_text,
                  "symptom_or_barrier": suggestion.symptom_or_barrier,
                  "activity_limited": suggestion.activity_limited, "with_goal": True,
                  "goal_text": suggestion.goal_text, "domain": suggestion.domain}
        super().__init__(
            app, parent, title=_("Add to care plan"), build=_build, values=values,
            submit=self._submit, ok_text=_("Add to care plan"),
            intro=fill(_("From: {finding}. It becomes a need of the episode's draft care plan "
                         "(a new version when only the one in effect exists), linked both "
                         "ways."), finding=suggestion.finding))

    def _submit(self, values: Mapping[str, Any], _version: int | None) -> int:
        s = self.suggestion
        need = {"text": values.get("need_text") or "",
                "symptom_or_barrier": values.get("symptom_or_barrier") or "",
                "activity_limited": values.get("activity_limited") or ""}
        goal = {"text": values.get("goal_text") or "", "domain": values.get("domain") or ""}
        self.added = care_plan_links.add_to_plan(
            self.app.services, client_id=s.client_id, source_kind=s.source_kind,
            source_id=s.source_id, detail=s.source_detail, need=need, goal=goal,
            with_goal=bool(values.get("with_goal")))
        return self.added[1].id


def add_finding(app: AppContext, parent: QWidget, kind: NeedSource, record_id: int,
                detail: str = "") -> tuple[PlanInfo, NeedInfo] | None:
    """Ask how to word a finding's need and goal, and add them to the care plan (None when
    cancelled or refused, after saying why)."""
    try:
        suggestion = care_plan_links.suggest_from(app.services, source_kind=kind,
                                                  source_id=record_id, detail=detail)
    except OtdeskError as exc:
        QMessageBox.warning(parent, _("Cannot add to the care plan"), str(exc))
        return None
    dialog = AddToPlanDialog(app, suggestion, parent)
    accepted = dialog.exec()
    added = dialog.added
    dialog.deleteLater()
    return added if accepted else None


def show_plan(widget: QWidget, plan_id: int) -> bool:
    """Show a care-plan version in the client record ``widget`` is part of (its Care plan
    tab); False when the widget is not inside a client record."""
    holder = widget.parentWidget()
    while holder is not None and holder.objectName() != "client-workspace":
        holder = holder.parentWidget()
    if holder is None:
        return False
    holder.show_record(RecordKind.CARE_PLAN, plan_id)  # type: ignore[attr-defined]
    return True
