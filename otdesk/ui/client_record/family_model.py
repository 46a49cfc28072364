"""The family members table model and the family member form's fields."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCompleter, QFormLayout

from otdesk.domain.records import RecordKind
from otdesk.domain.translation import N_, NC_, _
from otdesk.domain.vocab import ConsentScope
from otdesk.services import family_members
from otdesk.services.family_members import FamilyMemberInfo
from otdesk.ui.client_record.commands import RecordAdapter
from otdesk.ui.editing.forms import Form, choice_label, language_label
from otdesk.ui.parts.record_table_model import Column, RecordTableModel

# Suggestions offered while typing a relationship (any text may be typed).
RELATIONSHIPS = (
    N_("Mother"),
    N_("Father"),
    N_("Parent"),
    N_("Partner"),
    N_("Spouse"),
    N_("Son"),
    N_("Daughter"),
    N_("Sister"),
    N_("Brother"),
    N_("Grandparent"),
    N_("Friend"),
    N_("Neighbour"),
    N_("Paid caregiver"),
    N_("Support worker"),
    N_("Guardian"),
)



def consent_explanation(scope: ConsentScope) -> str:
    """What a consent scope allows, in plain words."""
    return {
        ConsentScope.NONE: _("Nothing about the client may be shared with this person."),
        ConsentScope.GENERAL: _("General updates only: appointments and how things are going."),
        ConsentScope.CARE_PLAN: _("May receive the care plan and family handouts."),
        ConsentScope.FULL: _("May be told anything in the client's record."),
    }[scope]


class FamilyMembersModel(RecordTableModel[FamilyMemberInfo]):
    """A client's family members and caregivers, one row each."""

    NAME, RELATIONSHIP, PRIMARY, CONSENT, LANGUAGE, PHONE = range(6)
    COLUMNS = (
        Column(NC_("column", "Name"), lambda m: m.display_name,
               bold=lambda m: m.primary_caregiver),
        Column(NC_("column", "Relationship"), lambda m: m.relationship_to_client),
        Column(NC_("column", "Primary caregiver"),
               lambda m: _("Primary caregiver") if m.primary_caregiver else "",
               sort=lambda m: 0 if m.primary_caregiver else 1),  # primary caregivers first
        Column(NC_("column", "May be told"), lambda m: choice_label(m.consent_scope),
               tip=lambda m: consent_explanation(m.consent_scope)),
        Column(NC_("column", "Language"), lambda m: _language(m)),
        Column(NC_("column", "Phone"), lambda m: m.phone),
    )

    def set_members(self, members: list[FamilyMemberInfo]) -> None:
        """Show these members."""
        self.set_records(members)


def _language(m: FamilyMemberInfo) -> str:
    text = language_label(m.preferred_language)
    return text + _(" (interpreter)") if m.interpreter_needed else text


def build_member_form(form: Form, layout: QFormLayout) -> None:
    """The fields of a family member."""
    form.add_text(layout, "given_name", _("Given name"), max_length=200)
    form.add_text(layout, "family_name", _("Family name"), max_length=200)
    relation = form.add_text(
        layout,
        "relationship_to_client",
        _("Relationship"),
        max_length=100,
        placeholder=_("e.g. mother, partner, paid caregiver"),
    )
    completer = QCompleter([_(str(r)) for r in RELATIONSHIPS], relation)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    relation.setCompleter(completer)
    form.add_check(
        layout,
        "primary_caregiver",
        _("Primary caregiver"),
        _("This is the client's primary caregiver"),
    )
    form.add_enum(
        layout,
        "consent_scope",
        _("May be told"),
        ConsentScope,
        hint=_("What the client has agreed may be shared with this person"),
    )
    form.add_language(layout, "preferred_language", _("Language"))
    form.add_check(
        layout,
        "interpreter_needed",
        _("Interpreter"),
        _("Needs an interpreter"),
    )
    form.add_text(layout, "phone", _("Phone"), max_length=100)
    form.add_text(layout, "email", _("Email"), max_length=320)
    form.add_longtext(layout, "address", _("Address"), lines=2)
    form.add_longtext(layout, "notes", _("Notes"), lines=3)


FAMILY_MEMBERS: RecordAdapter[FamilyMemberInfo] = RecordAdapter(
    kind=RecordKind.FAMILY_MEMBER,
    fetch=lambda ctx, key: family_members.get_family_member(ctx, member_id=key),
    insert=lambda ctx, client_id, values: family_members.add_family_member(
        ctx, client_id=client_id, **values),
    update=lambda ctx, key, version, values: family_members.update_family_member(
        ctx, member_id=key, expected_version=version, **values),
    delete=lambda ctx, key, version: family_members.remove_family_member(
        ctx, member_id=key, expected_version=version),
    values=lambda m: m.editable_values(),
    name=lambda m: m.display_name,
    add_text=N_("Add family member"),
    edit_text=N_("Edit family member"),
    remove_text=N_("Remove {name}"),
    # Naming a primary caregiver clears the flag on the others: comparing it would make every
    # later undo of theirs look like a conflict.
    unchecked=frozenset({"primary_caregiver"}),
)
