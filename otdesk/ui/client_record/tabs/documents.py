"""The Documents tab (a placeholder: a later issue replaces this module)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QWidget

from otdesk.ui.client_record.registry import TabContext, register_tab
from otdesk.ui.client_record.tabs._placeholder import PlaceholderTab


def _make(tc: TabContext) -> QWidget:
    return PlaceholderTab(
        tc.parent,
        QCoreApplication.translate("PlaceholderTab", "Documents will appear here"),
        QCoreApplication.translate(
            "PlaceholderTab",
            "Printed care plans, handouts and letters made for this client will be listed "
            "here, so you can see what was given to whom and print it again.",
        ),
    )


register_tab(
    "documents",
    str(QT_TRANSLATE_NOOP("ClientTabs", "Documents")),
    _make,
    80,
    entities=("document",),
)
