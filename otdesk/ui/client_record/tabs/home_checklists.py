"""The Home checklists tab (a placeholder: a later issue replaces this module)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from otdesk.domain.records import RecordKind
from otdesk.domain.translation import N_, _
from otdesk.ui.client_record.registry import TabContext, register_tab
from otdesk.ui.client_record.tabs._placeholder import PlaceholderTab


def _make(tc: TabContext) -> QWidget:
    return PlaceholderTab(
        tc.parent,
        _("Home checklists will appear here"),
        _("Home, work and community visit checklists will be listed here, with each hazard "
          "found and the modifications recommended, who owns them, and whether they are "
          "done."),
    )


register_tab(
    "home_checklists",
    N_("Home checklists"),
    _make,
    50,
    entities=(RecordKind.HOME_MODIFICATION, RecordKind.CHECKLIST),
)
