"""The clinic's own settings: letterhead and the intervals that make work fall due."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from otdesk.db.models import ClinicSettings
from otdesk.db.models.clinic import SETTINGS_ID
from otdesk.domain.fields import CLINIC_FIELDS, validate
from otdesk.domain.records import RecordKind
from otdesk.domain.vocab import DateOrder
from otdesk.services._records import (
    check_version,
    stale_as_conflict,
    stamp_new,
    update_audited,
)
from otdesk.services.context import Context

ENTITY = RecordKind.CLINIC_SETTINGS


@dataclass(frozen=True)
class ClinicInfo:
    """The clinic's letterhead and intervals."""

    name: str
    address: str
    phone: str
    letterhead_text: str
    logo_path: str
    care_plan_review_days: int
    reassessment_days: int
    unsigned_note_hours: int
    handout_language: str
    date_order: str
    version: int


def _row(session: Session, ctx: Context) -> ClinicSettings:
    row = session.get(ClinicSettings, SETTINGS_ID)
    if row is None:  # every migrated database has the row; this one lost it
        row = ClinicSettings(
            id=SETTINGS_ID,
            name="",
            address="",
            phone="",
            letterhead_text="",
            logo_path="",
            care_plan_review_days=90,
            reassessment_days=180,
            unsigned_note_hours=24,
            handout_language="en",
            date_order=DateOrder.YMD.value,
        )
        stamp_new(row, ctx)
        session.add(row)
        session.flush()
    return row


def _dto(row: ClinicSettings) -> ClinicInfo:
    return ClinicInfo(**{name: getattr(row, name) for name in CLINIC_FIELDS}, version=row.version)


def get_clinic(ctx: Context) -> ClinicInfo:
    """The clinic's settings (defaults until someone saves them)."""
    with ctx.transaction() as session:
        return _dto(_row(session, ctx))


def update_clinic(ctx: Context, *, expected_version: int, **changes: Any) -> ClinicInfo:
    """Change the clinic's settings."""
    clean = validate(CLINIC_FIELDS, changes, today=ctx.today(), partial=True)
    def saved() -> int:
        return get_clinic(ctx).version

    with stale_as_conflict(ENTITY, "", expected_version, saved), \
            ctx.transaction() as session:
        row = _row(session, ctx)
        check_version(row, ENTITY, "", expected_version)
        update_audited(session, ctx, ENTITY, row, clean)
        return _dto(row)
