"""Where otdesk keeps its files, in one place.

The database lives in the user's data folder unless ``--db PATH`` or the ``OTDESK_DB``
environment variable says otherwise (a path or a PostgreSQL URL).
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from platformdirs import PlatformDirs

APP_NAME = "otdesk"
DB_ENV = "OTDESK_DB"
USER_ENV = "OTDESK_USER"



@cache
def _dirs() -> PlatformDirs:
    return PlatformDirs(APP_NAME, appauthor=False, ensure_exists=False)


def data_dir() -> Path:
    """The folder for the clinic's database and backups (created when first needed)."""
    return Path(_dirs().user_data_dir)


def log_dir() -> Path:
    """The folder for log files."""
    return Path(_dirs().user_log_dir)


def default_db_path() -> Path:
    """The database file used when nothing else is named."""
    return data_dir() / "otdesk.sqlite"


def database_target(cli_value: str | None = None) -> str:
    """The database to open: ``--db``, else ``OTDESK_DB``, else the default file."""
    if cli_value:
        return cli_value
    env = os.environ.get(DB_ENV, "").strip()
    if env:
        return env
    path = default_db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return str(path)
