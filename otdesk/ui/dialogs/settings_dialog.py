"""Settings: the clinic's letterhead, intervals and battery (shared, in the database) and this
workstation's preferences (interface language and text size, in the typed UiSettings)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from otdesk.domain.errors import ConflictError, ValidationError
from otdesk.domain.fields import CLINIC_FIELDS
from otdesk.domain.translation import _
from otdesk.domain.vocab import DateOrder
from otdesk.services import settings as clinic_settings
from otdesk.services.settings import ClinicInfo
from otdesk.ui.dialogs.battery_page import BatteryPage
from otdesk.ui.parts.style import FIELD_SPACING, MARGIN, SPACING, apply_font_size, set_role
from otdesk.ui.parts.widgets import FieldError, buddy_label, reason_text
from otdesk.ui.shell.app_context import AppContext
from otdesk.ui.shell.i18n import interface_languages
from otdesk.ui.shell.settings_store import UiSettings

# Languages a clinic commonly prints handouts in (any BCP 47 code may be typed).
HANDOUT_LANGUAGES = (
    ("en", "English"), ("es", "Español"), ("fr", "Français"), ("pt", "Português"),
    ("zh", "中文"), ("vi", "Tiếng Việt"), ("ar", "العربية"), ("ko", "한국어"),
    ("ru", "Русский"), ("ht", "Kreyòl ayisyen"), ("tl", "Tagalog"), ("pl", "Polski"),
)
TEXT_FIELDS = ("name", "address", "phone", "letterhead_text", "logo_path")
DAY_FIELDS = ("care_plan_review_days", "reassessment_days", "unsigned_note_hours")


class SettingsDialog(QDialog):
    """Clinic letterhead, review intervals, handout language, battery, interface language and
    text size."""

    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._info: ClinicInfo = clinic_settings.get_clinic(app.services)
        self._original_font = QApplication.font().pointSize()  # what Cancel goes back to
        self.setWindowTitle(_("Settings"))
        self.setMinimumWidth(700)
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, FieldError] = {}
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._clinic_page(), _("Clinic"))
        self.tabs.addTab(self._intervals_page(), _("Reviews and handouts"))
        self.battery_page = BatteryPage(app.services, self)
        self.tabs.addTab(self.battery_page, _("Battery"))
        self.tabs.addTab(self._workstation_page(), _("This computer"))
        self.banner = QLabel(self)
        set_role(self.banner, "banner-error")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(MARGIN)
        layout.addWidget(self.tabs)
        layout.addWidget(self.banner)
        layout.addWidget(self.buttons)
        self._load(self._info)

    # -- pages ----------------------------------------------------------------------------

    def _form(self) -> tuple[QWidget, QFormLayout]:
        page = QWidget(self)
        form = QFormLayout(page)
        form.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        form.setVerticalSpacing(FIELD_SPACING)
        form.setHorizontalSpacing(MARGIN)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        return page, form

    def _row(self, form: QFormLayout, name: str, label: str, widget: QWidget,
             extra: QWidget | None = None) -> None:
        holder = QWidget(self)
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(SPACING // 2)
        box.addWidget(extra if extra is not None else widget)
        error = FieldError(holder)
        box.addWidget(error)
        self.fields[name] = widget
        self.errors[name] = error
        form.addRow(buddy_label(label, widget, self), holder)

    def _clinic_page(self) -> QWidget:
        page, form = self._form()
        self.name_edit = QLineEdit(self)
        self.address_edit = QPlainTextEdit(self)
        self.address_edit.setTabChangesFocus(True)
        self.address_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        self.phone_edit = QLineEdit(self)
        self.letterhead_edit = QPlainTextEdit(self)
        self.letterhead_edit.setTabChangesFocus(True)
        self.letterhead_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 6)
        self.letterhead_edit.setPlaceholderText(
            _("A line printed under the clinic's name, e.g. its funding body"))
        self.logo_edit = QLineEdit(self)
        self.logo_edit.setPlaceholderText(_("No logo"))
        self.logo_edit.textChanged.connect(self._update_logo_preview)
        self.logo_button = QPushButton(_("C&hoose…"), self)
        self.logo_button.setAccessibleName(_("Choose the logo file"))
        self.logo_button.clicked.connect(self.choose_logo)
        self.logo_preview = QLabel(self)
        self.logo_preview.setFixedSize(120, 64)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_preview.setFrameShape(QFrame.Shape.StyledPanel)
        set_role(self.logo_preview, "muted")
        self.logo_preview.setAccessibleName(_("Logo preview"))
        logo_row = QWidget(self)
        row = QHBoxLayout(logo_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(SPACING)
        row.addWidget(self.logo_edit, 1)
        row.addWidget(self.logo_button)
        row.addWidget(self.logo_preview)
        self._row(form, "name", _("Clinic &name:"), self.name_edit)
        self._row(form, "address", _("&Address:"), self.address_edit)
        self._row(form, "phone", _("&Phone:"), self.phone_edit)
        self._row(form, "letterhead_text", _("&Letterhead text:"), self.letterhead_edit)
        self._row(form, "logo_path", _("L&ogo file:"), self.logo_edit, logo_row)
        self.date_order_combo = QComboBox(self)
        self.date_order_combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        for order in DateOrder:
            self.date_order_combo.addItem(order.label, order.value)
        self._row(form, "date_order", _("&Dates written as:"), self.date_order_combo)
        note = QLabel(_("Dates in imported client lists are read in this order as well as "
                        "YYYY-MM-DD."), self)
        note.setWordWrap(True)
        set_role(note, "muted")
        form.addRow(note)
        return page

    def _spin(self, name: str, suffix: str) -> QSpinBox:
        spec = CLINIC_FIELDS[name]
        spin = QSpinBox(self)
        spin.setRange(spec.minimum or 0, spec.maximum or 10_000)
        spin.setSuffix(suffix)
        spin.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        spin.setFixedWidth(6 * SPACING + self.fontMetrics().horizontalAdvance("0000 hours"))
        return spin

    def _intervals_page(self) -> QWidget:
        page, form = self._form()
        days, hours = _(" days"), _(" hours")
        self.review_spin = self._spin("care_plan_review_days", days)
        self.reassess_spin = self._spin("reassessment_days", days)
        self.unsigned_spin = self._spin("unsigned_note_hours", hours)
        self.handout_combo = QComboBox(self)
        self.handout_combo.setEditable(True)
        self.handout_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.handout_combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.handout_combo.setMinimumContentsLength(22)
        for code, name in HANDOUT_LANGUAGES:
            self.handout_combo.addItem(f"{name} ({code})", code)
        self._row(form, "care_plan_review_days", _("Care-plan &review every:"),
                  self.review_spin)
        self._row(form, "reassessment_days", _("R&eassess every:"), self.reassess_spin)
        self._row(form, "unsigned_note_hours", _("Flag &unsigned notes after:"),
                  self.unsigned_spin)
        self._row(form, "handout_language", _("&Handout language:"), self.handout_combo)
        note = QLabel(_(
            "Care plans fall due for review, and clients for reassessment, this long after the "
            "last one; family-session notes left unsigned longer than this are flagged on the "
            "dashboard. Family handouts print in the handout language unless the family's own "
            "language is set."), self)
        note.setWordWrap(True)
        set_role(note, "muted")
        form.addRow(note)
        return page

    def _workstation_page(self) -> QWidget:
        page, form = self._form()
        self.language_combo = QComboBox(self)
        for code, name in interface_languages():
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(
            max(self.language_combo.findData(self._app.settings.language), 0))
        self.font_spin = QSpinBox(self)
        self.font_spin.setRange(UiSettings.MIN_FONT_SIZE, UiSettings.MAX_FONT_SIZE)
        self.font_spin.setSuffix(_(" pt"))
        self.font_spin.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.font_spin.setMinimumWidth(8 * SPACING + self.fontMetrics().horizontalAdvance("00 pt"))
        self.language_combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.language_combo.setMinimumContentsLength(16)
        self.font_spin.setValue(self._app.settings.font_point_size)
        self.font_spin.valueChanged.connect(self._preview_font)
        note = QLabel(_("These choices apply to this computer only. A new interface "
                        "language is used the next time otdesk starts."), self)
        note.setWordWrap(True)
        set_role(note, "muted")
        self._row(form, "language", _("&Interface language:"), self.language_combo)
        self._row(form, "font_size", _("&Text size:"), self.font_spin)
        form.addRow(note)
        return page

    # -- values ---------------------------------------------------------------------------

    def _load(self, info: ClinicInfo) -> None:
        self._info = info
        self.name_edit.setText(info.name)
        self.address_edit.setPlainText(info.address)
        self.phone_edit.setText(info.phone)
        self.letterhead_edit.setPlainText(info.letterhead_text)
        self.logo_edit.setText(info.logo_path)
        self._update_logo_preview(info.logo_path)
        self.review_spin.setValue(info.care_plan_review_days)
        self.reassess_spin.setValue(info.reassessment_days)
        self.unsigned_spin.setValue(info.unsigned_note_hours)
        found = self.handout_combo.findData(info.handout_language)
        if found >= 0:
            self.handout_combo.setCurrentIndex(found)
        else:
            self.handout_combo.setEditText(info.handout_language)

        self.date_order_combo.setCurrentIndex(
            max(self.date_order_combo.findData(info.date_order), 0))

    def handout_language(self) -> str:
        """The chosen handout language code (a listed language, or the code as typed)."""
        text = self.handout_combo.currentText().strip()
        found = self.handout_combo.findText(text)
        return str(self.handout_combo.itemData(found)) if found >= 0 else text

    def values(self) -> dict[str, Any]:
        """The clinic settings as the form shows them."""
        return {
            "name": self.name_edit.text(),
            "address": self.address_edit.toPlainText(),
            "phone": self.phone_edit.text(),
            "letterhead_text": self.letterhead_edit.toPlainText(),
            "logo_path": self.logo_edit.text().strip(),
            "care_plan_review_days": self.review_spin.value(),
            "reassessment_days": self.reassess_spin.value(),
            "unsigned_note_hours": self.unsigned_spin.value(),
            "handout_language": self.handout_language(),
            "date_order": str(self.date_order_combo.currentData()),
        }

    def changes(self) -> dict[str, Any]:
        """Only the clinic settings the user changed."""
        return {k: v for k, v in self.values().items() if getattr(self._info, k) != v}

    # -- actions --------------------------------------------------------------------------

    def choose_logo(self) -> None:
        """Pick the logo image with a file dialog."""
        start = str(Path(self.logo_edit.text()).parent) if self.logo_edit.text() else ""
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Choose the clinic's logo"), start,
            _("Images (*.png *.jpg *.jpeg *.svg *.bmp)"))
        if path:
            self.logo_edit.setText(path)

    def _update_logo_preview(self, path: str) -> None:
        pixmap = QPixmap(path) if path and Path(path).is_file() else QPixmap()
        if pixmap.isNull():
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText(_("No preview") if path else _("No logo"))
            return
        self.logo_preview.setPixmap(pixmap.scaled(
            self.logo_preview.size(), Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation))

    def _preview_font(self, size: int) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_font_size(app, size)

    def _show_errors(self, error: ValidationError) -> None:
        unplaced = []
        first_page = None
        for name, label in self.errors.items():
            reason = next((e for e in error.errors if e.field == name), None)
            label.show_error(reason_text(reason) if reason else None, self.fields[name])
            if reason and first_page is None:
                first_page = self._page_of(self.fields[name])
        for e in error.errors:
            if e.field not in self.errors:
                unplaced.append(str(e))
        if first_page is not None:
            self.tabs.setCurrentIndex(first_page)
        self.banner.setText(_("Please correct the fields marked below.")
                            + ("\n" + "\n".join(unplaced) if unplaced else ""))
        self.banner.show()

    def _page_of(self, widget: QWidget) -> int:
        for index in range(self.tabs.count()):
            page = self.tabs.widget(index)
            if page is not None and page.isAncestorOf(widget):
                return index
        return 0

    def save(self) -> None:
        """Save the clinic settings (refusing to overwrite someone else's) and preferences."""
        for name, label in self.errors.items():
            label.show_error(None, self.fields[name])
        self.banner.hide()
        changes = self.changes()
        if changes:
            try:
                self._info = clinic_settings.update_clinic(
                    self._app.services, expected_version=self._info.version, **changes)
            except ValidationError as exc:
                self._show_errors(exc)
                return
            except ConflictError:
                self._conflict()
                return
        if not self.battery_page.save():
            self.tabs.setCurrentWidget(self.battery_page)
            return
        settings = self._app.settings
        language = str(self.language_combo.currentData())
        settings.font_point_size = self.font_spin.value()
        self._original_font = self.font_spin.value()
        if language != settings.language:
            settings.language = language
        settings.sync()
        self._app.events.settings_changed.emit()
        self.accept()

    def _conflict(self) -> None:
        answer = QMessageBox.warning(
            self, _("Someone else changed the settings"),
            _("Another person saved the clinic settings while this window was open, so "
              "your changes were not saved (saving would overwrite theirs).\n\n"
              "Choose Reset to load their settings; you can then make your changes again."),
            QMessageBox.StandardButton.Reset | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Reset)
        if answer == QMessageBox.StandardButton.Reset:
            self._load(clinic_settings.get_clinic(self._app.services))

    def reject(self) -> None:
        """Close without saving; the text size goes back to what it was."""
        if QApplication.font().pointSize() != self._original_font:
            self._preview_font(self._original_font)
        super().reject()
