"""The pieces of the session editor: attendees picked from the family list, the topic
checklist, the note in its template's sections, and the addenda under a signed note.

Each piece shows what it is given and says what the user asked for by a signal; the editor
writes through the services (and the undo stack) and shows the result again.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from otdesk.domain.session_notes import NoteTemplate, Topic
from otdesk.domain.translation import _, current_language, fill, format_date
from otdesk.domain.vocab import NoteFormat
from otdesk.services import session_catalogues
from otdesk.services.session_views import CLIENT_ROLE, AddendumInfo, AttendeeInfo
from otdesk.ui.client_record.tabs._parts import confirm
from otdesk.ui.parts.style import SPACING, UNIT, set_role

OTHER = "other"  # the attendee choice "someone else", named by hand
COLUMNS = 3  # of the topic checklist
LINES_SHOWN = 3  # a note section shows at least this many lines, and grows with its text


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attendee_text(a: AttendeeInfo) -> str:
    """"Name — relationship" ("— the client" for the client)."""
    if a.is_client or a.role == CLIENT_ROLE:
        return fill(_("{name} — the client"), name=a.name)
    if a.role:
        return fill(_("{name} — {role}"), name=a.name, role=a.role)
    return a.name


class AttendeesBox(QWidget):
    """Who took part: a list, and a picker of the client, their family and caregivers (with
    the relationship), the staff, or someone named by hand."""

    add_requested = Signal(object, str)  # add_attendee keywords, a name for the undo text
    remove_requested = Signal(object)  # AttendeeInfo

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.attendees: tuple[AttendeeInfo, ...] = ()
        self._choices: list[tuple[dict[str, Any], str]] = []
        self.list = QListWidget(self)
        self.list.setAccessibleName(_("Attendees"))
        self.choice = QComboBox(self)
        self.choice.setAccessibleName(_("Person to add to the attendees"))
        self.other_name = QLineEdit(self)
        self.other_name.setAccessibleName(_("Name of someone else who took part"))
        self.other_name.setPlaceholderText(_("Name of someone else"))
        self.other_name.setMaxLength(200)
        self.add_button = QPushButton(_("Add a&ttendee"), self)
        self.remove_button = QPushButton(_("Remove attendee"), self)
        self.remove_button.setAccessibleName(_("Remove the selected attendee"))
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        self.other_name.returnPressed.connect(self._add)
        self.choice.currentIndexChanged.connect(lambda _i: self._chosen())
        self.list.currentRowChanged.connect(lambda _r: self._enable())
        buttons = QHBoxLayout()
        buttons.setSpacing(SPACING)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        picker = QVBoxLayout()
        picker.setSpacing(SPACING // 2)
        picker.addWidget(self.choice)
        picker.addWidget(self.other_name)
        picker.addLayout(buttons)
        picker.addStretch(1)
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2 * SPACING)
        box.addWidget(self.list, 3, Qt.AlignmentFlag.AlignTop)
        box.addLayout(picker, 2)
        self._locked = False

    def set_people(self, client_name: str, family: Sequence[Any], staff: Sequence[Any]) -> None:
        """Who may be picked: the client, family members (``display_name``,
        ``relationship_to_client``) and staff members (``display_name``)."""
        choices: list[tuple[dict[str, Any], str]] = [
            ({"client": True}, fill(_("{name} (the client)"), name=client_name))]
        choices += [({"family_member_id": m.id}, fill(_("{name} ({relationship})"),
                     name=m.display_name, relationship=m.relationship_to_client))
                    for m in family]
        choices += [({"staff_id": s.id, "role": s.role.label},
                     fill(_("{name} ({role})"), name=s.display_name, role=s.role.label))
                    for s in staff]
        choices.append(({OTHER: True}, _("Someone else (type the name)…")))
        self._choices = choices
        self._fill_choices()

    def _taken(self, who: dict[str, Any]) -> bool:
        for a in self.attendees:
            if who.get("client") and a.is_client:
                return True
            if who.get("family_member_id") is not None and a.family_member_id == who.get(
                    "family_member_id"):
                return True
            if who.get("staff_id") is not None and a.staff_id == who.get("staff_id"):
                return True
        return False

    def _fill_choices(self) -> None:
        self.choice.blockSignals(True)
        self.choice.clear()
        for who, label in self._choices:
            if not self._taken(who):
                self.choice.addItem(label, who)
        self.choice.blockSignals(False)
        self._chosen()

    def set_attendees(self, attendees: Sequence[AttendeeInfo]) -> None:
        """Show these attendees (and offer only the people not yet among them)."""
        self.attendees = tuple(attendees)
        self.list.clear()
        for a in self.attendees:
            item = QListWidgetItem(attendee_text(a))
            item.setData(Qt.ItemDataRole.UserRole, a.id)
            self.list.addItem(item)
        if not self.attendees:
            item = QListWidgetItem(_("No attendees recorded yet"))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(item)
        # As tall as its names (three lines at least): the page scrolls, not the list.
        rows = max(3, self.list.count())
        self.list.setFixedHeight(rows * max(self.list.sizeHintForRow(0), UNIT * 2)
                                 + 2 * self.list.frameWidth() + UNIT)
        self._fill_choices()

    def set_locked(self, locked: bool) -> None:
        """Signed: the attendees are shown, not changed."""
        self._locked = locked
        for widget in (self.choice, self.other_name, self.add_button, self.remove_button):
            widget.setVisible(not locked)
        self._enable()

    def _chosen(self) -> None:
        who = self.choice.currentData() or {}
        self.other_name.setEnabled(bool(who.get(OTHER)))
        self._enable()

    def _enable(self) -> None:
        row = self.list.currentRow()
        self.remove_button.setEnabled(not self._locked and 0 <= row < len(self.attendees))
        self.add_button.setEnabled(not self._locked and self.choice.count() > 0)

    def _add(self) -> None:
        who = dict(self.choice.currentData() or {})
        if not who:
            return
        label = self.choice.currentText()
        if who.pop(OTHER, False):
            name = self.other_name.text().strip()
            if not name:
                self.other_name.setFocus()
                return
            who, label = {"name": name}, name
            self.other_name.clear()
        self.add_requested.emit(who, label)

    def _remove(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.attendees):
            self.remove_requested.emit(self.attendees[row])


class TopicsBox(QWidget):
    """The topics covered: one box per topic of the catalogue (the clinic's own too), in as
    many columns (up to three) as the width allows, read down each column."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        language = current_language()
        self.boxes: dict[str, QCheckBox] = {}
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(2 * SPACING)
        self.grid.setVerticalSpacing(SPACING // 2)
        # The box decides its columns from its width, so the layout must not hold it wide.
        self.grid.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        found: list[Topic] = session_catalogues.topics()
        for topic in found:
            box = QCheckBox(topic.label(language), self)
            box.toggled.connect(lambda _on: self.changed.emit())
            self.boxes[topic.code] = box
        self.columns = 0
        self._arrange(1)

    def _widest(self) -> int:
        return max((b.sizeHint().width() for b in self.boxes.values()), default=0)

    def _arrange(self, columns: int) -> None:
        if columns == self.columns:
            return
        self.columns = columns
        boxes = list(self.boxes.values())
        for box in boxes:
            self.grid.removeWidget(box)
        rows = max(1, (len(boxes) + columns - 1) // columns)
        for n, box in enumerate(boxes):
            self.grid.addWidget(box, n % rows, n // rows)
        for column in range(COLUMNS):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)
        self.updateGeometry()

    def minimumSizeHint(self) -> QSize:
        return QSize(self._widest(), super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:
        return QSize(self._widest(), self.grid.sizeHint().height())

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        room = self._widest() + self.grid.horizontalSpacing()
        self._arrange(max(1, min(COLUMNS, (self.width() + self.grid.horizontalSpacing())
                                 // max(room, 1))))

    def topics(self) -> list[str]:
        """The codes ticked, in catalogue order."""
        return [code for code, box in self.boxes.items() if box.isChecked()]

    def set_topics(self, codes: Sequence[str]) -> None:
        """Tick these topics (and no others)."""
        for code, box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(code in codes)
            box.blockSignals(False)

    def set_locked(self, locked: bool) -> None:
        """Signed: the boxes are shown, not changed."""
        for box in self.boxes.values():
            box.setEnabled(not locked)


class SectionEdit(QPlainTextEdit):
    """A note section that grows with its text (the page scrolls, not each section), so a
    signed note reads top to bottom."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)  # Tab goes on to the next section
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.document().documentLayout().documentSizeChanged.connect(
            lambda _size: self.updateGeometry())

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        # A signed note's section is as tall as its text; a draft's leaves room to write.
        least = 1 if self.isReadOnly() else LINES_SHOWN
        lines = max(least, int(self.document().documentLayout().documentSize().height()))
        # Around the text: the frame and the style sheet's padding (what the viewport lacks)
        # and the document's own margin.
        around = max(0, self.height() - self.viewport().height()) if self.isVisible() else (
            2 * self.frameWidth() + UNIT)
        around += int(2 * self.document().documentMargin())
        return QSize(hint.width(), lines * self.fontMetrics().lineSpacing() + around)

    def minimumSizeHint(self) -> QSize:
        # A scroll area asks for room for its scroll bars; this one has none.
        return QSize(super().minimumSizeHint().width(), self.sizeHint().height())

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self.updateGeometry()  # the wrap width changed: so may the lines


class NoteBox(QWidget):
    """The note in the chosen template: its sections become the fields. Switching template
    keeps the text of the sections both have, and asks before moving the others' text into
    the new template's first section."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = current_language()
        self.format_choice = QComboBox(self)
        self.format_choice.setAccessibleName(_("Note format"))
        for template in session_catalogues.templates():
            self.format_choice.addItem(template.name(self.language), template.id)
        self.format_label = QLabel(_("Note fo&rmat:"), self)
        self.format_label.setBuddy(self.format_choice)
        top = QHBoxLayout()
        top.setSpacing(SPACING)
        top.addWidget(self.format_label)
        top.addWidget(self.format_choice)
        top.addStretch(1)
        self.fields_box = QVBoxLayout()
        self.fields_box.setSpacing(SPACING // 2)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(SPACING)
        box.addLayout(top)
        box.addLayout(self.fields_box)
        self.fields: dict[str, SectionEdit] = {}
        self._labels: list[QLabel] = []
        self.template: NoteTemplate = session_catalogues.template(NoteFormat.DAP)
        self._locked = False
        self.format_choice.currentIndexChanged.connect(lambda _i: self._format_picked())

    def note_format(self) -> NoteFormat:
        """The template chosen."""
        return NoteFormat(self.template.id)

    def sections(self) -> dict[str, str]:
        """The text of each section of the chosen template."""
        return {key: edit.toPlainText() for key, edit in self.fields.items()}

    def set_note(self, note_format: NoteFormat, sections: dict[str, str]) -> None:
        """Show a note: its template's sections holding ``sections``."""
        self.format_choice.blockSignals(True)
        self.format_choice.setCurrentIndex(self.format_choice.findData(note_format.value))
        self.format_choice.blockSignals(False)
        self._build(session_catalogues.template(note_format), sections)

    def _build(self, template: NoteTemplate, sections: dict[str, str]) -> None:
        for widget in [*self._labels, *self.fields.values()]:
            self.fields_box.removeWidget(widget)
            widget.deleteLater()
        self._labels, self.fields = [], {}
        self.template = template
        for section in template.sections:
            title = section.title(self.language)
            label = QLabel(f"<b>{_escape(title)}</b>", self)
            edit = SectionEdit(self)
            edit.setAccessibleName(fill(_("Note section: {title}"), title=title))
            edit.setPlainText(sections.get(section.key, ""))
            edit.setReadOnly(self._locked)
            edit.textChanged.connect(self.changed)
            label.setBuddy(edit)
            self.fields_box.addWidget(label)
            self.fields_box.addWidget(edit)
            if self.isVisible():  # else shown only by the event loop: Tab would skip it
                label.show()
                edit.show()
            self._labels.append(label)
            self.fields[section.key] = edit
        # New fields join the end of the window's Tab chain: put them back after the format.
        previous: QWidget = self.format_choice
        for edit in self.fields.values():
            QWidget.setTabOrder(previous, edit)
            previous = edit

    def _format_picked(self) -> None:
        new = session_catalogues.template(NoteFormat(self.format_choice.currentData()))
        if new.id == self.template.id:
            return
        typed = {k: v for k, v in self.sections().items() if v.strip()}
        left = [k for k in typed if k not in new.keys]
        kept = {k: v for k, v in typed.items() if k in new.keys}
        if left:
            titles = ", ".join(s.title(self.language) for s in self.template.sections
                               if s.key in left)
            first = new.sections[0].title(self.language)
            if not confirm(self, _("Change the note format?"), fill(_(
                    "{format} has no section for what you wrote under {sections}. That text "
                    "will be moved, under its heading, into {first}."),
                    format=new.name(self.language), sections=titles, first=first)):
                self.format_choice.blockSignals(True)
                self.format_choice.setCurrentIndex(self.format_choice.findData(self.template.id))
                self.format_choice.blockSignals(False)
                return
            moved = [fill(_("{title}:\n{words}"), title=s.title(self.language), words=typed[s.key])
                     for s in self.template.sections if s.key in left]
            first_key = new.keys[0]
            kept[first_key] = "\n\n".join(p for p in [kept.get(first_key, ""), *moved] if p)
        self._build(new, kept)
        self.changed.emit()

    def set_locked(self, locked: bool) -> None:
        """Signed: the text is shown, read-only."""
        self._locked = locked
        self.format_choice.setEnabled(not locked)
        for edit in self.fields.values():
            edit.setReadOnly(locked)
            edit.updateGeometry()

    def focus_first(self) -> None:
        """Put the cursor in the first section."""
        if self.fields:
            next(iter(self.fields.values())).setFocus()


class AddendaView(QWidget):
    """The addenda under a signed note, in the order they were written."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(SPACING)
        self.cards: list[QLabel] = []

    def set_addenda(self, addenda: Sequence[AddendumInfo]) -> None:
        """Show these addenda, oldest first."""
        for card in self.cards:
            self.box.removeWidget(card)
            card.deleteLater()
        self.cards = []
        for n, a in enumerate(addenda, start=1):
            when = a.written_at.astimezone()
            head = fill(_("Addendum {number} — {author}, {date} at {time}"), number=n,
                        author=a.author_name or "—", date=format_date(when.date()),
                        time=when.strftime("%H:%M"))
            reason = fill(_("Reason: {reason}"), reason=a.reason)
            card = QLabel(f"<b>{_escape(head)}</b><br><i>{_escape(reason)}</i><br>"
                          + _escape(a.text).replace("\n", "<br>"), self)
            card.setTextFormat(Qt.TextFormat.RichText)
            card.setWordWrap(True)
            card.setMargin(SPACING)
            card.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            card.setAccessibleName(f"{head}. {reason}. {a.text}")
            card.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            set_role(card, "card")
            self.box.addWidget(card)
            self.cards.append(card)
        self.setVisible(bool(self.cards))
