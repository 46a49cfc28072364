"""The dialog that edits a home modification's details (not its status, which moves by steps):
recommendation, category, owner and who exactly, priority, estimated cost, funding source,
due date and notes. Saved with optimistic locking; a conflict asks what to do."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from otdesk.domain.errors import ConflictError, FieldError, ValidationError
from otdesk.domain.money import parse_cents, plain_amount
from otdesk.domain.translation import N_, _
from otdesk.domain.vocab import ModificationOwner, Priority
from otdesk.services import modifications
from otdesk.services.modifications import ModificationInfo
from otdesk.ui.editing import conflict_dialog
from otdesk.ui.editing.conflict_dialog import ConflictChoice
from otdesk.ui.editing.form_fields import DateField, form_layout
from otdesk.ui.parts.style import MARGIN, SPACING, set_role
from otdesk.ui.parts.widgets import FieldError as FieldErrorLabel
from otdesk.ui.parts.widgets import buddy_label, reason_text
from otdesk.ui.shell.app_context import AppContext

NOT_AN_AMOUNT = N_("is not an amount of money (for example 1234.50 or 1234,50)")


class ModificationDialog(QDialog):
    """Edit one modification's details."""

    def __init__(self, app: AppContext, info: ModificationInfo,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self.info = info
        self.setWindowTitle(_("Edit home modification"))
        self.setMinimumWidth(560)
        self.recommendation = QPlainTextEdit(self)
        self.recommendation.setTabChangesFocus(True)
        self.recommendation.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        self.category = QLineEdit(self)
        self.owner = QComboBox(self)
        for owner in ModificationOwner:
            self.owner.addItem(owner.label, owner.value)
        self.owner_name = QLineEdit(self)
        self.priority = QComboBox(self)
        for priority in Priority:
            self.priority.addItem(priority.label, priority.value)
        self.cost = QLineEdit(self)
        self.cost.setPlaceholderText(_("e.g. 1234.50"))
        self.funding_source = QLineEdit(self)
        self.due_date = DateField(self)
        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, FieldErrorLabel] = {}
        self.labels: dict[str, str] = {}
        form = form_layout()
        for name, label, widget in (
            ("recommendation", _("&Recommendation:"), self.recommendation),
            ("category", _("&Category:"), self.category),
            ("owner", _("&Owner:"), self.owner),
            ("owner_name", _("&Who exactly:"), self.owner_name),
            ("priority", _("&Priority:"), self.priority),
            ("estimated_cost_cents", _("E&stimated cost:"), self.cost),
            ("funding_source", _("&Funding source:"), self.funding_source),
            ("due_date", _("&Due date:"), self.due_date),
            ("notes", _("&Notes:"), self.notes),
        ):
            holder = QWidget(self)
            box = QVBoxLayout(holder)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(SPACING // 2)
            box.addWidget(widget)
            error = FieldErrorLabel(holder)
            box.addWidget(error)
            self.fields[name], self.errors[name] = widget, error
            self.labels[name] = label.replace("&", "").rstrip(": ")
            form.addRow(buddy_label(label, widget, self), holder)
        self.banner = QLabel(self)
        set_role(self.banner, "banner-error")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addWidget(self.buttons)
        self.load(info)

    def load(self, info: ModificationInfo) -> None:
        """Show a modification's saved details."""
        self.info = info
        self.recommendation.setPlainText(info.recommendation)
        self.category.setText(info.category)
        self.owner.setCurrentIndex(max(self.owner.findData(info.owner.value), 0))
        self.owner_name.setText(info.owner_name)
        self.priority.setCurrentIndex(max(self.priority.findData(info.priority.value), 0))
        self.cost.setText(plain_amount(info.estimated_cost_cents))
        self.funding_source.setText(info.funding_source)
        self.due_date.setText(info.due_date.isoformat() if info.due_date else "")
        self.notes.setPlainText(info.notes)

    def values(self) -> dict[str, Any]:
        """The details as the form shows them (ValidationError for a cost that is no amount)."""
        try:
            cents = parse_cents(self.cost.text())
        except ValueError:
            raise ValidationError([FieldError.of("estimated_cost_cents", NOT_AN_AMOUNT)]) from None
        return {
            "recommendation": self.recommendation.toPlainText(),
            "category": self.category.text().strip(),
            "owner": str(self.owner.currentData()),
            "owner_name": self.owner_name.text().strip(),
            "priority": str(self.priority.currentData()),
            "estimated_cost_cents": cents,
            "funding_source": self.funding_source.text().strip(),
            "due_date": self.due_date.value(),
            "notes": self.notes.toPlainText(),
        }

    def _saved_values(self) -> dict[str, Any]:
        i = self.info
        return {"recommendation": i.recommendation, "category": i.category,
                "owner": i.owner.value, "owner_name": i.owner_name,
                "priority": i.priority.value, "estimated_cost_cents": i.estimated_cost_cents,
                "funding_source": i.funding_source, "due_date": i.due_date, "notes": i.notes}

    def _show_errors(self, error: ValidationError) -> None:
        unplaced = []
        for name, label in self.errors.items():
            reason = next((e for e in error.errors if e.field == name), None)
            label.show_error(reason_text(reason) if reason else None, self.fields[name])
        for e in error.errors:
            if e.field not in self.errors:
                unplaced.append(str(e))
        self.banner.setText("\n".join([_("Please correct the fields marked below."),
                                       *unplaced]))
        self.banner.show()

    def save(self) -> bool:
        """Save the changed details; True when saved (or nothing changed)."""
        for name, label in self.errors.items():
            label.show_error(None, self.fields[name])
        self.banner.hide()
        changes: dict[str, Any] = {}
        try:
            mine = self.values()
            saved = self._saved_values()
            changes = {k: v for k, v in mine.items() if saved[k] != v}
            if changes:
                self.info = modifications.update_modification(
                    self._app.services, modification_id=self.info.id,
                    expected_version=self.info.version, **changes)
        except ValidationError as exc:
            self._show_errors(exc)
            return False
        except ConflictError:
            self._conflict(changes)
            return False
        self.accept()
        return True

    def _conflict(self, mine: dict[str, Any]) -> None:
        theirs = modifications.get_modification(self._app.services,
                                                modification_id=self.info.id)
        base = self.info
        self.info = theirs
        fresh = self._saved_values()
        self.info = base
        differences = [(self.labels[n], _text(n, v), _text(n, fresh[n]))
                       for n, v in mine.items()]
        choice = conflict_dialog.ask_conflict(self, what=self.windowTitle(),
                                              differences=differences)
        if choice is ConflictChoice.CANCEL:
            return
        self.load(theirs)
        if choice is ConflictChoice.KEEP_MINE:
            self._apply(mine)

    def _apply(self, values: dict[str, Any]) -> None:
        setters = {
            "recommendation": lambda v: self.recommendation.setPlainText(v),
            "category": lambda v: self.category.setText(v),
            "owner": lambda v: self.owner.setCurrentIndex(max(self.owner.findData(v), 0)),
            "owner_name": lambda v: self.owner_name.setText(v),
            "priority": lambda v: self.priority.setCurrentIndex(
                max(self.priority.findData(v), 0)),
            "estimated_cost_cents": lambda v: self.cost.setText(plain_amount(v)),
            "funding_source": lambda v: self.funding_source.setText(v),
            "due_date": lambda v: self.due_date.setText(
                v.isoformat() if isinstance(v, date) else str(v or "")),
            "notes": lambda v: self.notes.setPlainText(v),
        }
        for name, value in values.items():
            setters[name](value)


def _text(name: str, value: object) -> str:
    if name == "estimated_cost_cents" and isinstance(value, int):
        return plain_amount(value)
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)
