"""The dashboard lines' summaries in the interface language.

A dashboard source words each line from an English template in
``otdesk/services/dashboard_sources/_messages.py`` and keeps the template and its values on
the ``DueItem``. The same templates are written out here so lupdate puts them in the
translations (context "DashboardSummaries"); a test keeps this list equal to the services'.
Dates among the values are shown the way the rest of the dashboard shows them, in the
interface language. A line without a template, or whose translation cannot be filled in, is
shown with its English summary.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from otdesk.services.dashboard import DueItem
from otdesk.ui.i18n import format_date

CONTEXT = "DashboardSummaries"

KNOWN_TEMPLATES = (
    QT_TRANSLATE_NOOP("DashboardSummaries", "Care-plan review overdue by {days} day"),
    QT_TRANSLATE_NOOP("DashboardSummaries", "Care-plan review overdue by {days} days"),
    QT_TRANSLATE_NOOP("DashboardSummaries", "Care-plan review due today"),
    QT_TRANSLATE_NOOP("DashboardSummaries", "Review due in {days} day"),
    QT_TRANSLATE_NOOP("DashboardSummaries", "Review due in {days} days"),
    QT_TRANSLATE_NOOP("DashboardSummaries", "Reassessment overdue by {days} day"),
    QT_TRANSLATE_NOOP("DashboardSummaries", "Reassessment overdue by {days} days"),
    QT_TRANSLATE_NOOP("DashboardSummaries", "Reassessment due today"),
    QT_TRANSLATE_NOOP("DashboardSummaries", "Reassessment due in {days} day"),
    QT_TRANSLATE_NOOP("DashboardSummaries", "Reassessment due in {days} days"),
    QT_TRANSLATE_NOOP("DashboardSummaries", "First assessment overdue by {days} day"),
    QT_TRANSLATE_NOOP("DashboardSummaries", "First assessment overdue by {days} days"),
    QT_TRANSLATE_NOOP("DashboardSummaries", "First assessment due today"),
    QT_TRANSLATE_NOOP("DashboardSummaries", "First assessment due in {days} day"),
    QT_TRANSLATE_NOOP("DashboardSummaries", "First assessment due in {days} days"),
    QT_TRANSLATE_NOOP("DashboardSummaries", "Unsigned note from {hours} hour ago"),
    QT_TRANSLATE_NOOP("DashboardSummaries", "Unsigned note from {hours} hours ago"),
    QT_TRANSLATE_NOOP("DashboardSummaries", "Unsigned note from {days} day ago"),
    QT_TRANSLATE_NOOP("DashboardSummaries", "Unsigned note from {days} days ago"),
    QT_TRANSLATE_NOOP("DashboardSummaries", "{what} in {area}: due {date}"),
    QT_TRANSLATE_NOOP("DashboardSummaries", "{what}: due {date}"),
    QT_TRANSLATE_NOOP("DashboardSummaries", "Home modification: due {date}"),
    QT_TRANSLATE_NOOP("DashboardSummaries", "Waiting {days} day since referral on {date}"),
    QT_TRANSLATE_NOOP("DashboardSummaries", "Waiting {days} days since referral on {date}"),
    QT_TRANSLATE_NOOP("DashboardSummaries", "Waiting; no open referral is recorded"),
    QT_TRANSLATE_NOOP("DashboardSummaries", "Referred {date} by {source}"),
    QT_TRANSLATE_NOOP("DashboardSummaries", "Referred {date}"),
)


def _shown(params: Mapping[str, object]) -> dict[str, object]:
    """``params`` with every date written out in the interface language."""
    return {k: format_date(v) if isinstance(v, date) else v for k, v in params.items()}


def summary_text(item: DueItem) -> str:
    """``item``'s summary in the interface language (its English summary when that fails)."""
    if not item.summary_template:
        return item.summary
    translated = QCoreApplication.translate(CONTEXT, item.summary_template)
    try:
        return translated.format(**_shown(item.summary_params))
    except (KeyError, IndexError, ValueError, TypeError, AttributeError):
        # The translation names a value the line lacks, or is not a valid template: showing
        # the English line is better than showing a broken one.
        return item.summary
