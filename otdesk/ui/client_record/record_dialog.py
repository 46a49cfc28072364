"""A dialog that edits one record through a ``Form``: OK saves through a callback, field problems
appear beside the fields, a conflict asks Reload / Keep mine / Cancel, and typing is kept as a
draft while the dialog is open.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from otdesk.domain.errors import ConflictError, NotFoundError, ValidationError
from otdesk.domain.translation import _
from otdesk.services.drafts import DraftInfo
from otdesk.ui.editing import conflict_dialog
from otdesk.ui.editing.conflict_dialog import ConflictChoice
from otdesk.ui.editing.drafts_ui import DraftKeeper
from otdesk.ui.editing.forms import Form, form_layout
from otdesk.ui.parts.style import MARGIN, SECTION_SPACING, set_role
from otdesk.ui.shell.app_context import AppContext

# submit(values, version) saves and returns the saved record's version (or None).
Submit = Callable[[dict[str, Any], "int | None"], Any]
# latest() reads the record again: (its editable values, its version).
Latest = Callable[[], tuple[Mapping[str, Any], int]]


class RecordDialog(QDialog):
    """Edit or create one record; ``result_value`` holds what ``submit`` returned."""

    def __init__(
        self,
        app: AppContext,
        parent: QWidget | None,
        *,
        title: str,
        build: Callable[[Form, QFormLayout], None],
        values: Mapping[str, Any] | None = None,
        version: int | None = None,
        submit: Submit,
        latest: Latest | None = None,
        only_changes: bool = False,
        ok_text: str = "",
        intro: str = "",
        draft_key: str | None = None,
        draft_meta: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self.app = app
        self.version = version
        self.result_value: Any = None
        self._submit = submit
        self._latest = latest
        self._only_changes = only_changes
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setMinimumWidth(520)
        self.form = Form(self, reserved_mnemonics="c")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(SECTION_SPACING // 2)
        heading = QLabel(title, self)
        set_role(heading, "h2")
        layout.addWidget(heading)
        if intro:
            note = QLabel(intro, self)
            note.setWordWrap(True)
            set_role(note, "muted")
            layout.addWidget(note)
        layout.addWidget(self.form.banner)
        fields = form_layout()
        build(self.form, fields)
        layout.addLayout(fields)
        layout.addStretch(1)
        self.form.load(values or {})
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text or _("Save"))
        self.ok_button.setAccessibleName(self.ok_button.text())
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setAccessibleName(_("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if self.form.names:
            self.form.control(self.form.names[0]).setFocus()
        self.keeper: DraftKeeper | None = None
        if draft_key:
            meta = dict(draft_meta or {})
            self.keeper = DraftKeeper(
                app,
                key=draft_key,
                title=lambda: title,
                payload=lambda: meta | {"changes": self._typed()},
                base_version=lambda: self.version,
                parent=self,
            )
            self.keeper.watch(self.form)
            QTimer.singleShot(0, lambda: self._offer_draft())

    def _typed(self) -> dict[str, Any]:
        baseline = self.form.baseline()
        return {k: v for k, v in self.form.raw_values().items() if v != baseline.get(k)}

    def _offer_draft(self) -> None:
        if self.keeper is not None:
            self.keeper.offer_restore(self, self.restore_draft)

    def restore_draft(self, info: DraftInfo) -> None:
        """Put a draft's typing back into the fields."""
        self.form.apply(info.payload.get("changes", {}))
        if info.base_version is not None:
            self.version = info.base_version  # typed over that version: a newer one conflicts

    def save(self) -> None:
        """Save through the callback; stay open and explain when it is refused."""
        values = self.form.changed_values() if self._only_changes else self.form.values()
        if self._only_changes and not values:
            self._close_draft()
            self.accept()
            return
        try:
            self.result_value = self._submit(values, self.version)
        except ValidationError as exc:
            self.form.show_errors(exc)
            return
        except ConflictError:
            self._conflict()
            return
        except NotFoundError as exc:
            QMessageBox.warning(self, _("Cannot save"), str(exc))
            return
        self._close_draft()
        self.accept()

    def _close_draft(self) -> None:
        if self.keeper is not None:
            self.keeper.discard()

    def _conflict(self) -> None:
        if self._latest is None:
            QMessageBox.warning(
                self, _("Cannot save"), _("Someone else changed this record.")
            )
            return
        theirs, version = self._latest()
        mine = self._typed()
        differences = [
            (
                self.form.label(n).text().replace("&", ""),
                self.form.display_text(n, v),
                self.form.display_text(n, theirs.get(n)),
            )
            for n, v in mine.items()
        ]
        choice = conflict_dialog.ask_conflict(
            self, what=self.windowTitle(), differences=differences
        )
        if choice is ConflictChoice.CANCEL:
            return
        self.form.load(theirs)
        self.version = version
        if choice is ConflictChoice.KEEP_MINE:
            self.form.apply(mine)
        elif self.keeper is not None:
            self.keeper.discard()

    def reject(self) -> None:
        """Close without saving; typed changes are dropped after asking."""
        if self.form.is_dirty():
            answer = QMessageBox.question(
                self,
                _("Drop changes?"),
                _("The changes you typed here will be dropped."),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        self._close_draft()
        super().reject()


def pending_drafts(app: AppContext, prefix: str) -> list[DraftInfo]:
    """The drafts whose keys start with ``prefix`` (a tab's dialogs left open by a crash)."""
    from otdesk.services import drafts

    return [d for d in drafts.list_drafts(app.services) if d.key.startswith(prefix)]
