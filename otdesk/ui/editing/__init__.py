"""Editing records: forms and their fields, drafts kept while typing, and the conflict dialog."""
