"""The view models of the team summary and the one-page handoff: plain values, built by
``otdesk.services.team_summary`` and ``otdesk.services.handoff``, read by the renderers.

Labels of codes (a discipline, a status, an instrument's title) arrive already in the
document's language; dates stay dates, written by the renderer in that language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Person:
    """Who the document names: name, record number, date of birth."""

    client_id: int
    name: str
    record_number: str
    date_of_birth: date | None


@dataclass(frozen=True)
class ScoreMove:
    """One score that moved meaningfully between two administrations."""

    label: str
    before: float
    after: float
    change: float


@dataclass(frozen=True)
class AssessmentLine:
    """A finalised administration in the range, with its result and what moved since the
    previous one of the same instrument (``previous_on`` None: the first one)."""

    on: date
    title: str
    result: str  # the total as written ("42", "3.5"), or ""
    band: str
    previous_on: date | None
    moves: tuple[ScoreMove, ...] = ()


@dataclass(frozen=True)
class GoalLine:
    """A goal attained in the range (status achieved, recorded on ``on``)."""

    on: date
    text: str


@dataclass(frozen=True)
class ReviewLine:
    """A care-plan review held in the range: each goal's attainment level and the T-score."""

    on: date
    t_score: float | None
    levels: tuple[tuple[str, int], ...]  # (goal, level -2..+2)


@dataclass(frozen=True)
class SessionLine:
    """A family session held in the range."""

    on: date
    mode: str
    status: str
    topics: tuple[str, ...]


@dataclass(frozen=True)
class ModificationLine:
    """A home modification installed or verified in the range."""

    on: date
    text: str
    area: str
    status: str


@dataclass(frozen=True)
class DueLine:
    """Something due, as the dashboard words it (``summary`` in the document's language)."""

    due_date: date | None
    summary: str
    overdue: bool


@dataclass(frozen=True)
class Question:
    """An open question for one discipline."""

    discipline: str  # label
    text: str


@dataclass(frozen=True)
class ConferenceLine:
    """The client's last case conference: when, its decisions, the next joint review."""

    held_on: date
    decisions: str
    next_review: date | None


@dataclass(frozen=True)
class ClientBlock:
    """One client in the team summary."""

    person: Person
    assigned_ot: str
    status: str
    discharged_on: date | None
    assessments: tuple[AssessmentLine, ...]
    goals_attained: tuple[GoalLine, ...]
    reviews: tuple[ReviewLine, ...]
    sessions: tuple[SessionLine, ...]
    modifications: tuple[ModificationLine, ...]
    due: tuple[DueLine, ...]
    questions: tuple[Question, ...]
    conference: ConferenceLine | None

    @property
    def changed(self) -> bool:
        """Whether anything happened in the range."""
        return bool(self.assessments or self.goals_attained or self.reviews or self.sessions
                    or self.modifications or self.discharged_on)


@dataclass(frozen=True)
class TeamSummaryView:
    """The team summary: whose caseload (or the clinic), the range, and the clients."""

    clinic: str
    scope: str  # "Caseload of Ana Ruiz" or "Whole clinic", in the document's language
    start: date
    end: date
    today: date
    clients: tuple[ClientBlock, ...]
    quiet: int  # clients in scope with nothing changed, due or open

    @property
    def persons(self) -> tuple[Person, ...]:
        """Every client the summary names."""
        return tuple(c.person for c in self.clients)


@dataclass(frozen=True)
class GoalItem:
    """A current goal on the handoff."""

    text: str
    target_date: date | None
    last_level: int | None  # at the latest review


@dataclass(frozen=True)
class Duty:
    """Who does what: an intervention or a care-team member, by discipline."""

    discipline: str
    who: str
    what: str
    how_often: str = ""
    phone: str = ""


@dataclass(frozen=True)
class DatedItem:
    """A next date on the handoff."""

    on: date
    what: str


@dataclass(frozen=True)
class HandoffView:
    """The one-page handoff for one client."""

    clinic: str
    person: Person
    preferred_language: str
    interpreter_needed: bool
    assigned_ot: str
    status: str
    episode: str  # "Referred 3 Jan 2026 by GP; started 10 Jan 2026; planned discharge ..."
    plan: str  # "Care plan version 2, active since ...", or "" without a plan
    goals: tuple[GoalItem, ...]
    risks: tuple[str, ...]
    duties: tuple[Duty, ...]
    team: tuple[Duty, ...]
    dates: tuple[DatedItem, ...]
