"""The pieces of the Home checklists tab: one checklist answered room by room (its sections
are the areas), the recommendations its hazards call for as modification rows to edit and
add, and one modification moved through its statuses with who and when."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from otdesk.domain.definitions import Definition, Recommendation, recommendations
from otdesk.domain.errors import OtdeskError
from otdesk.domain.translation import _, current_language, fill, format_date
from otdesk.domain.vocab import ModificationOwner, Priority
from otdesk.services import checklists, modifications
from otdesk.services.checklists import ChecklistInfo
from otdesk.services.modifications import ModificationInfo
from otdesk.ui.parts.style import SPACING, set_role
from otdesk.ui.shell.app_context import AppContext


def _refused(parent: QWidget, title: str, exc: OtdeskError) -> None:
    QMessageBox.warning(parent, title, str(exc))


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())



def _date_edit(parent: QWidget, app: AppContext) -> QDateEdit:
    """A date picker written as the interface writes dates ("3 Jan 2027"), set to today until
    a record fills it (Qt's own default reads "1/1/00")."""
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMM yyyy")
    edit.setDate(_qdate(app.services.today()))
    return edit

class ChecklistEditor(QWidget):
    """One checklist: areas on the left, the area's items on the right, hazards below."""

    saved = Signal(object)  # ChecklistInfo
    modification_added = Signal(object)  # ModificationInfo

    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self.info: ChecklistInfo | None = None
        self.definition: Definition | None = None
        self.answers: dict[str, str] = {}
        self.dirty = False
        self.combos: dict[str, QComboBox] = {}
        self.title = QLabel(self)
        set_role(self.title, "h2")
        self.areas = QListWidget(self)
        self.areas.setAccessibleName(_("Areas of the home"))
        self.areas.setMaximumWidth(240)
        self.areas.currentRowChanged.connect(self._show_area)
        self.items = QWidget()
        self.form = QFormLayout(self.items)
        # Item texts are sentences: each above its answer, never squeezed beside it.
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.items)
        self.save_button = QPushButton(_("&Save draft"), self)
        self.save_button.clicked.connect(self.save)
        self.finalise_button = QPushButton(_("&Finalise"), self)
        self.finalise_button.clicked.connect(self.finalise)
        self.state = QLabel(self)
        set_role(self.state, "muted")

        self.recommendations = QListWidget(self)
        self.recommendations.setMaximumHeight(self.fontMetrics().lineSpacing() * 5)
        self.recommendations.setAccessibleName(_("Recommended modifications"))
        self.recommendations.currentRowChanged.connect(self._pick_recommendation)
        self.rec_text = QLineEdit(self)
        self.rec_text.setAccessibleName(_("Recommendation"))
        self.rec_owner = QComboBox(self)
        self.rec_owner.setAccessibleName(_("Owner"))
        for owner in ModificationOwner:
            self.rec_owner.addItem(owner.label, owner.value)
        self.rec_owner_name = QLineEdit(self)
        self.rec_owner_name.setAccessibleName(_("Who exactly"))
        self.rec_priority = QComboBox(self)
        self.rec_priority.setAccessibleName(_("Priority"))
        for priority in Priority:
            self.rec_priority.addItem(priority.label, priority.value)
        self.rec_due = _date_edit(self, app)
        self.rec_due.setAccessibleName(_("Due date"))
        self.add_button = QPushButton(_("&Add as modification"), self)
        self.add_button.clicked.connect(self.add_modification)
        self._offered: list[Recommendation] = []
        self._made: dict[str, int] = {}

        rooms = QHBoxLayout()
        rooms.addWidget(self.areas)
        rooms.addWidget(scroll, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.state, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.finalise_button)
        hazards = QGroupBox(_("Hazards and what they call for"), self)
        edit = QFormLayout()
        edit.addRow(_("Recommendation:"), self.rec_text)
        edit.addRow(_("Owner:"), self.rec_owner)
        edit.addRow(_("Who exactly:"), self.rec_owner_name)
        edit.addRow(_("Priority:"), self.rec_priority)
        edit.addRow(_("Due:"), self.rec_due)
        edit.addRow("", self.add_button)
        box = QVBoxLayout(hazards)
        box.addWidget(self.recommendations)
        box.addLayout(edit)
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING)
        layout.addWidget(self.title)
        layout.addLayout(rooms, 1)
        layout.addLayout(buttons)
        layout.addWidget(hazards, 0)

    # -- showing ----------------------------------------------------------------------------

    def show_checklist(self, info: ChecklistInfo) -> None:
        """Show ``info``'s areas and answers (read-only once final)."""
        self.info = info
        self.definition = checklists.definition_of(info)
        self.answers = info.codes()
        self.dirty = False
        lang = current_language()
        self.title.setText(fill(_("{checklist}, visit of {date}"), checklist=info.title,
                                date=info.visit_date))
        self.areas.blockSignals(True)
        self.areas.clear()
        for section in self.definition.sections:
            item = QListWidgetItem(section.title.text(lang))
            item.setData(Qt.ItemDataRole.UserRole, section.key)
            self.areas.addItem(item)
        self.areas.blockSignals(False)
        self.areas.setCurrentRow(0)
        self._show_area(0)
        final = info.is_final
        self.save_button.setEnabled(not final)
        self.finalise_button.setEnabled(not final)
        self.state.setText(_("Final: read-only") if final else _("Draft"))
        self._made = made_from(self._app, info.id)
        self._refresh_recommendations()

    def _show_area(self, row: int) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.combos = {}
        if self.definition is None or not 0 <= row < len(self.definition.sections):
            return
        lang = current_language()
        section = self.definition.sections[row]
        for item in section.items:
            scale = self.definition.scale_of(item)
            if scale is None:
                continue
            combo = QComboBox(self.items)
            combo.setAccessibleName(item.text.text(lang))
            combo.addItem(_("(not answered)"), "")
            for option in scale.options:
                combo.addItem(option.label.text(lang), option.code)
            combo.setCurrentIndex(max(combo.findData(self.answers.get(item.key, "")), 0))
            combo.setEnabled(self.info is not None and not self.info.is_final)
            combo.currentIndexChanged.connect(
                lambda _i, key=item.key, c=combo: self.answer(key, c.currentData()))
            label = QLabel(item.text.text(lang), self.items)
            label.setWordWrap(True)
            if item.help is not None:
                label.setToolTip(item.help.text(lang))
            self.form.addRow(label, combo)
            self.combos[item.key] = combo

    def show_area(self, section_key: str) -> None:
        """Bring the area ``section_key`` forward."""
        for row in range(self.areas.count()):
            if self.areas.item(row).data(Qt.ItemDataRole.UserRole) == section_key:
                self.areas.setCurrentRow(row)

    # -- answering --------------------------------------------------------------------------

    def answer(self, item_key: str, code: str) -> None:
        """Record an answer (kept until saved); a hazard offers its recommendation at once."""
        if code:
            self.answers[item_key] = code
        else:
            self.answers.pop(item_key, None)
        self.dirty = True
        combo = self.combos.get(item_key)
        if combo is not None and combo.currentData() != code:
            combo.setCurrentIndex(max(combo.findData(code), 0))
        self._refresh_recommendations()

    def _refresh_recommendations(self) -> None:
        assert self.definition is not None
        lang = current_language()
        self._offered = recommendations(self.definition, self.answers)
        self.recommendations.blockSignals(True)
        self.recommendations.clear()
        for rec in self._offered:
            area = self.definition.section_of(rec.item_key).title.text(lang)
            text = fill(_("{area}: {recommendation}"), area=area,
                        recommendation=rec.text.text(lang))
            if rec.item_key in self._made:
                text = fill(_("{recommendation} (added)"), recommendation=text)
            self.recommendations.addItem(text)
        self.recommendations.blockSignals(False)
        if self._offered:
            self.recommendations.setCurrentRow(0)
            self._pick_recommendation(0)
        else:
            self.add_button.setEnabled(False)

    def current_hazard(self) -> str | None:
        """The item key of the hazard picked under "Hazards and what they call for"."""
        row = self.recommendations.currentRow()
        return self._offered[row].item_key if 0 <= row < len(self._offered) else None

    def _pick_recommendation(self, row: int) -> None:
        if not 0 <= row < len(self._offered):
            return
        rec = self._offered[row]
        self.rec_text.setText(rec.text.text(current_language()))
        self.rec_owner.setCurrentIndex(self.rec_owner.findData(rec.owner.value))
        self.rec_priority.setCurrentIndex(self.rec_priority.findData(rec.priority.value))
        days = {"urgent": 7, "soon": 30}.get(rec.priority.value, 60)
        self.rec_due.setDate(_qdate(self._app.services.today()).addDays(days))
        self.add_button.setEnabled(rec.item_key not in self._made)

    # -- saving -----------------------------------------------------------------------------

    def save(self) -> bool:
        """Save the answers as a draft; True when saved."""
        if self.info is None or self.info.is_final:
            return False
        if not self.dirty:
            return True
        before = self.info.codes()
        changed: dict[str, object] = {k: v for k, v in self.answers.items() if before.get(k) != v}
        changed.update({k: None for k in before if k not in self.answers})
        try:
            self.info = checklists.save_answers(
                self._app.services, checklist_id=self.info.id,
                expected_version=self.info.version, answers=changed)
        except OtdeskError as exc:
            _refused(self, _("The checklist was not saved"), exc)
            return False
        self.dirty = False
        self.saved.emit(self.info)
        return True

    def finalise(self) -> None:
        """Save, then make the checklist final (read-only)."""
        if self.info is None or not self.save():
            return
        try:
            info = checklists.finalise_checklist(self._app.services, checklist_id=self.info.id,
                                                 expected_version=self.info.version)
        except OtdeskError as exc:
            _refused(self, _("The checklist was not finalised"), exc)
            return
        self.show_checklist(info)
        self.saved.emit(info)

    def add_modification(self) -> ModificationInfo | None:
        """Turn the chosen hazard's recommendation, as edited, into a modification."""
        row = self.recommendations.currentRow()
        if self.info is None or not 0 <= row < len(self._offered):
            return None
        if not self.info.is_final and not self.save():  # a final visit's hazards may be added
            return None
        rec = self._offered[row]
        try:
            made = checklists.accept_recommendation(
                self._app.services, checklist_id=self.info.id, item_key=rec.item_key,
                recommendation=self.rec_text.text(), owner=self.rec_owner.currentData(),
                owner_name=self.rec_owner_name.text(),
                priority=self.rec_priority.currentData(), due_date=_day(self.rec_due.date()))
        except OtdeskError as exc:
            _refused(self, _("The modification was not added"), exc)
            return None
        self._made[rec.item_key] = made.id
        self._refresh_recommendations()
        self.modification_added.emit(made)
        return made


def made_from(app: AppContext, checklist_id: int) -> dict[str, int]:
    """The modifications already made from a checklist's items (item key -> id)."""
    return {r.item_key: r.modification_id
            for r in checklists.hazard_recommendations(app.services, checklist_id=checklist_id)
            if r.modification_id is not None}


class ModificationPanel(QGroupBox):
    """One modification: its steps so far, and the next step with who and when."""

    moved = Signal(object)  # ModificationInfo

    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(_("Steps"), parent)
        self._app = app
        self.info: ModificationInfo | None = None
        self.history = QListWidget(self)
        self.history.setAccessibleName(_("Steps so far"))
        self.status = QComboBox(self)
        self.status.setAccessibleName(_("Next status"))
        self.on_date = _date_edit(self, app)
        self.on_date.setAccessibleName(_("When it happened"))
        self.who = QLineEdit(self)
        self.who.setAccessibleName(_("Who did it"))
        self.note = QLineEdit(self)
        self.note.setAccessibleName(_("Note"))
        self.record_button = QPushButton(_("&Record step"), self)
        self.record_button.clicked.connect(self.record_step)
        form = QFormLayout()
        form.addRow(_("Move to:"), self.status)
        form.addRow(_("On:"), self.on_date)
        form.addRow(_("Who did it:"), self.who)
        form.addRow(_("Note:"), self.note)
        form.addRow("", self.record_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.history)
        layout.addLayout(form)
        self.setEnabled(False)

    def show_modification(self, info: ModificationInfo) -> None:
        """Show a modification's steps and what may come next."""
        self.info = info
        self.setEnabled(True)
        self.history.clear()
        for step in modifications.history(self._app.services, modification_id=info.id):
            parts = [step.status.label, format_date(step.on_date)]
            parts += [p for p in (step.who, step.note) if p]
            self.history.addItem(" · ".join(parts))
        self.status.clear()
        for status in info.next_statuses():
            self.status.addItem(status.label, status.value)
        ended = self.status.count() == 0
        self.record_button.setEnabled(not ended)
        if ended:
            self.status.addItem(_("(nothing follows this status)"), "")
        self.on_date.setDate(_qdate(self._app.services.today()))
        self.who.clear()
        self.note.clear()

    def choose(self, status: str) -> None:
        """Pick the next status by its code."""
        self.status.setCurrentIndex(max(self.status.findData(status), 0))

    def record_step(self) -> ModificationInfo | None:
        """Record the next step as filled in."""
        if self.info is None or not self.status.currentData():
            return None
        try:
            moved = modifications.advance(
                self._app.services, modification_id=self.info.id,
                expected_version=self.info.version, status=self.status.currentData(),
                on_date=_day(self.on_date.date()), who=self.who.text(), note=self.note.text())
        except OtdeskError as exc:
            _refused(self, _("The step was not recorded"), exc)
            return None
        self.show_modification(moved)
        self.moved.emit(moved)
        return moved
