"""Printing in the app: a preview before printing or saving, the printer, batches.

``open_print_dialog(parent, app, kind, ref)`` opens the print dialog for any document of the
registry (``otdesk.services.printing.documents()``); the record's Print menu and the main
window's File menu are built from that registry too.
"""

from otdesk.ui.printing.dialog import PrintDialog, open_print_dialog

__all__ = ["PrintDialog", "open_print_dialog"]
