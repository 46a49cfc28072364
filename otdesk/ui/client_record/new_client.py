"""The New client dialog: the essential fields, problems shown beside them, typing kept safe."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from otdesk.domain.errors import ValidationError
from otdesk.domain.translation import _
from otdesk.domain.vocab import ClientStatus, Priority
from otdesk.services import clients
from otdesk.services.drafts import DraftInfo
from otdesk.ui.client_record.tabs.overview import assigned_ot_items
from otdesk.ui.editing.drafts_ui import NEW_CLIENT_KEY, DraftKeeper
from otdesk.ui.editing.forms import Form, form_layout
from otdesk.ui.parts.style import MARGIN, SECTION_SPACING, set_role
from otdesk.ui.shell.app_context import AppContext


class NewClientDialog(QDialog):
    """Add a client to the clinic's books; ``created_client_id`` holds the new id."""

    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.created_client_id: int | None = None
        self.setWindowTitle(_("New client"))
        self.setAccessibleName(_("New client"))
        self.setMinimumWidth(480)
        self.form = Form(self, reserved_mnemonics="c")
        heading = QLabel(_("Add a client to the clinic's books"), self)
        set_role(heading, "h2")
        intro = QLabel(
            _("Fill in the essentials now; the rest can be added on the client's record."),
            self,
        )
        intro.setWordWrap(True)
        set_role(intro, "muted")
        fields = form_layout()
        f = self.form
        f.add_text(fields, "record_number", _("Record number"), max_length=40)
        f.add_text(fields, "given_name", _("Given name"), max_length=200)
        f.add_text(fields, "family_name", _("Family name"), max_length=200)
        f.add_date(fields, "date_of_birth", _("Date of birth"))
        f.add_language(fields, "preferred_language", _("Preferred language"))
        f.add_enum(fields, "status", _("Status"), ClientStatus)
        f.add_choice(
            fields, "assigned_ot_id", _("Assigned OT"), assigned_ot_items(app, None, "")
        )
        f.add_enum(fields, "priority", _("Priority"), Priority)
        self.form.load(
            {
                # The clinic's next number, selected so that typing a number replaces it.
                "record_number": clients.suggest_record_number(app.services),
                "preferred_language": "en",
                "status": ClientStatus.REFERRED.value,
                "priority": Priority.ROUTINE.value,
            }
        )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Create client"))
        self.ok_button.setAccessibleName(_("Create client"))
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setAccessibleName(_("Cancel"))
        self.buttons.accepted.connect(self.create_client)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(SECTION_SPACING // 2)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self.form.banner)
        layout.addLayout(fields)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.keeper = DraftKeeper(
            app,
            key=NEW_CLIENT_KEY,
            title=self._draft_title,
            payload=lambda: {"form": "new_client", "values": self.form.raw_values()},
            parent=self,
        )
        self.keeper.watch(self.form)
        number = self.form.control("record_number")
        number.setFocus()
        if isinstance(number, QLineEdit):
            number.selectAll()
        QTimer.singleShot(0, lambda: self.keeper.offer_restore(self, self.restore_draft))

    def _draft_title(self) -> str:
        values = self.form.raw_values()
        name = f"{values.get('given_name') or ''} {values.get('family_name') or ''}".strip()
        return _("New client {name}").format(name=name).strip()

    def restore_draft(self, info: DraftInfo) -> None:
        """Put what was typed before back into the fields."""
        values: dict[str, Any] = info.payload.get("values", {})
        self.form.apply(values)

    def create_client(self) -> None:
        """Create the client; on a problem, show it beside the field and stay open."""
        values = self.form.values()
        try:
            created = clients.create_client(self.app.services, **values)
        except ValidationError as exc:
            self.form.show_errors(exc)
            return
        self.created_client_id = created.id
        self.keeper.discard()
        self.accept()

    def reject(self) -> None:
        """Close without creating; typed details are dropped after asking."""
        if self.form.is_dirty():
            answer = QMessageBox.question(
                self,
                _("Discard new client?"),
                _("The details you typed for the new client will be dropped."),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        self.keeper.discard()
        super().reject()
