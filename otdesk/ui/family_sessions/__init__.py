"""The family-session screens: the list of a client's sessions and the note editor."""
