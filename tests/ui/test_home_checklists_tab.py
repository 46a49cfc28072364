"""The Home checklists tab: a visit answered room by room, a hazard's recommendation turned
into a modification (edited first) and moved to "installed" with who and when; a final
checklist is read-only."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from otdesk.domain.records import RecordKind
from otdesk.domain.vocab import ModificationStatus
from otdesk.services import checklists, modifications
from otdesk.services.clients import ClientDetail
from otdesk.ui.client_record import ClientWorkspace
from otdesk.ui.client_record.tabs.home_checklists import HomeChecklistsTab


@pytest.fixture
def boxes(monkeypatch) -> list[str]:
    """Message boxes patched: what they would have said."""
    said: list[str] = []
    for name in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda _p, _t, text, *a, **k: (
            said.append(text), QMessageBox.StandardButton.Ok)[1])
    return said


@pytest.fixture
def tab_of(qtbot, app_ctx) -> Callable[[int], HomeChecklistsTab]:
    def make(client_id: int) -> HomeChecklistsTab:
        w = ClientWorkspace(app_ctx, client_id)
        qtbot.addWidget(w)
        w.resize(1400, 900)
        w.show()
        tab = w.tab("home_checklists")
        assert isinstance(tab, HomeChecklistsTab)
        w.show_tab(tab)
        return tab

    return make


def test_a_hazard_becomes_a_modification_and_is_installed(
    qtbot, tab_of, make_client: Callable[..., ClientDetail], boxes: list[Any], ctx
) -> None:
    client = make_client()
    tab = tab_of(client.id)
    tab.definitions.setCurrentIndex(tab.definitions.findData("home-environment"))
    tab.start_button.click()
    assert tab.checklist_model.rowCount() == 1
    editor = tab.editor
    assert editor.isEnabled() and editor.info is not None
    assert editor.areas.item(1).text() == "Entrance and outside"
    editor.areas.setCurrentRow(1)  # room by room: the entrance
    steps = editor.combos["entrance_steps"]
    assert steps.accessibleName().startswith("Steps")
    steps.setCurrentIndex(steps.findData("hazard"))
    # The hazard offers its recommendation at once, as a row to edit.
    assert editor.recommendations.count() == 1
    assert editor.rec_text.text().startswith("Repair the steps")
    assert editor.rec_owner.currentData() == "landlord"
    editor.rec_owner_name.setText("Harbour Housing")
    editor.add_button.click()
    assert boxes == []
    assert "(added)" in editor.recommendations.item(0).text()
    assert not editor.add_button.isEnabled()
    assert tab.modification_model.rowCount() == 1
    made = tab.modification_model.record(0)
    assert (made.owner_name, made.status) == ("Harbour Housing", ModificationStatus.RECOMMENDED)
    assert made.checklist_id == editor.info.id
    assert checklists.get_checklist(ctx, checklist_id=editor.info.id).answers[
        "entrance_steps"].code == "hazard"  # saved as a draft before the modification

    tab.modification_table.selectRow(0)
    panel = tab.panel
    assert panel.isEnabled() and panel.history.count() == 1
    panel.choose("installed")
    panel.who.setText("Contractor")
    panel.note.setText("New rail fitted")
    panel.record_button.click()
    assert boxes == []
    now = modifications.get_modification(ctx, modification_id=made.id)
    assert now.status is ModificationStatus.INSTALLED and now.completed_on == ctx.today()
    assert tab.modification_model.record(0).status is ModificationStatus.INSTALLED
    assert panel.history.count() == 2 and "Contractor" in panel.history.item(1).text()
    assert [panel.status.itemData(i) for i in range(panel.status.count())] == ["verified"]


def test_finalising_asks_for_required_items_then_locks_the_answers(
    qtbot, tab_of, make_client: Callable[..., ClientDetail], boxes: list[Any], ctx
) -> None:
    client = make_client()
    started = checklists.start_checklist(ctx, client_id=client.id,
                                         definition_id="home-environment")
    tab = tab_of(client.id)
    tab.show_record(RecordKind.CHECKLIST, started.id)
    editor = tab.editor
    editor.finalise_button.click()
    assert boxes and "still to answer" in boxes[0]
    editor.areas.setCurrentRow(0)
    risk = editor.combos["risk_check"]
    risk.setCurrentIndex(risk.findData("no"))
    editor.finalise_button.click()
    assert len(boxes) == 1
    assert editor.state.text() == "Final: read-only"
    assert not editor.save_button.isEnabled()
    assert not editor.combos["risk_check"].isEnabled()
    assert checklists.get_checklist(ctx, checklist_id=started.id).is_final
    assert tab.checklist_model.record(0).status.value == "final"


def test_a_modifications_details_are_edited_in_a_dialog(
    qtbot, tab_of, make_client: Callable[..., ClientDetail], boxes: list[Any], ctx, monkeypatch
) -> None:
    client = make_client()
    made = modifications.create_modification(
        ctx, client_id=client.id, recommendation="Fit a grab rail by the bath", owner="client",
        estimated_cost_cents=4500)
    tab = tab_of(client.id)
    # The first modification is shown (and can be edited) as soon as the tab opens.
    assert tab.panel.info is not None and tab.panel.info.id == made.id
    assert tab.edit_button.isEnabled()
    dialog = tab.edit_dialog()
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.cost.text() == "45.00"
    dialog.cost.setText("banana")
    assert not dialog.save()
    assert dialog.errors["estimated_cost_cents"].isVisible()
    assert "amount of money" in dialog.errors["estimated_cost_cents"].text()
    assert modifications.get_modification(ctx, modification_id=made.id).version == made.version

    dialog.cost.setText("1234,50")
    dialog.funding_source.setText("Home adaptations grant (fictional)")
    dialog.notes.setPlainText("Landlord agreed by phone")
    assert dialog.save()
    now = modifications.get_modification(ctx, modification_id=made.id)
    assert (now.estimated_cost_cents, now.funding_source, now.notes) == (
        123450, "Home adaptations grant (fictional)", "Landlord agreed by phone")
    assert now.recommendation == "Fit a grab rail by the bath"  # unchanged fields kept


def test_editing_a_modification_someone_changed_asks_first(
    qtbot, tab_of, make_client: Callable[..., ClientDetail], ctx, monkeypatch
) -> None:
    from otdesk.ui.editing import conflict_dialog
    from otdesk.ui.editing.conflict_dialog import ConflictChoice

    client = make_client()
    made = modifications.create_modification(
        ctx, client_id=client.id, recommendation="Lower the kitchen shelf", owner="client")
    tab = tab_of(client.id)
    tab.modification_table.selectRow(0)
    dialog = tab.edit_dialog()
    assert dialog is not None
    qtbot.addWidget(dialog)
    modifications.update_modification(ctx, modification_id=made.id,
                                      expected_version=made.version, notes="Theirs")
    asked: list[Any] = []
    monkeypatch.setattr(conflict_dialog, "ask_conflict", lambda *_a, **k: (
        asked.append(k["differences"]), ConflictChoice.KEEP_MINE)[1])
    dialog.cost.setText("80.00")
    assert not dialog.save()
    assert asked == [[("Estimated cost", "80.00", "")]]
    assert dialog.notes.toPlainText() == "Theirs"  # their change shown, mine kept on top
    assert dialog.save()
    now = modifications.get_modification(ctx, modification_id=made.id)
    assert (now.notes, now.estimated_cost_cents) == ("Theirs", 8000)
