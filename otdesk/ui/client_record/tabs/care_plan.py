"""The Care plan tab (a placeholder: a later issue replaces this module)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QWidget

from otdesk.ui.client_record.registry import TabContext, register_tab
from otdesk.ui.client_record.tabs._placeholder import PlaceholderTab


def _make(tc: TabContext) -> QWidget:
    return PlaceholderTab(
        tc.parent,
        QCoreApplication.translate("PlaceholderTab", "The care plan will appear here"),
        QCoreApplication.translate(
            "PlaceholderTab",
            "The current care plan for this episode — needs, goals with target dates, "
            "interventions by discipline and the review date — and its earlier versions will "
            "be shown here.",
        ),
    )


register_tab(
    "care_plan",
    str(QT_TRANSLATE_NOOP("ClientTabs", "Care plan")),
    _make,
    70,
    entities=("care_plan", "goal"),
)
