"""The care plan (``otdesk print careplan REF``): the client's current plan version (the
active one of the open episode, else the latest), read from the care-plan tables, the
episode and care team, and the discharge-readiness battery."""

from __future__ import annotations

from datetime import date
from typing import Any

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
    Episode,
)
from otdesk.domain.errors import NotFoundError
from otdesk.domain.records import RecordKind
from otdesk.domain.translation import N_, _, fill, format_date, format_number, language_name
from otdesk.domain.vocab import CarePlanStatus, Discipline, GoalStatus, NeedSource
from otdesk.reports import care_plan as report
from otdesk.reports.charts import Trend
from otdesk.services import assessment_progress
from otdesk.services._records import load
from otdesk.services.care_plan_links import finding_of
from otdesk.services.context import Context
from otdesk.services.printables._common import client_by_ref, client_line, letterhead, person
from otdesk.services.printing import Prepared, Printable, PrintOptions

LEVELS = ("-2", "-1", "0", "1", "2")


def current_plan(session: Session, client: Client, plan_id: int | None = None) -> CarePlan:
    """Plan ``plan_id`` of this client, else its active version (the newest if several
    episodes have one), else its newest version; ``NotFoundError`` when it has none."""
    if plan_id is not None:
        plan = load(session, CarePlan, RecordKind.CARE_PLAN, plan_id)
        if plan.client_id != client.id:
            raise NotFoundError(RecordKind.CARE_PLAN, plan_id)
        return plan
    plans = session.scalars(select(CarePlan).where(CarePlan.client_id == client.id)
                            .order_by(CarePlan.id.desc())).all()
    active = [p for p in plans if p.status == CarePlanStatus.ACTIVE.value]
    if not (active or plans):
        raise NotFoundError(RecordKind.CARE_PLAN, client.record_number, fill(
            _("{name} ({number}) has no care plan yet."),
            name=client_line(client).name, number=client.record_number))
    return (active or plans)[0]


def _label(enum: Any, code: str) -> str:
    try:
        return str(enum(code).label)
    except ValueError:
        return code


def _found_in(ctx: Context, need: CarePlanNeed) -> str:
    """The finding a need cites, in words; the kind of record alone when that finding is no
    longer there (say, the assessment was reopened and no longer has that score)."""
    if need.source_kind is None or need.source_id is None:
        return ""
    return (finding_of(ctx, source_kind=need.source_kind, source_id=need.source_id,
                       detail=need.source_detail)
            or _label(NeedSource, need.source_kind))


def _rows(session: Session, model: Any, plan_id: int) -> list[Any]:
    return list(session.scalars(select(model).where(model.care_plan_id == plan_id)
                                .order_by(model.position, model.id)))


def _client_facts(session: Session, c: Client) -> tuple[tuple[str, str], ...]:
    language = language_name(c.preferred_language)
    if c.interpreter_needed:
        language = fill(_("{language}, interpreter needed"), language=language)
    diagnoses = "; ".join(f"{d.text} ({d.code})" if d.code else d.text for d in c.diagnoses)
    return ((_("Preferred language"), language), (_("Pronouns"), c.pronouns),
            (_("Diagnoses"), diagnoses), (_("Assigned OT"), person(session, c.assigned_ot_id)),
            (_("Alerts"), c.alerts))


def _episode(session: Session, episode_id: int) -> tuple[tuple[str, str], ...]:
    e = session.get(Episode, episode_id)
    if e is None:
        return ()
    return ((_("Referred on"), format_date(e.referral_date)),
            (_("Referred by"), e.referral_source), (_("Reason for referral"), e.referral_reason),
            (_("Started"), format_date(e.start_date) if e.start_date else ""),
            (_("Planned discharge"),
             format_date(e.planned_discharge_date) if e.planned_discharge_date else ""))


def _team(session: Session, episode_id: int, today: date) -> tuple[
        tuple[str, tuple[report.TeamMember, ...]], ...]:
    rows = session.scalars(select(CareTeamMember).where(CareTeamMember.episode_id == episode_id)
                           .order_by(CareTeamMember.id)).all()
    current = [m for m in rows if m.end_date is None or m.end_date >= today]
    order = [d.value for d in Discipline]
    groups = []
    for code in sorted({m.discipline for m in current},
                       key=lambda c: order.index(c) if c in order else len(order)):
        members = tuple(report.TeamMember(m.name or person(session, m.staff_id),
                                          m.role_in_team, m.organisation, m.phone)
                        for m in current if m.discipline == code)
        groups.append((_label(Discipline, code), members))
    return tuple(groups)


def _battery(ctx: Context, client_id: int) -> tuple[tuple[report.BatteryRow, ...], str,
                                                     tuple[Trend, ...]]:
    lines = assessment_progress.battery_status(ctx, client_id)
    rows, trends = [], []
    states = {"missing": _("not done yet"), "due": _("due"), "current": _("up to date")}
    for line in lines:
        latest = line.latest
        result = ""
        if latest is not None:
            total = latest.total
            value = latest.external_total if total is None else format_number(round(total, 1))
            result = fill(_("{value} on {date}"), value=value or "—",
                          date=format_date(latest.administered_on))
            if latest.band_label:
                result = fill(_("{result} ({band})"), result=result, band=latest.band_label)
            series = assessment_progress.trend(ctx, client_id, line.definition_id)
            total_series = [s for s in series if s.key == "total"] or series[-1:]
            if total_series and len(total_series[0].points) >= 2:
                s = total_series[0]
                trends.append(Trend(fill(_("{instrument}: {score}"), instrument=line.title,
                                         score=s.label), tuple(s.points)))
        rows.append(report.BatteryRow(line.title, result, states.get(line.state, line.state)))
    summary = assessment_progress.battery_summary(lines) if lines else ""
    return tuple(rows), summary, tuple(trends)


def _reviews(session: Session, plan_id: int) -> tuple[tuple[report.Review, ...],
                                                      dict[int, int]]:
    rows = session.scalars(select(CarePlanReview).where(CarePlanReview.care_plan_id == plan_id)
                           .order_by(CarePlanReview.review_date, CarePlanReview.id)).all()
    levels: dict[int, int] = {}
    if rows:
        latest = rows[-1]
        for g in session.scalars(select(CarePlanReviewGoal)
                                 .where(CarePlanReviewGoal.review_id == latest.id)):
            levels[g.goal_id] = g.level
    reviews = tuple(report.Review(r.review_date, person(session, r.reviewer_id), r.t_score,
                                  r.notes) for r in rows)
    return reviews, levels


def _conference(session: Session, plan_id: int) -> report.Conference | None:
    c = session.scalars(select(CaseConference).where(CaseConference.care_plan_id == plan_id)
                        .order_by(CaseConference.held_on.desc(), CaseConference.id.desc())
                        ).first()
    if c is None:
        return None
    people = tuple((_label(Discipline, str(a.get("discipline", ""))), str(a.get("name", "")))
                   for a in (c.attendees or []) if isinstance(a, dict))
    return report.Conference(c.held_on, people, c.client_view, c.family_view, c.decisions,
                             c.next_review_date)


def _levels(goal: CarePlanGoal) -> tuple[tuple[str, str], ...]:
    stored = goal.gas_levels or {}
    out = []
    for key in LEVELS:
        text = stored.get(key) or stored.get(key.lstrip("+"))
        if isinstance(text, dict):  # {"text": ...} in some imports
            text = text.get("text", "")
        if text:
            out.append((f"{int(key):+d}" if key != "0" else "0", str(text)))
    return tuple(out)


def build_view(ctx: Context, ref: str, options: PrintOptions) -> tuple[
        report.CarePlanView, Client, CarePlan]:
    """The care plan's view model, with the client and plan rows it was built from."""
    with ctx.db.reading() as session:
        client = client_by_ref(session, ref)
        plan = current_plan(session, client, options.record_id)
        needs = _rows(session, CarePlanNeed, plan.id)
        need_numbers = {n.id: i for i, n in enumerate(needs, start=1)}
        goals = _rows(session, CarePlanGoal, plan.id)
        goal_numbers = {g.id: i for i, g in enumerate(goals, start=1)}
        reviews, latest_levels = _reviews(session, plan.id)
        interventions = _rows(session, CarePlanIntervention, plan.id)
        order = [d.value for d in Discipline]
        by_discipline = []
        for code in sorted({i.discipline for i in interventions},
                           key=lambda c: order.index(c) if c in order else len(order)):
            items = tuple(report.Intervention(i.description, i.frequency, i.owner_name,
                                              goal_numbers.get(i.goal_id or 0))
                          for i in interventions if i.discipline == code)
            by_discipline.append((_label(Discipline, code), items))
        view_needs = tuple(report.Need(
            need_numbers[n.id], n.text, n.symptom_or_barrier, n.activity_limited,
            _found_in(ctx, n)) for n in needs)
        view_goals = tuple(report.Goal(
            goal_numbers[g.id], g.text, need_numbers.get(g.need_id or 0), g.measure,
            g.baseline, g.target_date, g.domain, _label(GoalStatus, g.status), _levels(g),
            g.gas_weight, latest_levels.get(g.id)) for g in goals)
        head = letterhead(session)
        ident = client_line(client)
        facts = _client_facts(session, client)
        episode = _episode(session, plan.episode_id)
        team = _team(session, plan.episode_id, ctx.today())
        author = person(session, plan.author_id)
        conference = _conference(session, plan.id)
        session.expunge_all()
    battery, summary, trends = _battery(ctx, client.id)
    view = report.CarePlanView(
        letterhead=head, client=ident, client_facts=facts, version=plan.plan_version,
        status=_label(CarePlanStatus, plan.status), effective_from=plan.effective_from,
        review_date=plan.review_date, author=author, summary=plan.summary,
        review_overdue=plan.status == CarePlanStatus.ACTIVE.value and plan.review_date
        is not None and plan.review_date < ctx.today(),
        episode_facts=episode, team=team, needs=view_needs, goals=view_goals,
        interventions=tuple(by_discipline), battery=battery, battery_summary=summary,
        trends=trends, reviews=reviews, conference=conference,
        share_with_family=plan.share_with_family, share_with_partners=plan.share_with_partners,
    )
    return view, client, plan


def build(ctx: Context, ref: str, options: PrintOptions) -> Prepared:
    """The care plan, prepared for printing."""
    view, client, plan = build_view(ctx, ref, options)
    return Prepared(view=view, client=view.client, client_id=client.id,
                    entity=RecordKind.CARE_PLAN, entity_id=plan.id, entity_uuid=plan.uuid,
                    version=fill(_("version {number}"), number=plan.plan_version),
                    version_value=plan.plan_version)


DOCUMENT = Printable(
    kind="careplan",
    title=N_("Care plan"),
    ref_help=N_("the client's record number (their current care plan)"),
    build=build,
    render=report.render,
    takes_language=True,
    takes_large_print=True,
    position=10,
)
