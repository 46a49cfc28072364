"""The Episodes of care tab: each referral to discharge, its details, and its care team.

Open a new episode, edit one, discharge the client from the open one (which also sets the
client's status to discharged), and add or remove care-team members of the selected episode.
Editing an episode and changing its care team are undoable; opening and discharging are not.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QFrame,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from otdesk.domain.errors import OtdeskError
from otdesk.domain.records import Changes, RecordKind
from otdesk.domain.translation import N_, _, format_date
from otdesk.services import episodes
from otdesk.services.episodes import CareTeamEntry, EpisodeInfo
from otdesk.ui.client_record.commands import (
    AddRecordCommand,
    EditRecordCommand,
    RemoveRecordCommand,
)
from otdesk.ui.client_record.episode_models import (
    CARE_TEAM,
    EPISODES,
    CareTeamModel,
    EpisodesModel,
    build_discharge_fields,
    build_episode_fields,
    build_referral_fields,
    build_team_fields,
    episode_details_html,
)
from otdesk.ui.client_record.record_dialog import RecordDialog
from otdesk.ui.client_record.registry import TabContext, register_tab
from otdesk.ui.client_record.tabs._parts import (
    action_button,
    confirm,
    details_card,
    heading_row,
    record_table,
    run_removal,
    select_record,
    selected_record,
)
from otdesk.ui.drafts_ui import client_draft_key
from otdesk.ui.forms import Form, staff_items, strip_mnemonic
from otdesk.ui.style import MARGIN, SPACING
from otdesk.ui.widgets import EmptyState


def _fit_columns(view: QTableView, widest: int = 220) -> None:
    """Size columns to their contents, but no column wider than ``widest`` (text elides)."""
    view.resizeColumnsToContents()
    header = view.horizontalHeader()
    for column in range(header.count() - 1):
        header.resizeSection(column, min(header.sectionSize(column), widest))


class EpisodesTab(QWidget):
    """Episodes list, the selected episode's details and care team."""

    def __init__(self, tc: TabContext) -> None:
        super().__init__(tc.parent)
        self.tc = tc
        self.app = tc.app
        self.client_id = tc.client_id
        self.client = tc.read_client()
        self.model = EpisodesModel(self)
        self.team_model = CareTeamModel(self)
        self._build()
        self.refresh()
        self.app.events.records_changed.connect(self._records_changed)

    def _build(self) -> None:
        self.open_button = action_button(
            self, _("&Open new episode…"), _("Open a new episode")
        )
        self.edit_button = action_button(
            self, _("Ed&it…"), _("Edit the selected episode")
        )
        self.discharge_button = action_button(
            self, _("&Discharge…"), _("Discharge the client from the selected episode")
        )
        self.open_button.clicked.connect(self.open_new_episode)
        self.edit_button.clicked.connect(self.edit_selected)
        self.discharge_button.clicked.connect(self.discharge_selected)
        top = heading_row(
            self,
            _("Episodes of care"),
            self.open_button,
            self.edit_button,
            self.discharge_button,
        )

        self.table, self.proxy = record_table(self, self.model, _("Episodes of care"))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(EpisodesModel.REFERRED, Qt.SortOrder.DescendingOrder)
        self.table.setColumnHidden(EpisodesModel.REASON, True)  # the details beside show it
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selected_changed())
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.empty = EmptyState(self.table)

        # The details scroll when a long reason for referral makes them taller than the space
        # beside the episodes (nothing below the reason is cut off).
        details_area = QScrollArea(self)
        details_area.setWidgetResizable(True)
        details_area.setFrameShape(QFrame.Shape.NoFrame)
        self.details = details_card(details_area, _("Details of the selected episode"))
        details_area.setWidget(self.details)

        self.add_team_button = action_button(
            self, _("Add &to team…"), _("Add someone to the care team")
        )
        self.remove_team_button = action_button(
            self,
            _("Re&move from team"),
            _("Remove the selected person from the care team"),
        )
        self.add_team_button.clicked.connect(self.add_team_member)
        self.remove_team_button.clicked.connect(self.remove_team_member)
        self.team_table, self.team_proxy = record_table(self, self.team_model, _("Care team"))
        self.team_table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.team_empty = EmptyState(self.team_table)
        team_top = heading_row(
            self, _("Care team"), self.add_team_button, self.remove_team_button
        )

        team = QWidget(self)
        team_layout = QVBoxLayout(team)
        team_layout.setContentsMargins(0, 0, 0, 0)
        team_layout.setSpacing(SPACING)
        team_layout.addLayout(team_top)
        team_layout.addWidget(self.team_table, 1)
        # Episodes beside the selected one's details; the care team gets the full width below.
        upper = QSplitter(Qt.Orientation.Horizontal, self)
        upper.addWidget(self.table)
        upper.addWidget(details_area)
        upper.setStretchFactor(0, 3)
        upper.setStretchFactor(1, 2)
        upper.setSizes([600, 400])
        upper.setChildrenCollapsible(False)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(upper)
        split.addWidget(team)
        split.setStretchFactor(0, 3)  # a care team is a handful of rows
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(SPACING)
        layout.addLayout(top)
        layout.addWidget(split, 1)

    # -- data -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the episodes again, keeping the selection (or selecting the newest)."""
        kept = self.selected()
        rows = episodes.list_episodes(self.app.services, client_id=self.client_id)
        self.model.set_records(rows)
        _fit_columns(self.table, 180)  # the details beside show the referrer in full
        self.empty.show_text(
            ""
            if rows
            else _("No episodes of care yet.\nUse “Open new episode” to record a referral.")
        )
        if kept is not None and self.model.row_of(kept.id) >= 0:
            self.select(kept.id)
        elif rows:
            self.select(rows[0].id)
        self._selected_changed()

    def _records_changed(self, changes: Changes) -> None:
        kinds = (RecordKind.EPISODE, RecordKind.CARE_TEAM_MEMBER, RecordKind.CLIENT)
        if changes.touches(*kinds, client_id=self.client_id):
            self.refresh()

    def selected(self) -> EpisodeInfo | None:
        """The selected episode."""
        record = selected_record(self.table)
        return record if isinstance(record, EpisodeInfo) else None

    def select(self, episode_id: int) -> None:
        """Select an episode by id."""
        select_record(self.table, self.proxy, self.model, episode_id)

    def selected_team_member(self) -> CareTeamEntry | None:
        """The selected care-team member."""
        record = selected_record(self.team_table)
        return record if isinstance(record, CareTeamEntry) else None

    def _selected_changed(self) -> None:
        e = self.selected()
        self.details.setText(
            episode_details_html(e) if e else _("Select an episode to see its details.")
        )
        team = episodes.list_care_team(self.app.services, episode_id=e.id) if e else []
        self.team_model.set_records(team)
        _fit_columns(self.team_table, 260)
        self.team_empty.show_text(
            "" if team or e is None else _("Nobody is on this episode's care team yet.")
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        e = self.selected()
        self.edit_button.setEnabled(e is not None)
        self.discharge_button.setEnabled(e is not None and e.is_open)
        self.add_team_button.setEnabled(e is not None)
        self.remove_team_button.setEnabled(self.selected_team_member() is not None)

    def _draft_key(self, part: str) -> str:
        return client_draft_key(self.client.uuid, f"episodes:{part}")

    def _meta(self) -> dict[str, Any]:
        return {"form": "episode", "client_id": self.client_id}

    def _report(self, command: QUndoCommand, exc: OtdeskError) -> None:
        """Tell the user an undo or redo could not be done, and why."""
        QMessageBox.warning(
            self,
            _("Cannot undo or redo"),
            _("“{change}” could not be applied: {problem}\nThe record was left as it is.").format(
                change=command.text(), problem=exc
            ),
        )

    def _latest(self, episode_id: int) -> tuple[dict[str, Any], int]:
        """An episode's values and version as now saved (for a dialog's conflict check)."""
        info = episodes.get_episode(self.app.services, episode_id=episode_id)
        return info.editable_values(), info.version

    # -- actions --------------------------------------------------------------------------

    def open_new_episode(self) -> EpisodeInfo | None:
        """Record a referral and open an episode."""

        # Not undoable: opening an episode is a clinical event (and may change the client's
        # status), so it is corrected by editing or discharging, not taken back.
        def submit(values: dict[str, Any], _version: int | None) -> EpisodeInfo:
            info = episodes.open_episode(self.app.services, client_id=self.client_id, **values)
            return info

        dialog = RecordDialog(
            self.app,
            self,
            title=_("Open a new episode of care"),
            build=build_referral_fields,
            values={"referral_date": self.app.services.today()},
            submit=submit,
            ok_text=_("Open episode"),
            draft_key=self._draft_key("new"),
            draft_meta=self._meta(),
        )
        return self._run(dialog)

    def edit_selected(self) -> EpisodeInfo | None:
        """Edit the selected episode's referral, plan (and, once closed, discharge) details."""
        e = self.selected()
        if e is None:
            return None

        before = e.editable_values()

        def submit(values: dict[str, Any], version: int | None) -> EpisodeInfo:
            assert version is not None
            fields = ", ".join(
                strip_mnemonic(dialog.form.label(n).text()).lower() for n in values
            )
            command = EditRecordCommand(
                self.app,
                EPISODES,
                e.id,
                {k: before[k] for k in values},
                values,
                expected_version=version,
                report=self._report,
                text=_("Edit episode ({fields})").format(fields=fields),
            )
            command.execute()  # errors reach the dialog
            self.tc.undo_stack.push(command)
            assert command.result is not None
            return command.result

        def build(form: Form, layout: Any) -> None:
            build_episode_fields(form, layout, closed=not e.is_open)

        dialog = RecordDialog(
            self.app,
            self,
            title=_("Edit episode referred {date}").format(date=format_date(e.referral_date)),
            build=build,
            values=before,
            version=e.version,
            submit=submit,
            latest=partial(self._latest, e.id),
            only_changes=True,
            draft_key=self._draft_key(str(e.uuid)),
            draft_meta=self._meta(),
        )
        return self._run(dialog)

    def discharge_selected(self) -> EpisodeInfo | None:
        """Discharge the client from the selected open episode."""
        e = self.selected()
        if e is None or not e.is_open:
            return None

        # Not undoable: a discharge is a clinical event that also sets the client's status;
        # a mistaken discharge date is corrected by editing the closed episode.
        def submit(values: dict[str, Any], version: int | None) -> EpisodeInfo:
            assert version is not None
            info = episodes.discharge_client(
                self.app.services,
                episode_id=e.id,
                expected_version=version,
                actual_discharge_date=values.get("actual_discharge_date"),
                discharge_destination=values.get("discharge_destination") or "",
                outcome=values.get("outcome") or "",
            )
            return info

        today: date = self.app.services.today()
        dialog = RecordDialog(
            self.app,
            self,
            title=_("Discharge {name}").format(name=self.client.display_name),
            build=build_discharge_fields,
            values={
                "actual_discharge_date": today,
                "discharge_destination": e.discharge_destination,
                "outcome": e.outcome,
            },
            version=e.version,
            submit=submit,
            latest=partial(self._latest, e.id),
            ok_text=_("Discharge"),
            intro=_("This closes the episode referred on {date} and sets the client's "
                    "status to discharged.").format(date=format_date(e.referral_date)),
            draft_key=self._draft_key(f"discharge:{e.uuid}"),
            draft_meta=self._meta(),
        )
        return self._run(dialog)

    def _run(self, dialog: RecordDialog) -> EpisodeInfo | None:
        accepted = dialog.exec()
        info = dialog.result_value
        dialog.deleteLater()
        if not accepted or not isinstance(info, EpisodeInfo):
            return None
        self.refresh()
        self.select(info.id)
        return info

    def add_team_member(self) -> CareTeamEntry | None:
        """Add a staff member or an outside partner to the selected episode's care team."""
        e = self.selected()
        if e is None:
            return None
        people = staff_items(
            self.app.staff_directory.members(self.app.services), _("(someone outside)")
        )

        def submit(values: dict[str, Any], _version: int | None) -> CareTeamEntry:
            command = AddRecordCommand(
                self.app, CARE_TEAM, e.id, values, self.tc.ids, report=self._report
            )
            command.execute()
            self.tc.undo_stack.push(command)
            assert command.result is not None
            return command.result

        dialog = RecordDialog(
            self.app,
            self,
            title=_("Add to the care team"),
            build=lambda form, layout: build_team_fields(form, layout, people),
            values={"start_date": self.app.services.today()},
            submit=submit,
            ok_text=_("Add"),
            draft_key=self._draft_key(f"team:{e.uuid}"),
            draft_meta=self._meta(),
        )
        accepted = dialog.exec()
        entry = dialog.result_value
        dialog.deleteLater()
        return entry if accepted and isinstance(entry, CareTeamEntry) else None

    def remove_team_member(self) -> bool:
        """Take the selected person off the care team, after asking."""
        m = self.selected_team_member()
        if m is None:
            return False
        if not confirm(
            self,
            _("Remove from care team?"),
            _("Remove {name} from this episode's care team?").format(name=m.name),
        ):
            return False
        command = RemoveRecordCommand(
            self.app, CARE_TEAM, m.episode_id, m, self.tc.ids, report=self._report
        )
        return run_removal(self, command, _("Cannot remove"), self.tc.undo_stack)

    def show_record(self, entity: str, record_id: int) -> None:
        """Select the episode a link names."""
        if entity == "episode":
            self.select(record_id)
        self.table.setFocus()


def _make(tc: TabContext) -> QWidget:
    return EpisodesTab(tc)


register_tab(
    "episodes",
    N_("Episodes & care team"),
    _make,
    30,
    entities=(RecordKind.EPISODE, RecordKind.CARE_TEAM_MEMBER),
)
