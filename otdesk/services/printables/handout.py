"""The family handout (``otdesk print handout REF [--lang es] [--large-print]``): plain words
in the family's language, and only what the client's consent lets the family see.

Goals, the family's part in the plan, the care team's numbers and the review date need both
the client's consent to share with family and the plan marked to share with them; without
either, the handout carries only general information (the topics covered, warning signs,
whom to call) and says what it left out and why.
"""

from __future__ import annotations

from datetime import date

from babel.lists import format_list
from sqlalchemy import select
from sqlalchemy.orm import Session

from otdesk.catalogues import LANGUAGES
from otdesk.db.models import (
    CarePlan,
    CarePlanGoal,
    CarePlanIntervention,
    CareTeamMember,
    Client,
    ClinicSettings,
    FamilyMember,
    FamilySession,
)
from otdesk.db.models.clinic import SETTINGS_ID
from otdesk.domain.errors import NotFoundError
from otdesk.domain.records import RecordKind
from otdesk.domain.translation import (
    N_,
    _,
    current_locale,
    fill,
    format_number,
    language_name,
    ngettext,
)
from otdesk.domain.vocab import Discipline, GoalStatus
from otdesk.reports import handout as report
from otdesk.services import handouts
from otdesk.services.context import Context
from otdesk.services.printables._common import client_by_ref, client_line, letterhead, person
from otdesk.services.printables.care_plan import current_plan
from otdesk.services.printing import Omission, Prepared, Printable, PrintOptions

WARNING_SIGNS, CRISIS = "early_warning_signs", "crisis_contacts"


def family_language(ctx: Context, ref: str) -> str:
    """The language to print in: the primary caregiver's, else the client's, else the
    clinic's handout language, whichever otdesk has texts in first; else English."""
    with ctx.db.reading() as session:
        client = client_by_ref(session, ref)
        carers = session.scalars(select(FamilyMember).where(FamilyMember.client_id == client.id)
                                 .order_by(FamilyMember.primary_caregiver.desc(),
                                           FamilyMember.id)).all()
        settings = session.get(ClinicSettings, SETTINGS_ID)
        wanted = [c.preferred_language for c in carers if c.primary_caregiver]
        wanted += [client.preferred_language, settings.handout_language if settings else ""]
    for code in wanted:
        base = (code or "").split("-")[0].lower()
        if base in LANGUAGES:
            return base
    return "en"


def _topic(code: str, language: str) -> report.TopicText | None:
    text = handouts.handout(code, language) or handouts.handout(code, "en")
    if text is None:
        return None
    return report.TopicText(code, text.title, text.paragraphs, text.to_do)


def _topics_covered(session: Session, client_id: int, episode_id: int | None) -> list[str]:
    query = select(FamilySession).where(FamilySession.client_id == client_id)
    if episode_id is not None:
        query = query.where(FamilySession.episode_id == episode_id)
    codes: list[str] = []
    for row in session.scalars(query.order_by(FamilySession.session_date, FamilySession.id)):
        for code in [*(row.topics or []), *(row.handouts_given or [])]:
            if code not in codes and code not in (WARNING_SIGNS, CRISIS):
                codes.append(str(code))
    return codes


def _withheld(client: Client, plan: CarePlan | None) -> Omission | None:
    """The plan's part left out of the handout, and why (None when it may go in)."""
    consent, name = client.consent_family, client.preferred_name or client.given_name
    if consent and plan is not None and plan.share_with_family:
        return None
    no_plan = plan is None

    def words() -> tuple[str, str]:
        if not consent:
            why = fill(_("{name} has not agreed to share health information with family"),
                       name=name)
        elif no_plan:
            why = _("there is no care plan yet")
        else:
            why = _("the care plan is not marked to be shared with family")
        return _("the goals and the family's part in the care plan"), why
    return Omission(words)


def _unwritten(numbers: tuple[int, ...], language: str, *, tasks: bool = False) -> Omission:
    """One notice for every goal (or family task) with no plain words in ``language``:
    "goals 2, 3 and 4"."""
    def words() -> tuple[str, str]:
        listed = format_list([format_number(n) for n in numbers], locale=current_locale())
        what = (ngettext("home task {numbers}", "home tasks {numbers}", len(numbers)) if tasks
                else ngettext("goal {numbers}", "goals {numbers}", len(numbers)))
        return (fill(what, numbers=listed),
                fill(ngettext("the care team has not written it in plain words in {language}",
                              "the care team has not written them in plain words in "
                              "{language}", len(numbers)),
                     language=language_name(language)))
    return Omission(words)


def _plan_parts(session: Session, plan: CarePlan, language: str) -> tuple[
        list[str], list[str], list[Omission]]:
    goals = session.scalars(select(CarePlanGoal).where(CarePlanGoal.care_plan_id == plan.id)
                            .order_by(CarePlanGoal.position, CarePlanGoal.id)).all()
    wording, unwritten = [], []
    for number, goal in enumerate(goals, start=1):
        if goal.status != GoalStatus.ACTIVE.value:
            continue
        text = (goal.plain_language or {}).get(language, "").strip()
        if text:
            wording.append(text)
        else:
            unwritten.append(number)
    omitted = [_unwritten(tuple(unwritten), language)] if unwritten else []
    tasks, untold = [], []
    for number, task in enumerate(session.scalars(
            select(CarePlanIntervention).where(CarePlanIntervention.care_plan_id == plan.id,
                                               CarePlanIntervention.discipline
                                               == Discipline.FAMILY.value)
            .order_by(CarePlanIntervention.position, CarePlanIntervention.id)), start=1):
        # The family's words only: the clinical description may be in another language.
        text = (task.plain_language or {}).get(language, "").strip()
        if text:
            tasks.append(text)
        else:
            untold.append(number)
    if untold:
        omitted.append(_unwritten(tuple(untold), language, tasks=True))
    return wording, tasks, omitted


def _contacts(session: Session, client: Client, plan: CarePlan | None,
              shared: bool) -> list[report.Contact]:
    clinic = letterhead(session)
    out = []
    if clinic.phone:
        out.append(report.Contact(clinic.name or _("The clinic"),
                                  _("Questions, worries, changes to appointments"), clinic.phone))
    if shared and plan is not None:
        for m in session.scalars(select(CareTeamMember).where(
                CareTeamMember.episode_id == plan.episode_id,
                CareTeamMember.end_date.is_(None),
                CareTeamMember.discipline.in_([Discipline.OT.value,
                                               Discipline.COORDINATOR.value]))):
            if m.phone:
                out.append(report.Contact(m.name or person(session, m.staff_id),
                                          Discipline(m.discipline).label, m.phone))
    out.append(report.Contact(_("Emergency services"), _("If someone is in danger right now"),
                              _("Your local emergency number")))
    return out


def _review_ahead(review: date | None, today: date) -> date | None:
    """The plan's review date, or None once it has passed: a handout must not
    tell the family of a meeting that is already behind them."""
    return review if review is not None and review >= today else None


def build(ctx: Context, ref: str, options: PrintOptions) -> Prepared:
    """The handout, prepared for printing in the current (the family's) language."""
    language = options.language or family_language(ctx, ref)
    with ctx.db.reading() as session:
        client = client_by_ref(session, ref)
        try:
            plan: CarePlan | None = current_plan(session, client, options.record_id)
        except NotFoundError:
            plan = None
        withheld = _withheld(client, plan)
        goals: list[str] = []
        tasks: list[str] = []
        omitted: list[Omission] = []
        if withheld is not None:
            omitted.append(withheld)
        elif plan is not None:
            goals, tasks, omitted = _plan_parts(session, plan, language)
        topics = [t for t in (_topic(code, language) for code in _topics_covered(
            session, client.id, plan.episode_id if plan else None)) if t is not None]
        view = report.HandoutView(
            letterhead=letterhead(session), client=client_line(client),
            client_first_name=client.preferred_name or client.given_name,
            goals=tuple(goals), home_tasks=tuple(tasks), topics=tuple(topics),
            warning_signs=_topic(WARNING_SIGNS, language), crisis=_topic(CRISIS, language),
            contacts=tuple(_contacts(session, client, plan, withheld is None)),
            next_review=_review_ahead(plan.review_date if plan is not None and withheld is None
                                      else None, ctx.today()),
            left_out=tuple(fill(_("Not in this handout: {what}, because {why}."),
                                what=o.what, why=o.why) for o in omitted),
        )
        entity = (RecordKind.CARE_PLAN, plan.id, plan.uuid, plan.plan_version) if plan \
            else (RecordKind.CLIENT, client.id, client.uuid, 0)
    return Prepared(view=view, client=view.client, client_id=client.id, entity=entity[0],
                    entity_id=entity[1], entity_uuid=entity[2],
                    version=fill(_("care plan version {number}"), number=entity[3])
                    if plan else _("no care plan"), version_value=entity[3],
                    omitted=tuple(omitted))


DOCUMENT = Printable(
    kind="handout",
    title=N_("Family handout"),
    ref_help=N_("the client's record number (in the family's language unless --lang)"),
    build=build,
    render=report.render,
    language=family_language,
    takes_language=True,
    takes_large_print=True,
    position=20,
)
