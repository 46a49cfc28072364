"""The client record: the workspace of one open client, its tabs, and the new-client dialog."""

from otdesk.ui.client_record.new_client import NewClientDialog
from otdesk.ui.client_record.workspace import ClientWorkspace

__all__ = ["ClientWorkspace", "NewClientDialog"]
