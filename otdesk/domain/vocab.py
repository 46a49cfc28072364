"""Controlled vocabularies: the fixed lists a clinic record chooses from.

Values are stored as their lower-case codes; the labels are plain English used by the command
line and as the source text the desktop translates.
"""

from __future__ import annotations

from enum import StrEnum


class LabelledEnum(StrEnum):
    """A string enum whose members carry a human label."""

    @property
    def label(self) -> str:
        """The member's plain-English label."""
        return _LABELS.get((type(self), self.value), self.value.replace("_", " ").capitalize())

    @classmethod
    def parse(cls, text: str) -> LabelledEnum:
        """Find a member by code or label, ignoring case, spaces, hyphens and underscores."""
        key = _squash(text)
        for member in cls:
            if key in (_squash(member.value), _squash(member.label)):
                return member
        raise ValueError(text)

    @classmethod
    def choices(cls) -> str:
        """The codes, comma separated, for error messages."""
        return ", ".join(m.value for m in cls)


def _squash(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


class StaffRole(LabelledEnum):
    OT = "ot"
    OT_ASSISTANT = "ot_assistant"
    COORDINATOR = "coordinator"
    PSYCHIATRIST = "psychiatrist"
    EXTERNAL = "external"
    ADMINISTRATOR = "administrator"


class ClientStatus(LabelledEnum):
    REFERRED = "referred"
    WAITLIST = "waitlist"
    ACTIVE = "active"
    ON_HOLD = "on_hold"
    DISCHARGED = "discharged"


class Priority(LabelledEnum):
    ROUTINE = "routine"
    SOON = "soon"
    URGENT = "urgent"


class ConsentScope(LabelledEnum):
    """What a family member may be told."""

    NONE = "none"
    GENERAL = "general"
    CARE_PLAN = "care_plan"
    FULL = "full"


class DiscussionMode(LabelledEnum):
    CLINIC = "clinic"
    HOME = "home"
    PHONE = "phone"
    VIDEO = "video"


class RecordStatus(LabelledEnum):
    """Life cycle of assessments, checklists and notes: drafts become final or signed."""

    DRAFT = "draft"
    FINAL = "final"
    SIGNED = "signed"


class CarePlanStatus(LabelledEnum):
    DRAFT = "draft"
    ACTIVE = "active"
    SUPERSEDED = "superseded"


class ModificationStatus(LabelledEnum):
    RECOMMENDED = "recommended"
    AGREED = "agreed"
    ORDERED = "ordered"
    INSTALLED = "installed"
    VERIFIED = "verified"
    DECLINED = "declined"

    @property
    def is_open(self) -> bool:
        """Whether the modification still needs someone to act."""
        return self not in (
            ModificationStatus.INSTALLED,
            ModificationStatus.VERIFIED,
            ModificationStatus.DECLINED,
        )


class Discipline(LabelledEnum):
    OT = "ot"
    PSYCHIATRY = "psychiatry"
    FAMILY = "family"
    COORDINATOR = "coordinator"
    COMMUNITY_PARTNER = "community_partner"
    NURSING = "nursing"
    SOCIAL_WORK = "social_work"
    OTHER = "other"


class AuditAction(LabelledEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    EXPORT = "export"
    IMPORT = "import"
    PRINT = "print"


class ChecklistSetting(LabelledEnum):
    """Where an environmental checklist was done."""

    HOME = "home"
    WORK = "work"
    COMMUNITY = "community"


class HazardAnswer(LabelledEnum):
    """The answer to one environmental checklist item."""

    HAZARD = "hazard"
    NO_HAZARD = "no_hazard"
    NOT_APPLICABLE = "not_applicable"


class ModificationOwner(LabelledEnum):
    """Who sees a recommended home modification through."""

    CLIENT = "client"
    FAMILY = "family"
    LANDLORD = "landlord"
    OT = "ot"
    CONTRACTOR = "contractor"


class NoteFormat(LabelledEnum):
    """How a family session note is laid out."""

    SOAP = "soap"
    DAP = "dap"
    BIRP = "birp"
    NARRATIVE = "narrative"


class SignatureKind(LabelledEnum):
    """Whether a note's signature is its author's or a co-signature."""

    AUTHOR = "author"
    COSIGNER = "cosigner"


class GoalStatus(LabelledEnum):
    """Where a care-plan goal stands."""

    ACTIVE = "active"
    ACHIEVED = "achieved"
    DISCONTINUED = "discontinued"


# Keyed by (enum class, code): members of different enums with the same code compare equal.
_LABELS: dict[tuple[type, str], str] = {
    (StaffRole, StaffRole.OT.value): "Occupational therapist",
    (StaffRole, StaffRole.OT_ASSISTANT.value): "OT assistant",
    (StaffRole, StaffRole.COORDINATOR.value): "Coordinator",
    (StaffRole, StaffRole.PSYCHIATRIST.value): "Psychiatrist",
    (StaffRole, StaffRole.EXTERNAL.value): "External care-team member",
    (StaffRole, StaffRole.ADMINISTRATOR.value): "Administrator",
    (ClientStatus, ClientStatus.ON_HOLD.value): "On hold",
    (ConsentScope, ConsentScope.NONE.value): "Nothing shared",
    (ConsentScope, ConsentScope.GENERAL.value): "General updates",
    (ConsentScope, ConsentScope.CARE_PLAN.value): "Care plan and handouts",
    (ConsentScope, ConsentScope.FULL.value): "Full record",
    (Discipline, Discipline.OT.value): "Occupational therapy",
    (Discipline, Discipline.COMMUNITY_PARTNER.value): "Community partner",
}
