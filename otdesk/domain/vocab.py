"""Controlled vocabularies: the fixed lists a clinic record chooses from.

Values are stored as their lower-case codes; every member has a label, written in English here
and shown in the interface language (``label``). Codes and English labels are both accepted
when a value is typed or imported (``parse``).
"""

from __future__ import annotations

from enum import StrEnum

from otdesk.domain.translation import NC_, pgettext


class LabelledEnum(StrEnum):
    """A string enum whose members carry a human label."""

    @property
    def label(self) -> str:
        """The member's label in the interface language."""
        return pgettext(*_LABELS[(type(self), self.value)])

    @property
    def english_label(self) -> str:
        """The member's label as the code writes it (what ``parse`` accepts besides the code)."""
        return _LABELS[(type(self), self.value)][1]

    @classmethod
    def parse(cls, text: str) -> LabelledEnum:
        """Find a member by code or English label, ignoring case, spaces, hyphens and
        underscores."""
        key = _squash(text)
        for member in cls:
            if key in (_squash(member.value), _squash(member.english_label)):
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
    STUDENT = "student"

    @property
    def needs_cosignature(self) -> bool:
        """Whether notes this role signs wait for an occupational therapist's co-signature."""
        return self in (StaffRole.OT_ASSISTANT, StaffRole.STUDENT)


class ClientStatus(LabelledEnum):
    REFERRED = "referred"
    WAITLIST = "waitlist"
    ACTIVE = "active"
    ON_HOLD = "on_hold"
    DISCHARGED = "discharged"


class DateOrder(LabelledEnum):
    """How the clinic writes dates by hand and in spreadsheets (YYYY-MM-DD is always read)."""

    YMD = "ymd"
    DMY = "dmy"
    MDY = "mdy"


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


class SessionStatus(LabelledEnum):
    """Life cycle of a family-session note: its content is fixed from the author's signature."""

    DRAFT = "draft"
    AWAITING_COSIGNATURE = "awaiting_cosignature"
    SIGNED = "signed"


class NeedSource(LabelledEnum):
    """The kind of record a care-plan need was taken from."""

    ASSESSMENT = "assessment"
    BATTERY = "battery"
    MODIFICATION = "modification"
    CHECKLIST = "checklist"


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
# Each label carries the context its words are translated in: a status, a role or a scope
# may need another word (or another gender) in another language than the same English word.
_LABELS: dict[tuple[type, str], tuple[str, str]] = {
    (StaffRole, StaffRole.OT.value): NC_("staff role", "Occupational therapist"),
    (StaffRole, StaffRole.OT_ASSISTANT.value): NC_("staff role", "OT assistant"),
    (StaffRole, StaffRole.COORDINATOR.value): NC_("staff role", "Coordinator"),
    (StaffRole, StaffRole.PSYCHIATRIST.value): NC_("staff role", "Psychiatrist"),
    (StaffRole, StaffRole.EXTERNAL.value): NC_("staff role", "External care-team member"),
    (StaffRole, StaffRole.ADMINISTRATOR.value): NC_("staff role", "Administrator"),
    (StaffRole, StaffRole.STUDENT.value): NC_("staff role", "OT student"),
    (ClientStatus, ClientStatus.REFERRED.value): NC_("client status", "Referred"),
    (ClientStatus, ClientStatus.WAITLIST.value): NC_("client status", "Waitlist"),
    (ClientStatus, ClientStatus.ACTIVE.value): NC_("client status", "Active"),
    (ClientStatus, ClientStatus.ON_HOLD.value): NC_("client status", "On hold"),
    (ClientStatus, ClientStatus.DISCHARGED.value): NC_("client status", "Discharged"),
    (DateOrder, DateOrder.YMD.value): NC_("date order", "Year-month-day (2026-03-04)"),
    (DateOrder, DateOrder.DMY.value): NC_("date order", "Day/month/year (04/03/2026)"),
    (DateOrder, DateOrder.MDY.value): NC_("date order", "Month/day/year (03/04/2026)"),
    (Priority, Priority.ROUTINE.value): NC_("priority", "Routine"),
    (Priority, Priority.SOON.value): NC_("priority", "Soon"),
    (Priority, Priority.URGENT.value): NC_("priority", "Urgent"),
    (ConsentScope, ConsentScope.NONE.value): NC_("consent scope", "Nothing shared"),
    (ConsentScope, ConsentScope.GENERAL.value): NC_("consent scope", "General updates"),
    (ConsentScope, ConsentScope.CARE_PLAN.value): NC_("consent scope", "Care plan and handouts"),
    (ConsentScope, ConsentScope.FULL.value): NC_("consent scope", "Full record"),
    (DiscussionMode, DiscussionMode.CLINIC.value): NC_("discussion mode", "Clinic"),
    (DiscussionMode, DiscussionMode.HOME.value): NC_("discussion mode", "Home"),
    (DiscussionMode, DiscussionMode.PHONE.value): NC_("discussion mode", "Phone"),
    (DiscussionMode, DiscussionMode.VIDEO.value): NC_("discussion mode", "Video"),
    (RecordStatus, RecordStatus.DRAFT.value): NC_("record status", "Draft"),
    (RecordStatus, RecordStatus.FINAL.value): NC_("record status", "Final"),
    (RecordStatus, RecordStatus.SIGNED.value): NC_("record status", "Signed"),
    (SessionStatus, SessionStatus.DRAFT.value): NC_("session status", "Draft"),
    (SessionStatus, SessionStatus.AWAITING_COSIGNATURE.value): NC_(
        "session status", "Awaiting co-signature"),
    (SessionStatus, SessionStatus.SIGNED.value): NC_("session status", "Signed"),
    (NeedSource, NeedSource.ASSESSMENT.value): NC_("need source", "Assessment"),
    (NeedSource, NeedSource.BATTERY.value): NC_("need source", "Discharge-readiness battery"),
    (NeedSource, NeedSource.MODIFICATION.value): NC_("need source", "Home modification"),
    (NeedSource, NeedSource.CHECKLIST.value): NC_("need source", "Environmental checklist"),
    (CarePlanStatus, CarePlanStatus.DRAFT.value): NC_("care plan status", "Draft"),
    (CarePlanStatus, CarePlanStatus.ACTIVE.value): NC_("care plan status", "Active"),
    (CarePlanStatus, CarePlanStatus.SUPERSEDED.value): NC_("care plan status", "Superseded"),
    (ModificationStatus, ModificationStatus.RECOMMENDED.value): NC_(
        "home modification status", "Recommended"),
    (ModificationStatus, ModificationStatus.AGREED.value): NC_(
        "home modification status", "Agreed"),
    (ModificationStatus, ModificationStatus.ORDERED.value): NC_(
        "home modification status", "Ordered"),
    (ModificationStatus, ModificationStatus.INSTALLED.value): NC_(
        "home modification status", "Installed"),
    (ModificationStatus, ModificationStatus.VERIFIED.value): NC_(
        "home modification status", "Verified"),
    (ModificationStatus, ModificationStatus.DECLINED.value): NC_(
        "home modification status", "Declined"),
    (Discipline, Discipline.OT.value): NC_("discipline", "Occupational therapy"),
    (Discipline, Discipline.PSYCHIATRY.value): NC_("discipline", "Psychiatry"),
    (Discipline, Discipline.FAMILY.value): NC_("discipline", "Family"),
    (Discipline, Discipline.COORDINATOR.value): NC_("discipline", "Coordinator"),
    (Discipline, Discipline.COMMUNITY_PARTNER.value): NC_("discipline", "Community partner"),
    (Discipline, Discipline.NURSING.value): NC_("discipline", "Nursing"),
    (Discipline, Discipline.SOCIAL_WORK.value): NC_("discipline", "Social work"),
    (Discipline, Discipline.OTHER.value): NC_("discipline", "Other"),
    (AuditAction, AuditAction.CREATE.value): NC_("audit action", "Create"),
    (AuditAction, AuditAction.UPDATE.value): NC_("audit action", "Update"),
    (AuditAction, AuditAction.DELETE.value): NC_("audit action", "Delete"),
    (AuditAction, AuditAction.EXPORT.value): NC_("audit action", "Export"),
    (AuditAction, AuditAction.IMPORT.value): NC_("audit action", "Import"),
    (AuditAction, AuditAction.PRINT.value): NC_("audit action", "Print"),
    (ChecklistSetting, ChecklistSetting.HOME.value): NC_("checklist setting", "Home"),
    (ChecklistSetting, ChecklistSetting.WORK.value): NC_("checklist setting", "Work"),
    (ChecklistSetting, ChecklistSetting.COMMUNITY.value): NC_("checklist setting", "Community"),
    (HazardAnswer, HazardAnswer.HAZARD.value): NC_("hazard answer", "Hazard"),
    (HazardAnswer, HazardAnswer.NO_HAZARD.value): NC_("hazard answer", "No hazard"),
    (HazardAnswer, HazardAnswer.NOT_APPLICABLE.value): NC_("hazard answer", "Not applicable"),
    (ModificationOwner, ModificationOwner.CLIENT.value): NC_("modification owner", "Client"),
    (ModificationOwner, ModificationOwner.FAMILY.value): NC_("modification owner", "Family"),
    (ModificationOwner, ModificationOwner.LANDLORD.value): NC_("modification owner", "Landlord"),
    (ModificationOwner, ModificationOwner.OT.value): NC_("modification owner", "OT"),
    (ModificationOwner, ModificationOwner.CONTRACTOR.value): NC_(
        "modification owner", "Contractor"),
    (NoteFormat, NoteFormat.SOAP.value): NC_("note format", "SOAP"),
    (NoteFormat, NoteFormat.DAP.value): NC_("note format", "DAP"),
    (NoteFormat, NoteFormat.BIRP.value): NC_("note format", "BIRP"),
    (NoteFormat, NoteFormat.NARRATIVE.value): NC_("note format", "Narrative"),
    (SignatureKind, SignatureKind.AUTHOR.value): NC_("signature kind", "Author"),
    (SignatureKind, SignatureKind.COSIGNER.value): NC_("signature kind", "Co-signer"),
    (GoalStatus, GoalStatus.ACTIVE.value): NC_("goal status", "Active"),
    (GoalStatus, GoalStatus.ACHIEVED.value): NC_("goal status", "Achieved"),
    (GoalStatus, GoalStatus.DISCONTINUED.value): NC_("goal status", "Discontinued"),
}
