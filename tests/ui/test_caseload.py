"""The caseload screen and its model, driven through the real widgets."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from otdesk.services import clients
from otdesk.services.clients import ClientDetail
from otdesk.services.summaries import CaseloadFilter, StaffMember
from otdesk.ui.caseload import CaseloadModel, CaseloadView
from otdesk.ui.caseload.model import (
    NAME,
    RECORD_NUMBER,
    STATUS,
    ClientIdRole,
    StatusRole,
    SummaryRole,
)
from otdesk.ui.shell.app_context import AppContext

from .menus import choose_from_menu, right_click


def loaded(view: CaseloadView) -> bool:
    """True once the search typed so far has been answered."""
    return not view._debounce.isActive() and not view.model.busy


@pytest.fixture
def view(qtbot, app_ctx: AppContext, sample_clients: list[ClientDetail]) -> CaseloadView:
    widget = CaseloadView(app_ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    qtbot.waitUntil(lambda: loaded(widget))
    return widget


def names(view: CaseloadView) -> list[str]:
    model = view.model
    return [model.index(r, NAME).data() for r in range(model.rowCount())]


def test_model_passes_qtmodeltester(qtmodeltester, app_ctx, sample_clients) -> None:
    model = CaseloadModel(app_ctx, background=False)
    model.refresh()
    assert model.rowCount() == 6
    qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(model)


def test_search_over_the_whole_list_keeps_its_order(app_ctx, add_clients, monkeypatch) -> None:
    # With the whole list in hand, a typed search narrows it instead of searching and
    # sorting again: the clients and their order must be what a fresh search gives.
    from otdesk.services import caseload

    add_clients(30, prefix="ALPHA")
    add_clients(20, prefix="BETA")
    model = CaseloadModel(app_ctx, background=False)
    model.sort(NAME, Qt.SortOrder.DescendingOrder)
    model.refresh()
    assert model.rowCount() == 50

    def no_ordered_search(*args: object, **kwargs: object) -> list[int]:
        raise AssertionError("searched and sorted again")

    for text in ("b", "alpha", "given1", "beta given1"):
        expected = caseload.find_ids(app_ctx.services, where=CaseloadFilter(text=text),
                                     descending=True)
        with monkeypatch.context() as patch:
            patch.setattr(caseload, "find_ids", no_ordered_search)
            model.set_filter(CaseloadFilter(text=text))
        shown = [model.client_id(r) for r in range(model.rowCount())]
        assert shown == expected and shown
        model.set_filter(CaseloadFilter())


def test_model_roles_and_service_sorting(app_ctx, sample_clients) -> None:
    model = CaseloadModel(app_ctx, background=False)
    model.refresh()
    first = model.index(0, NAME)
    assert first.data() == "García, Ana"
    assert first.data(ClientIdRole) == sample_clients[0].id
    assert first.data(SummaryRole).record_number == "DEMO-0001"
    assert model.index(0, STATUS).data(StatusRole) == "active"
    model.sort(RECORD_NUMBER, Qt.SortOrder.DescendingOrder)
    assert model.index(0, RECORD_NUMBER).data() == "DEMO-0006"
    model.set_filter(CaseloadFilter(text="smith"))
    assert [model.index(r, RECORD_NUMBER).data() for r in range(2)] == ["DEMO-0004", "DEMO-0003"]


def test_row_cache_stays_bounded(app_ctx, add_clients: Callable[..., list[int]], monkeypatch):
    add_clients(120)
    monkeypatch.setattr(CaseloadModel, "BATCH", 10)
    monkeypatch.setattr(CaseloadModel, "CACHE_ROWS", 30)
    model = CaseloadModel(app_ctx, background=False)
    model.refresh()
    assert model.rowCount() == 120
    for row in range(0, 120, 7):
        assert model.index(row, RECORD_NUMBER).data() == f"BULK-{row:05d}"
        assert model.cached_rows <= 30


def test_shows_every_client_with_a_count(view: CaseloadView) -> None:
    assert view.model.rowCount() == 6
    assert view.count_label.text() == "6 clients"
    assert not view.empty_state.isVisible()


def test_search_as_you_type(qtbot, view: CaseloadView) -> None:
    qtbot.keyClicks(view.search, "smi")
    qtbot.waitUntil(lambda: loaded(view) and view.model.rowCount() == 2)
    assert names(view) == ["Smith, Chloé", "Smithers, David"]
    assert view.count_label.text() == "2 clients of 6"
    view.search.clear()
    qtbot.keyClicks(view.search, "1990-01-30")
    qtbot.waitUntil(lambda: loaded(view) and view.model.rowCount() == 1)
    assert names(view) == ["Smith, Chloé"]
    view.search.clear()
    qtbot.keyClicks(view.search, "demo-0005")
    qtbot.waitUntil(lambda: loaded(view) and view.model.rowCount() == 1)
    assert names(view) == ["Park, Eun-ji"]


def test_no_match_says_so(qtbot, view: CaseloadView) -> None:
    qtbot.keyClicks(view.search, "smith zz")
    qtbot.waitUntil(lambda: loaded(view) and view.model.rowCount() == 0)
    assert view.empty_state.isVisible()
    assert view.empty_state.text() == "No clients match 'smith zz'."
    assert view.count_label.text() == "0 clients of 6"


def test_empty_clinic_invites_an_import(qtbot, app_ctx: AppContext) -> None:
    widget = CaseloadView(app_ctx)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: loaded(widget))
    assert widget.empty_state.isVisible()
    assert "No clients yet" in widget.empty_state.text()
    # Setting up: bringing in the clinic's list is one click away, beside New client.
    button = widget.import_button
    assert button is not None and button.isVisible()
    with qtbot.waitSignal(widget.import_requested):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    # Once the clinic has clients, the button goes (the File menu keeps Import).
    clients.create_client(app_ctx.services, record_number="N-1", given_name="Ana",
                                 family_name="Lee", date_of_birth="1990-01-01",
                                 preferred_language="en", status="active")  # fmt: skip
    qtbot.waitUntil(lambda: not button.isVisible())


def test_a_clinic_with_clients_is_not_offered_an_import_button(view: CaseloadView) -> None:
    assert view.import_button is None or not view.import_button.isVisible()


def test_filters(qtbot, view: CaseloadView, therapist: StaffMember) -> None:
    view._status_actions[next(iter(view._status_actions))].setChecked(True)  # referred
    qtbot.waitUntil(lambda: loaded(view) and view.model.rowCount() == 1)
    assert names(view) == ["Smithers, David"]
    assert view.status_button.text() == "Referred"
    view.clear_filters()
    qtbot.waitUntil(lambda: loaded(view) and view.model.rowCount() == 6)

    view.ot_combo.setCurrentIndex(view.ot_combo.findData(therapist.id))
    qtbot.waitUntil(lambda: loaded(view) and view.model.rowCount() == 3)
    view.ot_combo.setCurrentIndex(view.ot_combo.findData("unassigned"))
    qtbot.waitUntil(lambda: loaded(view) and view.model.rowCount() == 3)
    assert "Park, Eun-ji" in names(view)
    view.ot_combo.setCurrentIndex(view.ot_combo.findData("mine"))  # the administrator's: none
    qtbot.waitUntil(lambda: loaded(view) and view.model.rowCount() == 0)
    assert view.empty_state.text() == "No clients match these filters."
    view.ot_combo.setCurrentIndex(0)

    view.priority_combo.setCurrentIndex(view.priority_combo.findData("urgent"))
    qtbot.waitUntil(lambda: loaded(view) and view.model.rowCount() == 1)
    assert names(view) == ["García, Ana"]
    view.clear_filters()
    view.review_due.setChecked(True)  # no care plans yet: nobody is due
    qtbot.waitUntil(lambda: loaded(view) and view.model.rowCount() == 0)


def test_sort_by_clicking_the_header(qtbot, view: CaseloadView) -> None:
    header = view.table.horizontalHeader()
    header.setSortIndicator(RECORD_NUMBER, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: loaded(view))
    assert view.model.index(0, RECORD_NUMBER).data() == "DEMO-0006"
    header.setSortIndicator(NAME, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: loaded(view))
    assert names(view)[0] == "García, Ana"


def test_enter_opens_the_client(qtbot, view: CaseloadView, sample_clients) -> None:
    view.table.setFocus()
    view.table.selectRow(1)
    expected = view.model.index(1, 0).data(ClientIdRole)
    with qtbot.waitSignal(view.open_client) as opened:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert opened.args == [expected]


def test_enter_in_search_opens_the_only_match(qtbot, view, sample_clients) -> None:
    view.search.setFocus()
    qtbot.keyClicks(view.search, "okafor")
    with qtbot.waitSignal(view.open_client) as opened:
        qtbot.keyClick(view.search, Qt.Key.Key_Return)
    assert opened.args == [sample_clients[1].id]


def test_down_arrow_moves_from_search_to_results(qtbot, view) -> None:
    view.search.setFocus()
    qtbot.keyClick(view.search, Qt.Key.Key_Down)
    assert view.table.hasFocus() or QApplication.focusWidget() is view.table
    assert view.table.currentIndex().row() == 0


def test_refreshes_on_records_changed_and_keeps_selection(
    qtbot, view: CaseloadView, app_ctx: AppContext, ctx, sample_clients
) -> None:
    view.table.selectRow(2)
    chosen = view.selected_client_id()
    clients.create_client(  # another screen: the service announces the change
        app_ctx.services, record_number="DEMO-0100", given_name="Aaron", family_name="Abbott",
        date_of_birth="1980-02-02", preferred_language="en", status="active",
    )
    qtbot.waitUntil(lambda: loaded(view) and view.model.rowCount() == 7)
    assert names(view)[0] == "Abbott, Aaron"
    assert view.selected_client_id() == chosen
    detail = clients.get_client(ctx, client_id=sample_clients[1].id)
    clients.update_client(app_ctx.services, client_id=detail.id, expected_version=detail.version,
                          family_name="Okafor-Jones")
    qtbot.waitUntil(lambda: loaded(view) and "Okafor-Jones, Ben" in names(view))


def test_every_control_is_named_for_screen_readers(view: CaseloadView) -> None:
    for widget in (view.search, view.status_button, view.ot_combo, view.priority_combo,
                   view.review_due, view.clear_button, view.table, view.new_button):
        assert widget.accessibleName(), widget


def test_tab_order_follows_the_screen(qtbot, view: CaseloadView) -> None:
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.search.setFocus()
    seen = []
    for _ in range(7):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert seen == [view.status_button, view.ot_combo, view.priority_combo, view.review_due,
                    view.clear_button, view.table, view.new_button]


def test_right_click_on_a_client_offers_to_open_it_or_copy_its_number(
    qtbot, view: CaseloadView
) -> None:
    row_centre = view.table.visualRect(view.model.index(2, 0)).center()
    right_click(view.table.viewport(), row_centre)
    assert choose_from_menu(qtbot, "Copy") == ["&Open record", "&Copy record number"]
    assert view.table.currentIndex().row() == 2  # the row clicked is the one selected
    line = view.model.summary(2)
    assert line is not None and QApplication.clipboard().text() == line.record_number
    right_click(view.table.viewport(), row_centre)
    with qtbot.waitSignal(view.open_client) as opened:
        choose_from_menu(qtbot, "Open")
    assert opened.args == [line.id]
    # The menu key (or a click below the rows) offers the menu of the current row.
    view.table.selectRow(3)
    right_click(view.table.viewport(), QPoint(5, view.table.viewport().height() - 2))
    choose_from_menu(qtbot, "Copy")
    fourth = view.model.summary(3)
    assert fourth is not None and QApplication.clipboard().text() == fourth.record_number
