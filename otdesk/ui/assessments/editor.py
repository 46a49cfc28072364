"""One administration open for answering: the generated form, its live scores beside it, and
Save draft, Finalise and Correct.

Answers reach the database through ``save_answers`` (the Save draft button, and on leaving
the page or the record). Between saves the app's draft keeper holds what was typed, so a
crash loses nothing: the next time the administration is opened it is offered back.
A finalised administration opens read-only; Correct starts a new linked draft.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from otdesk.domain.definitions import Definition, score
from otdesk.domain.errors import OtdeskError
from otdesk.domain.translation import _, current_language, fill, format_date, ngettext
from otdesk.services import assessments
from otdesk.services.assessments import AssessmentInfo
from otdesk.services.drafts import DraftInfo
from otdesk.ui.assessments.form import AssessmentForm
from otdesk.ui.assessments.models import status_text
from otdesk.ui.assessments.score_panel import ScorePanel
from otdesk.ui.client_record.tabs._parts import confirm
from otdesk.ui.editing.drafts_ui import DraftKeeper, client_draft_key
from otdesk.ui.editing.form_fields import DateField
from otdesk.ui.parts.style import SPACING, UNIT, set_role
from otdesk.ui.parts.widgets import show_banner
from otdesk.ui.shell.app_context import AppContext


class AssessmentEditor(QWidget):
    """The page of one administration."""

    closed = Signal()  # Back to the list
    open_requested = Signal(int)  # another administration to open (a new correction)
    dirty_changed = Signal(bool)

    def __init__(self, app: AppContext, info: AssessmentInfo, definition: Definition,
                 client_uuid: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.info = info
        self.definition = definition
        self.language = current_language()
        self._dirty = False
        title = QLabel(info.title, self)
        set_role(title, "h1")
        self.status = QLabel(self)
        set_role(self.status, "badge")
        self.back_button = QPushButton(_("← &Back to the list"), self)
        self.back_button.clicked.connect(self.leave)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addWidget(self.status, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addStretch(1)
        top.addWidget(self.back_button)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        set_role(self.note, "small")
        notes = [fill(_("Version {version}"), version=info.definition_version)]
        if definition.label_note is not None:
            notes.append(definition.label_note.text(self.language))
        if definition.attribution is not None:
            notes.append(definition.attribution.text(self.language))
        self.note.setText(" · ".join(notes))

        self.date_field = DateField(self)
        self.date_field.setText(info.administered_on.isoformat())
        self.date_field.setAccessibleName(_("Date administered"))
        date_label = QLabel(_("D&ate:"), self)
        date_label.setBuddy(self.date_field.edit)
        self.comment = QLineEdit(info.comment, self)
        self.comment.setAccessibleName(_("Clinician's comment"))
        self.comment.setPlaceholderText(_("Clinician's comment (optional)"))
        comment_label = QLabel(_("Co&mment:"), self)
        comment_label.setBuddy(self.comment)
        facts = QHBoxLayout()
        facts.setSpacing(SPACING)
        facts.addWidget(date_label)
        facts.addWidget(self.date_field)
        facts.addWidget(comment_label)
        facts.addWidget(self.comment, 1)

        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.form = AssessmentForm(definition, language=self.language, answers=info.answers,
                                   parent=self)
        # The scores scroll on their own when a definition has many domains.
        panel_area = QScrollArea(self)
        panel_area.setWidgetResizable(True)
        panel_area.setFrameShape(QFrame.Shape.NoFrame)
        panel_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.panel = ScorePanel(definition, self.language, panel_area)
        panel_area.setWidget(self.panel)
        panel_area.setMinimumWidth(self.panel.minimumWidth() + UNIT * 2)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.form)
        split.addWidget(panel_area)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)

        self.save_button = QPushButton(_("&Save draft"), self)
        self.finalise_button = QPushButton(_("&Finalise…"), self)
        set_role(self.finalise_button, "primary")
        self.correct_button = QPushButton(_("&Correct…"), self)
        self.correct_button.setToolTip(_("Start a new draft that corrects this administration"))
        self.save_button.clicked.connect(self.save)
        self.finalise_button.clicked.connect(self.finalise)
        self.correct_button.clicked.connect(self.correct)
        self.saved_note = QLabel(self)
        set_role(self.saved_note, "muted")
        buttons = QHBoxLayout()
        buttons.setSpacing(SPACING)
        buttons.addWidget(self.saved_note, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.correct_button)
        buttons.addWidget(self.finalise_button)

        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(SPACING)
        box.addLayout(top)
        box.addWidget(self.note)
        box.addLayout(facts)
        box.addWidget(self.banner)
        box.addWidget(split, 1)
        box.addLayout(buttons)

        self.keeper = DraftKeeper(
            app, key=client_draft_key(client_uuid, f"assessments:{info.id}"),
            title=lambda: fill(_("{instrument} of {date}"), instrument=self.info.title,
                               date=format_date(self.info.administered_on)),
            payload=self._payload, base_version=lambda: self.info.version, parent=self)
        self.form.answers_changed.connect(self._edited)
        self.form.reached_end.connect(lambda: self._next_button().setFocus())
        self.date_field.text_changed.connect(lambda _t: self._edited())
        self.comment.textEdited.connect(lambda _t: self._edited())
        self._show_state()
        self._rescore()
        if not info.is_final:
            self.keeper.offer_restore(self, self._restore)

    # -- state ----------------------------------------------------------------------------

    def _payload(self) -> dict[str, Any]:
        return {"form": "assessments", "client_id": self.info.client_id,
                "assessment_id": self.info.id, "answers": self.all_answers(),
                "administered_on": self.date_field.text(), "comment": self.comment.text()}

    def _restore(self, draft: DraftInfo) -> None:
        answers = dict(self.info.answers) | dict(draft.payload.get("answers") or {})
        self.form.set_answers({k: v for k, v in answers.items() if v is not None})
        self.date_field.setText(str(draft.payload.get("administered_on") or ""))
        self.comment.setText(str(draft.payload.get("comment") or ""))
        self._set_dirty(True)
        self._rescore()

    def _show_state(self) -> None:
        final = self.info.is_final
        self.status.setText(status_text(self.info))
        self.form.set_read_only(final)
        self.date_field.edit.setReadOnly(final)
        self.date_field.button.setEnabled(not final)
        self.comment.setReadOnly(final)
        self.save_button.setVisible(not final)
        self.finalise_button.setVisible(not final)
        self.correct_button.setVisible(final and self.info.corrected_by_id is None)
        if final:
            when = self.info.finalised_at
            self.saved_note.setText(fill(
                _("Finalised by {name} on {date}: read-only."), name=self.info.author_name,
                date=format_date(when.date() if when else self.info.administered_on)))
        else:
            self.saved_note.setText("")

    def _next_button(self) -> QWidget:
        return self.finalise_button if not self.info.is_final else self.back_button

    def _edited(self) -> None:
        self._rescore()
        if self.info.is_final:
            return
        self._set_dirty(True)
        self.keeper.note_edit()

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)

    def _rescore(self) -> None:
        self.panel.show_result(score(self.definition, self.form.answers()))

    def all_answers(self) -> dict[str, object]:
        """Every item's answer (None for those left open, so a save clears them)."""
        given = self.form.answers()
        return {key: given.get(key) for key in self.form.rows}

    def _say(self, text: str, role: str = "banner-error") -> None:
        show_banner(self.banner, text, role)

    # -- the contract of a record tab ------------------------------------------------------

    def has_unsaved_changes(self) -> bool:
        """Whether answers were changed since the last save."""
        return self._dirty and not self.info.is_final

    def save_changes(self) -> bool:
        """Save the draft (on leaving the record); False when it could not be saved."""
        return self.save()

    def discard_changes(self) -> None:
        """Drop the changes since the last save (the draft keeper's copy too)."""
        self.keeper.discard()
        self._set_dirty(False)

    # -- actions --------------------------------------------------------------------------

    def _date(self) -> date | None:
        text = self.date_field.text()
        try:
            return date.fromisoformat(text)
        except ValueError:
            return None

    def save(self) -> bool:
        """Save the answers as the draft's (True when saved or nothing to save)."""
        if self.info.is_final:
            return True
        problems = self.form.problems()
        day = self._date()
        if problems or day is None:
            lines = [fill(_("{item}: {problem}"),
                          item=self.definition.item(k).text.text(self.language), problem=p)
                     for k, p in problems.items()]
            if day is None:
                lines.insert(0, _("The date administered must be a date (YYYY-MM-DD)."))
            self._say("\n".join(lines))
            if problems:
                self.form.focus_item(next(iter(problems)))
            return False
        try:
            self.info = assessments.save_answers(
                self.app.services, assessment_id=self.info.id,
                expected_version=self.info.version, answers=self.all_answers(),
                administered_on=day, comment=self.comment.text().strip())
        except OtdeskError as exc:
            self._say(str(exc))
            return False
        self.keeper.discard()
        self.form.mark_clean()
        self._set_dirty(False)
        self._say("")
        self.saved_note.setText(_("Draft saved."))
        return True

    def finalise(self) -> bool:
        """Finalise after checking the required items and asking (True when finalised)."""
        if self.info.is_final:
            return False
        missing = self.form.mark_missing()
        if missing:
            self._say(fill(ngettext(
                "{count} required item is still open; it is highlighted.",
                "{count} required items are still open; they are highlighted.",
                len(missing)), count=len(missing)))
            return False
        if not confirm(self, _("Finalise this assessment?"), _(
                "Once finalised its answers cannot be changed; a mistake is put right with a "
                "correction, which keeps this one.")):
            return False
        if not self.save():
            return False
        try:
            self.info = assessments.finalise_assessment(
                self.app.services, assessment_id=self.info.id,
                expected_version=self.info.version)
        except OtdeskError as exc:
            self._say(str(exc))
            return False
        self._say(_("Finalised."), "banner-ok")
        self._show_state()
        return True

    def correct(self) -> int | None:
        """Start a correction of this finalised administration and open it."""
        if not self.info.is_final:
            return None
        if not confirm(self, _("Correct this assessment?"), _(
                "A new draft is started with the same answers, linked to this one, which "
                "stays as it is.")):
            return None
        try:
            new = assessments.correct_assessment(self.app.services, assessment_id=self.info.id)
        except OtdeskError as exc:
            QMessageBox.warning(self, _("Cannot correct"), str(exc))
            return None
        self.open_requested.emit(new.id)
        return new.id

    def leave(self) -> None:
        """Back to the list, saving the draft first (staying when it cannot be saved)."""
        if self.has_unsaved_changes() and not self.save():
            return
        self.closed.emit()
