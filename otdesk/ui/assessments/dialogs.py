"""The Assessments tab's dialogs: choosing what to administer, recording an external result,
two administrations side by side, and the trend chart."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from otdesk.domain.definitions import Definition, DefinitionKind
from otdesk.domain.errors import OtdeskError
from otdesk.domain.translation import _, current_language, fill, format_date
from otdesk.services import assessments
from otdesk.services.assessments import AssessmentInfo, Comparison
from otdesk.services.definitions import library
from otdesk.ui.assessments.chart import ChartSeries, TrendChart
from otdesk.ui.assessments.models import (
    ChangesModel,
    instrument_text,
    status_text,
    total_text,
)
from otdesk.ui.editing.form_fields import DateField
from otdesk.ui.parts.style import MARGIN, SPACING, set_role
from otdesk.ui.shell.app_context import AppContext

# What the tab administers: checklists have the Home checklists tab.
KINDS = (DefinitionKind.SCALE, DefinitionKind.GOALS, DefinitionKind.TASK_LOG,
         DefinitionKind.EXTERNAL)


def _dialog_box(dialog: QDialog) -> QVBoxLayout:
    box = QVBoxLayout(dialog)
    box.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
    box.setSpacing(SPACING)
    return box


class NewAssessmentDialog(QDialog):
    """Pick an instrument, grouped by kind."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("New assessment"))
        language = current_language()
        box = _dialog_box(self)
        caption = QLabel(_("&Instrument to administer or record:"), self)
        box.addWidget(caption)
        self.list = QListWidget(self)
        self.list.setAccessibleName(_("Instruments"))
        caption.setBuddy(self.list)
        definitions = library().latest(language)
        for kind in KINDS:
            of_kind = [d for d in definitions if d.kind is kind]
            if not of_kind:
                continue
            header = QListWidgetItem(kind.label)
            header.setFlags(Qt.ItemFlag.NoItemFlags)
            font = header.font()
            font.setBold(True)
            header.setFont(font)
            self.list.addItem(header)
            for definition in of_kind:
                item = QListWidgetItem("    " + definition.title_in(language))
                item.setData(Qt.ItemDataRole.UserRole, definition.id)
                if definition.description is not None:
                    item.setToolTip(definition.description.text(language))
                self.list.addItem(item)
        first = next((i for i in range(self.list.count())
                      if self.list.item(i).data(Qt.ItemDataRole.UserRole)), 0)
        self.list.setCurrentRow(first)
        self.list.itemDoubleClicked.connect(lambda _i: self.accept())
        box.addWidget(self.list, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)
        self.resize(480, 520)

    def chosen(self) -> Definition | None:
        """The instrument picked."""
        item = self.list.currentItem()
        definition_id = item.data(Qt.ItemDataRole.UserRole) if item else None
        return library().get(str(definition_id)) if definition_id else None


class ExternalResultDialog(QDialog):
    """Record the result of a licensed instrument given on its own forms."""

    def __init__(self, app: AppContext, client_id: int, definition: Definition,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.client_id = client_id
        self.definition = definition
        self.recorded: AssessmentInfo | None = None
        language = current_language()
        self.setWindowTitle(fill(_("Record a result: {instrument}"),
                                 instrument=definition.title_in(language)))
        box = _dialog_box(self)
        if definition.attribution is not None:
            note = QLabel(definition.attribution.text(language), self)
            note.setWordWrap(True)
            set_role(note, "small")
            box.addWidget(note)
        form = QFormLayout()
        self.date_field = DateField(self)
        self.date_field.setText(app.services.today().isoformat())
        self.total = QLineEdit(self)
        if definition.has_item("total"):
            item = definition.item("total")
            if item.min is not None and item.max is not None:
                self.total.setPlaceholderText(f"{item.min:g}–{item.max:g}")
            if item.help is not None:
                self.total.setToolTip(item.help.text(language))
        self.band = QLineEdit(self)
        self.comment = QLineEdit(self)
        for label, field in ((_("&Date administered:"), self.date_field),
                             (_("&Total:"), self.total),
                             (_("&Band or interpretation:"), self.band),
                             (_("C&omment:"), self.comment)):
            caption = QLabel(label, self)
            caption.setBuddy(field.edit if isinstance(field, DateField) else field)
            form.addRow(caption, field)
        box.addLayout(form)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        set_role(self.error, "banner-error")
        self.error.hide()
        box.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)
        self.resize(460, 0)

    def save(self) -> None:
        """Record the result (final at once), or say what is wrong."""
        try:
            day = date.fromisoformat(self.date_field.text())
        except ValueError:
            self._fail(_("The date administered must be a date (YYYY-MM-DD)."))
            return
        try:
            self.recorded = assessments.record_external_result(
                self.app.services, client_id=self.client_id, definition_id=self.definition.id,
                administered_on=day, total=self.total.text().strip(),
                band=self.band.text().strip(), comment=self.comment.text().strip())
        except OtdeskError as exc:
            self._fail(str(exc))
            return
        self.accept()

    def _fail(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()


def _side(info: AssessmentInfo) -> str:
    return fill(_("{date} · {status} · total {total}"), date=format_date(info.administered_on),
                status=status_text(info), total=total_text(info))


class CompareDialog(QDialog):
    """Two administrations of one instrument side by side, meaningful changes flagged."""

    def __init__(self, comparison: Comparison, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        before, after = comparison.before, comparison.after
        self.setWindowTitle(fill(_("Compare: {instrument}"), instrument=after.title))
        box = _dialog_box(self)
        heading = QLabel(instrument_text(after), self)
        set_role(heading, "h2")
        box.addWidget(heading)
        sides = QLabel(fill(_("Before: {before}\nAfter: {after}"), before=_side(before),
                            after=_side(after)), self)
        box.addWidget(sides)
        meaningful = [c for c in comparison.changes if c.meaningful]
        summary = QLabel(fill(_("Meaningful changes: {count}"), count=len(meaningful))
                         if comparison.changes else _("There are no scores to compare."), self)
        set_role(summary, "muted")
        box.addWidget(summary)
        self.model = ChangesModel(after.definition_id, comparison.changes)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Score changes"))
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        box.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)
        self.resize(900, 480)


class TrendDialog(QDialog):
    """Each score of an instrument over the client's finalised administrations."""

    def __init__(self, app: AppContext, client_id: int, definition_id: str, title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(fill(_("Trend: {instrument}"), instrument=title))
        box = _dialog_box(self)
        found = assessments.trend(app.services, client_id, definition_id)
        tasks = {s.task for s in found}
        one_task = len(tasks) == 1 and "" not in tasks
        heading = QLabel(fill(_("{instrument}: {task}"), instrument=title, task=found[0].task)
                         if one_task else title, self)
        set_role(heading, "h2")
        box.addWidget(heading)
        self.chart = TrendChart(self)
        series = []
        for s in found:
            # With several tasks each plot names its task; with one, the heading does.
            label = (fill(_("{task}: {measure}"), task=s.task, measure=s.label)
                     if s.task and not one_task else s.label)
            key = f"{s.task}:{s.key}" if s.task else s.key
            series.append(ChartSeries(key, label, list(s.points)))
        self.chart.set_series(series)
        box.addWidget(self.chart, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)
        self.resize(960, 640)
