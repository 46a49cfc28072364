"""Use cases: one transaction each, validated, audited, returning plain dataclasses.

Every function takes a ``Context`` (who is acting, on which database) first and keyword-only
arguments after it. Front ends (the desktop, the command line) call only these.
"""
