"""The family members table model and the family member form's fields."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QCompleter, QFormLayout, QWidget

from otdesk.domain.vocab import ConsentScope
from otdesk.services.family_members import FamilyMemberInfo
from otdesk.ui.forms import Form, choice_label, language_label

Index = QModelIndex | QPersistentModelIndex
MEMBER_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
SORT_ROLE = Qt.ItemDataRole.UserRole + 3

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


def _tr(text: str) -> str:
    return QCoreApplication.translate("FamilyTab", text)


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


class FamilyMembersModel(QAbstractTableModel):
    """A client's family members and caregivers, one row each."""

    NAME, RELATIONSHIP, PRIMARY, CONSENT, LANGUAGE, PHONE = range(6)
    HEADERS = (
        QT_TRANSLATE_NOOP("FamilyTab", "Name"),
        QT_TRANSLATE_NOOP("FamilyTab", "Relationship"),
        QT_TRANSLATE_NOOP("FamilyTab", "Primary caregiver"),
        QT_TRANSLATE_NOOP("FamilyTab", "May be told"),
        QT_TRANSLATE_NOOP("FamilyTab", "Language"),
        QT_TRANSLATE_NOOP("FamilyTab", "Phone"),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[FamilyMemberInfo] = []

    def set_members(self, members: list[FamilyMemberInfo]) -> None:
        """Show these members."""
        self.beginResetModel()
        self._rows = list(members)
        self.endResetModel()

    def member(self, row: int) -> FamilyMemberInfo:
        """The member on ``row``."""
        return self._rows[row]

    def row_of(self, member_id: int) -> int:
        """The row of a member, or -1."""
        return next((i for i, m in enumerate(self._rows) if m.id == member_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.HEADERS)
        ):
            return _tr(str(self.HEADERS[section]))
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        m, col = self._rows[index.row()], index.column()
        if role == MEMBER_ROLE:
            return m
        if role == ID_ROLE:
            return m.id
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE, Qt.ItemDataRole.AccessibleTextRole):
            if col == self.NAME:
                return m.display_name
            if col == self.RELATIONSHIP:
                return m.relationship_to_client
            if col == self.PRIMARY:
                if role == SORT_ROLE:
                    return 0 if m.primary_caregiver else 1
                return translate("FamilyTab", "Primary caregiver") if m.primary_caregiver else ""
            if col == self.CONSENT:
                return choice_label(m.consent_scope)
            if col == self.LANGUAGE:
                text = language_label(m.preferred_language)
                return (
                    text + translate("FamilyTab", " (interpreter)")
                    if m.interpreter_needed
                    else text
                )
            if col == self.PHONE:
                return m.phone
        if role == Qt.ItemDataRole.ToolTipRole and col == self.CONSENT:
            return consent_explanation(m.consent_scope)
        if role == Qt.ItemDataRole.FontRole and m.primary_caregiver and col == self.NAME:
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
