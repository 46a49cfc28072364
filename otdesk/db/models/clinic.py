"""The clinic itself and the people who work in it or beside it."""

from __future__ import annotations

from sqlalchemy import Boolean, CheckConstraint, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from otdesk.db.base import Base, Tracked
from otdesk.db.models._columns import vocab_column
from otdesk.domain.vocab import DateOrder, StaffRole

# The clinic's settings are one row with this id; the database refuses a second.
SETTINGS_ID = 1


class ClinicSettings(Tracked, Base):
    """One row: the clinic's letterhead and the intervals that make work fall due."""

    __tablename__ = "clinic_settings"
    __table_args__ = (
        CheckConstraint(f"id = {SETTINGS_ID}", name="ck_clinic_settings_single_row"),
    )

    name: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(100), default="")
    letterhead_text: Mapped[str] = mapped_column(Text, default="")
    logo_path: Mapped[str] = mapped_column(String(1000), default="")
    care_plan_review_days: Mapped[int] = mapped_column(Integer, default=90)
    reassessment_days: Mapped[int] = mapped_column(Integer, default=180)
    unsigned_note_hours: Mapped[int] = mapped_column(Integer, default=24)
    handout_language: Mapped[str] = mapped_column(String(35), default="en")
    date_order: Mapped[str] = vocab_column(DateOrder, default=DateOrder.YMD)


class BatteryInstrument(Tracked, Base):
    """One instrument of the clinic's discharge-readiness battery, and how often it is repeated.

    ``definition_id`` names a definition of the definitions library (an instrument, a checklist,
    an external result); each is in the battery at most once.
    """

    __tablename__ = "battery_instruments"
    __table_args__ = (
        CheckConstraint("repeat_days > 0", name="ck_battery_instruments_repeat_days_positive"),
        UniqueConstraint("definition_id"),
    )

    definition_id: Mapped[str] = mapped_column(String(64))
    repeat_days: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Staff(Tracked, Base):
    """A staff member or external care-team member (psychiatrists usually never sign in)."""

    __tablename__ = "staff"

    username: Mapped[str] = mapped_column(String(100), unique=True)
    given_name: Mapped[str] = mapped_column(String(200))
    family_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = vocab_column(StaffRole, length=30)
    credentials: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(100), default="")
    email: Mapped[str] = mapped_column(String(320), default="")
    organisation: Mapped[str] = mapped_column(String(200), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
