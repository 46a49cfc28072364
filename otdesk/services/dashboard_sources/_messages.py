"""The English templates of the dashboard lines' summaries.

Each is a ``str.format`` template with named places. A source picks the template (the singular
or the plural one by the count, since other languages have their own plural words), and
``due_item`` fills it in for the English ``DueItem.summary`` the command line and tests read,
keeping the template and its values so the desktop can show the line in the interface
language. Dates are passed as ``date`` objects: English shows them as YYYY-MM-DD, the desktop
in the interface language's own way. The desktop lists the same texts for translation in
``otdesk/ui/dashboard/summaries.py`` (a test keeps the two lists equal).

This module registers no source of its own.
"""

from __future__ import annotations

# Care-plan reviews
REVIEW_OVERDUE_DAY = "Care-plan review overdue by {days} day"
REVIEW_OVERDUE_DAYS = "Care-plan review overdue by {days} days"
REVIEW_DUE_TODAY = "Care-plan review due today"
REVIEW_DUE_IN_DAY = "Review due in {days} day"
REVIEW_DUE_IN_DAYS = "Review due in {days} days"

# Assessments due: a reassessment, or a client's first assessment
REASSESSMENT_OVERDUE_DAY = "Reassessment overdue by {days} day"
REASSESSMENT_OVERDUE_DAYS = "Reassessment overdue by {days} days"
REASSESSMENT_DUE_TODAY = "Reassessment due today"
REASSESSMENT_DUE_IN_DAY = "Reassessment due in {days} day"
REASSESSMENT_DUE_IN_DAYS = "Reassessment due in {days} days"
FIRST_ASSESSMENT_OVERDUE_DAY = "First assessment overdue by {days} day"
FIRST_ASSESSMENT_OVERDUE_DAYS = "First assessment overdue by {days} days"
FIRST_ASSESSMENT_DUE_TODAY = "First assessment due today"
FIRST_ASSESSMENT_DUE_IN_DAY = "First assessment due in {days} day"
FIRST_ASSESSMENT_DUE_IN_DAYS = "First assessment due in {days} days"

# Unsigned family-session notes
NOTE_HOUR_OLD = "Unsigned note from {hours} hour ago"
NOTE_HOURS_OLD = "Unsigned note from {hours} hours ago"
NOTE_DAY_OLD = "Unsigned note from {days} day ago"
NOTE_DAYS_OLD = "Unsigned note from {days} days ago"

# Overdue home modifications: {what} and {area} are the record's own (free) text
MODIFICATION_IN_AREA_DUE = "{what} in {area}: due {date}"
MODIFICATION_DUE = "{what}: due {date}"
UNNAMED_MODIFICATION_DUE = "Home modification: due {date}"

# Waitlist and new referrals: {source} is the referral source as recorded
WAITING_DAY = "Waiting {days} day since referral on {date}"
WAITING_DAYS = "Waiting {days} days since referral on {date}"
WAITING_NO_REFERRAL = "Waiting; no open referral is recorded"
REFERRED_BY = "Referred {date} by {source}"
REFERRED = "Referred {date}"

ALL: tuple[str, ...] = (
    REVIEW_OVERDUE_DAY,
    REVIEW_OVERDUE_DAYS,
    REVIEW_DUE_TODAY,
    REVIEW_DUE_IN_DAY,
    REVIEW_DUE_IN_DAYS,
    REASSESSMENT_OVERDUE_DAY,
    REASSESSMENT_OVERDUE_DAYS,
    REASSESSMENT_DUE_TODAY,
    REASSESSMENT_DUE_IN_DAY,
    REASSESSMENT_DUE_IN_DAYS,
    FIRST_ASSESSMENT_OVERDUE_DAY,
    FIRST_ASSESSMENT_OVERDUE_DAYS,
    FIRST_ASSESSMENT_DUE_TODAY,
    FIRST_ASSESSMENT_DUE_IN_DAY,
    FIRST_ASSESSMENT_DUE_IN_DAYS,
    NOTE_HOUR_OLD,
    NOTE_HOURS_OLD,
    NOTE_DAY_OLD,
    NOTE_DAYS_OLD,
    MODIFICATION_IN_AREA_DUE,
    MODIFICATION_DUE,
    UNNAMED_MODIFICATION_DUE,
    WAITING_DAY,
    WAITING_DAYS,
    WAITING_NO_REFERRAL,
    REFERRED_BY,
    REFERRED,
)


def by_count(count: int, one: str, many: str) -> str:
    """``one`` (the singular template) when ``count`` is exactly 1, else ``many``."""
    return one if count == 1 else many
