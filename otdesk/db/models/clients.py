"""Clients, their diagnoses, their family members and caregivers, and the search index."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from otdesk.db.base import Base, Tracked
from otdesk.db.models._columns import vocab_column
from otdesk.domain.vocab import ClientStatus, ConsentScope, Priority


class Client(Tracked, Base):
    """A person on the clinic's books."""

    __tablename__ = "clients"

    record_number: Mapped[str] = mapped_column(String(40), unique=True)
    given_name: Mapped[str] = mapped_column(String(200))
    family_name: Mapped[str] = mapped_column(String(200))
    preferred_name: Mapped[str] = mapped_column(String(200), default="")
    pronouns: Mapped[str] = mapped_column(String(60), default="")
    date_of_birth: Mapped[date] = mapped_column(index=True)
    preferred_language: Mapped[str] = mapped_column(String(35), default="en")
    interpreter_needed: Mapped[bool] = mapped_column(Boolean, default=False)
    phone: Mapped[str] = mapped_column(String(100), default="")
    email: Mapped[str] = mapped_column(String(320), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    consent_family: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_community: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = vocab_column(ClientStatus, index=True)
    priority: Mapped[str] = vocab_column(Priority, default=Priority.ROUTINE)
    assigned_ot_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), index=True)
    alerts: Mapped[str] = mapped_column(Text, default="")
    # Folded "family<US>given" for case- and accent-insensitive ordering of the caseload; "C"
    # collation on PostgreSQL so the separator orders the same as on SQLite.
    sort_name: Mapped[str] = mapped_column(
        String(420).with_variant(String(420, collation="C"), "postgresql"), index=True
    )

    diagnoses: Mapped[list[ClientDiagnosis]] = relationship(
        back_populates="client",
        cascade="all, delete-orphan",
        order_by="ClientDiagnosis.position",
        lazy="selectin",
    )


class ClientDiagnosis(Tracked, Base):
    """A diagnosis as the referrer wrote it, with an optional classification code."""

    __tablename__ = "client_diagnoses"

    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    code: Mapped[str] = mapped_column(String(40), default="")
    code_system: Mapped[str] = mapped_column(String(40), default="")

    client: Mapped[Client] = relationship(back_populates="diagnoses")


class ClientSearchTerm(Base):
    """One folded word under which a client is found (derived from names; rebuilt on save).

    A word-prefix lookup on this index finds "zoe" in "Zoë Martín-López" on SQLite and
    PostgreSQL alike without a full scan of the clients.
    """

    __tablename__ = "client_search_terms"

    client_id: Mapped[int] = mapped_column(
        ForeignKey("clients.id", ondelete="CASCADE"), primary_key=True
    )
    # Prefix ranges need plain code-point order; PostgreSQL's locale collations would break them.
    term: Mapped[str] = mapped_column(
        String(100).with_variant(String(100, collation="C"), "postgresql"), primary_key=True
    )

    __table_args__ = (Index("ix_client_search_terms_term_client", "term", "client_id"),)


class FamilyMember(Tracked, Base):
    """A relative, partner, friend or paid caregiver in the client's life."""

    __tablename__ = "family_members"

    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    given_name: Mapped[str] = mapped_column(String(200))
    family_name: Mapped[str] = mapped_column(String(200), default="")
    relationship_to_client: Mapped[str] = mapped_column(String(100))
    preferred_language: Mapped[str] = mapped_column(String(35), default="en")
    interpreter_needed: Mapped[bool] = mapped_column(Boolean, default=False)
    phone: Mapped[str] = mapped_column(String(100), default="")
    email: Mapped[str] = mapped_column(String(320), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    consent_scope: Mapped[str] = vocab_column(ConsentScope, default=ConsentScope.NONE)
    primary_caregiver: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
