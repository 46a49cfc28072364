"""The team summary for the weekly multidisciplinary meeting: per client of a caseload (or of
the whole clinic), what changed in a date range, what is due, and the open questions for each
discipline.

Who is in it: clients in care (active or on hold) and those discharged inside the range,
assigned to the OT asked about (or all of them). A client with nothing changed, due or open is
only counted. What changed: finalised assessments administered in the range (with the
meaningful moves since the previous administration of the same instrument), goals marked
achieved in the range, care-plan reviews held, family sessions held, home modifications
installed or verified (by the date of that step). What is due: the dashboard's own lines
(``otdesk.services.dashboard``), as of today. Open questions: an active goal whose target date
falls by the end of the range (for the disciplines whose interventions work on it), an active
goal nobody works on (for the coordinator); and the last case conference's decisions and
next joint review.

Every table is read once for all the clients (a few queries in all, never one per client).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import Session, aliased

from otdesk.db.models import (
    Assessment,
    CarePlan,
    CarePlanGoal,
    CarePlanIntervention,
    CarePlanReview,
    CarePlanReviewGoal,
    CaseConference,
    Client,
    ClinicSettings,
    Episode,
    FamilySession,
    HomeModification,
    ModificationStep,
    Staff,
)
from otdesk.domain.definitions import ScoreResult, compare
from otdesk.domain.errors import ValidationError
from otdesk.domain.translation import N_, _, current_language, fill, format_number
from otdesk.domain.vocab import (
    CarePlanStatus,
    ClientStatus,
    Discipline,
    DiscussionMode,
    GoalStatus,
    ModificationStatus,
    SessionStatus,
)
from otdesk.reports.team_views import (
    AssessmentLine,
    ClientBlock,
    ConferenceLine,
    DueLine,
    GoalLine,
    ModificationLine,
    Person,
    Question,
    ReviewLine,
    ScoreMove,
    SessionLine,
    TeamSummaryView,
)
from otdesk.services import dashboard, session_catalogues
from otdesk.services.assessments import FINALISED, find_definition
from otdesk.services.context import Context
from otdesk.services.summaries import staff_name

IN_CARE = (ClientStatus.ACTIVE.value, ClientStatus.ON_HOLD.value)
DONE_STEPS = (ModificationStatus.INSTALLED.value, ModificationStatus.VERIFIED.value)
# Dashboard sections about clients in care (referrals and the waitlist are not).
DUE_SOURCES = ("care_plan_reviews", "planned_discharges", "action_items", "reassessments",
               "home_modifications", "unsigned_notes", "cosignatures")
ALL_DUE = 1_000_000  # every line of a section, not the dashboard's first few


@dataclass(frozen=True)
class SummaryRange:
    """Whose clients (None: the whole clinic) and which days, both ends included."""

    staff_id: int | None
    start: date
    end: date

    def check(self) -> None:
        """Refuse a range that ends before it starts."""
        if self.end < self.start:
            raise ValidationError.single("to", N_("the range ends ({end}) before it starts "
                                                  "({start})"), end=self.end, start=self.start)


def person_name(given: str, family: str, preferred: str) -> str:
    """A client's name as printed documents give it: "Given (Preferred) Family"."""
    pref = f" ({preferred})" if preferred else ""
    return f"{given}{pref} {family}"


def _scope(r: SummaryRange) -> Select[Any]:
    """The ids of the clients the summary is about."""
    discharged_in_range = select(Episode.client_id).where(
        Episode.actual_discharge_date.between(r.start, r.end))
    stmt = select(Client.id).where(or_(Client.status.in_(IN_CARE),
                                       Client.id.in_(discharged_in_range)))
    if r.staff_id is not None:
        stmt = stmt.where(Client.assigned_ot_id == r.staff_id)
    return stmt


def _local_bounds(r: SummaryRange) -> tuple[datetime, datetime]:
    """The range as UTC moments (stored times are UTC), from the first day's local midnight to
    the end of the last day."""
    tz = datetime.now().astimezone().tzinfo
    start = datetime.combine(r.start, time.min, tz).astimezone(UTC)
    end = datetime.combine(r.end + timedelta(days=1), time.min, tz).astimezone(UTC)
    return start, end


def _clients(session: Session, scope: Select[Any],
             r: SummaryRange) -> dict[int, dict[str, Any]]:
    ot = aliased(Staff)
    rows = session.execute(
        select(Client.id, Client.record_number, Client.given_name, Client.family_name,
               Client.preferred_name, Client.date_of_birth, Client.status, ot.given_name,
               ot.family_name)
        .outerjoin(ot, ot.id == Client.assigned_ot_id)
        .where(Client.id.in_(scope)).order_by(Client.sort_name, Client.id))
    out: dict[int, dict[str, Any]] = {}
    for row in rows:
        person = Person(row[0], person_name(row[2], row[3], row[4]), row[1], row[5])
        out[row[0]] = {"person": person, "status": ClientStatus(row[6]).label,
                       "ot": staff_name(row[7], row[8]), "discharged_on": None}
    for client_id, on in session.execute(
            select(Episode.client_id, Episode.actual_discharge_date).where(
                Episode.client_id.in_(scope),
                Episode.actual_discharge_date.between(r.start, r.end))):
        out[client_id]["discharged_on"] = on
    return out


def _total_text(result: ScoreResult | None, definition: Any, external: str) -> str:
    rule = definition.total_rule() if definition is not None else None
    value = result.value(rule.key) if result is not None and rule is not None else None
    return format_number(value) if value is not None else external


def _assessments(session: Session, scope: Select[Any],
                 r: SummaryRange) -> dict[int, list[AssessmentLine]]:
    """Finalised administrations in the range, each compared with the one before it."""
    in_range = select(Assessment.client_id, Assessment.instrument_id).where(
        Assessment.client_id.in_(scope), Assessment.status.in_(FINALISED),
        Assessment.administered_on.between(r.start, r.end)).distinct().subquery()
    rows = session.execute(
        select(Assessment.id, Assessment.client_id, Assessment.instrument_id,
               Assessment.instrument_version, Assessment.administered_on, Assessment.scores,
               Assessment.answers, Assessment.band, Assessment.external_total,
               Assessment.corrects_id)
        .join(in_range, and_(in_range.c.client_id == Assessment.client_id,
                             in_range.c.instrument_id == Assessment.instrument_id))
        .where(Assessment.status.in_(FINALISED), Assessment.administered_on <= r.end)
        .order_by(Assessment.administered_on, Assessment.id)).all()
    replaced = {row.corrects_id for row in rows if row.corrects_id is not None}
    series: dict[tuple[int, str], list[Any]] = defaultdict(list)
    for row in rows:
        if row.id not in replaced:
            series[(row.client_id, row.instrument_id)].append(row)
    language = current_language()
    out: dict[int, list[AssessmentLine]] = defaultdict(list)
    for (client_id, _instrument), items in series.items():
        previous: tuple[Any, ScoreResult | None] | None = None
        for row in items:
            definition = find_definition(row.instrument_id, row.instrument_version)
            result = _scored(row.scores, definition, row.answers)
            if row.administered_on >= r.start:
                out[client_id].append(_assessment_line(row, definition, result, previous,
                                                       language))
            previous = (row, result)
    for lines in out.values():
        lines.sort(key=lambda a: (a.on, a.title))
    return out


def _scored(scores: Any, definition: Any, answers: Any) -> ScoreResult | None:
    if scores and "scores" in scores:
        return ScoreResult.from_json(scores)
    if definition is None:
        return None
    from otdesk.domain.definitions import score

    return score(definition, answers or {})


def _assessment_line(row: Any, definition: Any, result: ScoreResult | None,
                     previous: tuple[Any, ScoreResult | None] | None,
                     language: str) -> AssessmentLine:
    title = definition.title_in(language) if definition is not None else row.instrument_id
    band = row.band
    rule = definition.total_rule() if definition is not None else None
    found = result.scores.get(rule.key) if result is not None and rule is not None else None
    if found is not None and found.band is not None:
        band = found.band.label.text(language)
    moves: list[ScoreMove] = []
    if previous is not None and previous[1] is not None and result is not None and definition:
        for change in compare(definition, previous[1], result):
            if change.meaningful and change.before is not None and change.after is not None:
                moves.append(ScoreMove(change.label.text(language), change.before,
                                       change.after, change.change or 0.0))
    return AssessmentLine(row.administered_on, title,
                          _total_text(result, definition, row.external_total), band,
                          previous[0].administered_on if previous else None, tuple(moves))


def _goals_attained(session: Session, scope: Select[Any],
                    r: SummaryRange) -> dict[int, list[GoalLine]]:
    start, end = _local_bounds(r)
    out: dict[int, list[GoalLine]] = defaultdict(list)
    for client_id, text, updated in session.execute(
            select(CarePlan.client_id, CarePlanGoal.text, CarePlanGoal.updated_at)
            .join(CarePlan, CarePlan.id == CarePlanGoal.care_plan_id)
            .where(CarePlan.client_id.in_(scope),
                   CarePlanGoal.status == GoalStatus.ACHIEVED.value,
                   CarePlanGoal.updated_at >= start, CarePlanGoal.updated_at < end)
            .order_by(CarePlanGoal.updated_at, CarePlanGoal.id)):
        on = updated.astimezone().date()
        out[client_id].append(GoalLine(on, text))
    return out


def _reviews(session: Session, scope: Select[Any],
             r: SummaryRange) -> dict[int, list[ReviewLine]]:
    reviews = session.execute(
        select(CarePlanReview.id, CarePlan.client_id, CarePlanReview.review_date,
               CarePlanReview.t_score)
        .join(CarePlan, CarePlan.id == CarePlanReview.care_plan_id)
        .where(CarePlan.client_id.in_(scope),
               CarePlanReview.review_date.between(r.start, r.end))
        .order_by(CarePlanReview.review_date, CarePlanReview.id)).all()
    levels: dict[int, list[tuple[str, int]]] = defaultdict(list)
    if reviews:
        for review_id, text, level in session.execute(
                select(CarePlanReviewGoal.review_id, CarePlanGoal.text, CarePlanReviewGoal.level)
                .join(CarePlanGoal, CarePlanGoal.id == CarePlanReviewGoal.goal_id)
                .join(CarePlanReview, CarePlanReview.id == CarePlanReviewGoal.review_id)
                .join(CarePlan, CarePlan.id == CarePlanReview.care_plan_id)
                .where(CarePlan.client_id.in_(scope),
                       CarePlanReview.review_date.between(r.start, r.end))
                .order_by(CarePlanGoal.position, CarePlanGoal.id)):
            levels[review_id].append((text, level))
    out: dict[int, list[ReviewLine]] = defaultdict(list)
    for review_id, client_id, on, t_score in reviews:
        out[client_id].append(ReviewLine(on, t_score, tuple(levels[review_id])))
    return out


def _sessions(session: Session, scope: Select[Any],
              r: SummaryRange) -> dict[int, list[SessionLine]]:
    language = current_language()
    topics = {t.code: t.label(language) for t in session_catalogues.topics()}
    out: dict[int, list[SessionLine]] = defaultdict(list)
    for client_id, on, mode, status, codes in session.execute(
            select(FamilySession.client_id, FamilySession.session_date, FamilySession.mode,
                   FamilySession.status, FamilySession.topics)
            .where(FamilySession.client_id.in_(scope),
                   FamilySession.session_date.between(r.start, r.end))
            .order_by(FamilySession.session_date, FamilySession.id)):
        out[client_id].append(SessionLine(on, DiscussionMode(mode).label,
                                          SessionStatus(status).label,
                                          tuple(topics.get(c, c) for c in codes or ())))
    return out


def _modifications(session: Session, scope: Select[Any],
                   r: SummaryRange) -> dict[int, list[ModificationLine]]:
    out: dict[int, list[ModificationLine]] = defaultdict(list)
    for client_id, on, text, area, status in session.execute(
            select(HomeModification.client_id, ModificationStep.on_date,
                   HomeModification.recommendation, HomeModification.area,
                   ModificationStep.status)
            .join(HomeModification, HomeModification.id == ModificationStep.modification_id)
            .where(HomeModification.client_id.in_(scope),
                   ModificationStep.status.in_(DONE_STEPS),
                   ModificationStep.on_date.between(r.start, r.end))
            .order_by(ModificationStep.on_date, ModificationStep.id)):
        first_line = (text.strip().splitlines() or [""])[0]
        out[client_id].append(ModificationLine(on, first_line, area,
                                               ModificationStatus(status).label))
    return out


def _questions(session: Session, scope: Select[Any],
               r: SummaryRange) -> dict[int, list[Question]]:
    """Per client: active goals due by the end of the range, for the disciplines working on
    them; active goals nobody works on, for the coordinator."""
    active = (select(CarePlan.id).where(CarePlan.client_id.in_(scope),
                                        CarePlan.status == CarePlanStatus.ACTIVE.value))
    goals = session.execute(
        select(CarePlanGoal.id, CarePlan.client_id, CarePlanGoal.text, CarePlanGoal.target_date)
        .join(CarePlan, CarePlan.id == CarePlanGoal.care_plan_id)
        .where(CarePlanGoal.care_plan_id.in_(active),
               CarePlanGoal.status == GoalStatus.ACTIVE.value)
        .order_by(CarePlanGoal.position, CarePlanGoal.id)).all()
    disciplines: dict[int, list[str]] = defaultdict(list)
    for goal_id, code in session.execute(
            select(CarePlanIntervention.goal_id, CarePlanIntervention.discipline)
            .where(CarePlanIntervention.care_plan_id.in_(active),
                   CarePlanIntervention.goal_id.is_not(None))
            .order_by(CarePlanIntervention.position, CarePlanIntervention.id)):
        if goal_id is not None and code not in disciplines[goal_id]:
            disciplines[goal_id].append(code)
    out: dict[int, list[Question]] = defaultdict(list)
    for goal_id, client_id, text, target in goals:
        working = disciplines.get(goal_id, [])
        if not working:
            out[client_id].append(Question(Discipline.COORDINATOR.label, fill(
                _("Nobody works on the goal \u201c{goal}\u201d yet: which discipline takes it "
                  "on?"), goal=text)))
        if target is not None and target <= r.end:
            wording = (_("Target date {date} has passed for \u201c{goal}\u201d: achieved, "
                         "revised or discontinued?") if target < r.start else
                       _("Target date {date} for \u201c{goal}\u201d falls in this period: "
                         "on track?"))
            for code in working or [Discipline.OT.value]:
                out[client_id].append(Question(Discipline(code).label,
                                               fill(wording, date=target, goal=text)))
    for questions in out.values():
        questions.sort(key=lambda q: q.discipline)
    return out


def _conferences(session: Session, scope: Select[Any],
                 r: SummaryRange) -> dict[int, ConferenceLine]:
    """Each client's latest case conference held by the end of the range."""
    out: dict[int, ConferenceLine] = {}
    for client_id, held_on, decisions, next_review in session.execute(
            select(CarePlan.client_id, CaseConference.held_on, CaseConference.decisions,
                   CaseConference.next_review_date)
            .join(CarePlan, CarePlan.id == CaseConference.care_plan_id)
            .where(CarePlan.client_id.in_(scope), CaseConference.held_on <= r.end)
            .order_by(CaseConference.held_on, CaseConference.id)):
        out[client_id] = ConferenceLine(held_on, decisions.strip(), next_review)
    return out


def _due(ctx: Context, r: SummaryRange, clients: Iterable[int],
         today: date) -> dict[int, list[DueLine]]:
    """The dashboard's lines about the summary's clients, as of ``today``."""
    wanted = set(clients)
    out: dict[int, list[DueLine]] = defaultdict(list)
    for section in dashboard.collect(ctx, staff_id=r.staff_id, limit=ALL_DUE, today=today):
        if section.key not in DUE_SOURCES:
            continue
        for item in section.items:
            if item.client_id in wanted:
                out[item.client_id].append(DueLine(
                    item.due_date, item.summary, item.urgency is dashboard.Urgency.OVERDUE))
    for lines in out.values():
        lines.sort(key=lambda d: (d.due_date is None, d.due_date or today))
    return out


def scope_label(session: Session, staff_id: int | None) -> str:
    """ "Caseload of Ana Ruiz" or "Whole clinic", in the interface language."""
    if staff_id is None:
        return _("Whole clinic")
    person = session.get(Staff, staff_id)
    name = staff_name(person.given_name, person.family_name) if person else str(staff_id)
    return fill(_("Caseload of {name}"), name=name)


def build_team_summary(ctx: Context, *, staff_id: int | None, start: date, end: date,
                       today: date | None = None) -> TeamSummaryView:
    """The team summary of ``staff_id``'s caseload (None: the whole clinic) from ``start`` to
    ``end`` (both included); what is due is as of ``today``."""
    r = SummaryRange(staff_id, start, end)
    r.check()
    today = today or ctx.today()
    scope = _scope(r)
    with ctx.db.reading() as session:
        clients = _clients(session, scope, r)
        parts = (_assessments(session, scope, r), _goals_attained(session, scope, r),
                 _reviews(session, scope, r), _sessions(session, scope, r),
                 _modifications(session, scope, r), _questions(session, scope, r))
        conferences = _conferences(session, scope, r)
        label = scope_label(session, staff_id)
        clinic = session.scalar(select(ClinicSettings.name).limit(1)) or ""
    due = _due(ctx, r, clients, today)
    assessments, goals, reviews, sessions, modifications, questions = parts
    blocks, quiet = [], 0
    for client_id, c in clients.items():
        block = ClientBlock(
            person=c["person"], assigned_ot=c["ot"], status=c["status"],
            discharged_on=c["discharged_on"],
            assessments=tuple(assessments.get(client_id, ())),
            goals_attained=tuple(goals.get(client_id, ())),
            reviews=tuple(reviews.get(client_id, ())),
            sessions=tuple(sessions.get(client_id, ())),
            modifications=tuple(modifications.get(client_id, ())),
            due=tuple(due.get(client_id, ())), questions=tuple(questions.get(client_id, ())),
            conference=conferences.get(client_id))
        if block.changed or block.due or block.questions:
            blocks.append(block)
        else:
            quiet += 1
    return TeamSummaryView(clinic=clinic, scope=label, start=start, end=end, today=today,
                           clients=tuple(blocks), quiet=quiet)
