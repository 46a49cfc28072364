"""The command line: setting up a database, demo data, listing, importing, exporting, checking.

A second front end beside the desktop; it calls the same services and never imports Qt.
"""

from otdesk.cli.main import build_parser, main

__all__ = ["build_parser", "main"]
