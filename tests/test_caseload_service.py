"""The caseload: which clients a view lists, in which order, and their lines in batches."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from sqlalchemy import delete, func, select

from otdesk.db.models import CarePlan, Client, Episode
from otdesk.domain.vocab import CarePlanStatus, ClientStatus, Priority
from otdesk.services import caseload, clients, staff
from otdesk.services._records import stamp_new
from otdesk.services.clients import ClientDetail
from otdesk.services.context import Context
from otdesk.services.summaries import CaseloadFilter, SortKey

MakeClient = Callable[..., ClientDetail]


@dataclass(frozen=True)
class Book:
    """A small caseload whose every ordering differs."""

    ot: staff.StaffMember  # "Tess Example-OT"
    ot2: staff.StaffMember  # "Aaron Abbott"
    ids: dict[str, int]

    def names(self, ids: list[int]) -> list[str]:
        by_id = {v: k for k, v in self.ids.items()}
        return [by_id[i] for i in ids]


@pytest.fixture
def book(ctx: Context, ot: staff.StaffMember, make_client: MakeClient) -> Book:
    ot2 = staff.create_staff(
        ctx, username="aabbott", given_name="Aaron", family_name="Abbott", role="ot"
    )
    spec = {
        # key: family, given, record number, born, status, priority, OT, language
        "A": ("Zimmer", "Ana", "C-003", date(1990, 1, 1), "active", "routine", ot.id, "en"),
        "B": ("álvarez", "Bea", "C-001", date(1970, 5, 5), "waitlist", "urgent", ot2.id, "es"),
        "C": ("Martin", "Carl", "C-002", date(1985, 3, 3), "referred", "soon", None, "ar"),
        "D": ("martin", "Ada", "C-004", date(1985, 3, 3), "discharged", "urgent", ot.id, "en"),
        "E": ("Ng", "Eve", "C-005", date(2001, 12, 12), "on_hold", "routine", ot2.id, "zh-Hant"),
    }
    ids = {}
    for key, (family, given, number, born, status, priority, ot_id, lang) in spec.items():
        ids[key] = make_client(
            family_name=family,
            given_name=given,
            record_number=number,
            date_of_birth=born,
            status=status,
            priority=priority,
            assigned_ot_id=ot_id,
            preferred_language=lang,
        ).id
    return Book(ot, ot2, ids)


def _find(ctx: Context, book: Book, **kw: object) -> list[str]:
    where = kw.pop("where", CaseloadFilter())
    return book.names(caseload.find_ids(ctx, where=where, **kw))  # type: ignore[arg-type]


# --- ordering -----------------------------------------------------------------------------------


ORDERS = {
    # Folded names: "álvarez" sorts with the a's, "martin" and "Martin" together by given.
    SortKey.NAME: ["B", "D", "C", "E", "A"],
    SortKey.RECORD_NUMBER: ["B", "C", "A", "D", "E"],
    SortKey.DATE_OF_BIRTH: ["B", "D", "C", "A", "E"],  # same birthday: by name
    SortKey.STATUS: ["C", "B", "A", "E", "D"],  # referred → discharged, the care path
    SortKey.PRIORITY: ["B", "D", "C", "E", "A"],  # urgent first
    SortKey.LANGUAGE: ["C", "D", "A", "B", "E"],
}


@pytest.mark.parametrize(("sort", "expected"), ORDERS.items())
def test_every_sort_key_ascending_and_descending(
    ctx: Context, book: Book, sort: SortKey, expected: list[str]
) -> None:
    assert _find(ctx, book, sort=sort) == expected
    assert _find(ctx, book, sort=sort, descending=True) == expected[::-1]


def test_sort_by_assigned_ot(ctx: Context, book: Book) -> None:
    ascending = _find(ctx, book, sort=SortKey.ASSIGNED_OT)
    descending = _find(ctx, book, sort=SortKey.ASSIGNED_OT, descending=True)
    assert descending == ascending[::-1]
    # Abbott's clients, then Example-OT's, each by client name; the unassigned client
    # sits at one end (where depends on the database's NULL ordering).
    assert [k for k in ascending if k != "C"] == ["B", "E", "D", "A"]
    assert ascending.index("C") in (0, len(ascending) - 1)


def test_every_sort_key_is_tested() -> None:
    # A new column in the caseload needs its expected order written down here.
    assert set(SortKey) == {*ORDERS, SortKey.ASSIGNED_OT}


def test_identical_names_keep_a_stable_order(ctx: Context, make_client: MakeClient) -> None:
    first = make_client(family_name="Smith", given_name="Jo").id
    second = make_client(family_name="SMITH", given_name="jo").id
    assert caseload.find_ids(ctx) == [first, second]
    assert caseload.find_ids(ctx, descending=True) == [second, first]
    # The order does not change between two calls (a view's rows must not jump).
    assert caseload.find_ids(ctx) == caseload.find_ids(ctx)


# --- filters ------------------------------------------------------------------------------------


def test_no_filter_lists_everyone(ctx: Context, book: Book) -> None:
    assert sorted(_find(ctx, book)) == ["A", "B", "C", "D", "E"]


def test_filter_by_text(ctx: Context, book: Book) -> None:
    assert _find(ctx, book, where=CaseloadFilter(text="MARTIN")) == ["D", "C"]
    assert _find(ctx, book, where=CaseloadFilter(text="alvarez")) == ["B"]
    assert _find(ctx, book, where=CaseloadFilter(text="martin carl")) == ["C"]
    assert _find(ctx, book, where=CaseloadFilter(text="03/03/1985")) == ["D", "C"]
    assert _find(ctx, book, where=CaseloadFilter(text="c-00")) == ["B", "D", "C", "E", "A"]
    assert _find(ctx, book, where=CaseloadFilter(text="nobody")) == []


@pytest.mark.parametrize(
    "text",
    ["MARTIN", "martin carl", "m", "al", "03/03/1985", "c-00", "nobody", "Ál", "-", ""],
)
def test_matching_ids_finds_what_the_ordered_search_finds(ctx: Context, book: Book, text) -> None:
    # The caseload narrows a list it holds with these; a difference would show the wrong
    # clients for a search typed over the whole list.
    expected = set(caseload.find_ids(ctx, where=CaseloadFilter(text=text)))
    assert caseload.matching_ids(ctx, text) == expected


def test_filter_by_statuses(ctx: Context, book: Book) -> None:
    active_or_held = CaseloadFilter(statuses=(ClientStatus.ACTIVE, ClientStatus.ON_HOLD))
    assert _find(ctx, book, where=active_or_held) == ["E", "A"]
    discharged = CaseloadFilter(statuses=(ClientStatus.DISCHARGED,))
    assert _find(ctx, book, where=discharged) == ["D"]


def test_filter_by_assigned_ot_and_unassigned(ctx: Context, book: Book) -> None:
    assert _find(ctx, book, where=CaseloadFilter(assigned_ot_id=book.ot.id)) == ["D", "A"]
    assert _find(ctx, book, where=CaseloadFilter(assigned_ot_id=book.ot2.id)) == ["B", "E"]
    assert _find(ctx, book, where=CaseloadFilter(unassigned_only=True)) == ["C"]
    # "Unassigned" wins over an OT chosen at the same time.
    both = CaseloadFilter(unassigned_only=True, assigned_ot_id=book.ot.id)
    assert _find(ctx, book, where=both) == ["C"]


def test_filter_by_priority(ctx: Context, book: Book) -> None:
    assert _find(ctx, book, where=CaseloadFilter(priority=Priority.URGENT)) == ["B", "D"]
    assert _find(ctx, book, where=CaseloadFilter(priority=Priority.SOON)) == ["C"]


def test_filters_combine(ctx: Context, book: Book) -> None:
    where = CaseloadFilter(
        text="martin",
        statuses=(ClientStatus.DISCHARGED, ClientStatus.ACTIVE),
        assigned_ot_id=book.ot.id,
        priority=Priority.URGENT,
    )
    assert _find(ctx, book, where=where, sort=SortKey.RECORD_NUMBER) == ["D"]


def _care_plan(
    ctx: Context, client_id: int, status: CarePlanStatus, review: date | None,
    *, earlier_episode: bool = False,
) -> None:
    with ctx.db.transaction() as session:
        # A client has at most one open episode: plans of the same client share it.
        episode = None if earlier_episode else session.scalar(
            select(Episode).where(
                Episode.client_id == client_id, Episode.actual_discharge_date.is_(None)
            )
        )
        if episode is None:
            episode = Episode(
                client_id=client_id, referral_date=date(2025, 1, 6),
                actual_discharge_date=date(2025, 6, 1) if earlier_episode else None,
            )
            stamp_new(episode, ctx)
            session.add(episode)
            session.flush()
        earlier = session.scalar(
            select(func.count()).select_from(CarePlan).where(CarePlan.episode_id == episode.id)
        )
        plan = CarePlan(
            client_id=client_id,
            episode_id=episode.id,
            plan_version=(earlier or 0) + 1,
            status=status.value,
            review_date=review,
            summary="",
        )
        stamp_new(plan, ctx)
        session.add(plan)


def test_filter_review_due_within_fourteen_days(ctx: Context, book: Book) -> None:
    today = ctx.today()
    _care_plan(ctx, book.ids["A"], CarePlanStatus.ACTIVE, today + timedelta(days=14))
    _care_plan(ctx, book.ids["B"], CarePlanStatus.ACTIVE, today - timedelta(days=30))  # overdue
    _care_plan(ctx, book.ids["C"], CarePlanStatus.ACTIVE, today + timedelta(days=15))
    _care_plan(ctx, book.ids["D"], CarePlanStatus.DRAFT, today)  # not in force
    _care_plan(ctx, book.ids["E"], CarePlanStatus.SUPERSEDED, today)  # replaced
    _care_plan(ctx, book.ids["E"], CarePlanStatus.ACTIVE, None)  # no review date set

    assert _find(ctx, book, where=CaseloadFilter(review_due=True)) == ["B", "A"]
    with_status = CaseloadFilter(review_due=True, statuses=(ClientStatus.WAITLIST,))
    assert _find(ctx, book, where=with_status) == ["B"]


def test_review_due_counts_a_client_once(ctx: Context, book: Book) -> None:
    today = ctx.today()
    _care_plan(ctx, book.ids["A"], CarePlanStatus.ACTIVE, today)
    # An episode has one active plan at most; a client may have one in each episode.
    _care_plan(ctx, book.ids["A"], CarePlanStatus.ACTIVE, today + timedelta(days=1),
               earlier_episode=True)
    assert _find(ctx, book, where=CaseloadFilter(review_due=True)) == ["A"]


# --- rows ---------------------------------------------------------------------------------------


def test_rows_come_in_the_order_asked(ctx: Context, book: Book) -> None:
    asked = [book.ids[k] for k in ("E", "A", "C")]
    lines = caseload.rows(ctx, ids=asked)
    assert [line.id for line in lines] == asked
    e = lines[0]
    assert (e.family_name, e.given_name, e.record_number) == ("Ng", "Eve", "C-005")
    assert e.status is ClientStatus.ON_HOLD
    assert e.priority is Priority.ROUTINE
    assert e.preferred_language == "zh-Hant"
    assert e.assigned_ot == "Aaron Abbott"
    assert lines[2].assigned_ot == ""  # C has no OT
    assert caseload.rows(ctx, ids=[]) == []


def test_rows_skip_deleted_and_unknown_ids(ctx: Context, book: Book) -> None:
    with ctx.db.transaction() as session:
        session.execute(delete(Client).where(Client.id == book.ids["D"]))
    asked = [book.ids["D"], book.ids["B"], 987654, book.ids["A"]]
    assert [line.id for line in caseload.rows(ctx, ids=asked)] == [book.ids["B"], book.ids["A"]]
    assert "D" not in _find(ctx, book)


def test_rows_handle_more_ids_than_one_batch(ctx: Context, book: Book) -> None:
    # Ids beyond the first batch of 500 are still looked up.
    asked = [*range(1_000_000, 1_000_700), book.ids["C"], book.ids["A"]]
    assert [line.id for line in caseload.rows(ctx, ids=asked)] == [book.ids["C"], book.ids["A"]]


def test_rows_reflect_the_latest_save(ctx: Context, book: Book) -> None:
    cid = book.ids["A"]
    clients.update_client(ctx, client_id=cid, expected_version=1, priority="urgent")
    (line,) = caseload.rows(ctx, ids=[cid])
    assert line.priority is Priority.URGENT
    assert line.version == 2


# --- counts -------------------------------------------------------------------------------------


def test_status_counts(ctx: Context, book: Book, make_client: MakeClient) -> None:
    assert caseload.status_counts(ctx) == {s: 1 for s in ClientStatus}
    make_client(status="active")
    make_client(status="active")
    counts = caseload.status_counts(ctx)
    assert counts[ClientStatus.ACTIVE] == 3
    assert sum(counts.values()) == 7


def test_status_counts_of_an_empty_clinic(ctx: Context) -> None:
    assert caseload.status_counts(ctx) == dict.fromkeys(ClientStatus, 0)
    assert caseload.find_ids(ctx) == []
