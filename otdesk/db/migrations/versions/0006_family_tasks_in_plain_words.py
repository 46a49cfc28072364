"""interventions carry the family's task in plain words, by language

- ``care_plan_interventions.plain_language`` ({language: text}), as goals have: what the
  family does at home, in the words a family handout prints in each language. A family
  task already written is carried over under the clinic's handout language (where the
  clinic writes for families); other interventions start with none.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 07:15:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    bind = op.get_bind()
    with op.batch_alter_table("care_plan_interventions") as batch:
        batch.add_column(sa.Column("plain_language", sa.JSON(), nullable=True))
    interventions = sa.table(
        "care_plan_interventions", sa.column("id", sa.Integer()),
        sa.column("description", sa.Text()), sa.column("discipline", sa.String()),
        sa.column("plain_language", sa.JSON()),
    )
    settings = sa.table("clinic_settings", sa.column("handout_language", sa.String()))
    language = (bind.execute(sa.select(settings.c.handout_language)).scalar() or "en").strip()
    family = bind.execute(sa.select(interventions.c.id, interventions.c.description)
                          .where(interventions.c.discipline == "family")).all()
    for row in family:
        text = (row.description or "").strip()
        bind.execute(interventions.update().where(interventions.c.id == row.id).values(
            plain_language={language or "en": text} if text else {}))
    op.execute("UPDATE care_plan_interventions SET plain_language = '{}' "
               "WHERE plain_language IS NULL")
    with op.batch_alter_table("care_plan_interventions") as batch:
        batch.alter_column("plain_language", existing_type=sa.JSON(), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("care_plan_interventions") as batch:
        batch.drop_column("plain_language")
