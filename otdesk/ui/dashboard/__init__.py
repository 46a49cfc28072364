"""The dashboard screen: due work gathered from the registered dashboard sources."""

from otdesk.ui.dashboard.model import DueItemsModel
from otdesk.ui.dashboard.view import DashboardView, SectionCard

__all__ = ["DashboardView", "DueItemsModel", "SectionCard"]
