"""The Family sessions tab (a placeholder: a later issue replaces this module)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from otdesk.domain.records import RecordKind
from otdesk.domain.translation import N_, _
from otdesk.ui.client_record.registry import TabContext, register_tab
from otdesk.ui.client_record.tabs._placeholder import PlaceholderTab


def _make(tc: TabContext) -> QWidget:
    return PlaceholderTab(
        tc.parent,
        _("Family sessions will appear here"),
        _("Sessions with family and caregivers — attendees, topics, notes, handouts given "
          "and action items — will be listed here. Signed notes never change; corrections "
          "are added as addenda."),
    )


register_tab(
    "family_sessions",
    N_("Family sessions"),
    _make,
    60,
    entities=(RecordKind.FAMILY_SESSION,),
)
