"""Keys that work inside a screen (beyond the menus' shortcuts), each declared once.

A screen makes its shortcuts from these declarations (``add_shortcut``), and Help > Keyboard
shortcuts lists them beside the menus' own, so the list always says what the keys do. A few
keys are Qt's own behaviour (Enter on a list, Ctrl+Tab between a record's tabs); they are
declared too, for the list, and made by nobody.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from otdesk.domain.translation import N_, _

Keys = QKeySequence.StandardKey | str  # a standard key, or portable text ("Down", "Ctrl+Tab")


class ScreenKey(NamedTuple):
    """Keys, where they work and what they do (English source texts marked
    with N_, translated when shown)."""

    where: str
    keys: tuple[Keys, ...]
    what: str

    def sequences(self) -> list[QKeySequence]:
        """The key sequences (a standard key as this platform binds it first)."""
        return [QKeySequence(keys) for keys in self.keys]

    def translated_where(self) -> str:
        """Where the keys work, in the interface language."""
        return _(self.where)

    def translated_what(self) -> str:
        """What the keys do, in the interface language."""
        return _(self.what)


CASELOAD = N_("Caseload")
NAVIGATION = N_("List of pages and open clients")
DASHBOARD = N_("Dashboard")
RECORD = N_("Client record")
FAMILY = N_("Family and caregivers")
SESSION = N_("Family-session note")
CARE_PLAN = N_("Care plan")
STANDARD = QKeySequence.StandardKey

SEARCH_TO_RESULTS = ScreenKey(
    CASELOAD, ("Down",), N_("From the search box, go to the results")
)
OPEN_FROM_CASELOAD = ScreenKey(
    CASELOAD,
    ("Return",),
    N_("Open the selected client; in the search box, open the only match"),
)
CLOSE_OPEN_CLIENT = ScreenKey(
    NAVIGATION, ("Delete",), N_("Close the selected client's record")
)
REFRESH_DASHBOARD = ScreenKey(
    DASHBOARD, (STANDARD.Refresh,), N_("Refresh the lists")
)
OPEN_FROM_DASHBOARD = ScreenKey(
    DASHBOARD,
    ("Return",),
    N_("Open the record the selected line names"),
)
SAVE_RECORD = ScreenKey(
    RECORD, (STANDARD.Save,), N_("Save the client's details")
)
RECORD_TABS = ScreenKey(
    RECORD,
    ("Ctrl+Tab", "Ctrl+Shift+Tab"),
    N_("Next or previous part of the record"),
)
EDIT_FAMILY_MEMBER = ScreenKey(
    FAMILY, ("Return", "Enter"), N_("Edit the selected person")
)
REMOVE_FAMILY_MEMBER = ScreenKey(
    FAMILY, (STANDARD.Delete,), N_("Remove the selected person")
)
SAVE_SESSION = ScreenKey(
    SESSION, (STANDARD.Save,), N_("Save the note")
)
SIGN_SESSION = ScreenKey(
    SESSION, ("Ctrl+Return", "Ctrl+Enter"), N_("Sign the note (after asking)")
)

EDIT_PLAN_PART = ScreenKey(
    CARE_PLAN, ("Return", "Enter"),
    N_("Edit the selected need, goal or intervention (on the plan in effect, a goal's status)"),
)
REMOVE_PLAN_PART = ScreenKey(
    CARE_PLAN, (STANDARD.Delete,), N_("Remove the selected need, goal or intervention from a "
                                      "draft")
)

SCREEN_KEYS = (
    SEARCH_TO_RESULTS,
    OPEN_FROM_CASELOAD,
    CLOSE_OPEN_CLIENT,
    REFRESH_DASHBOARD,
    OPEN_FROM_DASHBOARD,
    SAVE_RECORD,
    RECORD_TABS,
    EDIT_FAMILY_MEMBER,
    REMOVE_FAMILY_MEMBER,
    SAVE_SESSION,
    SIGN_SESSION,
    EDIT_PLAN_PART,
    REMOVE_PLAN_PART,
)


def add_shortcut(
    key: ScreenKey,
    widget: QWidget,
    slot: Callable[[], object],
    context: Qt.ShortcutContext = Qt.ShortcutContext.WidgetShortcut,
) -> list[QShortcut]:
    """Make ``key`` run ``slot`` in ``widget`` (by default only while it has the focus)."""
    made = []
    for sequence in key.sequences():
        shortcut = QShortcut(sequence, widget)
        shortcut.setContext(context)
        shortcut.activated.connect(slot)
        made.append(shortcut)
    return made
