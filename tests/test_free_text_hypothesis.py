"""Any text a user types or pastes is either kept exactly or refused with the field named.

Free text in a clinic record comes from everywhere: names in any script, pasted referral
letters, emoji, stray control characters from other programs. For every such text, saving it
into a free-text field must either store it unchanged (read back exactly, in a fresh read) or
raise a ``ValidationError`` naming that field. Never any other exception, never silent change.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from otdesk.db.engine import Database, open_database
from otdesk.domain.errors import ValidationError
from otdesk.services import clients, family_members, staff
from otdesk.services import settings as clinic_settings
from otdesk.services.context import Context

if TYPE_CHECKING:
    from conftest import Databases

SPECIAL = [
    "",
    " ",
    "   padded   ",
    "\x00",
    "before\x00after",
    "\n",
    "line one\nline two",
    "windows\r\nline",
    "tab\there",
    "\x07bell",
    "\x7f",
    "\x85next line",
    "\u2028line separator",
    "\u2029paragraph separator",
    "\ud800",  # a lone surrogate: not valid Unicode text
    "broken \udfff tail",
    "\ufeffBOM first",
    "\u200f\u200e\u202eRLO override\u202c",
    "زوي مارتين لوبيز",  # Arabic
    "שלום עולם",  # Hebrew
    "Zoë (زوي) Martín — שלום 123",  # mixed directions
    "👩‍👩‍👧‍👦🏳️‍🌈🙂",  # emoji with joiners and variation selectors
    "e\u0301\u0301\u0301\u0327",  # stacked combining marks
    "\u0301 starts with a combining mark",
    "ﷺ",  # expands to 18 letters when folded
    "Ǆemal İstanbul ß",  # characters whose case mapping changes length
    "\U0010ffff\U000e0001",
    "Robert'); DROP TABLE clients;--",
    "%_\\ LIKE wildcards",
    "<b>not markup</b> &amp;",
]


def _long(unit: str, count: int) -> str:
    return (unit * count)[:count]


TEXTS = st.one_of(
    st.text(),
    st.text(max_size=300),
    st.sampled_from(SPECIAL),
    st.text(alphabet=st.characters(min_codepoint=0x0590, max_codepoint=0x06FF)),  # Hebrew, Arabic
    st.text(alphabet=st.characters(categories=["Mn", "Me"]), min_size=1),  # combining marks
    st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zl", "Zp", "Co"])),
    # Around 10,000 characters: pasted letters, and the edge of the limits.
    st.builds(
        _long,
        st.sampled_from(["a", "é", "ل", "🙂", "e\u0301", "line\n", "\x00", "שׁ"]),
        st.sampled_from([199, 200, 201, 2_000, 2_001, 10_000]),
    ),
)

PROPERTY = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

CLIENT_TEXT_FIELDS = [
    "record_number",
    "given_name",
    "family_name",
    "preferred_name",
    "pronouns",
    "phone",
    "email",
    "address",
    "alerts",
]
FAMILY_TEXT_FIELDS = [
    "given_name",
    "family_name",
    "relationship_to_client",
    "phone",
    "email",
    "address",
    "notes",
]
CLINIC_TEXT_FIELDS = ["name", "address", "phone", "letterhead_text", "logo_path"]


@dataclass
class World:
    """One database shared by every example of a property (fresh copies would be slow)."""

    ctx: Context
    client_id: int
    member_id: int
    numbers: Iterator[int]

    def record_number(self) -> str:
        return f"HYP-{next(self.numbers):06d}"


@pytest.fixture(scope="module")
def world(databases: Databases, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    target = databases.new(tmp_path_factory.mktemp("free-text"))
    database: Database = open_database(target)
    system = Context(database, workstation="hypothesis")
    admin = staff.ensure_administrator(system)
    ctx = system.acting_as(admin.id)
    numbers = itertools.count(1)
    client = clients.create_client(
        ctx,
        record_number="HYP-BASE",
        given_name="Base",
        family_name="Client",
        date_of_birth=date(1980, 1, 1),
        preferred_language="en",
        status="active",
    )
    member = family_members.add_family_member(
        ctx, client_id=client.id, given_name="Base", relationship_to_client="sister"
    )
    yield World(ctx, client.id, member.id, numbers)
    database.dispose()
    databases.drop(target)


def _refused_naming(exc: ValidationError, field: str) -> None:
    assert exc.for_field(field), f"ValidationError does not name {field}: {exc}"
    assert field in str(exc)


@PROPERTY
@given(field=st.sampled_from(CLIENT_TEXT_FIELDS), text=TEXTS)
def test_new_client_free_text_is_kept_exactly_or_refused(
    world: World, field: str, text: str
) -> None:
    values = {
        "record_number": world.record_number(),
        "given_name": "Given",
        "family_name": "Family",
        "date_of_birth": date(1980, 1, 1),
        "preferred_language": "en",
        "status": "active",
        field: text,
    }
    try:
        made = clients.create_client(world.ctx, **values)
    except ValidationError as exc:
        _refused_naming(exc, field)
        return
    fresh = clients.get_client(world.ctx, client_id=made.id)
    assert getattr(fresh, field) == text
    assert getattr(made, field) == text


@PROPERTY
@given(field=st.sampled_from(CLIENT_TEXT_FIELDS), text=TEXTS)
def test_client_free_text_update_is_kept_exactly_or_refused(
    world: World, field: str, text: str
) -> None:
    before = clients.get_client(world.ctx, client_id=world.client_id)
    try:
        clients.update_client(
            world.ctx, client_id=world.client_id, expected_version=before.version, **{field: text}
        )
    except ValidationError as exc:
        _refused_naming(exc, field)
        after = clients.get_client(world.ctx, client_id=world.client_id)
        assert after == before  # a refused save changes nothing
        return
    fresh = clients.get_client(world.ctx, client_id=world.client_id)
    assert getattr(fresh, field) == text


@PROPERTY
@given(field=st.sampled_from(FAMILY_TEXT_FIELDS), text=TEXTS)
def test_family_member_free_text_is_kept_exactly_or_refused(
    world: World, field: str, text: str
) -> None:
    values = {"given_name": "Given", "relationship_to_client": "friend", field: text}
    try:
        added = family_members.add_family_member(world.ctx, client_id=world.client_id, **values)
    except ValidationError as exc:
        _refused_naming(exc, field)
    else:
        fresh = family_members.get_family_member(world.ctx, member_id=added.id)
        assert getattr(fresh, field) == text

    before = family_members.get_family_member(world.ctx, member_id=world.member_id)
    try:
        family_members.update_family_member(
            world.ctx, member_id=world.member_id, expected_version=before.version, **{field: text}
        )
    except ValidationError as exc:
        _refused_naming(exc, field)
        return
    fresh = family_members.get_family_member(world.ctx, member_id=world.member_id)
    assert getattr(fresh, field) == text


@PROPERTY
@given(field=st.sampled_from(CLINIC_TEXT_FIELDS), text=TEXTS)
def test_clinic_settings_free_text_is_kept_exactly_or_refused(
    world: World, field: str, text: str
) -> None:
    before = clinic_settings.get_clinic(world.ctx)
    try:
        clinic_settings.update_clinic(world.ctx, expected_version=before.version, **{field: text})
    except ValidationError as exc:
        _refused_naming(exc, field)
        assert clinic_settings.get_clinic(world.ctx) == before
        return
    assert getattr(clinic_settings.get_clinic(world.ctx), field) == text
