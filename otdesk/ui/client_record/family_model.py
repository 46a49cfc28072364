"""The family members table model and the family member form's fields."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QCompleter, QFormLayout

from otdesk.domain.vocab import ConsentScope
from otdesk.services.family_members import FamilyMemberInfo
from otdesk.ui.forms import Form, choice_label, language_label
from otdesk.ui.record_table_model import RecordTableModel

# Suggestions offered while typing a relationship (any text may be typed).
RELATIONSHIPS = (
    QT_TRANSLATE_NOOP("FamilyTab", "Mother"),
    QT_TRANSLATE_NOOP("FamilyTab", "Father"),
    QT_TRANSLATE_NOOP("FamilyTab", "Parent"),
    QT_TRANSLATE_NOOP("FamilyTab", "Partner"),
    QT_TRANSLATE_NOOP("FamilyTab", "Spouse"),
    QT_TRANSLATE_NOOP("FamilyTab", "Son"),
    QT_TRANSLATE_NOOP("FamilyTab", "Daughter"),
    QT_TRANSLATE_NOOP("FamilyTab", "Sister"),
    QT_TRANSLATE_NOOP("FamilyTab", "Brother"),
    QT_TRANSLATE_NOOP("FamilyTab", "Grandparent"),
    QT_TRANSLATE_NOOP("FamilyTab", "Friend"),
    QT_TRANSLATE_NOOP("FamilyTab", "Neighbour"),
    QT_TRANSLATE_NOOP("FamilyTab", "Paid caregiver"),
    QT_TRANSLATE_NOOP("FamilyTab", "Support worker"),
    QT_TRANSLATE_NOOP("FamilyTab", "Guardian"),
)

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")


def consent_explanation(scope: ConsentScope) -> str:
    """What a consent scope allows, in plain words."""
    return {
        ConsentScope.NONE: translate(
            "FamilyTab", "Nothing about the client may be shared with this person."
        ),
        ConsentScope.GENERAL: translate(
            "FamilyTab", "General updates only: appointments and how things are going."
        ),
        ConsentScope.CARE_PLAN: translate(
            "FamilyTab", "May receive the care plan and family handouts."
        ),
        ConsentScope.FULL: translate("FamilyTab", "May be told anything in the client's record."),
    }[scope]


class FamilyMembersModel(RecordTableModel[FamilyMemberInfo]):
    """A client's family members and caregivers, one row each."""

    TR_CONTEXT = "FamilyTab"
    NAME, RELATIONSHIP, PRIMARY, CONSENT, LANGUAGE, PHONE = range(6)
    HEADERS = (
        QT_TRANSLATE_NOOP("FamilyTab", "Name"),
        QT_TRANSLATE_NOOP("FamilyTab", "Relationship"),
        QT_TRANSLATE_NOOP("FamilyTab", "Primary caregiver"),
        QT_TRANSLATE_NOOP("FamilyTab", "May be told"),
        QT_TRANSLATE_NOOP("FamilyTab", "Language"),
        QT_TRANSLATE_NOOP("FamilyTab", "Phone"),
    )

    def set_members(self, members: list[FamilyMemberInfo]) -> None:
        """Show these members."""
        self.set_records(members)

    def member(self, row: int) -> FamilyMemberInfo:
        """The member on ``row``."""
        return self.record(row)

    def text(self, m: FamilyMemberInfo, column: int) -> str:
        if column == self.NAME:
            return m.display_name
        if column == self.RELATIONSHIP:
            return m.relationship_to_client
        if column == self.PRIMARY:
            return translate("FamilyTab", "Primary caregiver") if m.primary_caregiver else ""
        if column == self.CONSENT:
            return choice_label(m.consent_scope)
        if column == self.LANGUAGE:
            text = language_label(m.preferred_language)
            return text + translate("FamilyTab", " (interpreter)") if m.interpreter_needed else text
        if column == self.PHONE:
            return m.phone
        return ""

    def sort_value(self, m: FamilyMemberInfo, column: int) -> Any:
        if column == self.PRIMARY:
            return 0 if m.primary_caregiver else 1  # primary caregivers first
        return self.text(m, column)

    def other(self, m: FamilyMemberInfo, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column == self.CONSENT:
            return consent_explanation(m.consent_scope)
        if role == Qt.ItemDataRole.FontRole and m.primary_caregiver and column == self.NAME:
            font = QFont()
            font.setBold(True)
            return font
        return None


def build_member_form(form: Form, layout: QFormLayout) -> None:
    """The fields of a family member."""
    form.add_text(layout, "given_name", translate("FamilyTab", "Given name"), max_length=200)
    form.add_text(layout, "family_name", translate("FamilyTab", "Family name"), max_length=200)
    relation = form.add_text(
        layout,
        "relationship_to_client",
        translate("FamilyTab", "Relationship"),
        max_length=100,
        placeholder=translate("FamilyTab", "e.g. mother, partner, paid caregiver"),
    )
    completer = QCompleter([translate("FamilyTab", str(r)) for r in RELATIONSHIPS], relation)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    relation.setCompleter(completer)
    form.add_check(
        layout,
        "primary_caregiver",
        translate("FamilyTab", "Primary caregiver"),
        translate("FamilyTab", "This is the client's primary caregiver"),
    )
    form.add_enum(
        layout,
        "consent_scope",
        translate("FamilyTab", "May be told"),
        ConsentScope,
        hint=translate("FamilyTab", "What the client has agreed may be shared with this person"),
    )
    form.add_language(layout, "preferred_language", translate("FamilyTab", "Language"))
    form.add_check(
        layout,
        "interpreter_needed",
        translate("FamilyTab", "Interpreter"),
        translate("FamilyTab", "Needs an interpreter"),
    )
    form.add_text(layout, "phone", translate("FamilyTab", "Phone"), max_length=100)
    form.add_text(layout, "email", translate("FamilyTab", "Email"), max_length=320)
    form.add_longtext(layout, "address", translate("FamilyTab", "Address"), lines=2)
    form.add_longtext(layout, "notes", translate("FamilyTab", "Notes"), lines=3)
