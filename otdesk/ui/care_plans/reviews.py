"""Review and case-conference entry: a level -2..+2 per active goal (each level in the goal's
own words) with the T-score worked out as you rate, and a joint case conference (who came by
discipline, the client's and the family's view, decisions, the next joint review, and whether
it starts the next version).

Both are ``RecordDialog``s, so what is typed is kept as a draft while the dialog is open.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from otdesk.domain.care_plans import GAS_LEVELS, review_t_score
from otdesk.domain.translation import _, fill, format_date
from otdesk.domain.vocab import Discipline, GoalStatus
from otdesk.services import care_plan_reviews
from otdesk.services.care_plan_reviews import ConferenceInfo, ReviewInfo
from otdesk.services.care_plan_views import GoalInfo, PlanInfo
from otdesk.ui.care_plans.cards import text_html
from otdesk.ui.care_plans.fields import level_name
from otdesk.ui.care_plans.models import goal_label, t_score_text
from otdesk.ui.client_record.record_dialog import RecordDialog
from otdesk.ui.editing.drafts_ui import client_draft_key
from otdesk.ui.editing.forms import Form
from otdesk.ui.parts.style import set_role
from otdesk.ui.shell.app_context import AppContext

NOT_RATED = None


def level_field(goal: GoalInfo) -> str:
    """The review form's field of one goal's level."""
    return f"level_{goal.id}"


def rated_goals(plan: PlanInfo) -> list[GoalInfo]:
    """The goals a review rates: the active ones."""
    return [g for g in plan.goals if g.status is GoalStatus.ACTIVE]


def level_items(goal: GoalInfo) -> list[tuple[Any, str]]:
    """A goal's levels as a choice list, best first, each with the goal's own words."""
    items: list[tuple[Any, str]] = [(NOT_RATED, _("(not rated at this review)"))]
    for level in reversed(GAS_LEVELS):
        words = goal.gas_levels.get(str(level), "")
        text = fill(_("{level}: {words}"), level=level_name(level), words=words) if words \
            else level_name(level)
        items.append((level, text))
    return items


def levels_of(values: Mapping[str, Any], goals: list[GoalInfo]) -> dict[int, int]:
    """The levels given in a review form, by goal id (goals not rated left out)."""
    out = {}
    for goal in goals:
        level = values.get(level_field(goal))
        if level is not None:
            out[goal.id] = int(level)
    return out


def t_score_of(levels: Mapping[int, int], goals: list[GoalInfo]) -> float | None:
    """The T-score these levels give, with the goals' weights."""
    weights = {g.id: g.gas_weight for g in goals}
    return review_t_score((level, weights[goal_id]) for goal_id, level in levels.items())


class ReviewDialog(RecordDialog):
    """Rate each active goal of the version in effect; the T-score shows as you go."""

    def __init__(self, app: AppContext, plan: PlanInfo, client_uuid: object,
                 parent: QWidget | None = None) -> None:
        self.plan = plan
        self.goals = rated_goals(plan)
        self.recorded: ReviewInfo | None = None
        self.score = QLabel()
        super().__init__(
            app, parent,
            title=fill(_("Review of care plan version {number}"), number=plan.plan_version),
            build=self._build, values={"review_date": app.services.today()},
            submit=self._submit, ok_text=_("Record review"),
            intro=_("Rate each active goal: 0 is the expected outcome, +1 and +2 better, −1 "
                    "and −2 less than expected. The T-score is 50 when every goal is met as "
                    "expected."),
            draft_key=client_draft_key(client_uuid, f"care_plan:review:{plan.uuid}"),
            draft_meta={"form": "care_plan_review", "plan_id": plan.id},
        )
        self.form.edited.connect(self._show_score)
        self._show_score()
        self._fit()

    def _fit(self) -> None:
        """Tall enough for every goal's words as they wrap (wrapped labels do not say)."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        width = max(self.width(), self.minimumWidth())
        needed = (layout.totalHeightForWidth(width) if layout.hasHeightForWidth()
                  else layout.totalSizeHint().height())
        self.setMinimumHeight(needed)
        self.resize(width, needed)

    def _build(self, form: Form, layout: QFormLayout) -> None:
        # Each goal's words above its level: a goal is a sentence, never cut to fit a label.
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.add_date(layout, "review_date", _("Review date"))
        for number, goal in enumerate(self.plan.goals, start=1):
            if goal in self.goals:
                words = QLabel(goal.text, self)
                words.setWordWrap(True)
                set_role(words, "muted")
                layout.addRow(words)
                combo = form.add_choice(layout, level_field(goal),
                                        fill(_("Goal {number}"), number=number),
                                        level_items(goal), hint=goal_label(number, goal))
                combo.setMinimumContentsLength(40)
        form.add_longtext(layout, "notes", _("Notes"), lines=3)
        self.score.setParent(self)
        set_role(self.score, "h2")
        self.score.setAccessibleName(_("T-score of this review"))
        layout.addRow(QLabel(_("T-score"), self), self.score)

    def levels(self) -> dict[int, int]:
        """The levels given so far, by goal id."""
        return levels_of(self.form.values(), self.goals)

    def _show_score(self) -> None:
        score = t_score_of(self.levels(), self.goals)
        self.score.setText(t_score_text(score) if score is not None else
                           _("— (rate at least one goal)"))
        self.score.setAccessibleDescription(self.score.text())

    def _submit(self, values: dict[str, Any], _version: int | None) -> int:
        self.recorded = care_plan_reviews.record_review(
            self.app.services, plan_id=self.plan.id, review_date=values["review_date"],
            levels=levels_of(values, self.goals), notes=str(values.get("notes") or ""))
        return self.recorded.id


class AttendeesEditor(QWidget):
    """Who took part, by discipline: one line of names per discipline."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.edits: dict[Discipline, QLineEdit] = {}
        for n, discipline in enumerate(Discipline):
            edit = QLineEdit(self)
            edit.setPlaceholderText(_("names, separated by commas"))
            edit.setAccessibleName(fill(_("Attendees from {discipline}"),
                                        discipline=discipline.label))
            edit.textChanged.connect(self.changed)
            caption = QLabel(discipline.label, self)
            caption.setBuddy(edit)
            row, column = divmod(n, 2)
            grid.addWidget(caption, row, 2 * column)
            grid.addWidget(edit, row, 2 * column + 1)
            self.edits[discipline] = edit

    def value(self) -> list[dict[str, str]]:
        """The attendees as the services take them, in the order of the disciplines."""
        out = []
        for discipline, edit in self.edits.items():
            for name in edit.text().split(","):
                if name.strip():
                    out.append({"discipline": discipline.value, "name": name.strip()})
        return out

    def set_value(self, value: Any) -> None:
        """Show a list of attendees."""
        names: dict[str, list[str]] = {}
        for entry in value or []:
            if isinstance(entry, Mapping):
                names.setdefault(str(entry.get("discipline")), []).append(
                    str(entry.get("name", "")))
        for discipline, edit in self.edits.items():
            edit.setText(", ".join(names.get(discipline.value, [])))


class ConferenceDialog(RecordDialog):
    """A joint case conference about the plan."""

    def __init__(self, app: AppContext, plan: PlanInfo, client_uuid: object,
                 parent: QWidget | None = None) -> None:
        self.plan = plan
        self.recorded: ConferenceInfo | None = None
        super().__init__(
            app, parent,
            title=fill(_("Case conference on care plan version {number}"),
                       number=plan.plan_version),
            build=self._build,
            values={"held_on": app.services.today(), "next_review_date": plan.review_date},
            submit=self._submit, ok_text=_("Record conference"),
            draft_key=client_draft_key(client_uuid, f"care_plan:conference:{plan.uuid}"),
            draft_meta={"form": "case_conference", "plan_id": plan.id},
        )

    def _build(self, form: Form, layout: QFormLayout) -> None:
        form.add_date(layout, "held_on", _("Held on"))
        host = layout.parentWidget() or self
        self.attendees = AttendeesEditor(host)
        form.add_widget(layout, "attendees", _("Attendees"), self.attendees,
                        getter=self.attendees.value, setter=self.attendees.set_value,
                        changed=self.attendees.changed,
                        focus=self.attendees.edits[Discipline.OT])
        form.add_longtext(layout, "client_view", _("Client's view"), lines=2)
        form.add_longtext(layout, "family_view", _("Family's view"), lines=2)
        form.add_longtext(layout, "decisions", _("Decisions"), lines=3)
        form.add_date(layout, "next_review_date", _("Next joint review"),
                      hint=_("Becomes the plan's review date"))
        form.add_check(layout, "start_new_version", _("Next version"),
                       fill(_("Start version {number} as a copy of this one"),
                            number=self.plan.plan_version + 1),
                       hint=_("For decisions that change the plan's content"))

    def _submit(self, values: dict[str, Any], _version: int | None) -> int:
        start = bool(values.pop("start_new_version", False))
        self.recorded = care_plan_reviews.record_conference(
            self.app.services, plan_id=self.plan.id, values=values, start_new_version=start)
        return self.recorded.id


def conference_html(conference: ConferenceInfo) -> str:
    """A case conference in words, for the list of conferences."""
    by: dict[Discipline, list[str]] = {}
    for a in conference.attendees:
        by.setdefault(a.discipline, []).append(a.name)
    who = "; ".join(f"{escape(d.label)}: {text_html(', '.join(n for n in names if n))}"
                    for d, names in by.items())
    parts = [f"<b>{escape(fill(_('Case conference on {date}'), date=conference.held_on))}</b>"]
    for label, value in ((_("Attendees"), who),
                         (_("Client's view"), text_html(conference.client_view)),
                         (_("Family's view"), text_html(conference.family_view)),
                         (_("Decisions"), text_html(conference.decisions))):
        if value:
            parts.append(f"<i>{escape(label)}</i>: {value}")
    if conference.next_review_date is not None:
        parts.append(escape(fill(_("Next joint review: {date}"),
                                 date=format_date(conference.next_review_date))))
    if conference.new_plan_id is not None:
        parts.append(escape(_("Started the next version of the plan.")))
    return "<br>".join(parts)

