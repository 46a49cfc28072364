"""The care plan in words, as rich text: a version's header, the card of a need, a goal or an
intervention, and the at-a-glance summary (what each discipline does, which barriers each goal
addresses, when the team next reviews the plan together).

Free text is escaped and isolated, so nothing typed can act as markup or turn the words around
it.
"""

from __future__ import annotations

from html import escape

from otdesk.domain.care_plans import GAS_LEVELS
from otdesk.domain.text import isolate
from otdesk.domain.translation import _, fill, format_date
from otdesk.services.care_plan_views import GoalInfo, InterventionInfo, NeedInfo, PlanInfo
from otdesk.ui.care_plans.fields import level_name
from otdesk.ui.care_plans.models import goal_label, status_text, t_score_text, version_text
from otdesk.ui.editing.forms import language_label


def text_html(text: str) -> str:
    """Typed text as rich text: escaped, isolated, line breaks kept."""
    return escape(isolate(text)).replace("\n", "<br>") if text else ""


def _row(label: str, value: str) -> str:
    """One line of a card: the label in bold, then its value (a card is often narrow, so the
    value follows the label rather than sitting in a column beside it)."""
    return f"<p style='margin:2px 0'><b>{escape(label)}:</b> {value or '—'}</p>"


def _table(rows: list[str]) -> str:
    return "".join(rows)


def _day(value: object) -> str:
    # A date never breaks across lines.
    return escape(format_date(value)).replace(" ", "&nbsp;") if value else ""  # type: ignore[arg-type]


def sharing_text(allowed: bool, consented: bool) -> str:
    """Whether a version may be shared, and whether the client's consent covers it."""
    if allowed and consented:
        return _("yes, with consent")
    if allowed:
        return _("marked yes, but no consent is recorded: share nothing")
    if consented:
        return _("no (consent would allow it)")
    return _("no (no consent)")


def header_html(plan: PlanInfo, *, consent_family: bool, consent_partners: bool) -> str:
    """A version's header in two lines: number, status and dates; what may be shared."""

    def pair(label: str, value: str) -> str:
        return f"{escape(label)}: <b>{value or '—'}</b>"

    dates = " · ".join((
        f"<b>{escape(version_text(plan.plan_version))}</b>",
        f"<b>{escape(status_text(plan.status))}</b>",
        pair(_("In effect from"), _day(plan.effective_from)),
        pair(_("Review date"), _day(plan.review_date)),
        pair(_("Next joint review"), _day(plan.next_joint_review)),
    ))
    sharing = " · ".join((
        pair(_("Shared with the family"),
             escape(sharing_text(plan.share_with_family, consent_family))),
        pair(_("Shared with community partners"),
             escape(sharing_text(plan.share_with_partners, consent_partners))),
    ))
    return f"{dates}<br>{sharing}"


def need_html(need: NeedInfo) -> str:
    """The card of a need."""
    rows = [
        _row(_("Symptom or barrier"), text_html(need.symptom_or_barrier)),
        _row(_("Activity limited"), text_html(need.activity_limited)),
    ]
    if need.source_kind is not None:
        found = text_html(need.found_in) if need.found_in else escape(need.source_kind.label)
        rows.append(_row(_("Found in"), found))
    return f"<b>{text_html(need.text)}</b>" + _table(rows)


def levels_html(goal: GoalInfo) -> str:
    """A goal's attainment levels in words, the best outcome first."""
    lines = []
    for level in reversed(GAS_LEVELS):
        words = goal.gas_levels.get(str(level), "")
        lines.append(f"<i>{escape(level_name(level))}</i>: {text_html(words) or '—'}")
    return "<br>".join(lines)


def family_html(part: GoalInfo | InterventionInfo) -> str:
    """A goal's or a family task's wording for the family, in each language it has."""
    return "<br>".join(
        f"{escape(language_label(code))}: {text_html(words)}"
        for code, words in part.plain_language.items())


def goal_html(goal: GoalInfo, plan: PlanInfo) -> str:
    """The card of a goal: what it says, how it is measured, its levels, status and family
    wording, and who does what for it."""
    status = escape(goal.status.label)
    if goal.status_reason:
        status += " — " + text_html(goal.status_reason)
    barriers = ", ".join(text_html(b) for b in plan.barriers_of(goal.id))
    doing = "<br>".join(
        fill(_("{discipline}: {what} ({how_often})"), discipline=escape(i.discipline.label),
             what=text_html(i.description), how_often=text_html(i.frequency) or "—")
        for i in plan.interventions_of(goal.id))
    rows = [
        _row(_("Measure"), text_html(goal.measure)),
        _row(_("Baseline"), text_html(goal.baseline)),
        _row(_("Target date"), _day(goal.target_date)),
        _row(_("Domain"), text_html(goal.domain)),
        _row(_("Addresses"), barriers),
        _row(_("Attainment levels"), levels_html(goal)),
        _row(_("Status"), status),
        _row(_("For the family"), family_html(goal)),
        _row(_("Interventions"), doing),
    ]
    return f"<b>{text_html(goal.text)}</b>" + _table(rows)


def intervention_html(item: InterventionInfo, plan: PlanInfo) -> str:
    """The card of an intervention."""
    goal = plan.goal(item.goal_id) if item.goal_id else None
    number = plan.goals.index(goal) + 1 if goal is not None else 0
    rows = [
        _row(_("Discipline"), escape(item.discipline.label)),
        _row(_("How often"), text_html(item.frequency)),
        _row(_("Who"), text_html(item.owner_name)),
        _row(_("For goal"), text_html(goal_label(number, goal)) if goal else
             escape(_("The plan as a whole"))),
    ]
    if item.plain_language:
        rows.append(_row(_("For the family"), family_html(item)))
    return f"<b>{text_html(item.description)}</b>" + _table(rows)


def _heading(text: str) -> str:
    return f"<p style='margin:8px 0 2px 0'><b><u>{escape(text)}</u></b></p>"


def glance_html(plan: PlanInfo) -> str:
    """The plan at a glance: what each discipline does, which barriers each goal addresses,
    and when the next joint review is."""
    parts = [_heading(_("Next joint review"))]
    when = plan.next_joint_review
    parts.append("<p style='margin:0'>" + (escape(format_date(when)) if when else escape(
        _("Not set: record it in the plan's details or at a case conference."))) + "</p>")
    latest = plan.latest_review
    if latest is not None:
        parts.append("<p style='margin:0'>" + escape(fill(
            _("Latest review {date}: T-score {score}"), date=latest.review_date,
            score=t_score_text(latest.t_score))) + "</p>")
    parts.append(_heading(_("What each discipline does")))
    by_discipline = plan.interventions_by_discipline()
    if by_discipline:
        for discipline, items in by_discipline.items():
            doing = "".join(
                "<li>" + fill(_("{what}, {how_often}"), what=text_html(i.description),
                              how_often=text_html(i.frequency) or "—")
                + (" · " + text_html(i.owner_name) if i.owner_name else "") + "</li>"
                for i in items)
            parts.append(f"<p style='margin:4px 0 0 0'><b>{escape(discipline.label)}</b></p>"
                         f"<ul style='margin:0'>{doing}</ul>")
    else:
        parts.append(f"<p style='margin:0'>{escape(_('No interventions yet.'))}</p>")
    parts.append(_heading(_("Which barriers each goal addresses")))
    if plan.goals:
        rows = []
        for number, goal in enumerate(plan.goals, start=1):
            barriers = ", ".join(text_html(b) for b in plan.barriers_of(goal.id))
            rows.append(f"<li>{text_html(goal_label(number, goal))} → "
                        f"{barriers or escape(_('no barrier named'))}</li>")
        parts.append("<ul style='margin:0'>" + "".join(rows) + "</ul>")
    else:
        parts.append(f"<p style='margin:0'>{escape(_('No goals yet.'))}</p>")
    if plan.summary:
        parts.append(_heading(_("Summary")))
        parts.append(f"<p style='margin:0'>{text_html(plan.summary)}</p>")
    if plan.author_name:
        parts.append("<p style='margin:6px 0 0 0'>" + escape(fill(
            _("Written by {name}"), name=plan.author_name)) + "</p>")
    return "".join(parts)
