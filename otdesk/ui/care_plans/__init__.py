"""The care-plan screens of the client record: the plan editor, version history and
comparison, review and case-conference entry, and "add to care plan" from findings."""
