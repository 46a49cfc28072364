"""Upgrading to 0006 keeps every family task a family can read: the words already written
for a family task go under the clinic's handout language; other interventions get none."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from alembic import command
from sqlalchemy import text

from otdesk.db.engine import open_database
from otdesk.db.migrate import alembic_config, current_revision, head_revision
from otdesk.services import care_plans, clients
from otdesk.services.context import Context


def test_family_tasks_keep_their_words_under_the_clinics_handout_language(
    ctx: Context, make_client: Callable[..., clients.ClientDetail], episode_for: Any,
    db_target: str,
) -> None:
    person = make_client()
    episode = episode_for(person.id, referral_date=date(2026, 9, 1), referral_source="GP")
    plan = care_plans.create_plan(ctx, client_id=person.id, episode_id=episode.id)
    for what, discipline in (("Shop together once a week", "family"),
                             ("Graded cooking sessions", "ot")):
        plan = care_plans.add_intervention(ctx, plan_id=plan.id, version=plan.version,
                                           values={"description": what,
                                                   "discipline": discipline})
    command.downgrade(alembic_config(ctx.db), "0005")
    with ctx.db.engine.begin() as conn:
        conn.execute(text("UPDATE clinic_settings SET handout_language = 'es'"))
    ctx.db.dispose()

    db = open_database(db_target)  # upgraded on opening, as the application does
    try:
        assert current_revision(db) == head_revision()
        upgraded = care_plans.get_plan(Context(db), plan_id=plan.id)
        assert [(i.description, i.plain_language) for i in upgraded.interventions] == [
            ("Shop together once a week", {"es": "Shop together once a week"}),
            ("Graded cooking sessions", {}),
        ]
    finally:
        db.dispose()
