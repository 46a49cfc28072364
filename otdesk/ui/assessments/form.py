"""A form generated from a definition: sections as groups, items as rows, answers in and out.

Keyboard first: a choice item's row takes the focus and a number key picks the option with
that shortcut, then the next item is focused; Tab and Enter move on, Shift+Tab goes back,
Delete clears a choice. Items and sections whose conditions do not hold are hidden as the
answers change (the engine's ``visible_items``). Required items left open can be highlighted
(``mark_missing``), the first one focused.

Answers are kept as the services store them: a choice's option code, a number, text, and a
date as YYYY-MM-DD text.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from otdesk.domain.definitions import (
    Definition,
    Item,
    ItemType,
    check_answer,
    is_answered,
    missing_required,
)
from otdesk.domain.translation import _, current_language, fill
from otdesk.ui.editing.form_fields import DateField
from otdesk.ui.parts.style import SECTION_SPACING, SPACING, UNIT, set_role

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def _plain_problem(item: Item, problem: str) -> str:
    """The engine's message without the item key it starts with (the row names the item)."""
    prefix = f"{item.key}: "
    return problem[len(prefix):] if problem.startswith(prefix) else problem


class ItemRow(QFrame):
    """One item: its text (and help), its answer control, and a line for a problem."""

    changed = Signal(str)  # item key

    def __init__(self, form: AssessmentForm, item: Item, parent: QWidget) -> None:
        super().__init__(parent)
        self.form = form
        self.item = item
        self.value: object = None
        self.problem: str | None = None
        self.options: list[QPushButton] = []
        self.codes: list[str] = []  # of the options, in order
        self.shortcuts: list[str] = []
        self.editor: QWidget | None = None
        self._error: QLabel | None = None
        language = form.language
        set_role(self, "item")
        box = QVBoxLayout(self)
        box.setContentsMargins(UNIT, UNIT // 2, UNIT, UNIT // 2)
        box.setSpacing(UNIT // 2)
        text = item.text.text(language)
        if item.required:
            text = fill(_("{item} (required)"), item=text)
        self.label = QLabel(text, self)
        self.label.setWordWrap(True)
        box.addWidget(self.label)
        if item.help is not None:
            help_label = QLabel(item.help.text(language), self)
            help_label.setWordWrap(True)
            set_role(help_label, "small")
            box.addWidget(help_label)
        self.setAccessibleName(item.text.text(language))
        if item.type is ItemType.CHOICE:
            self._build_choice(box)
        else:
            self._build_editor(box)

    # -- building -------------------------------------------------------------------------

    def _build_choice(self, box: QVBoxLayout) -> None:
        scale = self.form.definition.scale_of(self.item)
        assert scale is not None  # checked when the definition was loaded
        row = QHBoxLayout()
        row.setSpacing(UNIT // 2)
        for option in scale.options:
            label = option.label.text(self.form.language)
            text = f"{option.shortcut}  {label}" if option.shortcut else label
            button = QPushButton(text, self)
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the row takes the keys
            self.codes.append(option.code)
            self.shortcuts.append(option.shortcut or "")
            set_role(button, "option")
            button.clicked.connect(lambda _c=False, code=option.code: self._clicked(code))
            row.addWidget(button)
            self.options.append(button)
        row.addStretch(1)
        box.addLayout(row)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def _build_editor(self, box: QVBoxLayout) -> None:
        item = self.item
        if item.type is ItemType.DATE:
            field = DateField(self)
            field.text_changed.connect(lambda _t: self._typed())
            field.edit.installEventFilter(self.form.keys)
            self.editor = field
            box.addWidget(field)
        else:
            edit = QLineEdit(self)
            edit.textEdited.connect(lambda _t: self._typed())
            edit.installEventFilter(self.form.keys)
            if item.type is ItemType.NUMBER:
                width = edit.fontMetrics().horizontalAdvance("0") * 12
                edit.setMaximumWidth(width)
                if item.min is not None and item.max is not None:
                    edit.setPlaceholderText(f"{item.min:g}–{item.max:g}")
                line = QHBoxLayout()
                line.setSpacing(SPACING)
                line.addWidget(edit)
                if item.unit is not None:
                    unit = QLabel(item.unit.text(self.form.language), self)
                    set_role(unit, "muted")
                    line.addWidget(unit)
                line.addStretch(1)
                box.addLayout(line)
            else:
                box.addWidget(edit)
            self.editor = edit
        self.editor.setAccessibleName(item.text.text(self.form.language))
        self.setFocusProxy(self.editor)

    # -- answers --------------------------------------------------------------------------

    def focus_target(self) -> QWidget:
        """The widget that takes the keys for this item."""
        return self.editor if self.editor is not None else self

    def set_value(self, value: object) -> None:
        """Show ``value`` as the answer (None: unanswered)."""
        self.value = value if is_answered(value) else None
        if self.item.type is ItemType.CHOICE:
            for button, code in zip(self.options, self.codes, strict=True):
                button.setChecked(code == self.value)
        elif isinstance(self.editor, DateField):
            self.editor.setText("" if self.value is None else str(self.value))
        elif isinstance(self.editor, QLineEdit):
            shown = self.value
            if isinstance(shown, float) and shown.is_integer():
                shown = int(shown)
            self.editor.setText("" if shown is None else str(shown))
        self._show_problem(None)

    def _clicked(self, code: str) -> None:
        if self.form.read_only:
            return
        self.pick(None if code == self.value else code)  # a second click clears it

    def pick(self, code: str | None) -> None:
        """Answer a choice item with option ``code`` (None clears it)."""
        for button, option in zip(self.options, self.codes, strict=True):
            button.setChecked(option == code)
        self.value = code
        self.changed.emit(self.item.key)

    def pick_shortcut(self, key_text: str) -> bool:
        """Pick the option whose shortcut is ``key_text``; False when none has it."""
        if key_text and key_text in self.shortcuts:
            self.pick(self.codes[self.shortcuts.index(key_text)])
            return True
        return False

    def _typed(self) -> None:
        if isinstance(self.editor, DateField):
            text = self.editor.text()
        elif isinstance(self.editor, QLineEdit):
            text = self.editor.text().strip()
        else:
            return
        value: object = text or None
        if self.item.type is ItemType.NUMBER and text:
            value = _number(text)
        self.value = value
        problem = check_answer(self.form.definition, self.item.key, value)
        self._show_problem(None if problem is None else _plain_problem(self.item, problem))
        self.changed.emit(self.item.key)

    def _show_problem(self, problem: str | None) -> None:
        self.problem = problem
        if problem is None:
            if self._error is not None:
                self._error.hide()
            return
        if self._error is None:  # made when first needed: most rows never show one
            self._error = QLabel(self)
            set_role(self._error, "field-error")
            self._error.setWordWrap(True)
            layout = self.layout()
            assert layout is not None
            layout.addWidget(self._error)
        self._error.setText(problem)
        self._error.show()

    def answer(self) -> object:
        """The answer as stored (None when unanswered or not valid)."""
        return None if self.problem is not None else self.value

    def set_read_only(self, read_only: bool) -> None:
        """Let the answer be changed or not."""
        for button in self.options:
            button.setEnabled(not read_only or button.isChecked())
        if isinstance(self.editor, DateField):
            self.editor.edit.setReadOnly(read_only)
            self.editor.button.setEnabled(not read_only)
        elif isinstance(self.editor, QLineEdit):
            self.editor.setReadOnly(read_only)

    def set_missing(self, missing: bool) -> None:
        """Highlight the row as a required item left open, or not."""
        set_role(self, "item-missing" if missing else "item")

    # -- keys -----------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.item.type is not ItemType.CHOICE:
            super().keyPressEvent(event)
            return
        key = event.key()
        if key in _ENTER:
            self.form.focus_next(self)
            return
        if not self.form.read_only:
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.pick(None)
                return
            if self.pick_shortcut(event.text()):
                self.form.focus_next(self)
                return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.form.ensure_shown(self)


def _number(text: str) -> object:
    """A typed number (a decimal comma allowed); the text itself when it is not one."""
    cleaned = text.replace(" ", "").replace("\u00a0", "")
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        number = float(cleaned)
    except ValueError:
        return text
    return int(number) if number.is_integer() and "." not in cleaned else number


class _Keys(QObject):
    """Enter in an item's text box moves to the next item."""

    def __init__(self, form: AssessmentForm) -> None:
        super().__init__(form)
        self.form = form

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        plain = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in _ENTER and event.modifiers() in plain):
            row = self.form.row_holding(watched)
            if row is not None:
                self.form.focus_next(row)
                return True
        return False


class AssessmentForm(QScrollArea):
    """Every item of a definition, answered in place."""

    answers_changed = Signal()  # the user changed an answer
    reached_end = Signal()  # Enter or a pick on the last item shown

    def __init__(self, definition: Definition, *, language: str | None = None,
                 answers: Mapping[str, object] | None = None, read_only: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.definition = definition
        self.language = language or current_language()
        self.read_only = False
        self.keys = _Keys(self)
        self.rows: dict[str, ItemRow] = {}
        self._sections: list[tuple[QWidget, list[ItemRow]]] = []
        self._shown: set[str] = set()
        self._dirty = False
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAccessibleName(definition.title_in(self.language))
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, UNIT, 0)
        layout.setSpacing(UNIT // 2)
        for section in definition.sections:
            group = QWidget(body)
            box = QVBoxLayout(group)
            box.setContentsMargins(0, SECTION_SPACING // 2, 0, 0)
            box.setSpacing(UNIT // 2)
            title = QLabel(section.title.text(self.language), group)
            set_role(title, "h2")
            box.addWidget(title)
            if section.help is not None:
                help_label = QLabel(section.help.text(self.language), group)
                help_label.setWordWrap(True)
                set_role(help_label, "muted")
                box.addWidget(help_label)
            rows = []
            for item in section.items:
                row = ItemRow(self, item, group)
                row.changed.connect(self._row_changed)
                box.addWidget(row)
                self.rows[item.key] = row
                rows.append(row)
            layout.addWidget(group)
            self._sections.append((group, rows))
        layout.addStretch(1)
        self.setWidget(body)
        self.set_answers(answers or {})
        if read_only:
            self.set_read_only(True)

    # -- answers --------------------------------------------------------------------------

    def answers(self) -> dict[str, object]:
        """The valid answers given to the items shown, as the services store them."""
        return {key: row.answer() for key, row in self.rows.items()
                if key in self._shown and is_answered(row.answer())}

    def problems(self) -> dict[str, str]:
        """Item key -> what is wrong with what was typed there (shown items only)."""
        return {key: row.problem for key, row in self.rows.items()
                if key in self._shown and row.problem is not None}

    def set_answers(self, answers: Mapping[str, object]) -> None:
        """Show ``answers`` (a stored administration's, or a draft's); the form is clean."""
        for key, row in self.rows.items():
            value = answers.get(key)
            if isinstance(value, date):
                value = value.isoformat()
            row.set_value(value)
        self._update_shown()
        self._dirty = False

    def set_answer(self, key: str, value: object) -> None:
        """Answer one item as the user would."""
        row = self.rows[key]
        if row.item.type is ItemType.CHOICE:
            row.pick(None if value is None else str(value))
            return
        row.set_value(value)
        row._typed()  # checked and announced as typing would

    def _row_changed(self, key: str) -> None:
        self._update_shown()
        self._dirty = True
        row = self.rows[key]
        if row.item.required and is_answered(row.answer()) and row.property("role") != "item":
            row.set_missing(False)
        self.answers_changed.emit()

    def _raw(self) -> dict[str, object]:
        return {key: row.answer() for key, row in self.rows.items()}

    def _update_shown(self) -> None:
        shown = {item.key for item in self.definition.visible_items(self._raw())}
        if shown == self._shown:
            return
        self._shown = shown
        for group, rows in self._sections:
            any_shown = False
            for row in rows:
                visible = row.item.key in shown
                any_shown = any_shown or visible
                row.setVisible(visible)
            group.setVisible(any_shown)

    def is_shown(self, key: str) -> bool:
        """Whether item ``key`` is shown for the current answers."""
        return key in self._shown

    def is_dirty(self) -> bool:
        """Whether an answer changed since the answers were last set or marked clean."""
        return self._dirty

    def mark_clean(self) -> None:
        """The answers are saved."""
        self._dirty = False

    # -- state ----------------------------------------------------------------------------

    def set_read_only(self, read_only: bool) -> None:
        """Show the answers without letting them change (a finalised administration)."""
        self.read_only = read_only
        for row in self.rows.values():
            row.set_read_only(read_only)

    def mark_missing(self) -> list[Item]:
        """Highlight the required items shown and left open, focus the first; return them."""
        missing = missing_required(self.definition, self.answers())
        keys = {item.key for item in missing}
        for key, row in self.rows.items():
            row.set_missing(key in keys)
        if missing:
            self.focus_item(missing[0].key)
        return missing

    def missing_keys(self) -> list[str]:
        """The items highlighted as required and left open."""
        return [k for k, row in self.rows.items() if row.property("role") == "item-missing"]

    # -- focus ----------------------------------------------------------------------------

    def row_holding(self, widget: QObject) -> ItemRow | None:
        """The item row ``widget`` is part of."""
        current: QObject | None = widget
        while current is not None and not isinstance(current, ItemRow):
            current = current.parent()
        return current

    def focus_item(self, key: str) -> None:
        """Give item ``key`` the keys and scroll it into view."""
        row = self.rows[key]
        row.focus_target().setFocus(Qt.FocusReason.OtherFocusReason)
        self.ensure_shown(row)

    def focus_first(self) -> None:
        """Focus the first item shown."""
        for key in self.rows:
            if key in self._shown:
                self.focus_item(key)
                return

    def focus_next(self, row: ItemRow) -> None:
        """Move to the item shown after ``row`` (``reached_end`` after the last)."""
        keys = list(self.rows)
        after = keys[keys.index(row.item.key) + 1:]
        for key in after:
            if key in self._shown:
                self.focus_item(key)
                return
        self.reached_end.emit()

    def ensure_shown(self, row: ItemRow) -> None:
        """Scroll so ``row`` is in view."""
        self.ensureWidgetVisible(row, 0, UNIT * 4)
