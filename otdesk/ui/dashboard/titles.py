"""The dashboard sections' titles in the interface language.

The titles come from the dashboard service's registry (``@source(..., title=...)`` in
``otdesk/services/dashboard_sources``) as English source text. The known ones are listed here
so lupdate puts them in the translations (context "DashboardSources"); a title not listed
(a source added later) is shown in English until it is added here and translated.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "DashboardSources"

KNOWN_TITLES = (
    QT_TRANSLATE_NOOP("DashboardSources", "Care-plan reviews"),
    QT_TRANSLATE_NOOP("DashboardSources", "Assessments due"),
    QT_TRANSLATE_NOOP("DashboardSources", "Unsigned family-session notes"),
    QT_TRANSLATE_NOOP("DashboardSources", "Overdue home modifications"),
    QT_TRANSLATE_NOOP("DashboardSources", "Waitlist"),
    QT_TRANSLATE_NOOP("DashboardSources", "New referrals"),
)


def section_title(title: str) -> str:
    """A section's title in the interface language (the English text when not translated)."""
    return QCoreApplication.translate(CONTEXT, title)
