"""The Family and caregivers tab: who supports the client, who is the primary caregiver, and
what each person may be told (consent scope), with Add, Edit and Remove (all undoable)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHeaderView, QLabel, QMessageBox, QVBoxLayout, QWidget

from otdesk.domain.errors import OtdeskError
from otdesk.domain.records import Changes, RecordKind
from otdesk.domain.text import isolate
from otdesk.domain.translation import N_, _, pgettext
from otdesk.domain.vocab import ConsentScope
from otdesk.services import clients, drafts, family_members
from otdesk.services.family_members import FamilyMemberInfo
from otdesk.ui import drafts_ui
from otdesk.ui.client_record.commands import (
    AddRecordCommand,
    EditRecordCommand,
    RemoveRecordCommand,
)
from otdesk.ui.client_record.family_model import (
    FAMILY_MEMBERS,
    FamilyMembersModel,
    build_member_form,
    consent_explanation,
)
from otdesk.ui.client_record.record_dialog import RecordDialog, pending_drafts
from otdesk.ui.client_record.registry import TabContext, register_tab
from otdesk.ui.client_record.tabs._parts import (
    action_button,
    confirm,
    details_card,
    heading_row,
    record_table,
    run_removal,
    select_record,
    selected_record,
)
from otdesk.ui.drafts_ui import AUTO_RESTORE, client_draft_key
from otdesk.ui.forms import choice_label, language_label
from otdesk.ui.keys import EDIT_FAMILY_MEMBER, REMOVE_FAMILY_MEMBER, add_shortcut
from otdesk.ui.style import MARGIN, SPACING, set_role
from otdesk.ui.widgets import EmptyState


class FamilyTab(QWidget):
    """A table of family members and caregivers, details of the selected one, and actions."""

    def __init__(self, tc: TabContext) -> None:
        super().__init__(tc.parent)
        self.tc = tc
        self.app = tc.app
        self.client_id = tc.client_id
        self.client = tc.read_client()
        self.model = FamilyMembersModel(self)
        self._build()
        self.refresh(reread_client=False)
        self.app.events.records_changed.connect(self._records_changed)
        self._drafts_offered = False

    def _build(self) -> None:
        self.consent_note = QLabel(self)
        self.consent_note.setWordWrap(True)
        # Mnemonics avoid the menu bar's (File, Edit, View, Help) and "Signed in as".
        self.add_button = action_button(
            self, _("A&dd…"), _("Add a family member or caregiver")
        )
        self.edit_button = action_button(
            self, _("Ed&it…"), _("Edit the selected family member")
        )
        self.remove_button = action_button(
            self, _("&Remove"), _("Remove the selected family member")
        )
        self.add_button.clicked.connect(self.add_member)
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table, self.proxy = record_table(
            self, self.model, _("Family members and caregivers")
        )
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        # Keep the service's order (primary caregiver first, then by name) until a header
        # is clicked.
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        add_shortcut(EDIT_FAMILY_MEMBER, self.table, self.edit_selected)
        add_shortcut(REMOVE_FAMILY_MEMBER, self.table, self.remove_selected)
        self.empty = EmptyState(self.table)
        self.details = details_card(self, _("Details of the selected family member"))
        top = heading_row(
            self,
            _("Family and caregivers"),
            self.add_button,
            self.edit_button,
            self.remove_button,
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(SPACING)
        layout.addLayout(top)
        layout.addWidget(self.consent_note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)

    # -- data -----------------------------------------------------------------------------

    def refresh(self, *, reread_client: bool = True) -> None:
        """Read the members (and the client) again, keeping the selection."""
        selected = self.selected()
        if reread_client:
            self.client = clients.get_client(self.app.services, client_id=self.client_id)
        members = family_members.list_family_members(self.app.services, client_id=self.client_id)
        self.model.set_members(members)
        self.table.resizeColumnsToContents()
        self.empty.show_text(
            ""
            if members
            else _("No family members or caregivers recorded yet.\n"
                   "Use Add to record who supports {name}.").format(name=self.client.given_name)
        )
        if self.client.consent_family:
            self.consent_note.setText(
                _("The client has agreed to share with family, within each person's scope.")
            )
            set_role(self.consent_note, "muted")
        else:
            self.consent_note.setText(
                _("⚠ The client has not consented to sharing with family: share nothing "
                  "until consent is recorded on the Overview.")
            )
            set_role(self.consent_note, "banner-error")
        if selected is not None:
            self.select(selected.id)
        elif members:
            self.table.selectRow(0)
        self._selection_changed()

    def _records_changed(self, changes: Changes) -> None:
        if changes.touches(RecordKind.FAMILY_MEMBER, RecordKind.CLIENT, client_id=self.client_id):
            self.refresh()

    def selected(self) -> FamilyMemberInfo | None:
        """The selected member, if any."""
        member = selected_record(self.table)
        return member if isinstance(member, FamilyMemberInfo) else None

    def select(self, member_id: int) -> None:
        """Select a member by id."""
        select_record(self.table, self.proxy, self.model, member_id)

    def _selection_changed(self) -> None:
        m = self.selected()
        self.edit_button.setEnabled(m is not None)
        self.remove_button.setEnabled(m is not None)
        self.details.setVisible(m is not None)
        if m is None:
            return
        esc = _escape
        lines = [f"<b>{esc(m.display_name)}</b> — {esc(m.relationship_to_client)}"]
        if m.primary_caregiver:
            lines[0] += "&nbsp;&nbsp;<b>" + esc(_("★ Primary caregiver")) + "</b>"
        lines.append(
            esc(_("May be told: {scope}. {explanation}")).format(
                scope=f"<b>{esc(choice_label(m.consent_scope))}</b>",
                explanation=esc(consent_explanation(m.consent_scope)),
            )
        )
        language = language_label(m.preferred_language)
        if m.interpreter_needed:
            language += _(", needs an interpreter")
        contact = [p for p in (m.phone, m.email) if p]
        lines.append(esc(_("Language: {language}").format(language=language)))
        if contact:
            shown = " · ".join(isolate(c) for c in contact)
            lines.append(esc(_("Contact: {contact}").format(contact=shown)))
        # Free text is isolated: direction controls typed in it act inside it only.
        if m.address:
            lines.append(esc(isolate(m.address.replace("\n", ", "))))
        if m.notes:
            lines.append("<i>" + esc(isolate(m.notes)).replace("\n", "<br>") + "</i>")
        self.details.setText("<br>".join(lines))

    # -- actions --------------------------------------------------------------------------

    def _draft_key(self, part: str) -> str:
        return client_draft_key(self.client.uuid, f"family:{part}")

    def _report(self, _command: object, exc: OtdeskError) -> None:
        QMessageBox.warning(self, _("Cannot undo or redo"), str(exc))

    def add_member(self) -> FamilyMemberInfo | None:
        """Ask for a new member's details and add them (undoable)."""

        def submit(values: dict[str, Any], _version: int | None) -> int:
            command = AddRecordCommand(
                self.app, FAMILY_MEMBERS, self.client_id, values, self.tc.ids,
                report=self._report,
            )
            command.execute()
            self.tc.undo_stack.push(command)
            assert command.record_id is not None
            return command.record_id

        dialog = RecordDialog(
            self.app,
            self,
            title=_("Add family member or caregiver"),
            build=build_member_form,
            values={
                "consent_scope": ConsentScope.NONE.value,
                "preferred_language": self.client.preferred_language,
            },
            submit=submit,
            ok_text=_("Add"),
            draft_key=self._draft_key("new"),
            draft_meta={"form": "family_member", "client_id": self.client_id},
        )
        return self._run(dialog)

    def edit_selected(self) -> FamilyMemberInfo | None:
        """Edit the selected member (undoable)."""
        member = self.selected()
        return self.edit_member(member) if member is not None else None

    def edit_member(self, member: FamilyMemberInfo) -> FamilyMemberInfo | None:
        """Edit one member's details."""
        before = member.editable_values()

        def submit(values: dict[str, Any], version: int | None) -> int:
            assert version is not None
            command = EditRecordCommand(
                self.app,
                FAMILY_MEMBERS,
                member.id,
                {k: before[k] for k in values},
                values,
                self.tc.ids,
                expected_version=version,
                report=self._report,
            )
            command.execute()
            self.tc.undo_stack.push(command)
            return member.id

        def latest() -> tuple[dict[str, Any], int]:
            info = family_members.get_family_member(self.app.services, member_id=member.id)
            return info.editable_values(), info.version

        dialog = RecordDialog(
            self.app,
            self,
            title=pgettext("a person", "Edit {name}").format(name=member.display_name),
            build=build_member_form,
            values=before,
            version=member.version,
            submit=submit,
            latest=latest,
            only_changes=True,
            draft_key=self._draft_key(str(member.uuid)),
            draft_meta={
                "form": "family_member",
                "client_id": self.client_id,
                "member_id": member.id,
            },
        )
        return self._run(dialog)

    def _run(self, dialog: RecordDialog) -> FamilyMemberInfo | None:
        accepted = dialog.exec()
        member_id = dialog.result_value
        dialog.deleteLater()
        if not accepted or member_id is None:
            return None
        self.refresh()
        self.select(member_id)
        self.table.setFocus()
        return self.selected()

    def remove_selected(self) -> bool:
        """Remove the selected member after asking (undoable)."""
        member = self.selected()
        if member is None:
            return False
        if not confirm(
            self,
            _("Remove family member?"),
            _("Remove {name} ({relationship}) from this client's family and caregivers?").format(
                name=member.display_name, relationship=member.relationship_to_client
            ),
        ):
            return False
        command = RemoveRecordCommand(
            self.app, FAMILY_MEMBERS, self.client_id, member, self.tc.ids, report=self._report
        )
        return run_removal(self, command, _("Cannot remove"), self.tc.undo_stack)

    def show_record(self, entity: str, record_id: int) -> None:
        """Select the member a link names."""
        self.select(self.tc.ids.resolve(RecordKind.FAMILY_MEMBER, record_id))
        self.table.setFocus()

    # -- drafts left by a crash -----------------------------------------------------------

    def pending_drafts(self) -> bool:
        """True when a dialog of this tab left unsaved typing behind."""
        return bool(pending_drafts(self.app, self._draft_key("")))

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if not self._drafts_offered:
            self._drafts_offered = True
            QTimer.singleShot(0, self._offer_drafts)

    def _offer_drafts(self) -> None:
        for info in pending_drafts(self.app, self._draft_key("")):
            if not (info.payload.get(AUTO_RESTORE) or drafts_ui.ask_restore(self, info)):
                drafts.discard_draft(self.app.services, key=info.key)
                continue
            # Reopen the dialog; it restores the draft itself without asking again.
            drafts.save_draft(
                self.app.services,
                key=info.key,
                title=info.title,
                payload=dict(info.payload) | {AUTO_RESTORE: True},
                base_version=info.base_version,
            )
            member_id = info.payload.get("member_id")
            if member_id is None:
                self.add_member()
                continue
            try:
                member = family_members.get_family_member(self.app.services, member_id=member_id)
            except OtdeskError:
                drafts.discard_draft(self.app.services, key=info.key)
                continue
            self.edit_member(member)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _make(tc: TabContext) -> QWidget:
    return FamilyTab(tc)


register_tab(
    "family",
    N_("Family & caregivers"),
    _make,
    20,
    entities=(RecordKind.FAMILY_MEMBER,),
)
