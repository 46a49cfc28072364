"""Dialogs of the session editor: asking before a note is signed or co-signed, an addendum
(reason and text, both required), and a caregiver check-in recorded on the spot."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from otdesk.domain.errors import OtdeskError
from otdesk.domain.translation import _, fill
from otdesk.services import assessments, session_signing
from otdesk.services.assessments import AssessmentInfo, find_definition
from otdesk.services.session_views import SessionInfo
from otdesk.ui.assessments.form import AssessmentForm
from otdesk.ui.client_record.tabs._parts import confirm
from otdesk.ui.parts.style import MARGIN, SPACING, UNIT, set_role
from otdesk.ui.shell.app_context import AppContext

CHECKIN_DEFINITION = "caregiver-check-in"


def _box(dialog: QDialog) -> QVBoxLayout:
    box = QVBoxLayout(dialog)
    box.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
    box.setSpacing(SPACING)
    return box


def confirm_sign(parent: QWidget, needs_cosign: bool) -> bool:
    """Ask before signing: a signed note can never change."""
    text = _("Once signed, this note cannot be changed by anyone: a correction or an "
             "addition is written as an addendum under it.")
    if needs_cosign:
        text = fill(_("{warning}\n\nAs an OT assistant or student, your note then waits for an "
                      "occupational therapist's co-signature."), warning=text)
    return confirm(parent, _("Sign this note?"), text)


def confirm_cosign(parent: QWidget, info: SessionInfo) -> bool:
    """Ask before co-signing a student's or assistant's note."""
    return confirm(parent, _("Co-sign this note?"), fill(
        _("You confirm, as an occupational therapist, the note {author} wrote and signed. "
          "It stays as it is; corrections are addenda."), author=info.author_name or "—"))


class AddendumDialog(QDialog):
    """A correction or addition to a signed note: why, and what (both required)."""

    def __init__(self, app: AppContext, info: SessionInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.info = info
        self.result_info: SessionInfo | None = None
        self.setWindowTitle(_("Add an addendum"))
        box = _box(self)
        intro = QLabel(_("The note stays as it was signed. The addendum is added under it with "
                         "your name and the time, and can never be changed or removed."), self)
        intro.setWordWrap(True)
        set_role(intro, "muted")
        box.addWidget(intro)
        reason_label = QLabel(_("&Reason (required):"), self)
        self.reason = QLineEdit(self)
        self.reason.setMaxLength(500)
        self.reason.setAccessibleName(_("Reason for the addendum"))
        self.reason.setPlaceholderText(_("For example: a detail was left out"))
        reason_label.setBuddy(self.reason)
        text_label = QLabel(_("&Text (required):"), self)
        self.text = QPlainTextEdit(self)
        self.text.setTabChangesFocus(True)
        self.text.setAccessibleName(_("Text of the addendum"))
        self.text.setMinimumHeight(8 * UNIT * 2)
        text_label.setBuddy(self.text)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        set_role(self.problem, "field-error")
        self.problem.hide()
        for widget in (reason_label, self.reason, text_label, self.text, self.problem):
            box.addWidget(widget)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("&Add addendum"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(_("Cancel"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        box.addWidget(self.buttons)
        self.resize(60 * UNIT, 40 * UNIT)

    def submit(self) -> bool:
        """Add the addendum (True when added); say what is missing otherwise."""
        reason, text = self.reason.text().strip(), self.text.toPlainText().strip()
        missing = []
        if not reason:
            missing.append(_("Write the reason for the addendum."))
        if not text:
            missing.append(_("Write the text of the addendum."))
        if missing:
            self._say("\n".join(missing))
            (self.reason if not reason else self.text).setFocus()
            return False
        try:
            self.result_info = session_signing.add_addendum(
                self.app.services, session_id=self.info.id, reason=reason, text=text)
        except OtdeskError as exc:
            self._say(str(exc))
            return False
        self.accept()
        return True

    def _say(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))


class CheckinDialog(QDialog):
    """The caregiver check-in (the instrument of the definition engine) answered now: it is
    kept as one of the client's assessments and linked to the note."""

    def __init__(self, app: AppContext, client_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.client_id = client_id
        self.recorded: AssessmentInfo | None = None
        definition = find_definition(CHECKIN_DEFINITION)
        self.setWindowTitle(_("Caregiver check-in"))
        box = _box(self)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        set_role(self.problem, "banner-error")
        self.problem.hide()
        self.form: AssessmentForm | None = None
        if definition is None:
            self._say(_("The caregiver check-in is not installed."))
        else:
            self.form = AssessmentForm(definition, parent=self)
            box.addWidget(self.form, 1)
        box.addWidget(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Keep and link"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)
        self.resize(90 * UNIT, 80 * UNIT)

    def submit(self) -> bool:
        """Keep the answers as a check-in of the client (True when kept)."""
        if self.form is None:
            return False
        problems = self.form.problems()
        if problems:
            self._say("\n".join(problems.values()))
            return False
        answers: dict[str, Any] = self.form.answers()
        try:
            started = assessments.start_assessment(
                self.app.services, client_id=self.client_id, definition_id=CHECKIN_DEFINITION)
            self.recorded = assessments.save_answers(
                self.app.services, assessment_id=started.id, expected_version=started.version,
                answers=answers)
        except OtdeskError as exc:
            self._say(str(exc))
            return False
        self.accept()
        return True

    def _say(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))
