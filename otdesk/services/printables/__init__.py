"""The printable documents: one module each, defining ``DOCUMENT = Printable(...)``.

``otdesk.services.printing.documents()`` finds every module here; adding a document means
adding a module (its builder) and its renderer in ``otdesk.reports``.
"""
