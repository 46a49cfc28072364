"""The session editor's widgets and where they sit: made in reading order, so Tab walks the
page from the date down to the buttons (``editor`` gives them their behaviour)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from otdesk.domain.translation import _
from otdesk.domain.vocab import DiscussionMode
from otdesk.ui.editing.form_fields import DateField, choice_label
from otdesk.ui.family_sessions.action_items import ActionItemsBox
from otdesk.ui.family_sessions.parts import AddendaView, AttendeesBox, NoteBox, TopicsBox
from otdesk.ui.parts.style import MARGIN, SPACING, UNIT, set_role


def _heading(parent: QWidget, text: str) -> QLabel:
    label = QLabel(text, parent)
    set_role(label, "h2")
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    label.setContentsMargins(0, SPACING, 0, 0)
    return label


def _labelled(parent: QWidget, text: str, field: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setBuddy(field.focusProxy() or field)
    return label


class EditorLayout(QWidget):
    """The widgets of the session editor, laid out."""

    def build(self) -> None:
        """Make every widget, in reading order."""
        self.title = QLabel(self)
        set_role(self.title, "h1")
        self.status = QLabel(self)
        set_role(self.status, "badge")
        self.back_button = QPushButton(_("← &Back to the list"), self)
        top = QHBoxLayout()
        top.setSpacing(SPACING)
        top.addWidget(self.title)
        top.addWidget(self.status, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addStretch(1)
        top.addWidget(self.back_button)
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.banner.hide()

        self.page_scroll = QScrollArea(self)
        self.page_scroll.setWidgetResizable(True)
        self.page_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.page_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget(self.page_scroll)
        self.body = body
        page = QVBoxLayout(body)
        page.setContentsMargins(0, 0, MARGIN, MARGIN)
        page.setSpacing(SPACING)
        page.addLayout(self._details(body))
        page.addWidget(self.consent)
        page.addWidget(self.consent_note)
        page.addWidget(_heading(body, _("Attendees")))
        self.attendees = AttendeesBox(body)
        page.addWidget(self.attendees)
        page.addWidget(_heading(body, _("Topics covered")))
        self.topics = TopicsBox(body)
        page.addWidget(self.topics)
        page.addWidget(_heading(body, _("Note")))
        self.note = NoteBox(body)
        page.addWidget(self.note)
        page.addLayout(self._checkin_and_handouts(body))
        page.addWidget(_heading(body, _("Action items")))
        self.action_items = ActionItemsBox(body)
        page.addWidget(self.action_items)
        self.signatures = QLabel(body)
        self.signatures.setWordWrap(True)
        self.signatures.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        set_role(self.signatures, "muted")
        page.addWidget(self.signatures)
        self.addenda_heading = _heading(body, _("Addenda"))
        page.addWidget(self.addenda_heading)
        self.addenda = AddendaView(body)
        page.addWidget(self.addenda)
        page.addStretch(1)
        self.page_scroll.setWidget(body)

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.hide()
        self.saved_note = QLabel(self)
        set_role(self.saved_note, "muted")
        self.save_button = QPushButton(_("&Save"), self)
        self.save_button.setToolTip(_("Save the note (Ctrl+S)"))
        self.sign_button = QPushButton(_("Si&gn…"), self)
        self.sign_button.setToolTip(_("Sign the note: it is locked from then on (Ctrl+Enter)"))
        set_role(self.sign_button, "primary")
        self.cosign_button = QPushButton(_("Co-si&gn…"), self)
        self.cosign_button.setToolTip(_("Co-sign this note as an occupational therapist"))
        set_role(self.cosign_button, "primary")
        self.addendum_button = QPushButton(_("Add addend&um…"), self)
        self.addendum_button.setToolTip(_("Add a correction or addition under the note"))
        buttons = QHBoxLayout()
        buttons.setSpacing(SPACING)
        buttons.addWidget(self.saved_note, 1)
        for button in (self.save_button, self.addendum_button, self.cosign_button,
                       self.sign_button):
            buttons.addWidget(button)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(SPACING)
        box.addLayout(top)
        box.addWidget(self.banner)
        box.addWidget(self.page_scroll, 1)
        box.addWidget(self.message)
        box.addLayout(buttons)

    def _details(self, body: QWidget) -> QHBoxLayout:
        self.date_field = DateField(body)
        self.date_field.edit.setAccessibleName(_("Date of the session"))
        date_label = _labelled(body, _("&Date:"), self.date_field)
        self.time_edit = QLineEdit(body)
        self.time_edit.setAccessibleName(_("Start time"))
        self.time_edit.setPlaceholderText(_("HH:MM"))
        self.time_edit.setMaxLength(5)
        self.time_edit.setMaximumWidth(self.time_edit.fontMetrics().horizontalAdvance("00:00")
                                       + 4 * UNIT)
        time_label = _labelled(body, _("Start ti&me:"), self.time_edit)
        self.length = QSpinBox(body)
        self.length.setRange(1, 720)
        self.length.setSingleStep(5)
        self.length.setSuffix(_(" min"))
        self.length.setAccessibleName(_("Length in minutes"))
        length_label = _labelled(body, _("&Length:"), self.length)
        self.mode = QComboBox(body)
        self.mode.setAccessibleName(_("Mode"))
        for mode in DiscussionMode:
            self.mode.addItem(choice_label(mode), mode.value)
        mode_label = _labelled(body, _("M&ode:"), self.mode)
        row = QHBoxLayout()
        row.setSpacing(SPACING)
        for label, field in ((date_label, self.date_field), (time_label, self.time_edit),
                             (length_label, self.length), (mode_label, self.mode)):
            row.addWidget(label)
            row.addWidget(field)
            row.addSpacing(MARGIN)
        row.addStretch(1)
        self.consent = QCheckBox(_("The client's &consent covers what was discussed, and with "
                                   "whom"), body)
        self.consent.setAccessibleDescription(_("Needed before the note can be signed"))
        self.consent_note = QLabel(_("⚠ The client's record shows no consent to share with "
                                     "family: check it on the Overview first."), body)
        self.consent_note.setWordWrap(True)
        set_role(self.consent_note, "field-error")
        return row

    def _checkin_and_handouts(self, body: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(2 * MARGIN)
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(_heading(body, _("Caregiver check-in")))
        self.checkin = QComboBox(body)
        self.checkin.setAccessibleName(_("Linked caregiver check-in"))
        label = _labelled(body, _("Lin&ked check-in:"), self.checkin)
        self.checkin_button = QPushButton(_("Record a check-&in now…"), body)
        pick = QHBoxLayout()
        pick.setSpacing(SPACING)
        pick.addWidget(label)
        pick.addWidget(self.checkin, 1)
        left.addLayout(pick)
        left.addWidget(self.checkin_button, 0, Qt.AlignmentFlag.AlignLeft)
        left.addStretch(1)
        left.setSpacing(SPACING)
        right.setSpacing(SPACING // 2)
        right.addWidget(_heading(body, _("Handouts given")))
        self.handouts = QPlainTextEdit(body)
        self.handouts.setTabChangesFocus(True)
        self.handouts.setAccessibleName(_("Handouts given, one per line"))
        self.handouts.setPlaceholderText(_("One handout per line"))
        self.handouts.setMaximumHeight(UNIT * 12)
        self.handouts_label = _labelled(body, _("Titles, one &per line:"), self.handouts)
        right.addWidget(self.handouts_label)
        right.addWidget(self.handouts)
        right.addStretch(1)
        row.addLayout(left, 1)
        row.addLayout(right, 1)
        return row
