"""The clinic-wide list of home modifications still to see through."""

from otdesk.ui.modifications.view import ModificationsView

__all__ = ["ModificationsView"]
