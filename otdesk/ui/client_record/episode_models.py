"""Item models and form fields for episodes of care and their care teams."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QFormLayout

from otdesk.domain.records import RecordKind
from otdesk.domain.translation import N_, NC_, _, format_date
from otdesk.domain.vocab import Discipline
from otdesk.services import episodes
from otdesk.services.context import Context
from otdesk.services.episodes import CareTeamEntry, EpisodeInfo
from otdesk.ui.client_record.commands import RecordAdapter
from otdesk.ui.editing.forms import Form, choice_label
from otdesk.ui.parts.record_table_model import Column, RecordTableModel


def _no_delete(_ctx: Context, _key: int, _version: int) -> None:
    raise AssertionError("an episode of care is closed by a discharge, never deleted")


def _date(d: date | None) -> str:
    return format_date(d) if d else ""


def _date_order(d: date | None) -> str:
    return d.isoformat() if d else ""  # sorts as the dates do; an empty date first


def _state(e: EpisodeInfo) -> str:
    if e.is_open:
        return _("Open")
    return _("Discharged {date}").format(date=_date(e.actual_discharge_date))


class EpisodesModel(RecordTableModel[EpisodeInfo]):
    """A client's episodes of care, newest referral first."""

    REFERRED, SOURCE, STATE, PLANNED, REASON = range(5)
    COLUMNS = (
        Column(NC_("column", "Referred"), lambda e: _date(e.referral_date),
               sort=lambda e: _date_order(e.referral_date)),
        Column(NC_("column", "Referred by"), lambda e: e.referral_source),
        # Open episodes sort after the latest discharged.
        Column(NC_("column", "State"), _state, bold=lambda e: e.is_open,
               sort=lambda e: "~" if e.is_open else _date_order(e.actual_discharge_date)),
        Column(NC_("column", "Planned discharge"), lambda e: _date(e.planned_discharge_date),
               sort=lambda e: _date_order(e.planned_discharge_date)),
        Column(NC_("column", "Reason"),
               lambda e: e.referral_reason.splitlines()[0] if e.referral_reason else "",
               tip=lambda e: e.referral_reason or None),
    )


def _period(m: CareTeamEntry) -> str:
    start = _date(m.start_date)
    if m.end_date:
        return _("{start} to {end}").format(start=start or "…", end=_date(m.end_date))
    return _("since {date}").format(date=start) if start else _("current")


class CareTeamModel(RecordTableModel[CareTeamEntry]):
    """An episode's care team: current members first."""

    NAME, DISCIPLINE, ROLE, ORGANISATION, PHONE, PERIOD = range(6)
    COLUMNS = (
        Column(NC_("column", "Name"), lambda m: m.name),
        Column(NC_("column", "Discipline"), lambda m: choice_label(m.discipline)),
        Column(NC_("column", "Role in the team"), lambda m: m.role_in_team),
        Column(NC_("column", "Organisation"), lambda m: m.organisation),
        Column(NC_("column", "Phone"), lambda m: m.phone),
        Column(NC_("column", "On the team"), _period, sort=lambda m: _date_order(m.start_date)),
    )


def build_referral_fields(form: Form, layout: QFormLayout) -> None:
    """The referral and planning fields of an episode."""
    form.add_text(
        layout,
        "referral_source",
        _("Referred by"),
        max_length=200,
        placeholder=_("e.g. Dr Rivera, psychiatry outpatients"),
    )
    form.add_date(layout, "referral_date", _("Referral date"))
    form.add_longtext(
        layout, "referral_reason", _("Reason for referral"), lines=3
    )
    form.add_date(layout, "start_date", _("Care started"))
    form.add_date(layout, "planned_discharge_date", _("Planned discharge"))


def build_discharge_fields(form: Form, layout: QFormLayout) -> None:
    """The discharge fields of an episode."""
    form.add_date(layout, "actual_discharge_date", _("Discharge date"))
    form.add_text(
        layout,
        "discharge_destination",
        _("Discharged to"),
        max_length=200,
        placeholder=_("e.g. GP and community support, supported housing"),
    )
    form.add_longtext(layout, "outcome", _("Outcome"), lines=4)


def build_episode_fields(form: Form, layout: QFormLayout, *, closed: bool) -> None:
    """Every editable field of an episode (discharge fields only once it is closed)."""
    build_referral_fields(form, layout)
    if closed:
        build_discharge_fields(form, layout)


def build_team_fields(form: Form, layout: QFormLayout, staff: list[tuple[Any, str]]) -> None:
    """The fields of a care-team member: a staff member, or a named outside partner."""
    form.add_choice(
        layout,
        "staff_id",
        _("Staff member"),
        staff,
        hint=_("Choose a staff member, or leave this blank and type an outside partner's name"),
    )
    form.add_text(
        layout,
        "name",
        _("Or name"),
        max_length=200,
        placeholder=_("Someone outside the clinic"),
    )
    form.add_enum(layout, "discipline", _("Discipline"), Discipline)
    form.add_text(
        layout, "role_in_team", _("Role in the team"), max_length=200
    )
    form.add_text(layout, "organisation", _("Organisation"), max_length=200)
    form.add_text(layout, "phone", _("Phone"), max_length=100)
    form.add_date(layout, "start_date", _("On the team from"))
    form.add_date(layout, "end_date", _("Until"))


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def care_team_details(m: CareTeamEntry) -> str:
    """The card of one member of a care team (rich text)."""
    lines = [f"<b>{_esc(m.name)}</b> — {_esc(choice_label(m.discipline))}"]
    for part in (m.role_in_team, m.organisation, m.phone, _period(m)):
        if part:
            lines.append(_esc(part))
    return "<br>".join(lines)


def episode_details_html(e: EpisodeInfo) -> str:
    """The details of an episode as a short, readable block."""

    def esc(text: str) -> str:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    def row(label: str, value: str) -> str:
        shown = esc(value).replace("\n", "<br>") if value else "<span>—</span>"
        return f"<tr><td style='padding-right:12px'><b>{esc(label)}</b></td><td>{shown}</td></tr>"

    state = (
        _("Open")
        if e.is_open
        else _("Discharged on {date}").format(date=_date(e.actual_discharge_date))
    )
    rows = [
        row(_("State"), state),
        row(_("Referred by"), e.referral_source),
        row(_("Referral date"), _date(e.referral_date)),
        row(_("Reason for referral"), e.referral_reason),
        row(_("Care started"), _date(e.start_date)),
        row(_("Planned discharge"), _date(e.planned_discharge_date)),
    ]
    if not e.is_open:
        rows += [
            row(_("Discharged to"), e.discharge_destination),
            row(_("Outcome"), e.outcome),
        ]
    return "<table cellspacing='4'>" + "".join(rows) + "</table>"


def care_team_values(entry: CareTeamEntry) -> dict[str, Any]:
    """An entry's values in the form ``add_care_team_member`` takes them.

    A staff member's name comes from their staff record, so it is not stored again.
    """
    return {
        "staff_id": entry.staff_id,
        "name": "" if entry.staff_id is not None else entry.name,
        "discipline": entry.discipline,
        "role_in_team": entry.role_in_team,
        "organisation": entry.organisation,
        "phone": entry.phone,
        "start_date": entry.start_date,
        "end_date": entry.end_date,
    }


EPISODES: RecordAdapter[EpisodeInfo] = RecordAdapter(
    kind=RecordKind.EPISODE,
    fetch=lambda ctx, key: episodes.get_episode(ctx, episode_id=key),
    insert=lambda ctx, client_id, values: episodes.open_episode(
        ctx, client_id=client_id, **values),
    update=lambda ctx, key, version, values: episodes.update_episode(
        ctx, episode_id=key, expected_version=version, **values),
    delete=_no_delete,
    values=lambda e: e.editable_values(),
    name=lambda e: _("referred {date}").format(date=format_date(e.referral_date)),
    add_text=N_("Open episode"),
    edit_text=N_("Edit episode"),
    remove_text=N_("Remove {name}"),
)

CARE_TEAM: RecordAdapter[CareTeamEntry] = RecordAdapter(
    kind=RecordKind.CARE_TEAM_MEMBER,
    fetch=lambda ctx, key: episodes.get_care_team_member(ctx, member_id=key),
    insert=lambda ctx, episode_id, values: episodes.add_care_team_member(
        ctx, episode_id=episode_id, **values),
    update=lambda ctx, key, version, values: episodes.update_care_team_member(
        ctx, member_id=key, expected_version=version, **values),
    delete=lambda ctx, key, version: episodes.remove_care_team_member(
        ctx, member_id=key, expected_version=version),
    values=care_team_values,
    name=lambda m: m.name,
    add_text=N_("Add {name} to the care team"),
    edit_text=N_("Edit {name}"),
    remove_text=N_("Remove {name} from the care team"),
)
