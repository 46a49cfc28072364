"""``otdesk careplan show REF [--version N] [--json]``: a client's care plan, the version in effect
(or the newest draft) unless a version is named, with its needs, goals, interventions by
discipline, reviews with their T-scores, case conferences and version history."""

from __future__ import annotations

import argparse
from typing import Any

from otdesk.cli.output import print_json, print_table
from otdesk.domain.translation import (
    _,
    current_language,
    fill,
    format_date,
    format_number,
    ngettext,
    pgettext,
)

MODULE = "otdesk.cli.careplan"


def add_careplan_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``otdesk careplan show REF [--version N] [--json]``."""
    parser = sub.add_parser(
        "careplan", parents=[common], help=_("show a client's care plan"),
        description=_("Care plans: one per episode of care, kept as versions (draft, active, "
                      "superseded)."),
    )
    csub = parser.add_subparsers(dest="careplan_command", metavar="COMMAND",
                                 title=_("commands"), required=True)
    p = csub.add_parser(
        "show", parents=[common], help=_("show one client's care plan"),
        description=_("Show one client's care plan (REF is their record number) for their "
                      "latest episode with a plan: the version in effect, else the newest "
                      "draft, or the version N given. It lists the needs, goals with their "
                      "attainment levels, interventions by discipline, reviews with their "
                      "T-scores, case conferences, and every version of the plan."),
    )
    p.add_argument("ref", metavar="REF", help=_("the client's record number"))
    p.add_argument("--version", type=int, metavar="N", dest="plan_version",
                   help=_("show version N instead of the one in effect"))
    p.add_argument("--json", action="store_true", help=_("print a JSON object instead of text"))
    p.set_defaults(handler="cmd_careplan_show", handler_module=MODULE)


def _date(value: Any) -> str:
    return format_date(value) if value is not None else "—"


def cmd_careplan_show(args: argparse.Namespace) -> int:
    """Print one client's care plan."""
    from otdesk.cli.commands import acting, opened
    from otdesk.domain.errors import NotFoundError
    from otdesk.domain.records import RecordKind
    from otdesk.services import care_plans, clients

    with opened(args, create=False) as db:
        ctx = acting(args, db)
        client = clients.find_by_record_number(ctx, record_number=args.ref)
        lines = care_plans.list_plans(ctx, client_id=client.id)
        if not lines:
            raise NotFoundError(RecordKind.CARE_PLAN, args.ref,
                                fill(_("{ref} has no care plan."), ref=args.ref))
        episode = lines[0].episode_id
        history = [line for line in lines if line.episode_id == episode]
        if args.plan_version is None:
            plan = care_plans.current_plan(ctx, episode_id=episode)
            if plan is None:  # every version superseded: show the newest
                plan = care_plans.get_plan(ctx, plan_id=history[0].id)
        else:
            chosen = [line for line in history if line.plan_version == args.plan_version]
            if not chosen:
                raise NotFoundError(RecordKind.CARE_PLAN, args.ref, fill(
                    _("{ref} has no care plan version {number}."), ref=args.ref,
                    number=args.plan_version))
            plan = care_plans.get_plan(ctx, plan_id=chosen[0].id)
    if args.json:
        print_json({**plan.to_json(), "history": [line.to_json() for line in history],
                    "next_joint_review": plan.next_joint_review.isoformat()
                    if plan.next_joint_review else None})
        return 0
    _print_plan(plan)
    print()
    print(_("Versions:"))
    print_table(
        (pgettext("column", "Id"), pgettext("column", "Version"), pgettext("column", "Status"),
         pgettext("column", "In effect from"), pgettext("column", "Review date"),
         pgettext("column", "Goals"), pgettext("column", "T-score")),
        [(str(line.id), str(line.plan_version), line.status.label, _date(line.effective_from),
          _date(line.review_date), str(line.goals),
          format_number(line.latest_t_score, 1) if line.latest_t_score is not None else "")
         for line in history],
    )
    return 0


def _print_plan(plan: Any) -> None:
    language = current_language()
    print(fill(_("Care plan version {number} ({status}), id {id}"), number=plan.plan_version,
               status=plan.status.label, id=plan.id))
    print(fill(_("In effect from: {start}; review date: {review}; next joint review: {joint}"),
               start=_date(plan.effective_from), review=_date(plan.review_date),
               joint=_date(plan.next_joint_review)))
    print(fill(_("Author: {name}"), name=plan.author_name or "—"))
    print(fill(_("Shared with the family: {family}; with community partners: {partners}"),
               family=_("yes") if plan.share_with_family else _("no"),
               partners=_("yes") if plan.share_with_partners else _("no")))
    if plan.summary:
        print()
        print(plan.summary)
    if plan.needs:
        print()
        print(_("Needs:"))
        for need in plan.needs:
            print(f"  - {need.text}")
            if need.symptom_or_barrier or need.activity_limited:
                print("    " + fill(_("barrier: {barrier}; activity limited: {activity}"),
                                    barrier=need.symptom_or_barrier or "—",
                                    activity=need.activity_limited or "—"))
            if need.source_kind is not None:
                print("    " + fill(_("from: {kind} {id} {detail}"), kind=need.source_kind.label,
                                    id=need.source_id, detail=need.source_detail).rstrip())
    if plan.goals:
        print()
        print(_("Goals:"))
    numbers = {g.id: n for n, g in enumerate(plan.goals, start=1)}
    for goal in plan.goals:
        print(fill(_("  {number}. {goal} [{status}] weight {weight}"), number=numbers[goal.id],
                   goal=goal.text, status=goal.status.label,
                   weight=format_number(goal.gas_weight)))
        details = (
            (_("measure"), goal.measure), (_("baseline"), goal.baseline),
            (_("target date"), _date(goal.target_date) if goal.target_date else ""),
            (_("domain"), goal.domain), (_("reason"), goal.status_reason),
            (_("addresses"), "; ".join(plan.barriers_of(goal.id))),
        )
        for label, value in details:
            if value:
                print(f"     {label}: {value}")
        for level in ("2", "1", "0", "-1", "-2"):
            if level in goal.gas_levels:
                print(f"     {int(level):+d}: {goal.gas_levels[level]}".replace("+0:", " 0:"))
        wording = goal.plain_language.get(language) or next(iter(goal.plain_language.values()),
                                                            "")
        if wording:
            print("     " + fill(_("for the family: {wording}"), wording=wording))
    by_discipline = plan.interventions_by_discipline()
    if by_discipline:
        print()
        print(_("What each discipline does:"))
        goals = {g.id: g for g in plan.goals}
        for discipline, items in by_discipline.items():
            print(f"  {discipline.label}:")
            for item in items:
                goal = goals.get(item.goal_id) if item.goal_id else None
                parts = [item.description, item.frequency, item.owner_name]
                line = " — ".join(p for p in parts if p)
                if goal is not None:
                    line += "  " + fill(_("(goal {number})"), number=numbers[goal.id])
                print(f"    - {line}")
    if plan.reviews:
        print()
        print(_("Reviews:"))
    for review in plan.reviews:
        score = format_number(review.t_score, 1) if review.t_score is not None else "—"
        count = len(review.levels)
        print("  " + fill(ngettext("{date}: T-score {score} ({count} goal rated) by {name}",
                                   "{date}: T-score {score} ({count} goals rated) by {name}",
                                   count),
                          date=_date(review.review_date), score=score, count=count,
                          name=review.reviewer_name or "—"))
        if review.notes:
            print(f"    {review.notes}")
    if plan.conferences:
        print()
        print(_("Case conferences:"))
    for conference in plan.conferences:
        who = ", ".join(f"{a.name} ({a.discipline.label})" if a.name else a.discipline.label
                        for a in conference.attendees)
        print("  " + fill(_("{date}: {attendees}"), date=_date(conference.held_on),
                          attendees=who or "—"))
        for label, value in ((_("client's view"), conference.client_view),
                             (_("family's view"), conference.family_view),
                             (_("decisions"), conference.decisions)):
            if value:
                print(f"    {label}: {value}")
        if conference.next_review_date:
            print("    " + fill(_("next joint review: {date}"),
                                date=_date(conference.next_review_date)))
        if conference.new_plan_id:
            print("    " + fill(_("started the version with id {id}"),
                                id=conference.new_plan_id))
