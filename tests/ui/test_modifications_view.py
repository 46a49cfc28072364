"""The clinic-wide "Home modifications" page: open ones by default, filtered by owner, status
and overdue, with counts per status; double-click opens the client's record at the line."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from otdesk.domain.records import RecordKind
from otdesk.services import modifications
from otdesk.ui.client_record import ClientWorkspace
from otdesk.ui.modifications import ModificationsView
from otdesk.ui.modifications.view import ModificationsModel
from otdesk.ui.shell.main_window import MainWindow
from otdesk.ui.shell.navigation import MODIFICATIONS, client_key


@pytest.fixture
def recommended(ctx, sample_clients) -> dict[str, modifications.ModificationInfo]:
    """Four modifications of three clients: an overdue family one, a landlord's ordered one,
    a verified one and a declined one."""
    day = ctx.today()
    ana, ben, chloe = sample_clients[:3]
    made = {
        "labels": modifications.create_modification(
            ctx, client_id=ana.id, area="Kitchen", recommendation="Label the cupboards",
            owner="family", owner_name="Sister", due_date=day - timedelta(days=4)),
        "ramp": modifications.create_modification(
            ctx, client_id=ben.id, area="Entrance", recommendation="Ramp at the front step",
            owner="landlord", due_date=day + timedelta(days=20), estimated_cost_cents=45000),
        "rail": modifications.create_modification(
            ctx, client_id=chloe.id, area="Bathroom", recommendation="Grab rail",
            owner="landlord"),
        "mat": modifications.create_modification(
            ctx, client_id=chloe.id, area="Bathroom", recommendation="Non-slip mat",
            owner="client"),
    }
    ramp = made["ramp"]
    made["ramp"] = modifications.advance(ctx, modification_id=ramp.id,
                                         expected_version=ramp.version, status="ordered",
                                         on_date=day, who="Harbour Housing")
    rail = modifications.advance(ctx, modification_id=made["rail"].id,
                                 expected_version=made["rail"].version, status="installed",
                                 on_date=day)
    made["rail"] = modifications.advance(ctx, modification_id=rail.id,
                                         expected_version=rail.version, status="verified",
                                         on_date=day)
    made["mat"] = modifications.advance(ctx, modification_id=made["mat"].id,
                                        expected_version=made["mat"].version,
                                        status="declined", on_date=day)
    return made


def _shown(view: ModificationsView) -> list[str]:
    return [view.line_at(r).modification.recommendation for r in range(view.proxy.rowCount())]


def _wait(qtbot, view: ModificationsView, change) -> None:
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        change()


def test_model_passes_qtmodeltester(qtmodeltester, ctx, recommended) -> None:
    model = ModificationsModel()
    model.set_records(modifications.list_clinic(ctx, open_only=False).lines)
    qtmodeltester.check(model)


def test_filters_by_owner_status_and_overdue(qtbot, app_ctx, recommended) -> None:
    view = ModificationsView(app_ctx)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.proxy.rowCount() == 2, timeout=10_000)
    # Open ones only, the overdue first, its due date in words.
    assert _shown(view) == ["Label the cupboards", "Ramp at the front step"]
    due = view.proxy.index(0, ModificationsModel.DUE_COLUMN).data()
    assert due.startswith("Overdue · ")
    assert view.proxy.index(0, 4).data() == "Family (Sister)"
    assert view.proxy.index(1, 8).data() == "450.00"
    counts = view.counts.text()
    assert "Recommended: 1" in counts and "Ordered: 1" in counts and "Verified: 1" in counts
    assert "Overdue: 1" in counts

    _wait(qtbot, view, lambda: view.owner.setCurrentIndex(view.owner.findData("landlord")))
    assert _shown(view) == ["Ramp at the front step"]
    _wait(qtbot, view, lambda: view.status.setCurrentIndex(view.status.findData("verified")))
    assert _shown(view) == ["Grab rail"]
    _wait(qtbot, view, lambda: view.status.setCurrentIndex(view.status.findData("all")))
    assert sorted(_shown(view)) == ["Grab rail", "Ramp at the front step"]
    _wait(qtbot, view, lambda: view.owner.setCurrentIndex(0))
    assert len(_shown(view)) == 4
    _wait(qtbot, view, lambda: view.overdue.setChecked(True))
    assert _shown(view) == ["Label the cupboards"]
    _wait(qtbot, view, lambda: view.owner.setCurrentIndex(view.owner.findData("contractor")))
    assert view.table.isHidden() and "No home modifications match" in view.empty.text()


def test_refreshes_when_a_modification_moves(qtbot, app_ctx, recommended) -> None:
    view = ModificationsView(app_ctx)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.proxy.rowCount() == 2, timeout=10_000)
    ramp = recommended["ramp"]
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        modifications.advance(app_ctx.services, modification_id=ramp.id,
                              expected_version=ramp.version, status="installed",
                              on_date=app_ctx.services.today())
    assert _shown(view) == ["Label the cupboards"]


def test_double_click_opens_the_clients_record_at_the_modification(
    qtbot, app_ctx, sample_clients, recommended, monkeypatch
) -> None:
    for name in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, **k: QMessageBox.StandardButton.Discard)
    shown: list[tuple[str, int]] = []
    monkeypatch.setattr(ClientWorkspace, "show_record",
                        lambda self, entity, rid: shown.append((entity, rid)))
    window = MainWindow.for_session(app_ctx)
    qtbot.addWidget(window)
    window.show()
    window.show_page(MODIFICATIONS)
    view = window.modifications
    qtbot.waitUntil(lambda: view.proxy.rowCount() == 2, timeout=10_000)
    row = 1  # the ramp, Ben's
    rect = view.table.visualRect(view.proxy.index(row, 0))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    ben = sample_clients[1]
    assert window.current_key() == client_key(ben.id)
    assert shown == [(RecordKind.HOME_MODIFICATION, recommended["ramp"].id)]


def test_a_lines_details_are_edited_from_the_page(qtbot, app_ctx, recommended) -> None:
    view = ModificationsView(app_ctx)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.proxy.rowCount() == 2, timeout=10_000)
    assert view.edit_dialog() is None  # nothing selected yet
    row = _shown(view).index("Ramp at the front step")
    view.table.selectRow(row)
    dialog = view.edit_dialog()
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.cost.text() == "450.00"
    dialog.cost.setText("1.234,50")
    dialog.funding_source.setText("Landlord's repair budget")
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        assert dialog.save()
    ramp = modifications.get_modification(app_ctx.services, modification_id=recommended[
        "ramp"].id)
    assert (ramp.estimated_cost_cents, ramp.funding_source) == (123450, "Landlord's repair budget")
    line = view.line_at(_shown(view).index("Ramp at the front step"))
    assert line.modification.estimated_cost_cents == 123450
