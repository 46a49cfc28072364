"""Declarative base, naming convention and the columns every clinical record carries."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Integer, MetaData, Uuid
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from otdesk.db.types import UTCDateTime
from otdesk.domain.dates import utcnow

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    # A CHECK made by an enumerated column (see models/_columns.py) is named after its
    # column; other CHECKs are given their whole name.
    "ck": "ck_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Base of every otdesk table."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime()}


class Tracked:
    """Identity, authorship and optimistic locking, shared by every clinical record.

    ``uuid`` lets a record made on an offline laptop join a clinic database later without
    renumbering. ``version`` makes SQLAlchemy add ``WHERE version = :old`` to every UPDATE, so
    a stale write fails instead of silently overwriting someone else's save.
    """

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True, default=uuid.uuid4)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805 (a class-level directive)
        return {"version_id_col": cls.version}
