"""The desktop's frame: start-up, the session, the main window and its navigation, the change
bus, background tasks, workstation preferences and keys."""
