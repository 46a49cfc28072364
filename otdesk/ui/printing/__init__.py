"""Printing in the app: a preview before printing or saving, the printer, batches.

``open_print_dialog(parent, app, kind, ref)`` opens the print dialog for any document of the
registry (``otdesk.services.printing.documents()``); the record's Print menu is built from
that registry too. Importing this package stays light: the renderers load in a worker.
"""

from otdesk.ui.printing.menu import PrintMenu, open_print_dialog, print_client_document

__all__ = ["PrintMenu", "open_print_dialog", "print_client_document"]
