"""The schema version this otdesk writes, readable without loading the storage stack."""

# The newest migration shipped with this version; a test keeps it equal to Alembic's head.
SCHEMA_HEAD = "0006"
