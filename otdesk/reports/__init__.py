"""PDF renderers: plain view-model dataclasses in, PDF bytes out (no database, no Qt)."""
