"""The registry of printable documents, loaded once in a worker.

Loading it imports the renderers (ReportLab, fonts, the handout texts): about two seconds on a
slow machine, so the screens never do it on the GUI thread; the first print menu or dialog
asked for waits for the worker instead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from otdesk.domain.translation import _, fill
from otdesk.ui.shell.app_context import AppContext

if TYPE_CHECKING:
    from otdesk.services.printing import Printable

# What a document's reference says when it is the client's record number (its ``ref_help``,
# the English source text): the registry has no other mark of which documents take a client.
CLIENT_REF = "the client's record number"

_loaded: dict[str, Printable] = {}
_waiting: list[Callable[[dict[str, Printable]], None]] = []


def _load(_control: object) -> dict[str, Printable]:
    from otdesk.services import printing

    return printing.documents()


def loaded() -> dict[str, Printable] | None:
    """The documents by kind, once loaded (else None)."""
    return dict(_loaded) if _loaded else None


def with_documents(app: AppContext, then: Callable[[dict[str, Printable]], None]) -> None:
    """Call ``then(documents)`` on the GUI thread: now if they are loaded, else once a
    worker has loaded them."""
    if _loaded:
        then(dict(_loaded))
        return
    _waiting.append(then)
    if len(_waiting) > 1:
        return  # already being loaded

    def done(found: dict[str, Printable]) -> None:
        _loaded.update(found)
        waiting = list(_waiting)
        _waiting.clear()
        for call in waiting:
            call(dict(_loaded))

    def failed(exc: BaseException) -> None:
        from PySide6.QtWidgets import QMessageBox

        _waiting.clear()
        QMessageBox.warning(None, _("Printing is not available"), fill(
            _("The printable documents could not be loaded ({error}). Details are in the "
              "log."), error=repr(exc)))

    app.tasks.run(_load, label=_("Loading the printable documents"), on_done=done,
                  on_error=failed)


def client_documents(documents: dict[str, Printable]) -> list[Printable]:
    """The documents of a client's record (named by the record number), in menu order."""
    return [d for d in documents.values() if d.ref_help.startswith(CLIENT_REF)]


def error_text(exc: BaseException) -> str:
    """What to tell the user about a failed render, print or save."""
    from otdesk.domain.errors import OtdeskError

    if isinstance(exc, OtdeskError):
        return str(exc)
    return fill(_("Something went wrong ({error}). Details are in the log."), error=repr(exc))
