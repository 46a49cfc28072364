"""Running Alembic from inside the application: schema state, upgrade with a backup first.

Opening a database that is already at the newest schema is the common case on every start,
so it is checked with one SQL query against ``SCHEMA_HEAD``; Alembic itself (a large import)
is loaded only when a database really needs creating or upgrading.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text

from otdesk.db.engine import Database, backup_sqlite, describe, has_tables
from otdesk.db.schema_head import SCHEMA_HEAD
from otdesk.domain.errors import StorageError
from otdesk.domain.translation import _

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(db: Database | None = None) -> Config:
    """An Alembic configuration pointing at otdesk's migrations (and ``db``, if given)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if db is not None:
        # ConfigParser treats "%" as interpolation; percent-encoded URLs need it doubled.
        url = db.url.render_as_string(hide_password=False).replace("%", "%%")
        cfg.set_main_option("sqlalchemy.url", url)
        cfg.attributes["engine"] = db.engine
    return cfg


def head_revision() -> str:
    """The newest migration shipped with this version of otdesk (read from the scripts)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    """The migration the database is at, or None for an empty database."""
    with db.engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def is_known_revision(revision: str) -> bool:
    """True when ``revision`` is one of the migrations this otdesk ships (not a newer one)."""
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(alembic_config())
    return revision in {rev.revision for rev in scripts.walk_revisions()}


def upgrade_to_head(db: Database) -> Path | None:
    """Bring the schema to head; copy a non-empty SQLite file aside first. Return the copy."""
    current = current_revision(db)
    if current == SCHEMA_HEAD:
        return None
    from alembic import command

    if current is not None and not is_known_revision(current):
        raise StorageError(
            _("The database {database} was made by a newer version of otdesk (schema "
              "{schema}); this version must not change it: install that version to open "
              "it.").format(database=describe(db.url), schema=current)
        )
    backup = None
    if has_tables(db):
        backup = backup_sqlite(db, f"pre-upgrade-{current or 'unversioned'}")
    command.upgrade(alembic_config(db), "head")
    return backup
