"""The form fields of a care plan's parts: its details, a need, a goal (with its attainment
levels in words and the family's wording), a goal's status, and an intervention.

A goal's attainment levels and its family wordings are mappings; each is one field of the
form, edited by a small widget of its own (``LevelsEditor``, ``FamilyWordingEditor``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from otdesk.domain.care_plans import GAS_LEVELS
from otdesk.domain.translation import _, fill
from otdesk.domain.vocab import Discipline, GoalStatus
from otdesk.services.care_plan_views import GoalInfo, InterventionInfo, NeedInfo, PlanInfo
from otdesk.ui.care_plans.models import first_line, goal_label
from otdesk.ui.editing.forms import COMMON_LANGUAGES, Form, language_label


def level_name(level: int) -> str:
    """What a Goal Attainment Scaling level means in general ("+1 better than expected")."""
    return {
        -2: _("−2 much less than expected"),
        -1: _("−1 somewhat less than expected"),
        0: _("0 the expected outcome"),
        1: _("+1 somewhat better than expected"),
        2: _("+2 much better than expected"),
    }[level]


def level_short(level: int) -> str:
    """A level as a signed number ("+1", "0", "−2")."""
    return "0" if level == 0 else f"{'+' if level > 0 else '−'}{abs(level)}"


def build_plan_fields(form: Form, layout: QFormLayout, *, draft: bool,
                      consent_family: bool, consent_partners: bool) -> None:
    """A version's details: its review date (any version in use) and, for a draft, what it
    says in short and what may be shared, as far as the client's consent allows."""
    form.add_date(layout, "review_date", _("Review date"),
                  hint=_("When the plan is next reviewed; the dashboard reminds you"))
    if not draft:
        return
    form.add_longtext(layout, "summary", _("Summary"), lines=3)
    family = form.add_check(layout, "share_with_family", _("Family"),
                            _("May be shared with the family"))
    partners = form.add_check(layout, "share_with_partners", _("Community partners"),
                              _("May be shared with community partners"))
    if not consent_family:
        family.setToolTip(_("The client has not consented to sharing with family"))
    if not consent_partners:
        partners.setToolTip(_("The client has not consented to sharing with community "
                              "providers"))


def build_need_fields(form: Form, layout: QFormLayout) -> None:
    """A need: in a sentence, the symptom or barrier, and the activity it limits."""
    form.add_longtext(layout, "text", _("Need"), lines=2)
    form.add_text(layout, "symptom_or_barrier", _("Symptom or barrier"),
                  placeholder=_("e.g. low energy in the mornings"))
    form.add_text(layout, "activity_limited", _("Activity limited"),
                  placeholder=_("e.g. preparing breakfast"))


def need_values(need: NeedInfo) -> dict[str, Any]:
    """A need's editable values."""
    return {"text": need.text, "symptom_or_barrier": need.symptom_or_barrier,
            "activity_limited": need.activity_limited}


def need_items(needs: Sequence[NeedInfo]) -> list[tuple[Any, str]]:
    """The needs a goal may address, as a choice list."""
    items: list[tuple[Any, str]] = [(None, _("(no need in particular)"))]
    items += [(n.id, fill(_("Need {number}: {need}"), number=i, need=first_line(n.text)))
              for i, n in enumerate(needs, start=1)]
    return items


def _holder(form: Form, layout: QFormLayout) -> QWidget | None:
    """Where a field's own widget is made (as the form makes its controls)."""
    holder = layout.parentWidget()
    if holder is None:
        host = form.parent()
        holder = host if isinstance(host, QWidget) else None
    return holder


class LevelsEditor(QWidget):
    """What each attainment level -2..+2 looks like for one goal: a line per level."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edits: dict[int, QLineEdit] = {}
        for level in reversed(GAS_LEVELS):  # the best outcome on top, as on a GAS form
            edit = QLineEdit(self)
            edit.setAccessibleName(level_name(level))
            edit.setToolTip(level_name(level))
            edit.textChanged.connect(self.changed)
            caption = QLabel(level_short(level), self)
            caption.setBuddy(edit)
            caption.setToolTip(level_name(level))
            layout.addRow(caption, edit)
            self.edits[level] = edit

    def value(self) -> dict[str, str]:
        """The levels described, keyed "-2" .. "2" (blank ones left out)."""
        return {str(level): edit.text() for level, edit in sorted(self.edits.items())
                if edit.text().strip()}

    def set_value(self, value: Any) -> None:
        """Show a goal's levels."""
        levels = value if isinstance(value, Mapping) else {}
        for level, edit in self.edits.items():
            edit.setText(str(levels.get(str(level), "")))


class FamilyWordingEditor(QWidget):
    """The goal in plain words for the family, in one language (wordings in other languages
    are kept as they are)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._others: dict[str, str] = {}
        self.language = QComboBox(self)
        self.language.setEditable(True)
        self.language.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.language.setAccessibleName(_("Family's language"))
        for code in COMMON_LANGUAGES:
            self.language.addItem(language_label(code), code)
        self.text = QPlainTextEdit(self)
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(self.text.fontMetrics().lineSpacing() * 2 + 16)
        self.text.setAccessibleName(_("The goal in plain words for the family"))
        self.language.currentTextChanged.connect(self.changed)
        self.text.textChanged.connect(self.changed)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(4)
        box.addWidget(self.language)
        box.addWidget(self.text)

    def code(self) -> str:
        """The language chosen (a code)."""
        shown = self.language.currentText().strip()
        i = self.language.findText(shown)
        return str(self.language.itemData(i)) if i >= 0 else shown

    def value(self) -> dict[str, str]:
        """Every wording of the goal, by language code."""
        out = dict(self._others)
        code, words = self.code(), self.text.toPlainText()
        if code and words.strip():
            out[code] = words
        return out

    def set_value(self, value: Any, prefer: str = "") -> None:
        """Show the wording in ``prefer`` (else the first one there is)."""
        wordings = {str(k): str(v) for k, v in (value or {}).items()} \
            if isinstance(value, Mapping) else {}
        code = prefer if prefer in wordings or not wordings else next(iter(wordings))
        if not code:
            code = self.code()
        self._others = {k: v for k, v in wordings.items() if k != code}
        i = self.language.findData(code)
        if i < 0 and code:
            self.language.addItem(language_label(code), code)
            i = self.language.count() - 1
        self.language.setCurrentIndex(max(i, 0))
        self.text.setPlainText(wordings.get(code, ""))


def build_goal_fields(form: Form, layout: QFormLayout, needs: Sequence[NeedInfo],
                      family_language: str) -> None:
    """A goal: the need it addresses, its wording, measure, baseline, target and domain, what
    each attainment level looks like, and its wording for the family in their language."""
    form.add_choice(layout, "need_id", _("Addresses"), need_items(needs))
    form.add_longtext(layout, "text", _("Goal"), lines=2,
                      hint=_("Specific and measurable: who does what, how well, by when"))
    form.add_text(layout, "measure", _("Measure"),
                  placeholder=_("e.g. days a week breakfast is made without prompts"))
    form.add_text(layout, "baseline", _("Baseline"))
    form.add_date(layout, "target_date", _("Target date"))
    form.add_text(layout, "domain", _("Domain"), max_length=100,
                  placeholder=_("e.g. meal preparation"))
    levels = LevelsEditor(_holder(form, layout))
    form.add_widget(layout, "gas_levels", _("Attainment levels"), levels,
                    getter=levels.value, setter=levels.set_value, changed=levels.changed,
                    focus=levels.edits[2],
                    hint=_("What each level would look like for this goal; 0 is the "
                           "expected outcome"))
    _add_family_wording(form, layout, family_language,
                        _("The goal in plain words for the family, in their language"))


def _add_family_wording(form: Form, layout: QFormLayout, family_language: str,
                        hint: str) -> None:
    """The "For the family" field: plain words by language, opening on the family's."""
    family = FamilyWordingEditor(_holder(form, layout))
    family.set_value({}, family_language)
    form.add_widget(layout, "plain_language", _("For the family"), family,
                    getter=family.value,
                    setter=lambda v: family.set_value(v, family_language),
                    changed=family.changed, focus=family.language, hint=hint)


def goal_values(goal: GoalInfo) -> dict[str, Any]:
    """A goal's editable values (its status is set on its own)."""
    return {"need_id": goal.need_id, "text": goal.text, "measure": goal.measure,
            "baseline": goal.baseline, "target_date": goal.target_date, "domain": goal.domain,
            "gas_levels": dict(goal.gas_levels), "plain_language": dict(goal.plain_language)}


def build_status_fields(form: Form, layout: QFormLayout) -> None:
    """A goal's status and the reason for it."""
    form.add_enum(layout, "status", _("Status"), GoalStatus)
    form.add_longtext(layout, "reason", _("Reason"), lines=3,
                      hint=_("Why the goal was achieved or discontinued"))


def goal_items(plan: PlanInfo) -> list[tuple[Any, str]]:
    """The goals an intervention may serve, as a choice list."""
    items: list[tuple[Any, str]] = [(None, _("The plan as a whole"))]
    items += [(g.id, goal_label(i, g)) for i, g in enumerate(plan.goals, start=1)]
    return items


def build_intervention_fields(form: Form, layout: QFormLayout, plan: PlanInfo,
                              family_language: str) -> None:
    """An intervention: the goal it serves, the discipline responsible, what, how often and
    who exactly; a family task also in plain words for the family's handout."""
    form.add_choice(layout, "goal_id", _("For goal"), goal_items(plan))
    form.add_enum(layout, "discipline", _("Discipline"), Discipline)
    form.add_longtext(layout, "description", _("What"), lines=2)
    form.add_text(layout, "frequency", _("How often"), max_length=200,
                  placeholder=_("e.g. weekly, 6 sessions"))
    form.add_text(layout, "owner_name", _("Who"), max_length=200,
                  placeholder=_("e.g. Dr Rivera, the client's sister"))
    _add_family_wording(form, layout, family_language, _(
        "A family task in plain words, in their language, with how often: the family "
        "handout prints it under “How you can help at home”"))


def intervention_values(i: InterventionInfo) -> dict[str, Any]:
    """An intervention's editable values."""
    return {"goal_id": i.goal_id, "discipline": i.discipline.value,
            "description": i.description, "frequency": i.frequency,
            "owner_name": i.owner_name, "plain_language": dict(i.plain_language)}
