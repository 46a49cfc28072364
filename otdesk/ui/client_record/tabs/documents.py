"""The Documents tab (a placeholder: a later issue replaces this module)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from otdesk.domain.translation import N_, _
from otdesk.ui.client_record.registry import TabContext, register_tab
from otdesk.ui.client_record.tabs._placeholder import PlaceholderTab


def _make(tc: TabContext) -> QWidget:
    return PlaceholderTab(
        tc.parent,
        _("Documents will appear here"),
        _("Printed care plans, handouts and letters made for this client will be listed "
          "here, so you can see what was given to whom and print it again."),
    )


register_tab(
    "documents",
    N_("Documents"),
    _make,
    80,
    entities=(),
)
