"""The settings dialog: clinic letterhead and intervals, field errors, conflicts, text size."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMessageBox

from otdesk.services import battery
from otdesk.services import settings as clinic_settings
from otdesk.ui.dialogs.settings_dialog import SettingsDialog
from otdesk.ui.parts.icons import icon_path
from otdesk.ui.parts.style import apply_font_size
from otdesk.ui.shell.app_context import AppContext


@pytest.fixture
def dialog(qtbot, app_ctx: AppContext, qapp: QApplication) -> Iterator[SettingsDialog]:
    size = qapp.font().pointSize()
    widget = SettingsDialog(app_ctx)
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    apply_font_size(qapp, size)


def test_saves_the_clinic_settings(qtbot, dialog: SettingsDialog, app_ctx, ctx) -> None:
    dialog.name_edit.clear()
    qtbot.keyClicks(dialog.name_edit, "Riverside Community Mental Health")
    dialog.address_edit.setPlainText("1 River Road\nSampletown")
    dialog.review_spin.setValue(60)
    dialog.handout_combo.setCurrentIndex(dialog.handout_combo.findData("es"))
    dialog.date_order_combo.setCurrentIndex(dialog.date_order_combo.findData("dmy"))
    with qtbot.waitSignal(app_ctx.events.settings_changed):
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    info = clinic_settings.get_clinic(ctx)
    assert info.name == "Riverside Community Mental Health"
    assert info.address == "1 River Road\nSampletown"
    assert info.care_plan_review_days == 60
    assert info.handout_language == "es"
    assert info.date_order == "dmy"


def test_a_refused_field_is_explained_beside_it(qtbot, dialog: SettingsDialog, ctx) -> None:
    dialog.handout_combo.setEditText("not a language")
    dialog.save()
    assert dialog.isVisible()
    error = dialog.errors["handout_language"]
    assert error.isVisible()
    assert "not a language code" in error.text()
    assert dialog.tabs.currentIndex() == 1  # the page holding the field is shown
    assert dialog.banner.isVisible()
    assert clinic_settings.get_clinic(ctx).handout_language == "en"
    dialog.handout_combo.setCurrentIndex(dialog.handout_combo.findData("fr"))
    dialog.save()
    assert not error.isVisible()
    assert clinic_settings.get_clinic(ctx).handout_language == "fr"


def test_someone_else_saved_first(qtbot, dialog: SettingsDialog, ctx, monkeypatch) -> None:
    theirs = clinic_settings.get_clinic(ctx)
    clinic_settings.update_clinic(ctx, expected_version=theirs.version, phone="555-0199")
    asked: list[str] = []

    def answer(parent, title, text, *args):
        asked.append(text)
        return QMessageBox.StandardButton.Reset

    monkeypatch.setattr(QMessageBox, "warning", answer)
    dialog.phone_edit.setText("555-0123")
    dialog.save()
    assert asked and "your changes were not saved" in asked[0]
    assert dialog.isVisible()
    assert dialog.phone_edit.text() == "555-0199"  # their settings, reloaded
    assert clinic_settings.get_clinic(ctx).phone == "555-0199"
    dialog.phone_edit.setText("555-0123")
    dialog.save()
    assert clinic_settings.get_clinic(ctx).phone == "555-0123"


def test_font_size_applies_live_and_cancel_restores_it(qtbot, dialog, app_ctx, qapp) -> None:
    before = qapp.font().pointSize()
    saved = app_ctx.settings.font_point_size
    dialog.tabs.setCurrentIndex(2)
    dialog.font_spin.setValue(before + 4)
    assert qapp.font().pointSize() == before + 4
    dialog.reject()
    assert qapp.font().pointSize() == before
    assert app_ctx.settings.font_point_size == saved  # nothing stored


def test_font_size_and_language_are_saved_for_this_computer(qtbot, dialog, app_ctx, qapp):
    dialog.font_spin.setValue(14)
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("es"))
    dialog.save()
    assert app_ctx.settings.font_point_size == 14
    assert app_ctx.settings.language == "es"
    assert qapp.font().pointSize() == 14


def test_logo_file_picker_and_preview(qtbot, dialog: SettingsDialog, monkeypatch, ctx) -> None:
    logo = icon_path("app")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (logo, ""))
    dialog.logo_button.click()
    assert dialog.logo_edit.text() == logo
    assert not dialog.logo_preview.pixmap().isNull()
    dialog.save()
    assert clinic_settings.get_clinic(ctx).logo_path == logo


def test_every_field_has_a_label_buddy_and_a_name(dialog: SettingsDialog) -> None:
    buddies = {label.buddy() for label in dialog.findChildren(QLabel) if label.buddy()}
    for name, widget in dialog.fields.items():
        assert widget in buddies, name
        assert widget.accessibleName(), name


def test_the_language_setting_offers_english_spanish_and_french_by_their_own_names(
    dialog: SettingsDialog, app_ctx
) -> None:
    combo = dialog.language_combo
    offered = {combo.itemData(i): combo.itemText(i) for i in range(combo.count())}
    assert offered == {"en": "English", "es": "Español", "fr": "Français"}
    combo.setCurrentIndex(combo.findData("fr"))
    dialog.save()
    assert app_ctx.settings.language == "fr"


def test_the_spanish_catalogue_switches_the_interface(qtbot, app_ctx, spanish) -> None:
    from otdesk.domain.translation import _
    from otdesk.ui.shell.main_window import MainWindow

    assert _("Caseload") == "Casos"
    window = MainWindow.for_session(app_ctx)
    qtbot.addWidget(window)
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&Archivo", "&Editar", "&Ver", "A&yuda"]
    assert window.caseload.search.accessibleName() == "Buscar"


def test_the_battery_page_saves_the_clinics_battery(qtbot, app_ctx, ctx) -> None:
    battery.set_battery(ctx, entries=[("discharge-readiness", 90), ("client-priorities", 90)])
    dialog = SettingsDialog(app_ctx)
    qtbot.addWidget(dialog)
    page = dialog.battery_page
    assert page.entries() == [("discharge-readiness", 90), ("client-priorities", 90)]
    assert page.choice.findData("discharge-readiness") < 0  # already in the battery
    page.choice.setCurrentIndex(page.choice.findData("caregiver-check-in"))
    page.add_button.click()
    page.table.cellWidget(page.row_of("caregiver-check-in"), 1).setValue(180)
    page.table.selectRow(page.row_of("caregiver-check-in"))
    page.up_button.click()
    page.table.selectRow(page.row_of("discharge-readiness"))
    page.remove_button.click()
    dialog.save()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert [(e.definition_id, e.repeat_days) for e in battery.list_battery(ctx)] == [
        ("caregiver-check-in", 180), ("client-priorities", 90)]


def test_a_refused_battery_row_is_named(qtbot, app_ctx, ctx, monkeypatch) -> None:
    battery.set_battery(ctx, entries=[("discharge-readiness", 90)])
    dialog = SettingsDialog(app_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    page = dialog.battery_page
    page.choice.setCurrentIndex(page.choice.findData("client-priorities"))
    page.add_button.click()
    # The definition vanishes from the library between opening the dialog and saving.
    known = battery.library()
    monkeypatch.setattr(battery, "library", lambda: type(known)(
        [d for d in known.all() if d.id != "client-priorities"]))
    dialog.save()
    assert dialog.isVisible()
    assert dialog.tabs.currentWidget() is page
    assert page.message.isVisible()
    assert "Row 2" in page.message.text()
    assert "client-priorities" in page.message.text()
    assert [e.definition_id for e in battery.list_battery(ctx)] == ["discharge-readiness"]
