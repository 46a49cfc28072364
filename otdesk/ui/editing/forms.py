"""Reusable forms: labelled fields, values in and out, dirtiness, and field errors beside fields.

A ``Form`` builds each control with a ``QLabel`` buddy (with a keyboard mnemonic) and an
accessible name, keeps a map of field name to control, reads and writes a dictionary of values,
knows whether the user changed anything since the last load, and shows a service's
``ValidationError`` as red text under the field it names. Screens lay the rows out; the form
owns the bookkeeping.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import (
    QObject,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QWidget,
)

from otdesk.domain.errors import FieldError, ValidationError
from otdesk.domain.translation import _
from otdesk.ui.editing.form_builders import Binding, FieldBuilders
from otdesk.ui.editing.form_fields import (
    COMMON_LANGUAGES,
    DateField,
    choice_label,
    field_of,
    form_layout,
    language_label,
    mnemonic_letters,
    plain_value,
    set_choice_items,
    staff_items,
    strip_mnemonic,
)
from otdesk.ui.parts.style import set_role

__all__ = [
    "COMMON_LANGUAGES",
    "Binding",
    "DateField",
    "Form",
    "choice_label",
    "field_of",
    "form_layout",
    "language_label",
    "mnemonic_letters",
    "plain_value",
    "set_choice_items",
    "staff_items",
    "strip_mnemonic",
]


class Form(FieldBuilders, QObject):
    """The fields of one record form and their bookkeeping."""

    edited = Signal()  # the user changed a value
    dirty_changed = Signal(bool)

    def __init__(self, parent: QWidget, reserved_mnemonics: str = "") -> None:
        super().__init__(parent)
        self._host = parent
        self._fields: dict[str, Binding] = {}
        self._baseline: dict[str, Any] = {}
        self._loading = False
        self._dirty = False
        self._mnemonics: set[str] = {c.casefold() for c in reserved_mnemonics}
        self.banner = QLabel(parent)
        self.banner.setWordWrap(True)
        self.banner.setAccessibleName(_("Problems with this form"))
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        set_role(self.banner, "banner-error")
        self.banner.hide()

    # -- building -------------------------------------------------------------------------

    def align_labels(self) -> None:
        """Give every label the width of the widest, so fields line up across sections."""
        width = max((b.label.sizeHint().width() for b in self._fields.values()), default=0)
        for b in self._fields.values():
            b.label.setMinimumWidth(width)

    def row_widget(self, name: str) -> QWidget:
        """The box holding a field's control and error line (to lay out by hand)."""
        parent = self._fields[name].error.parentWidget()
        assert parent is not None
        return parent

    # -- values ---------------------------------------------------------------------------

    @property
    def names(self) -> list[str]:
        """The fields, in the order they were added."""
        return list(self._fields)

    def control(self, name: str) -> QWidget:
        """The control that edits ``name`` (the label's buddy)."""
        return self._fields[name].control

    def label(self, name: str) -> QLabel:
        """The label of ``name``."""
        return self._fields[name].label

    def error_label(self, name: str) -> QLabel:
        """The red line under ``name`` that shows its problem."""
        return self._fields[name].error

    def values(self) -> dict[str, Any]:
        """Every field's value as the services take it."""
        return {name: b.get() for name, b in self._fields.items()}

    def raw_values(self) -> dict[str, Any]:
        """Every field's value as JSON can hold it (for drafts)."""
        return {name: plain_value(b.raw()) for name, b in self._fields.items()}

    def load(self, values: Mapping[str, Any]) -> None:
        """Show a record as saved: the form is clean afterwards."""
        self._write(values)
        self._baseline = self.raw_values()
        self.clear_errors()
        self._set_dirty(False)

    def apply(self, values: Mapping[str, Any]) -> None:
        """Put values into the fields as if typed (restoring a draft, re-applying edits)."""
        self._write(values)
        self._set_dirty(self.raw_values() != self._baseline)
        self.edited.emit()

    def _write(self, values: Mapping[str, Any]) -> None:
        self._loading = True
        try:
            for name, value in values.items():
                if name in self._fields:
                    self._fields[name].set(value)
        finally:
            self._loading = False

    def changed_values(self) -> dict[str, Any]:
        """The fields whose value differs from the loaded record, as the services take them."""
        now = self.raw_values()
        return {
            name: self._fields[name].get()
            for name in self._fields
            if now[name] != self._baseline.get(name)
        }

    def display_text(self, name: str, value: Any) -> str:
        """A value of ``name`` as the user would recognise it (a choice's text, Yes/No...)."""
        control = self._fields[name].control
        value = plain_value(value)
        if value is None or value == "" or value == []:
            return "—"
        if isinstance(control, QComboBox):
            i = control.findData(value)
            return control.itemText(i) if i >= 0 else str(value)
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        if isinstance(value, list):
            parts = []
            for v in value:
                if isinstance(v, dict):
                    code = f" ({v['code']})" if v.get("code") else ""
                    parts.append(f"{v.get('text', '')}{code}")
                else:
                    parts.append(str(v))
            return "; ".join(parts)
        return str(value)

    def baseline(self) -> dict[str, Any]:
        """The loaded record's values, as JSON can hold them."""
        return dict(self._baseline)

    def is_dirty(self) -> bool:
        """True when the user changed something since the last load."""
        return self._dirty

    def _on_changed(self, name: str) -> None:
        if self._loading:
            return
        self._clear_error(self._fields[name])  # the user is fixing it: stop shouting
        self._set_dirty(self.raw_values() != self._baseline)
        self.edited.emit()

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)

    def set_read_only(self, read_only: bool) -> None:
        """Lock or unlock every control."""
        for b in self._fields.values():
            b.control.setEnabled(not read_only)

    # -- errors ---------------------------------------------------------------------------

    def show_errors(self, error: ValidationError) -> list[FieldError]:
        """Show each problem under its field; return those that name no field of this form.

        Problems that fit no field are listed in the form's banner. The first bad field gets
        the keyboard focus so the user can fix it at once.
        """
        self.clear_errors()
        by_field: dict[str, list[str]] = {}
        unplaced: list[FieldError] = []
        for e in error.errors:
            name = field_of(e)
            if name in self._fields:
                by_field.setdefault(name, []).append(self._sentence(e))
            else:
                unplaced.append(e)
        first: QWidget | None = None
        for name in self._fields:
            if name in by_field:
                b = self._fields[name]
                text = "\n".join(by_field[name])
                b.error.setText(text)
                b.error.show()
                b.control.setAccessibleDescription(text)
                _mark_invalid(b.control, True)
                first = first or b.control
        if unplaced:
            self.banner.setText("\n".join(str(e) for e in unplaced))
            self.banner.show()
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
        _fit_dialog(self._host)
        return unplaced

    def _sentence(self, e: FieldError) -> str:
        label = self._fields[field_of(e)].label_text
        detail = e.field[len(field_of(e)) :].lstrip(".")
        row = re.fullmatch(r"\[(\d+)\]\.?(.*)", detail)
        if row:  # "diagnoses[2].text": a row of a list field
            part = row[2].replace("_", " ")
            detail = _("row {row}, {part}").format(row=row[1], part=part) if part else row[1]
        where = f" ({detail})" if detail else ""
        # TRANSLATORS: a field's label, where in the field (may be blank), and the reason it
        # was refused: "Date of birth is in the future".
        return _("{field}{where} {reason}").format(
            field=label, where=where, reason=e.reason)

    def clear_errors(self) -> None:
        """Hide every field's problem line and the banner."""
        for b in self._fields.values():
            self._clear_error(b)
        self.banner.clear()
        self.banner.hide()

    @staticmethod
    def _clear_error(b: Binding) -> None:
        if b.error.text():
            b.error.clear()
            b.error.hide()
            b.control.setAccessibleDescription(b.control.toolTip())
            _mark_invalid(b.control, False)

    def errors_shown(self) -> dict[str, str]:
        """Field name to the problem text now shown under it."""
        return {n: b.error.text() for n, b in self._fields.items() if b.error.text()}


def _fit_dialog(host: QWidget) -> None:
    """Grow a dialog holding the form so reasons that wrap onto a second line (a longer
    sentence in another language) are read whole, not cut; a form in a page scrolls instead."""
    window = host.window()
    layout = window.layout()
    if not isinstance(window, QDialog) or layout is None:
        return
    layout.activate()
    width = window.width()
    needed = (layout.totalHeightForWidth(width) if layout.hasHeightForWidth()
              else layout.totalMinimumSize().height())
    if needed > window.height():
        window.resize(width, needed)


def _mark_invalid(widget: QWidget, invalid: bool) -> None:
    widget.setProperty("invalid", invalid)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
