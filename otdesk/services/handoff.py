"""The one-page handoff for one client: who they are, current goals, risks and warning signs,
who does what, and the next dates.

What it reads: the client (alerts, language, consent), their open episode (else the latest)
with its care team, that episode's active care plan (else its latest version): its active
goals with the level at the latest review, its needs as risks (the symptom or barrier and the
activity it limits), its interventions by discipline; open urgent home modifications (risks);
whether the warning signs and relapse plan were covered with the family (the family sessions'
topics); and the next dates: the plan's review, the next joint review set by the last case
conference, the planned discharge, open action items and open modifications with due dates.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from otdesk.db.models import (
    CarePlan,
    CarePlanGoal,
    CarePlanIntervention,
    CarePlanNeed,
    CarePlanReview,
    CarePlanReviewGoal,
    CareTeamMember,
    CaseConference,
    Client,
    ClinicSettings,
    Episode,
    FamilySession,
    HomeModification,
    SessionActionItem,
    Staff,
)
from otdesk.domain.records import RecordKind
from otdesk.domain.translation import _, fill, language_name
from otdesk.domain.vocab import (
    CarePlanStatus,
    ClientStatus,
    Discipline,
    GoalStatus,
    ModificationStatus,
    Priority,
)
from otdesk.reports.team_views import DatedItem, Duty, GoalItem, HandoffView, Person
from otdesk.services._records import load
from otdesk.services.context import Context
from otdesk.services.summaries import staff_name
from otdesk.services.team_summary import person_name

WARNING_SIGNS_TOPIC = "early_warning_signs"
OPEN_MODIFICATIONS = tuple(s.value for s in ModificationStatus if s.is_open)


def _name(session: Session, staff_id: int | None) -> str:
    row = session.get(Staff, staff_id) if staff_id else None
    return staff_name(row.given_name, row.family_name) if row else ""


def _episode(session: Session, client_id: int) -> Episode | None:
    return session.scalars(
        select(Episode).where(Episode.client_id == client_id)
        .order_by(Episode.actual_discharge_date.is_not(None), Episode.referral_date.desc(),
                  Episode.id.desc()).limit(1)).first()


def _plan(session: Session, episode: Episode | None) -> CarePlan | None:
    if episode is None:
        return None
    return session.scalars(
        select(CarePlan).where(CarePlan.episode_id == episode.id)
        .order_by(CarePlan.status != CarePlanStatus.ACTIVE.value, CarePlan.plan_version.desc())
        .limit(1)).first()


def _episode_text(episode: Episode | None) -> str:
    if episode is None:
        return _("No episode of care is recorded.")
    parts = [fill(_("Referred {date} by {source}"), date=episode.referral_date,
                  source=episode.referral_source) if episode.referral_source.strip()
             else fill(_("Referred {date}"), date=episode.referral_date)]
    if episode.start_date is not None:
        parts.append(fill(_("started {date}"), date=episode.start_date))
    if episode.actual_discharge_date is not None:
        parts.append(fill(_("discharged {date}"), date=episode.actual_discharge_date))
    elif episode.planned_discharge_date is not None:
        parts.append(fill(_("planned discharge {date}"), date=episode.planned_discharge_date))
    return "; ".join(parts)


def _plan_text(plan: CarePlan | None) -> str:
    if plan is None:
        return _("No care plan yet.")
    status = CarePlanStatus(plan.status).label
    if plan.effective_from is not None:
        return fill(_("Care plan version {number} ({status}), in effect from {date}"),
                    number=plan.plan_version, status=status, date=plan.effective_from)
    return fill(_("Care plan version {number} ({status})"), number=plan.plan_version,
                status=status)


def _goals(session: Session, plan: CarePlan | None) -> tuple[GoalItem, ...]:
    if plan is None:
        return ()
    goals = session.execute(
        select(CarePlanGoal.id, CarePlanGoal.text, CarePlanGoal.target_date)
        .where(CarePlanGoal.care_plan_id == plan.id,
               CarePlanGoal.status == GoalStatus.ACTIVE.value)
        .order_by(CarePlanGoal.position, CarePlanGoal.id)).all()
    latest = session.scalar(
        select(CarePlanReview.id).where(CarePlanReview.care_plan_id == plan.id)
        .order_by(CarePlanReview.review_date.desc(), CarePlanReview.id.desc()).limit(1))
    levels: dict[int, int] = {}
    if latest is not None:
        levels = {goal_id: level for goal_id, level in session.execute(
            select(CarePlanReviewGoal.goal_id, CarePlanReviewGoal.level)
            .where(CarePlanReviewGoal.review_id == latest))}
    return tuple(GoalItem(text, target, levels.get(goal_id)) for goal_id, text, target in goals)


def _risks(session: Session, client: Client, plan: CarePlan | None) -> tuple[str, ...]:
    risks = [line.strip() for line in client.alerts.splitlines() if line.strip()]
    if plan is not None:
        for barrier, activity, text in session.execute(
                select(CarePlanNeed.symptom_or_barrier, CarePlanNeed.activity_limited,
                       CarePlanNeed.text)
                .where(CarePlanNeed.care_plan_id == plan.id)
                .order_by(CarePlanNeed.position, CarePlanNeed.id)):
            if barrier.strip() and activity.strip():
                risks.append(fill(_("{barrier} limits {activity}"), barrier=barrier.strip(),
                                  activity=activity.strip()))
            else:
                risks.append(text.strip())
    for text, area in session.execute(
            select(HomeModification.recommendation, HomeModification.area)
            .where(HomeModification.client_id == client.id,
                   HomeModification.status.in_(OPEN_MODIFICATIONS),
                   HomeModification.priority == Priority.URGENT.value)
            .order_by(HomeModification.due_date, HomeModification.id)):
        first = (text.strip().splitlines() or [""])[0]
        risks.append(fill(_("Urgent home safety work still open: {what} ({area})"),
                          what=first, area=area) if area else
                     fill(_("Urgent home safety work still open: {what}"), what=first))
    covered = [on for on, topics in session.execute(
        select(FamilySession.session_date, FamilySession.topics)
        .where(FamilySession.client_id == client.id)
        .order_by(FamilySession.session_date.desc()))
        if WARNING_SIGNS_TOPIC in (topics or ())]
    if covered:
        risks.append(fill(_("Warning signs and relapse plan last gone through with the family "
                            "on {date}"), date=covered[0]))
    else:
        risks.append(_("Warning signs and relapse plan not yet gone through with the family"))
    if not client.consent_family:
        risks.append(_("No consent to share clinical information with the family"))
    return tuple(risks)


def _duties(session: Session, plan: CarePlan | None) -> tuple[Duty, ...]:
    if plan is None:
        return ()
    rows = session.execute(
        select(CarePlanIntervention.discipline, CarePlanIntervention.owner_name,
               CarePlanIntervention.description, CarePlanIntervention.frequency)
        .where(CarePlanIntervention.care_plan_id == plan.id)
        .order_by(CarePlanIntervention.discipline, CarePlanIntervention.position,
                  CarePlanIntervention.id)).all()
    return tuple(Duty(Discipline(code).label, who, what, how_often)
                 for code, who, what, how_often in rows)


def _team(session: Session, episode: Episode | None, today: date) -> tuple[Duty, ...]:
    if episode is None:
        return ()
    rows = session.scalars(
        select(CareTeamMember).where(CareTeamMember.episode_id == episode.id)
        .order_by(CareTeamMember.discipline, CareTeamMember.id)).all()
    team = []
    for m in rows:
        if m.end_date is not None and m.end_date < today:
            continue
        who = _name(session, m.staff_id) or m.name
        role = ", ".join(p for p in (m.role_in_team, m.organisation) if p.strip())
        team.append(Duty(Discipline(m.discipline).label, who, role, phone=m.phone))
    return tuple(team)


def _dates(session: Session, client: Client, episode: Episode | None,
           plan: CarePlan | None, today: date) -> tuple[DatedItem, ...]:
    dates: list[DatedItem] = []
    if plan is not None and plan.review_date is not None:
        dates.append(DatedItem(plan.review_date, _("Care-plan review")))
        joint = session.scalar(
            select(CaseConference.next_review_date).where(CaseConference.care_plan_id == plan.id)
            .order_by(CaseConference.held_on.desc(), CaseConference.id.desc()).limit(1))
        if joint is not None:
            dates.append(DatedItem(joint, _("Next joint review (case conference)")))
    if episode is not None and episode.actual_discharge_date is None and \
            episode.planned_discharge_date is not None:
        dates.append(DatedItem(episode.planned_discharge_date, _("Planned discharge")))
    for who, what, due in session.execute(
            select(SessionActionItem.who, SessionActionItem.what, SessionActionItem.due_date)
            .join(FamilySession, FamilySession.id == SessionActionItem.session_id)
            .where(FamilySession.client_id == client.id, SessionActionItem.done.is_(False),
                   SessionActionItem.due_date.is_not(None))):
        if due is None:
            continue
        dates.append(DatedItem(due, fill(_("{who}: {what}"), who=who, what=" ".join(
            what.split()))))
    for text, due in session.execute(
            select(HomeModification.recommendation, HomeModification.due_date)
            .where(HomeModification.client_id == client.id,
                   HomeModification.status.in_(OPEN_MODIFICATIONS),
                   HomeModification.due_date.is_not(None))):
        if due is None:
            continue
        first = (text.strip().splitlines() or [""])[0]
        dates.append(DatedItem(due, fill(_("Home modification: {what}"), what=first)))
    dates.sort(key=lambda d: (d.on, d.what))
    return tuple(DatedItem(d.on, fill(_("{what} (overdue)"), what=d.what)) if d.on < today
                 else d for d in dates)


def build_handoff(ctx: Context, *, client_id: int, today: date | None = None) -> HandoffView:
    """The handoff view model of one client."""
    today = today or ctx.today()
    with ctx.db.reading() as session:
        client = load(session, Client, RecordKind.CLIENT, client_id)
        episode = _episode(session, client_id)
        plan = _plan(session, episode)
        clinic = session.scalar(select(ClinicSettings.name).limit(1)) or ""
        return HandoffView(
            clinic=clinic,
            person=Person(client.id, person_name(client.given_name, client.family_name,
                                                 client.preferred_name),
                          client.record_number, client.date_of_birth),
            preferred_language=language_name(client.preferred_language),
            interpreter_needed=client.interpreter_needed,
            assigned_ot=_name(session, client.assigned_ot_id),
            status=ClientStatus(client.status).label,
            episode=_episode_text(episode), plan=_plan_text(plan),
            goals=_goals(session, plan), risks=_risks(session, client, plan),
            duties=_duties(session, plan), team=_team(session, episode, today),
            dates=_dates(session, client, episode, plan, today),
        )
