"""The dashboard screen: sections from the registry, overdue marking, opening a line's record."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from otdesk.domain.records import Changes, RecordKind
from otdesk.services import dashboard, staff
from otdesk.services.dashboard import DueItem, RecordRef, Source, SourceQuery, Urgency
from otdesk.ui.dashboard import DashboardView, DueItemsModel
from otdesk.ui.dashboard.model import DUE, RecordRefRole, UrgencyRole
from otdesk.ui.shell.app_context import AppContext

from .menus import choose_from_menu, right_click

TODAY = date(2026, 3, 10)


def item(
    n: int, urgency: Urgency, due: date | None, entity: RecordKind = RecordKind.CARE_PLAN
) -> DueItem:
    return DueItem(
        client_id=n,
        record_number=f"DEMO-{n:04d}",
        client_name=f"Client {n}",
        summary=f"Something about {n}",
        due_date=due,
        urgency=urgency,
        target=RecordRef(entity, 100 + n, n),
    )


class FakeSources:
    """Two sources standing in for whatever the registry holds; records what they were asked."""

    def __init__(self) -> None:
        self.asked: list[SourceQuery] = []
        self.reviews: list[DueItem] = [
            item(1, Urgency.OVERDUE, TODAY - timedelta(days=3)),
            item(2, Urgency.DUE, TODAY + timedelta(days=5)),
        ]
        self.referrals: list[DueItem] = []

    def _reviews(self, _session: Any, _ctx: Any, query: SourceQuery) -> tuple[int, list[DueItem]]:
        self.asked.append(query)
        return len(self.reviews), self.reviews[: query.limit]

    def _referrals(self, _session: Any, _ctx: Any, query: SourceQuery):
        return len(self.referrals), self.referrals

    def registry(self) -> list[Source]:
        return [
            Source("test_reviews", ("dashboard section", "Care-plan reviews"), 10, self._reviews),
            Source("test_referrals", ("dashboard section", "New referrals"), 20,
                   self._referrals),
        ]


@pytest.fixture
def fake(monkeypatch) -> FakeSources:
    sources = FakeSources()
    monkeypatch.setattr(dashboard, "registered_sources", sources.registry)
    return sources


@pytest.fixture
def view(qtbot, app_ctx: AppContext, fake: FakeSources) -> DashboardView:
    noon = datetime(TODAY.year, TODAY.month, TODAY.day, 12, tzinfo=UTC)
    app_ctx.services = replace(app_ctx.services, clock=lambda: noon)
    widget = DashboardView(app_ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    with qtbot.waitSignal(widget.loaded, timeout=10_000):
        widget.show()
    qtbot.waitUntil(lambda: bool(widget.sections))
    return widget


def test_due_items_model_passes_qtmodeltester(qtmodeltester) -> None:
    model = DueItemsModel()
    model.set_items([item(1, Urgency.OVERDUE, TODAY - timedelta(days=1)),
                     item(2, Urgency.DUE, TODAY),
                     item(3, Urgency.INFO, None, RecordKind.CLIENT)], TODAY)
    qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(model)
    assert model.index(0, DUE).data() == "Overdue · 9 Mar 2026"
    assert model.index(1, DUE).data() == "Due 10 Mar 2026"
    assert model.index(2, DUE).data() == ""
    assert model.index(0, 0).data(UrgencyRole) == "overdue"
    assert model.index(0, DUE).data(Qt.ItemDataRole.DecorationRole) is not None
    assert "Overdue" in model.index(0, 0).data(Qt.ItemDataRole.AccessibleTextRole)


def test_one_block_per_section_with_count_and_overdue_in_words(view: DashboardView) -> None:
    cards = {c.key: c for c in view.sections}
    assert set(cards) == {"test_reviews", "test_referrals"}
    reviews = cards["test_reviews"]
    assert reviews.title.text() == "Care-plan reviews"
    assert reviews.badge.text() == "2"
    assert reviews.badge.property("role") == "badge-overdue"
    assert reviews.model.rowCount() == 2
    due = reviews.model.index(0, DUE).data()
    assert due == "Overdue · 7 Mar 2026"
    assert cards["test_referrals"].empty.isVisibleTo(cards["test_referrals"])


def test_a_line_opens_the_record_it_names(qtbot, view: DashboardView) -> None:
    table = next(c for c in view.sections if c.key == "test_reviews").table
    table.setFocus()
    table.setCurrentIndex(table.model().index(1, 0))
    with qtbot.waitSignal(view.open_record) as opened:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert opened.args == [RecordRef(RecordKind.CARE_PLAN, 102, 2)]
    assert table.model().index(1, 0).data(RecordRefRole) == RecordRef(
        RecordKind.CARE_PLAN, 102, 2)


def test_right_click_on_a_line_offers_to_open_it_or_copy_the_record_number(
    qtbot, view: DashboardView
) -> None:
    table = next(c for c in view.sections if c.key == "test_reviews").table
    line = table.visualRect(table.model().index(1, 0)).center()
    right_click(table.viewport(), line)
    assert choose_from_menu(qtbot, "Copy") == ["&Open record", "&Copy record number"]
    assert QApplication.clipboard().text() == "DEMO-0002"
    right_click(table.viewport(), line)
    with qtbot.waitSignal(view.open_record) as opened:
        choose_from_menu(qtbot, "Open")
    assert opened.args == [RecordRef(RecordKind.CARE_PLAN, 102, 2)]

def test_mine_or_whole_clinic(qtbot, view: DashboardView, fake: FakeSources, app_ctx) -> None:
    # The administrator starts on the whole clinic.
    assert view.whole_clinic
    assert fake.asked[-1].staff_id is None
    with qtbot.waitSignal(view.loaded):
        view.mine.click()
    assert fake.asked[-1].staff_id == app_ctx.services.actor_id
    assert "What needs attention for" in view.subtitle.text()


def test_an_ot_starts_with_their_own_clients(qtbot, app_ctx, fake, ctx) -> None:
    ot = staff.create_staff(ctx, username="ot.kim", given_name="Min", family_name="Kim",
                            role="ot")
    app_ctx.services = ctx.acting_as(ot.id)
    app_ctx.staff_name = "Min Kim"
    widget = DashboardView(app_ctx)
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: bool(fake.asked) and bool(widget.sections))
    assert not widget.whole_clinic
    assert fake.asked[-1].staff_id == ot.id
    assert widget.subtitle.text() == "What needs attention for Min Kim"


def test_nothing_due(qtbot, app_ctx, fake: FakeSources) -> None:
    fake.reviews = []
    widget = DashboardView(app_ctx)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.loaded, timeout=10_000):
        widget.show()
    assert widget.message.isVisible()
    assert widget.message.text().startswith("Nothing due.")


def test_refreshes_when_records_change(qtbot, view: DashboardView, fake, app_ctx) -> None:
    fake.reviews = [*fake.reviews, item(3, Urgency.OVERDUE, TODAY - timedelta(days=30))]
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        app_ctx.events.publish(Changes.of(RecordKind.CARE_PLAN, 103, client_id=3))
    reviews = next(c for c in view.sections if c.key == "test_reviews")
    assert reviews.badge.text() == "3"


def test_real_sources_render(qtbot, app_ctx, sample_clients) -> None:
    widget = DashboardView(app_ctx)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.loaded, timeout=10_000):
        widget.show()
    keys = [s.key for s in dashboard.registered_sources()]
    assert [c.key for c in widget.sections] == keys or widget.message.isVisible()


def test_summary_buttons_jump_to_their_block(qtbot, view: DashboardView) -> None:
    chips = [view._chips.itemAt(i).widget() for i in range(view._chips.count())]
    assert [c.text() for c in chips] == ["Care-plan reviews  2"]  # empty blocks get none
    assert chips[0].property("role") == "chip-overdue"
    assert chips[0].accessibleName() == "Care-plan reviews: 2, go to the list"
    chips[0].click()
    reviews = next(c for c in view.sections if c.key == "test_reviews")
    assert reviews.table.currentIndex().row() == 0


def test_controls_are_named_for_screen_readers(view: DashboardView) -> None:
    for widget in (view.mine, view.clinic, view.refresh_button):
        assert widget.accessibleName()
    for card in view.sections:
        assert card.table.accessibleName() == card.title.text()
        assert card.badge.accessibleName().endswith(("item", "items"))
