"""How a home modification moves through its statuses, and which moves are refused.

recommended -> agreed -> ordered -> installed -> verified, any step forward may be skipped
(a family that fits a night light the same week goes straight to "installed"), except that
"verified" needs "installed" first. Declining is possible until the change is installed.
"verified" and "declined" end it: nothing follows them. A status never goes backwards; a
mistaken step is corrected by a note, since the history is kept as it happened.
"""

from __future__ import annotations

from datetime import date

from otdesk.domain.translation import N_, _, fill
from otdesk.domain.vocab import ModificationStatus

S = ModificationStatus
FORWARD = (S.RECOMMENDED, S.AGREED, S.ORDERED, S.INSTALLED, S.VERIFIED)
FINAL = frozenset({S.VERIFIED, S.DECLINED})

ENDED = N_("it is already {status}: nothing follows that")
SAME = N_("it is already {status}")
FIRST_ONLY = N_("'recommended' is only ever the first step")
NEEDS_INSTALLED = N_("it can be verified only once it is installed (it is {status})")
TOO_LATE_TO_DECLINE = N_("it is already installed; it can only be verified now")
BACKWARDS = N_("it is already {status}; a status does not go back to {target}")


def next_statuses(current: ModificationStatus) -> list[ModificationStatus]:
    """The statuses a modification at ``current`` may move to, in order."""
    return [s for s in ModificationStatus if refusal(current, s) is None]


def refusal(current: ModificationStatus, target: ModificationStatus) -> str | None:
    """Why a modification at ``current`` may not move to ``target`` (None when it may), in
    the interface language."""
    if current in FINAL:
        return fill(_(ENDED), status=current.label)
    if target is current:
        return fill(_(SAME), status=current.label)
    if target is S.RECOMMENDED:
        return _(FIRST_ONLY)
    if target is S.VERIFIED and current is not S.INSTALLED:
        return fill(_(NEEDS_INSTALLED), status=current.label)
    if target is S.DECLINED:
        return _(TOO_LATE_TO_DECLINE) if current is S.INSTALLED else None
    if FORWARD.index(target) < FORWARD.index(current):
        return fill(_(BACKWARDS), status=current.label, target=target.label)
    return None


def is_overdue(status: ModificationStatus, due: date | None, today: date) -> bool:
    """Whether a modification still open is past its due date."""
    return status.is_open and due is not None and due < today
