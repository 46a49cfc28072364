"""The care plan for the team and partners: letterhead, the client and episode, the care team
by discipline, needs with the barrier each addresses, goals with measures, baselines, target
dates and Goal Attainment Scaling levels, interventions by discipline, the discharge-readiness
battery with small trend charts, reviews and the last case conference, what may be shared,
and lines to sign. Every text arrives in the view model in the document's language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Table, TableStyle

from otdesk.domain.translation import _, fill, format_date, format_number
from otdesk.reports import blocks
from otdesk.reports.charts import Trend, trend_chart
from otdesk.reports.letterhead import Letterhead, letterhead_block
from otdesk.reports.page import CONTENT_WIDTH, ClientLine, PrintStamp, build_pdf
from otdesk.reports.styles import Styles, make_styles


@dataclass(frozen=True)
class TeamMember:
    """Someone on the care team."""

    name: str
    role: str
    organisation: str
    phone: str


@dataclass(frozen=True)
class Need:
    """A need: what is limited, by which symptom or barrier, found where."""

    number: int
    text: str
    barrier: str
    activity: str
    source: str  # the finding it came from, in words ("" when none)


@dataclass(frozen=True)
class Goal:
    """A measurable goal with its GAS levels (level "-2" .. "+2" and what each means)."""

    number: int
    text: str
    need_number: int | None
    measure: str
    baseline: str
    target_date: date | None
    domain: str
    status: str
    levels: tuple[tuple[str, str], ...]
    weight: float
    latest_level: int | None = None  # at the latest review


@dataclass(frozen=True)
class Intervention:
    """What someone does, how often, for which goal."""

    description: str
    frequency: str
    owner: str
    goal_number: int | None


@dataclass(frozen=True)
class BatteryRow:
    """One instrument of the discharge-readiness battery for this client."""

    title: str
    result: str  # the latest result in words ("" when never done)
    state: str  # "current", "due", "not done yet", in words


@dataclass(frozen=True)
class Review:
    """A review of this plan version."""

    held_on: date
    reviewer: str
    t_score: float | None
    notes: str


@dataclass(frozen=True)
class Conference:
    """The last case conference."""

    held_on: date
    attendees: tuple[tuple[str, str], ...]  # (discipline, name)
    client_view: str
    family_view: str
    decisions: str
    next_review: date | None


@dataclass(frozen=True)
class CarePlanView:
    """One care-plan version as it prints."""

    letterhead: Letterhead
    client: ClientLine
    client_facts: tuple[tuple[str, str], ...]  # (label, value): language, diagnoses ...
    version: int
    status: str
    effective_from: date | None
    review_date: date | None
    review_overdue: bool  # an active plan whose review date has passed
    author: str
    summary: str
    episode_facts: tuple[tuple[str, str], ...]
    team: tuple[tuple[str, tuple[TeamMember, ...]], ...]  # (discipline, members)
    needs: tuple[Need, ...]
    goals: tuple[Goal, ...]
    interventions: tuple[tuple[str, tuple[Intervention, ...]], ...]  # (discipline, items)
    battery: tuple[BatteryRow, ...]
    battery_summary: str
    trends: tuple[Trend, ...]
    reviews: tuple[Review, ...]
    conference: Conference | None
    share_with_family: bool
    share_with_partners: bool


def _date(day: date | None) -> str:
    return format_date(day) if day else ""


def _review_date(view: CarePlanView) -> str:
    """The plan's review date, marked when it has passed without a review."""
    if view.review_date and view.review_overdue:
        # TRANSLATORS: a due date that has passed, in a table cell: "3 Mar 2026 (overdue)".
        return fill(_("{date} (overdue)"), date=format_date(view.review_date))
    return _date(view.review_date)


def _label(styles: Styles, width_mm: float) -> float:
    """A label column ``width_mm`` wide at the usual size, wider in large print so that
    labels such as "Symptom or barrier" keep whole words on a line."""
    return float(width_mm * mm * (1.45 if styles.large_print else 1.0))


def _identification(view: CarePlanView, styles: Styles) -> list[Flowable]:
    plan = [
        (_("Client"), view.client.name), (_("Record number"), view.client.record_number),
        (_("Date of birth"), _date(view.client.date_of_birth)), *view.client_facts,
    ]
    version = [
        (_("Plan version"), str(view.version)), (_("Status"), view.status),
        (_("Effective from"), _date(view.effective_from)),
        (_("Review date"), _review_date(view)), (_("Author"), view.author),
    ]
    if styles.large_print:
        # Side by side, large labels and values break mid-word: one list under the other.
        return [*blocks.facts(styles, plan, label_width=_label(styles, 34)),
                *blocks.facts(styles, version, label_width=_label(styles, 34))]
    half = CONTENT_WIDTH / 2 - 3 * mm
    left = blocks.facts(styles, plan, label_width=32 * mm, width=half)
    right = blocks.facts(styles, version, label_width=30 * mm, width=half)
    table = Table([[left, right]], colWidths=[half + 6 * mm, half], hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return [table]


def _team(view: CarePlanView, styles: Styles) -> list[Flowable]:
    rows = []
    for discipline, members in view.team:
        for m in members:
            contact = " · ".join(p for p in (m.organisation, m.phone) if p)
            rows.append([discipline, m.name, m.role, contact])
    if not rows:
        return [blocks.fixed(styles, _("No care-team members recorded."), "muted")]
    w = CONTENT_WIDTH
    shares = (0.29, 0.23, 0.22, 0.26) if styles.large_print else (0.2, 0.25, 0.25, 0.3)
    return [blocks.grid(styles, [_("Discipline"), _("Name"), _("Role"), _("Contact")], rows,
                        [w * share for share in shares])]


def _needs(view: CarePlanView, styles: Styles) -> list[Flowable]:
    out: list[Flowable] = []
    for need in view.needs:
        item: list[Flowable] = [blocks.labelled(styles, fill(_("Need {number}."),
                                                             number=need.number),
                                                need.text, "body_tight")]
        item += blocks.facts(styles, [(_("Symptom or barrier"), need.barrier),
                                      (_("Activity limited"), need.activity),
                                      (_("Found in"), need.source)],
                              label_width=_label(styles, 40))
        item.append(blocks.spacer(styles, 0.3))
        out.append(blocks.keep_together(item))
    return out or [blocks.fixed(styles, _("No needs recorded."), "muted")]


def _goal(goal: Goal, styles: Styles) -> list[Flowable]:
    head = blocks.labelled(styles, fill(_("Goal {number}."), number=goal.number), goal.text,
                           "h2")
    facts = [
        (_("Addresses"), fill(_("need {number}"), number=goal.need_number)
         if goal.need_number else ""),
        (_("Measure"), goal.measure), (_("Baseline"), goal.baseline),
        (_("Target date"), _date(goal.target_date)), (_("Domain"), goal.domain),
        (_("Status"), goal.status),
        (_("Weight"), format_number(goal.weight) if goal.weight != 1 else ""),
        (_("Latest review"), fill(_("level {level}"), level=f"{goal.latest_level:+d}")
         if goal.latest_level is not None else ""),
    ]
    out: list[Flowable] = [head, *blocks.facts(styles, facts, label_width=_label(styles, 34))]
    if goal.levels:
        w = CONTENT_WIDTH
        out.append(blocks.spacer(styles, 0.2))
        out.append(blocks.grid(styles, [_("GAS level"), _("What it looks like")],
                               [list(level) for level in goal.levels], [w * 0.16, w * 0.84]))
    return [blocks.keep_together(out[:3]), *out[3:]]


def _interventions(view: CarePlanView, styles: Styles) -> list[Flowable]:
    out: list[Flowable] = []
    w = CONTENT_WIDTH
    for discipline, items in view.interventions:
        rows = [[i.description, i.frequency, i.owner,
                 fill(_("goal {number}"), number=i.goal_number) if i.goal_number else ""]
                for i in items]
        # A discipline's heading stays with its table (a long table still splits by rows).
        out.append(blocks.keep_together([
            blocks.heading(styles, discipline, 2),
            blocks.grid(styles, [_("What"), _("How often"), _("Who"), _("For")], rows,
                        [w * 0.5, w * 0.2, w * 0.18, w * 0.12])]))
    return out or [blocks.fixed(styles, _("No interventions recorded."), "muted")]


def _battery(view: CarePlanView, styles: Styles) -> list[Flowable]:
    out: list[Flowable] = [blocks.fixed(styles, view.battery_summary)] if view.battery_summary \
        else []
    if view.battery:
        w = CONTENT_WIDTH
        out.append(blocks.grid(styles, [_("Instrument"), _("Latest result"), _("State")],
                               [[b.title, b.result, b.state] for b in view.battery],
                               [w * 0.35, w * 0.45, w * 0.2]))
    charts = [t for t in view.trends if len(t.points) >= 2][:3]
    if charts:
        column = CONTENT_WIDTH / 3
        width = column - 6 * mm
        height = 34 * mm if not styles.large_print else 46 * mm
        size = styles.small_size
        titles: list[object] = [blocks.para(styles, t.title, "small_bold") for t in charts]
        drawings: list[object] = [trend_chart(t, width, height, size) for t in charts]
        blank: list[object] = [""] * (3 - len(charts))
        table = Table([titles + blank, drawings + blank],
                      colWidths=[column] * 3, hAlign="LEFT")
        table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("RIGHTPADDING", (0, 0), (-1, -1), 6 * mm),
                                   ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
                                   ("TOPPADDING", (0, 0), (-1, 0), 8)]))
        out.append(blocks.keep_together([table]))
    return out or [blocks.fixed(styles, _("No battery results yet."), "muted")]


def _reviews(view: CarePlanView, styles: Styles) -> list[Flowable]:
    out: list[Flowable] = []
    if view.review_date:
        out.append(blocks.labelled(styles, _("Next review:"), _review_date(view)))
    for r in view.reviews:
        score = fill(_("GAS T-score {score}"), score=format_number(r.t_score, 1)) \
            if r.t_score is not None else ""
        line = " · ".join(p for p in (format_date(r.held_on), r.reviewer, score) if p)
        out.append(blocks.labelled(styles, _("Review:"), line, "body_tight"))
        out += blocks.long_text(styles, r.notes)
    c = view.conference
    if c is not None:
        out.append(blocks.heading(styles, fill(_("Last case conference, {date}"),
                                               date=format_date(c.held_on)), 2))
        people = ", ".join(f"{name} ({discipline})" if name else discipline
                           for discipline, name in c.attendees)
        out += blocks.facts(styles, [(_("Present"), people),
                                     (_("Client's view"), c.client_view),
                                     (_("Family's view"), c.family_view),
                                     (_("Decisions"), c.decisions),
                                     (_("Next review"), _date(c.next_review))])
    return out or [blocks.fixed(styles, _("No reviews yet."), "muted")]


def _sharing(view: CarePlanView, styles: Styles) -> list[Flowable]:
    family = (_("The client agrees to share this plan with their family.")
              if view.share_with_family else
              _("The client has not agreed to share this plan with their family."))
    partners = (_("The client agrees to share this plan with community partners.")
                if view.share_with_partners else
                _("The client has not agreed to share this plan with community partners."))
    return blocks.bullets(styles, [family, partners], user=False)


def story(view: CarePlanView, styles: Styles) -> list[Flowable]:
    """The care plan's flowables."""
    out: list[Flowable] = [*letterhead_block(styles, view.letterhead, CONTENT_WIDTH)]
    out.append(blocks.fixed(styles, _("Care plan"), "title"))
    out.append(blocks.fixed(styles, fill(_("Version {version} · {status}"),
                                         version=view.version, status=view.status),
                            "subtitle"))
    out += _identification(view, styles)
    if view.summary:
        out += blocks.section(styles, _("Summary"), blocks.long_text(styles, view.summary))
    if view.episode_facts:
        out += blocks.section(styles, _("Episode of care"),
                              blocks.facts(styles, view.episode_facts))
    out += blocks.section(styles, _("Care team"), _team(view, styles))
    out += blocks.section(styles, _("Needs"), _needs(view, styles))
    goals: list[Flowable] = []
    for goal in view.goals:
        goals += _goal(goal, styles)
    out += blocks.section(styles, _("Goals"), goals or [
        blocks.fixed(styles, _("No goals recorded."), "muted")])
    out += blocks.section(styles, _("Interventions"), _interventions(view, styles))
    out += blocks.section(styles, _("Discharge-readiness battery"), _battery(view, styles))
    out += blocks.section(styles, _("Reviews"), _reviews(view, styles))
    # Consent and the lines to sign on stay on one page: never a page of signatures alone.
    out.append(CondPageBreak(styles.body_size * 6))
    out.append(blocks.keep_together([
        blocks.heading(styles, _("Consent to share")), *_sharing(view, styles),
        blocks.spacer(styles, 0.6),
        blocks.signature_lines(styles, [_("Client"), _("Occupational therapist"),
                                        _("Case coordinator")], CONTENT_WIDTH)]))
    return out


def render(view: CarePlanView, stamp: PrintStamp, large_print: bool = False) -> bytes:
    """The care plan as PDF bytes."""
    styles = make_styles(large_print=large_print)
    return build_pdf(story(view, styles), client=view.client, stamp=stamp, styles=styles,
                     title=_("Care plan"), author=view.letterhead.name)
