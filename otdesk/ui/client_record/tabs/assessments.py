"""The Assessments tab (a placeholder: a later issue replaces this module)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from otdesk.domain.records import RecordKind
from otdesk.domain.translation import N_, _
from otdesk.ui.client_record.registry import TabContext, register_tab
from otdesk.ui.client_record.tabs._placeholder import PlaceholderTab


def _make(tc: TabContext) -> QWidget:
    return PlaceholderTab(
        tc.parent,
        _("Assessments will appear here"),
        _("Each administration of an instrument for this client — its answers, scores and "
          "band, draft or final — will be listed here, newest first, so progress across the"
          " episode is easy to see."),
    )


register_tab(
    "assessments",
    N_("Assessments"),
    _make,
    40,
    entities=(RecordKind.ASSESSMENT,),
)
