"""The Family and caregivers tab: who supports the client, who is the primary caregiver, and
what each person may be told (consent scope), with Add, Edit and Remove (all undoable)."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QWidget

from otdesk.domain.records import RecordKind
from otdesk.domain.text import isolate
from otdesk.domain.translation import N_, _
from otdesk.domain.vocab import ConsentScope
from otdesk.services import clients, family_members
from otdesk.services.family_members import FamilyMemberInfo
from otdesk.ui.client_record.family_model import (
    FAMILY_MEMBERS,
    FamilyMembersModel,
    build_member_form,
    consent_explanation,
)
from otdesk.ui.client_record.record_list import ListSpec, RecordList
from otdesk.ui.client_record.registry import TabContext, register_tab
from otdesk.ui.editing.forms import choice_label, language_label
from otdesk.ui.parts.style import MARGIN, set_role
from otdesk.ui.shell.keys import EDIT_FAMILY_MEMBER, REMOVE_FAMILY_MEMBER, add_shortcut


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def member_details(m: FamilyMemberInfo) -> str:
    """The card of one family member (rich text; the free text in it isolated)."""
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
    return "<br>".join(lines)


FAMILY_LIST: ListSpec[FamilyMemberInfo] = ListSpec(
    key="family",
    adapter=FAMILY_MEMBERS,
    model=FamilyMembersModel,
    load=lambda ctx, client_id: family_members.list_family_members(ctx, client_id=client_id),
    build=build_member_form,
    details=member_details,
    heading=lambda: _("Family and caregivers"),
    table_name=lambda: _("Family members and caregivers"),
    empty=lambda tc: _("No family members or caregivers recorded yet.\nUse Add to record who "
                       "supports {name}.").format(name=tc.read_client().given_name),
    add_title=lambda: _("Add family member or caregiver"),
    edit_title=lambda m: _("Edit {name}").format(name=m.display_name),
    remove_title=lambda: _("Remove family member?"),
    remove_question=lambda m: _(
        "Remove {name} ({relationship}) from this client's family and caregivers?"
    ).format(name=m.display_name, relationship=m.relationship_to_client),
    add_name=lambda: _("Add a family member or caregiver"),
    edit_name=lambda: _("Edit the selected family member"),
    remove_name=lambda: _("Remove the selected family member"),
    defaults=lambda ctx, client_id: {
        "consent_scope": ConsentScope.NONE.value,
        "preferred_language": clients.get_client(ctx, client_id=client_id).preferred_language,
    },
    also=(RecordKind.CLIENT,),  # the client's consent shows above the list
)


class FamilyTab(RecordList[FamilyMemberInfo]):
    """A table of family members and caregivers, details of the selected one, and actions;
    above it, whether the client has consented to sharing with family at all."""

    def __init__(self, tc: TabContext) -> None:
        self.client = tc.read_client()
        super().__init__(tc, FAMILY_LIST, tc.client_id, tc.parent)
        self.client_id = tc.client_id
        self.consent_note = QLabel(self)
        self.consent_note.setWordWrap(True)
        self.box.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        self.box.insertWidget(1, self.consent_note)  # under the heading
        add_shortcut(EDIT_FAMILY_MEMBER, self.table, self.edit_selected)
        add_shortcut(REMOVE_FAMILY_MEMBER, self.table, self.remove_selected)
        self._show_consent()

    def refresh(self) -> None:
        """Read the members (and the client's consent) again, keeping the selection."""
        super().refresh()
        if hasattr(self, "consent_note"):
            self.client = clients.get_client(self.app.services, client_id=self.tc.client_id)
            self._show_consent()

    def _show_consent(self) -> None:
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

    def add_member(self) -> FamilyMemberInfo | None:
        """Ask for a new member's details and add them (undoable)."""
        result = self.add_record()
        return result if isinstance(result, FamilyMemberInfo) else None

    def edit_member(self, member: FamilyMemberInfo) -> FamilyMemberInfo | None:
        """Edit one member's details."""
        result = self.edit_record(member)
        return result if isinstance(result, FamilyMemberInfo) else None

    def show_record(self, entity: str, record_id: int) -> None:  # type: ignore[override]
        """Select the member a link names."""
        super().show_record(record_id)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.offer_drafts()


def _make(tc: TabContext) -> QWidget:
    return FamilyTab(tc)


register_tab(
    "family",
    N_("Family & caregivers"),
    _make,
    20,
    entities=(RecordKind.FAMILY_MEMBER,),
)
