"""The client record's tabs: every module here registers one tab when imported.

``registry.load_tabs`` imports them all; modules whose names start with "_" are helpers.
"""
