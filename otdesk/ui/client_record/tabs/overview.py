"""The Overview tab: the client's own record (identity, language, contacts, care, consent,
alerts, diagnoses) in one form with Save and Cancel.

Saving runs an ``EditRecordCommand`` on ``CLIENTS`` (so it can be undone) against the version
the form was loaded from; a field the service refuses is marked under the field; a record
someone else saved meanwhile brings up the conflict dialog. What is typed is kept as a draft
until it is saved.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from otdesk.domain.errors import ConflictError, NotFoundError, OtdeskError, ValidationError
from otdesk.domain.records import Changes, RecordKind
from otdesk.domain.translation import N_, _, pgettext
from otdesk.domain.vocab import ClientStatus, Priority, StaffRole
from otdesk.services import clients
from otdesk.services.clients import ClientDetail
from otdesk.services.context import Context
from otdesk.services.drafts import DraftInfo
from otdesk.ui.client_record.commands import EditRecordCommand, RecordAdapter
from otdesk.ui.client_record.diagnoses import DiagnosesEditor
from otdesk.ui.client_record.registry import TabContext, register_tab
from otdesk.ui.editing import conflict_dialog
from otdesk.ui.editing.conflict_dialog import ConflictChoice
from otdesk.ui.editing.drafts_ui import DraftKeeper, client_draft_key, saved_time_text
from otdesk.ui.editing.forms import (
    Form,
    form_layout,
    mnemonic_letters,
    set_choice_items,
    staff_items,
    strip_mnemonic,
)
from otdesk.ui.parts.column_pair import ColumnPair
from otdesk.ui.parts.style import MARGIN, SECTION_SPACING, SPACING, set_role
from otdesk.ui.shell.keys import SAVE_RECORD, add_shortcut

OT_ROLES = (StaffRole.OT, StaffRole.OT_ASSISTANT)


def assigned_ot_items(tc_app: Any, current_id: int | None, current_name: str) -> list[Any]:
    """Active OTs and OT assistants, plus the current one when no longer in that list."""
    members = tc_app.staff_directory.members(tc_app.services, OT_ROLES)
    items = staff_items(members, _("Not assigned"))
    if current_id is not None and all(i[0] != current_id for i in items):
        label = _("{name} (inactive)").format(name=current_name)
        items.append((current_id, label))
    return items



def _no_client_insert(_ctx: Context, _owner: int, _values: Mapping[str, Any]) -> ClientDetail:
    raise AssertionError("a client is added with the New client dialog, not through undo")


def _no_client_delete(_ctx: Context, _key: int, _version: int) -> None:
    raise AssertionError("a client's record is never deleted")


CLIENTS: RecordAdapter[ClientDetail] = RecordAdapter(
    kind=RecordKind.CLIENT,
    fetch=lambda ctx, key: clients.get_client(ctx, client_id=key),
    insert=_no_client_insert,
    update=lambda ctx, key, version, values: clients.update_client(
        ctx, client_id=key, expected_version=version, **values),
    delete=_no_client_delete,
    values=lambda c: c.editable_values(),
    name=lambda c: c.record_number,
    add_text=N_("Add client"),
    edit_text=N_("Edit client details"),
    remove_text=N_("Remove {name}"),
)

class OverviewTab(QWidget):
    """Demographics, contacts, consent, care details, alerts and diagnoses of one client."""

    dirty_changed = Signal(bool)

    def __init__(self, tc: TabContext) -> None:
        super().__init__(tc.parent)
        self.tc = tc
        self.app = tc.app
        self.client_id = tc.client_id
        self.detail: ClientDetail = tc.read_client()
        self.version = self.detail.version
        self._saving = False
        self.setObjectName("overview-tab")
        # Save, Cancel, and the main window's menus and "Signed in as" keep their letters, in
        # whichever language the interface is in.
        self.form = Form(
            self,
            reserved_mnemonics=mnemonic_letters(
                _("&Save"),
                _("&Cancel changes"),
                _("&File"),
                _("&Edit"),
                _("&View"),
                _("&Help"),
                _("Signed in &as:"),
            ),
        )
        self._build()
        self.keeper = DraftKeeper(
            self.app,
            key=client_draft_key(self.detail.uuid, "overview"),
            title=lambda: _("{name} — Overview").format(name=self.detail.display_name),
            payload=self._draft_payload,
            base_version=lambda: self.version,
            parent=self,
        )
        self.keeper.saved.connect(self._draft_saved)
        self.keeper.watch(self.form)
        self.form.dirty_changed.connect(self._dirty_changed)
        self.form.dirty_changed.connect(self.dirty_changed)
        self._show(self.detail)
        self.app.events.records_changed.connect(self._records_changed)
        QTimer.singleShot(0, self._offer_draft)

    # -- layout ---------------------------------------------------------------------------

    def _section(self, column: int, title: str) -> QFormLayout:
        """A titled box at the foot of ``column``; its form layout for the fields."""
        box = QGroupBox(title, self.sections.columns[column])
        box.setAccessibleName(title)
        self.sections.add(column, box)
        return form_layout(box)

    def _build(self) -> None:
        # Containers first, each widget then made inside its final parent: a widget moved to
        # a new parent after it was built has its style worked out again (measured: a record
        # opened a third slower when the form was built first and then moved into place).
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        scroll.setWidget(body)  # still empty: nothing to restyle
        rows = QVBoxLayout(body)
        rows.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        rows.setSpacing(SECTION_SPACING)
        rows.addWidget(self.form.banner)
        # Side by side in a wide window; in a narrow one the second column goes under the
        # first, so the form never needs a sideways scroll.
        self.sections = ColumnPair(spacing=SECTION_SPACING, parent=body)
        rows.addWidget(self.sections, 1)

        f = self.form
        li = self._section(0, _("Identity"))
        f.add_text(li, "record_number", _("Record number"), max_length=40)
        f.add_text(li, "given_name", _("Given name"), max_length=200)
        f.add_text(li, "family_name", _("Family name"), max_length=200)
        f.add_text(li, "preferred_name", _("Preferred name"), max_length=200)
        f.add_text(
            li, "pronouns", _("Pronouns"), max_length=60, placeholder=_("e.g. she/her")
        )
        f.add_date(li, "date_of_birth", _("Date of birth"))

        ll = self._section(0, _("Language"))
        f.add_language(ll, "preferred_language", _("Preferred language"))
        f.add_check(
            ll, "interpreter_needed", _("Interpreter"), _("Needs an interpreter")
        )

        lc = self._section(0, _("Contact"))
        f.add_text(lc, "phone", _("Phone"), max_length=100)
        f.add_text(lc, "email", _("Email"), max_length=320)
        f.add_longtext(lc, "address", _("Address"), lines=3)

        lcare = self._section(1, _("Care"))
        f.add_enum(lcare, "status", _("Status"), ClientStatus)
        f.add_enum(lcare, "priority", _("Priority"), Priority)
        self.ot_combo = f.add_choice(
            lcare,
            "assigned_ot_id",
            _("Assigned OT"),
            assigned_ot_items(self.app, self.detail.assigned_ot_id, self.detail.assigned_ot),
        )

        lconsent = self._section(1, _("Consent to share"))
        f.add_check(
            lconsent,
            "consent_family",
            _("Family"),
            _("May share with family and caregivers"),
        )
        f.add_check(
            lconsent,
            "consent_community",
            _("Community"),
            _("May share with community providers"),
        )

        la = self._section(1, _("Alerts and diagnoses"))
        f.add_longtext(
            la,
            "alerts",
            _("Alerts"),
            lines=3,
            hint=_("Safety and access notes everyone must see, shown in the record's header"),
        )
        self.diagnoses = DiagnosesEditor(la.parentWidget())
        f.add_widget(
            la,
            "diagnoses",
            _("Diagnoses"),
            self.diagnoses,
            getter=self.diagnoses.value,
            setter=self.diagnoses.set_value,
            changed=self.diagnoses.changed,
            focus=self.diagnoses.table,
        )

        f.align_labels()

        self.changed_note = QLabel(self)
        self.changed_note.setWordWrap(True)
        set_role(self.changed_note, "banner-error")
        self.changed_note.hide()
        self.state_label = QLabel(self)
        set_role(self.state_label, "muted")
        self.state_label.setAccessibleName(_("Save state"))
        self.cancel_button = QPushButton(_("&Cancel changes"), self)
        self.cancel_button.setAccessibleName(_("Cancel changes"))
        self.save_button = QPushButton(_("&Save"), self)
        self.save_button.setAccessibleName(pgettext("the client's details", "Save"))
        self.save_button.setToolTip(_("Save the client's details (Ctrl+S)"))
        set_role(self.save_button, "primary")
        self.save_button.clicked.connect(self.save_changes)
        self.cancel_button.clicked.connect(self._cancel_clicked)
        # Ctrl+S saves this record only: each open record has its own.
        add_shortcut(SAVE_RECORD, self, self.save_changes,
                     Qt.ShortcutContext.WidgetWithChildrenShortcut)
        bar = QHBoxLayout()
        bar.setContentsMargins(MARGIN, SPACING, MARGIN, SPACING)
        bar.setSpacing(SPACING)
        bar.addWidget(self.state_label, 1)
        bar.addWidget(self.cancel_button)
        bar.addWidget(self.save_button)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.changed_note)
        outer.addWidget(scroll, 1)
        outer.addLayout(bar)

    # -- showing --------------------------------------------------------------------------

    def _show(self, detail: ClientDetail) -> None:
        self.detail = detail
        self.version = detail.version
        self.form.load(detail.editable_values())
        self.changed_note.hide()
        self._dirty_changed(False)

    def reload(self) -> None:
        """Show the saved record, dropping anything typed."""
        detail = clients.get_client(self.app.services, client_id=self.client_id)
        set_choice_items(
            self.ot_combo, assigned_ot_items(self.app, detail.assigned_ot_id, detail.assigned_ot)
        )
        self._show(detail)

    def _dirty_changed(self, dirty: bool) -> None:
        self.save_button.setEnabled(dirty)
        self.cancel_button.setEnabled(dirty)
        if dirty:
            self.state_label.setText(_("Unsaved changes"))
        else:
            self.state_label.setText(_("All changes saved"))

    def _draft_saved(self, info: DraftInfo) -> None:
        if self.form.is_dirty():
            self.state_label.setText(
                _("Unsaved changes — kept safe as a draft at {when}").format(
                    when=saved_time_text(info.saved_at)
                )
            )

    def _records_changed(self, changes: Changes) -> None:
        if self._saving:
            return
        # A discharge (an episode) changes the status too.
        if not changes.touches(RecordKind.CLIENT, RecordKind.EPISODE, client_id=self.client_id):
            return
        if not self.form.is_dirty():
            self.reload()
            return
        latest = clients.get_client(self.app.services, client_id=self.client_id)
        if latest.version != self.version:
            self.changed_note.setText(
                _("Someone saved this record after you started editing. "
                  "When you save, you will be asked what to do.")
            )
            self.changed_note.show()

    # -- drafts ---------------------------------------------------------------------------

    def _draft_payload(self) -> dict[str, Any]:
        baseline = self.form.baseline()
        current = self.form.raw_values()
        changes = {k: v for k, v in current.items() if v != baseline.get(k)}
        return {"form": "client_overview", "client_id": self.client_id, "changes": changes}

    def pending_drafts(self) -> bool:
        """True when typing was left behind in this form."""
        return self.keeper.stored() is not None

    def _offer_draft(self) -> None:
        self.keeper.offer_restore(self, self.restore_draft)

    def restore_draft(self, info: DraftInfo) -> None:
        """Put a draft's changes back into the form (on top of the saved record)."""
        changes = info.payload.get("changes", {})
        self.form.apply(changes)
        if info.base_version is not None and info.base_version != self.version:
            # Typed over an older version: saving must ask, not overwrite.
            self.version = info.base_version

    # -- saving ---------------------------------------------------------------------------

    def has_unsaved_changes(self) -> bool:
        """True when the form holds edits not yet saved."""
        return self.form.is_dirty()

    def save_changes(self) -> bool:
        """Save the edits as one undoable command; True when nothing is left unsaved."""
        changes = self.form.changed_values()
        if not changes:
            return True
        saved = self.detail.editable_values()
        before = {k: saved[k] for k in changes}
        fields = ", ".join(strip_mnemonic(self.form.label(n).text()).lower() for n in changes)
        command = EditRecordCommand(
            self.app,
            CLIENTS,
            self.client_id,
            before,
            changes,
            expected_version=self.version,
            report=self.report_command_error,
            text=pgettext("the fields changed", "Edit {fields}").format(fields=fields),
        )
        self._saving = True
        try:
            command.execute()
        except ValidationError as exc:
            self.form.show_errors(exc)
            return False
        except ConflictError:
            self._resolve_conflict()
            return False
        except NotFoundError as exc:
            QMessageBox.warning(self, _("Cannot save"), str(exc))
            return False
        finally:
            self._saving = False
        self.tc.undo_stack.push(command)
        self.keeper.discard()
        assert command.result is not None
        self._show(command.result)
        return True

    def report_command_error(self, command: QUndoCommand, exc: OtdeskError) -> None:
        """Tell the user an undo or redo could not be done, and why."""
        QMessageBox.warning(
            self,
            _("Cannot undo or redo"),
            _("“{change}” could not be applied: {problem}\nThe record was left as it is.").format(
                change=command.text(), problem=exc
            ),
        )

    def _resolve_conflict(self) -> None:
        latest = clients.get_client(self.app.services, client_id=self.client_id)
        mine = {k: v for k, v in self.form.raw_values().items() if v != self.form.baseline()[k]}
        theirs = latest.editable_values()
        differences = [
            (
                self.form.label(name).text().replace("&", ""),
                self.form.display_text(name, value),
                self.form.display_text(name, theirs.get(name)),
            )
            for name, value in mine.items()
        ]
        choice = conflict_dialog.ask_conflict(
            self,
            what=_("The record of {name}").format(name=latest.display_name),
            differences=differences,
        )
        if choice is ConflictChoice.RELOAD:
            self.keeper.discard()
            self.reload()
        elif choice is ConflictChoice.KEEP_MINE:
            self.reload()
            self.form.apply(mine)
            self.state_label.setText(
                _("Your changes are shown on top of the latest version. Check, then save.")
            )

    def _cancel_clicked(self) -> None:
        answer = QMessageBox.question(
            self,
            _("Cancel changes?"),
            _("Drop the changes you made to this client's details?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Discard:
            self.discard_changes()

    def discard_changes(self) -> None:
        """Drop the edits and their draft; show the saved record."""
        self.keeper.discard()
        self.reload()

    def show_record(self, entity: str, record_id: int) -> None:
        """Put the keyboard focus on the first field."""
        self.form.control("given_name").setFocus(Qt.FocusReason.OtherFocusReason)


def _make(tc: TabContext) -> QWidget:
    return OverviewTab(tc)


register_tab(
    "overview", N_("Overview"), _make, 10, entities=(RecordKind.CLIENT,)
)
