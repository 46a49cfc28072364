"""The caseload screen: every client, searched, filtered and sorted through the services."""

from otdesk.ui.caseload.model import CaseloadModel
from otdesk.ui.caseload.view import CaseloadView

__all__ = ["CaseloadModel", "CaseloadView"]
