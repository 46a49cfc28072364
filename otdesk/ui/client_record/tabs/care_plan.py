"""The Care plan tab (a placeholder: a later issue replaces this module)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from otdesk.domain.records import RecordKind
from otdesk.domain.translation import N_, _
from otdesk.ui.client_record.registry import TabContext, register_tab
from otdesk.ui.client_record.tabs._placeholder import PlaceholderTab


def _make(tc: TabContext) -> QWidget:
    return PlaceholderTab(
        tc.parent,
        _("The care plan will appear here"),
        _("The current care plan for this episode — needs, goals with target dates, "
          "interventions by discipline and the review date — and its earlier versions will "
          "be shown here."),
    )


register_tab(
    "care_plan",
    N_("Care plan"),
    _make,
    70,
    entities=(RecordKind.CARE_PLAN,),
)
