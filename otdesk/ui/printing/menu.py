"""Print menus built from the registry: one item per document of a client's record.

A client's documents are those the registry names by the client's record number (the care
plan, the family handout, and whatever is added later); documents of one note (a family
session) are printed from that note's own screen with ``open_print_dialog``. The menu fills
itself the first time it is shown (the registry loads in a worker) and asks, when an item is
chosen, which client is on show.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from otdesk.domain.errors import NotFoundError
from otdesk.domain.translation import _, fill
from otdesk.services import clients
from otdesk.ui.parts.style import set_role
from otdesk.ui.printing.documents import client_documents, loaded, with_documents
from otdesk.ui.shell.app_context import AppContext

if TYPE_CHECKING:
    from otdesk.services.printing import Printable


def open_print_dialog(parent: QWidget | None, app: AppContext, kind: str, ref: str, *,
                      detail: str = "", choices: Sequence[str] = ()) -> None:
    """Open the print dialog for document ``kind`` of record ``ref`` (what the registry's
    ``ref_help`` says: a client's record number, a family session's id), window-modal to
    ``parent``; ``detail`` names the record in its heading ("Ana García (DEMO-0001)"),
    ``choices`` are other kinds the user may switch to for the same ``ref``.

    The dialog opens at once when the registry is loaded, else as soon as a worker has loaded
    it; it deletes itself when closed."""

    def show(_documents: dict[str, Printable]) -> None:
        from otdesk.ui.printing.dialog import PrintDialog

        dialog = PrintDialog(app, kind, ref, parent, detail=detail, choices=choices)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()

    with_documents(app, show)


def print_client_document(parent: QWidget, app: AppContext, client_id: int,
                          kind: str | None = None) -> None:
    """Open the print dialog for document ``kind`` of client ``client_id`` (None: the first
    of the client's documents, the care plan; the dialog offers the others)."""
    try:
        client = clients.get_client(app.services, client_id=client_id)
    except NotFoundError:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(parent, _("Client not found"),
                                _("This client's record no longer exists."))
        return

    def open_dialog(documents: dict[str, Printable]) -> None:
        choices = [d.kind for d in client_documents(documents)]
        if not choices:
            return
        open_print_dialog(parent, app, kind or choices[0], client.record_number,
                          detail=f"{client.display_name} ({client.record_number})",
                          choices=choices)

    with_documents(app, open_dialog)


class PrintMenu(QMenu):
    """Print ▸ one item per client document; ``client_id()`` says whose record."""

    def __init__(self, title: str, parent: QWidget, app: Callable[[], AppContext],
                 client_id: Callable[[], int | None]) -> None:
        super().__init__(title, parent)
        self._app, self._client_id = app, client_id
        self._filled = False
        self.aboutToShow.connect(self._fill)

    def _fill(self) -> None:
        if self._filled:
            return
        documents = loaded()
        if documents is None:
            if not self.actions():
                self.addAction(_("Loading the documents…")).setEnabled(False)
                with_documents(self._app(), lambda _found: self._fill())
            return
        self.clear()
        self._filled = True
        for document in client_documents(documents):
            action = self.addAction(fill(_("{document}…"), document=document.label))
            action.triggered.connect(lambda _checked=False, k=document.kind: self.open(k))

    def open(self, kind: str | None = None) -> None:
        """Open the print dialog for ``kind`` of the client on show."""
        client_id = self._client_id()
        parent = self.parentWidget()
        if client_id is not None and parent is not None:
            print_client_document(parent.window(), self._app(), client_id, kind)



def print_button(parent: QWidget, app: Callable[[], AppContext],
                 client_id: Callable[[], int | None]) -> QToolButton:
    """A "Print" button whose menu lists the client's documents."""
    button = QToolButton(parent)
    button.setText(_("Print"))
    button.setAccessibleName(_("Print a document of this client's record"))
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    set_role(button, "filter")  # drawn as the app's other drop-down buttons
    button.setMenu(PrintMenu(_("Print"), button, app, client_id))
    return button
