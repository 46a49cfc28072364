"""otdesk: offline records for occupational therapists in community mental-health clinics."""

__version__ = "0.1.0"
