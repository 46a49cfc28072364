"""The Family sessions tab (a placeholder: a later issue replaces this module)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QWidget

from otdesk.ui.client_record.registry import TabContext, register_tab
from otdesk.ui.client_record.tabs._placeholder import PlaceholderTab


def _make(tc: TabContext) -> QWidget:
    return PlaceholderTab(
        tc.parent,
        QCoreApplication.translate("PlaceholderTab", "Family sessions will appear here"),
        QCoreApplication.translate(
            "PlaceholderTab",
            "Sessions with family and caregivers — attendees, topics, notes, handouts given "
            "and action items — will be listed here. Signed notes never change; corrections "
            "are added as addenda.",
        ),
    )


register_tab(
    "family_sessions",
    str(QT_TRANSLATE_NOOP("ClientTabs", "Family sessions")),
    _make,
    60,
    entities=("family_session",),
)
