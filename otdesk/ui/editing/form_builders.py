"""The control builders of a ``Form``: one method per kind of field, and the row each lands in.

Each builder makes the control and hands it to ``_row``, which adds the label (with its buddy
and mnemonic) and the error line, and registers the field with the form.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from otdesk.domain.translation import _
from otdesk.domain.vocab import LabelledEnum
from otdesk.ui.editing.form_fields import (
    COMMON_LANGUAGES,
    DateField,
    choice_label,
    language_label,
    set_choice_items,
)
from otdesk.ui.parts.style import set_role


@dataclass
class Binding:
    """One field of a form: its label, control, error line and how to read and write it."""

    name: str
    label_text: str
    label: QLabel
    control: QWidget
    error: QLabel
    get: Callable[[], Any]
    set: Callable[[Any], None]
    raw: Callable[[], Any]


class FieldBuilders:
    """Mixed into ``Form``: builds each kind of control and registers it as a field."""

    _host: QWidget
    _fields: dict[str, Binding]
    _mnemonics: set[str]

    def _on_changed(self, name: str) -> None:  # pragma: no cover - provided by Form
        raise NotImplementedError

    def mnemonic(self, text: str) -> str:
        """``text`` with a '&' before a letter not yet used as a mnemonic in this form."""
        escaped = text.replace("&", "&&")
        starts = [m.start() for m in re.finditer(r"\b\w", text)]
        order = starts + [i for i in range(len(text)) if i not in starts]
        for i in order:
            ch = text[i]
            if ch.isalnum() and ch.casefold() not in self._mnemonics:
                self._mnemonics.add(ch.casefold())
                pos = i + text[:i].count("&")
                return escaped[:pos] + "&" + escaped[pos:]
        return escaped

    def _parent_for(self, layout: QFormLayout | None) -> QWidget:
        """Where a field's widgets are made: in the widget ``layout`` lays out, so that they
        are never moved (a moved widget has its style worked out again), else the form's
        host (a layout not yet set on a widget)."""
        holder = layout.parentWidget() if layout is not None else None
        return holder if holder is not None else self._host

    def _row(
        self,
        layout: QFormLayout | None,
        name: str,
        label: str,
        control: QWidget,
        get: Callable[[], Any],
        set_: Callable[[Any], None],
        changed: SignalInstance,
        raw: Callable[[], Any] | None = None,
        *,
        focus: QWidget | None = None,
        hint: str = "",
    ) -> None:
        """Lay out ``control`` under its label with an error line, and register the field.

        ``focus`` (the control unless said otherwise) is the label's buddy; ``raw`` reads the
        value as typed, for drafts (``get`` unless said otherwise).
        """
        focus = control if focus is None else focus
        parent = self._parent_for(layout)
        caption = QLabel(self.mnemonic(label), parent)
        caption.setBuddy(focus)
        focus.setAccessibleName(label)
        if hint:
            focus.setToolTip(hint)
            focus.setAccessibleDescription(hint)
        error = QLabel(parent)
        error.setWordWrap(True)
        error.setAccessibleName(_("{field}: problem").format(field=label))
        set_role(error, "field-error")
        error.hide()
        if layout is not None:
            # The control with its error line under it: a nested layout, not a wrapping
            # widget, so both stay where they were made.
            column = QVBoxLayout()
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(control)
            column.addWidget(error)
            layout.addRow(caption, column)
        self._fields[name] = Binding(name, label, caption, focus, error, get, set_, raw or get)
        changed.connect(lambda *_args, field=name: self._on_changed(field))

    def _text_row(
        self,
        layout: QFormLayout | None,
        name: str,
        label: str,
        edit: QLineEdit | QPlainTextEdit,
        get: Callable[[], str],
        put: Callable[[str], None],
        hint: str,
    ) -> None:
        """Register a text control: no value shows as blank, any other as its text."""

        def set_(v: Any) -> None:
            put("" if v is None else str(v))

        self._row(layout, name, label, edit, get, set_, edit.textChanged, hint=hint)

    def add_text(
        self,
        layout: QFormLayout | None,
        name: str,
        label: str,
        *,
        max_length: int = 500,
        placeholder: str = "",
        hint: str = "",
    ) -> QLineEdit:
        """A one-line text field."""
        edit = QLineEdit(self._parent_for(layout))
        edit.setMaxLength(max_length)
        edit.setPlaceholderText(placeholder)
        self._text_row(layout, name, label, edit, edit.text, edit.setText, hint)
        return edit

    def add_longtext(
        self, layout: QFormLayout | None, name: str, label: str, *, lines: int = 3, hint: str = ""
    ) -> QPlainTextEdit:
        """A multi-line text field (Tab moves on; Ctrl+Tab inserts nothing surprising)."""
        edit = QPlainTextEdit(self._parent_for(layout))
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 16)
        self._text_row(layout, name, label, edit, edit.toPlainText, edit.setPlainText, hint)
        return edit

    def add_date(
        self, layout: QFormLayout | None, name: str, label: str, *, hint: str = ""
    ) -> DateField:
        """A date typed as YYYY-MM-DD, blank allowed."""
        field = DateField(self._parent_for(layout))

        def set_(v: Any) -> None:
            field.setText(v.isoformat() if isinstance(v, date) else ("" if v is None else str(v)))

        self._row(
            layout,
            name,
            label,
            field,
            field.value,
            set_,
            field.text_changed,
            field.text,
            focus=field.edit,
            hint=hint or _("A date in the form YYYY-MM-DD"),
        )
        field.button.setAccessibleName(
            _("Choose {field} from a calendar").format(field=label)
        )
        return field

    def add_check(
        self, layout: QFormLayout | None, name: str, label: str, text: str, *, hint: str = ""
    ) -> QCheckBox:
        """A yes/no field: the label names it, the box's own text says what ticking means."""
        box = QCheckBox(text, self._parent_for(layout))
        self._row(
            layout,
            name,
            label,
            box,
            box.isChecked,
            lambda v: box.setChecked(bool(v)),
            box.toggled,
            hint=hint,
        )
        box.setAccessibleName(f"{label}: {text}" if text else label)
        return box

    def add_choice(
        self,
        layout: QFormLayout | None,
        name: str,
        label: str,
        items: Iterable[tuple[Any, str]],
        *,
        hint: str = "",
    ) -> QComboBox:
        """A closed list: ``items`` are (value, shown text); the value is what the form holds."""
        combo = QComboBox(self._parent_for(layout))
        set_choice_items(combo, items)

        def set_(v: Any) -> None:
            v = v.value if isinstance(v, Enum) else v
            i = combo.findData(v)
            if i < 0 and v is not None:
                combo.addItem(str(v), v)  # a value no longer offered stays visible
                i = combo.count() - 1
            combo.setCurrentIndex(max(i, 0))

        self._row(
            layout,
            name,
            label,
            combo,
            combo.currentData,
            set_,
            combo.currentIndexChanged,
            hint=hint,
        )
        return combo

    def add_enum(
        self,
        layout: QFormLayout | None,
        name: str,
        label: str,
        enum: type[LabelledEnum],
        *,
        blank: str | None = None,
        hint: str = "",
    ) -> QComboBox:
        """A closed list of a vocabulary, optionally with a blank first choice."""
        items: list[tuple[Any, str]] = [] if blank is None else [(None, blank)]
        items += [(m.value, choice_label(m)) for m in enum]
        return self.add_choice(layout, name, label, items, hint=hint)

    def add_language(
        self, layout: QFormLayout | None, name: str, label: str, *, hint: str = ""
    ) -> QComboBox:
        """A language code: common ones listed by name, any other code may be typed."""
        combo = QComboBox(self._parent_for(layout))
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for code in COMMON_LANGUAGES:
            combo.addItem(language_label(code), code)

        def get() -> str:
            text = combo.currentText().strip()
            i = combo.findText(text)
            if i >= 0:
                return str(combo.itemData(i))
            m = re.fullmatch(r".*\(([A-Za-z0-9-]+)\)", text)
            return m[1] if m else text

        def set_(v: Any) -> None:
            code = str(v or "")
            i = combo.findData(code)
            if i < 0 and code:
                combo.addItem(language_label(code), code)
                i = combo.count() - 1
            if i >= 0:
                combo.setCurrentIndex(i)
            else:
                combo.setEditText("")

        self._row(
            layout,
            name,
            label,
            combo,
            get,
            set_,
            combo.currentTextChanged,
            hint=hint or _("Choose a language or type a code such as pt-BR"),
        )
        return combo

    def add_widget(
        self,
        layout: QFormLayout | None,
        name: str,
        label: str,
        widget: QWidget,
        *,
        getter: Callable[[], Any],
        setter: Callable[[Any], None],
        changed: SignalInstance,
        raw: Callable[[], Any] | None = None,
        focus: QWidget | None = None,
        hint: str = "",
    ) -> QWidget:
        """Any other control, given how to read, write and watch it."""
        self._row(layout, name, label, widget, getter, setter, changed, raw, focus=focus, hint=hint)
        return widget
