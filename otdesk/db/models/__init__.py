"""All tables, imported here so ``Base.metadata`` is complete wherever models are used."""

from otdesk.db.models.audit import AuditEvent, Draft
from otdesk.db.models.care_plans import (
    CarePlan,
    CarePlanGoal,
    CarePlanIntervention,
    CarePlanNeed,
    CarePlanReview,
    CarePlanReviewGoal,
    CaseConference,
)
from otdesk.db.models.checklists import (
    ChecklistAnswer,
    EnvironmentalChecklist,
    HomeModification,
    ModificationStep,
)
from otdesk.db.models.clients import (
    Client,
    ClientDiagnosis,
    ClientSearchTerm,
    FamilyMember,
)
from otdesk.db.models.clinic import BatteryInstrument, ClinicSettings, Staff
from otdesk.db.models.episodes import Assessment, CareTeamMember, Episode
from otdesk.db.models.family_sessions import (
    FamilySession,
    SessionActionItem,
    SessionAddendum,
    SessionAttendee,
    SessionSignature,
)

__all__ = [
    "Assessment",
    "AuditEvent",
    "BatteryInstrument",
    "CarePlan",
    "CarePlanGoal",
    "CarePlanIntervention",
    "CarePlanNeed",
    "CarePlanReview",
    "CarePlanReviewGoal",
    "CareTeamMember",
    "CaseConference",
    "ChecklistAnswer",
    "Client",
    "ClientDiagnosis",
    "ClientSearchTerm",
    "ClinicSettings",
    "Draft",
    "EnvironmentalChecklist",
    "Episode",
    "FamilyMember",
    "FamilySession",
    "HomeModification",
    "ModificationStep",
    "SessionActionItem",
    "SessionAddendum",
    "SessionAttendee",
    "SessionSignature",
    "Staff",
]
