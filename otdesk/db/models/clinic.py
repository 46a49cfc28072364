"""The clinic itself and the people who work in it or beside it."""

from __future__ import annotations

from sqlalchemy import Boolean, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from otdesk.db.base import Base, Tracked


class ClinicSettings(Tracked, Base):
    """One row: the clinic's letterhead and the intervals that make work fall due."""

    __tablename__ = "clinic_settings"

    name: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(100), default="")
    letterhead_text: Mapped[str] = mapped_column(Text, default="")
    logo_path: Mapped[str] = mapped_column(String(1000), default="")
    care_plan_review_days: Mapped[int] = mapped_column(Integer, default=90)
    reassessment_days: Mapped[int] = mapped_column(Integer, default=180)
    unsigned_note_hours: Mapped[int] = mapped_column(Integer, default=24)
    handout_language: Mapped[str] = mapped_column(String(35), default="en")


class Staff(Tracked, Base):
    """A staff member or external care-team member (psychiatrists usually never sign in)."""

    __tablename__ = "staff"

    username: Mapped[str] = mapped_column(String(100), unique=True)
    given_name: Mapped[str] = mapped_column(String(200))
    family_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(30))
    credentials: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(100), default="")
    email: Mapped[str] = mapped_column(String(320), default="")
    organisation: Mapped[str] = mapped_column(String(200), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
