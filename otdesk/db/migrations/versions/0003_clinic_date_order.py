"""the clinic's date order

How the clinic writes dates (``ymd``, ``dmy`` or ``mdy``), so that an imported spreadsheet's
day/month/year dates are read as the clinic means them. Existing clinics keep reading
YYYY-MM-DD only until someone chooses otherwise in Settings.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ORDERS = ("ymd", "dmy", "mdy")  # frozen as of this revision


def upgrade() -> None:
    with op.batch_alter_table("clinic_settings") as batch:
        batch.add_column(
            sa.Column("date_order", sa.String(20), nullable=False, server_default="ymd")
        )
        batch.create_check_constraint(
            "ck_clinic_settings_date_order",
            "date_order IN ({})".format(", ".join(repr(o) for o in _ORDERS)),
        )


def downgrade() -> None:
    with op.batch_alter_table("clinic_settings") as batch:
        batch.drop_constraint("ck_clinic_settings_date_order", type_="check")
        batch.drop_column("date_order")
