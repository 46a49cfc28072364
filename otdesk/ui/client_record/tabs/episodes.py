"""The Episodes of care tab: each referral to discharge, its details, and its care team.

Open a new episode, edit one, discharge the client from the open one (which also sets the
client's status to discharged), and add or remove care-team members of the selected episode.
Editing an episode and changing its care team are undoable; opening and discharging are not.
"""

from __future__ import annotations

from dataclasses import replace
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
    EditRecordCommand,
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
    care_team_details,
    episode_details_html,
)
from otdesk.ui.client_record.record_dialog import RecordDialog
from otdesk.ui.client_record.record_list import ListSpec, RecordList
from otdesk.ui.client_record.registry import TabContext, register_tab
from otdesk.ui.client_record.tabs._parts import (
    action_button,
    details_card,
    heading_row,
    record_table,
    select_record,
    selected_record,
)
from otdesk.ui.editing.drafts_ui import client_draft_key
from otdesk.ui.editing.forms import Form, staff_items, strip_mnemonic
from otdesk.ui.parts.style import MARGIN, SPACING
from otdesk.ui.parts.widgets import EmptyState

CARE_TEAM_LIST: ListSpec[CareTeamEntry] = ListSpec(
    key="episodes:team",
    adapter=CARE_TEAM,
    model=CareTeamModel,
    load=lambda ctx, episode_id: episodes.list_care_team(ctx, episode_id=episode_id),
    build=lambda form, layout: build_team_fields(form, layout, []),  # the tab gives the staff
    details=care_team_details,
    heading=lambda: _("Care team"),
    table_name=lambda: _("Care team"),
    empty=lambda _tc: _("Nobody is on this episode's care team yet."),
    add_title=lambda: _("Add to the care team"),
    edit_title=lambda m: _("Edit {name}").format(name=m.name),
    remove_title=lambda: _("Remove from care team?"),
    remove_question=lambda m: _("Remove {name} from this episode's care team?").format(
        name=m.name),
    add_name=lambda: _("Add someone to the care team"),
    edit_name=lambda: _("Edit the selected member of the care team"),
    remove_name=lambda: _("Remove the selected person from the care team"),
    defaults=lambda ctx, _episode_id: {"start_date": ctx.today()},
    add_text=lambda: _("Add &to team…"),
    edit_text=lambda: _("Change team &entry…"),
    remove_text=lambda: _("Re&move from team"),
)


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

        people = self._people
        spec = replace(CARE_TEAM_LIST, build=lambda form, layout: build_team_fields(
            form, layout, people()))
        self.team = RecordList(self.tc, spec, None, self)
        self.team_model = self.team.model
        self.team_table = self.team.table
        self.team_empty = self.team.empty
        self.add_team_button = self.team.add_button
        self.remove_team_button = self.team.remove_button
        team = self.team

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
        record = self.team.selected()
        return record if isinstance(record, CareTeamEntry) else None

    def _people(self) -> list[tuple[Any, str]]:
        return staff_items(
            self.app.staff_directory.members(self.app.services), _("(someone outside)")
        )

    def _selected_changed(self) -> None:
        e = self.selected()
        self.details.setText(
            episode_details_html(e) if e else _("Select an episode to see its details.")
        )
        self.team.set_owner(e.id if e else None)
        _fit_columns(self.team_table, 260)
        self._update_buttons()

    def _update_buttons(self) -> None:
        e = self.selected()
        self.edit_button.setEnabled(e is not None)
        self.discharge_button.setEnabled(e is not None and e.is_open)

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
        entry = self.team.add_record()
        return entry if isinstance(entry, CareTeamEntry) else None

    def remove_team_member(self) -> bool:
        """Take the selected person off the care team, after asking."""
        return self.team.remove_selected()

    def show_record(self, entity: str, record_id: int) -> None:
        """Select the episode (or care-team member) a link names."""
        if entity == RecordKind.CARE_TEAM_MEMBER:
            member = CARE_TEAM.fetch(self.app.services, record_id)
            self.select(member.episode_id)
            self.team.show_record(record_id)
            return
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
