"""Alembic environment: runs otdesk's migrations on the engine the application opened."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

import otdesk.db.models  # noqa: F401  (registers every table on the metadata)
from otdesk.db.base import Base
from otdesk.domain.errors import StorageError
from otdesk.domain.translation import _

config = context.config
target_metadata = Base.metadata


def run_migrations_offline() -> None:
    """Emit SQL for the configured URL without connecting."""
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Run migrations on the application's engine (or one made from the URL), all or nothing."""
    engine = config.attributes.get("engine")
    if engine is None:
        engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            _run_on_sqlite(connection)
            return
        with connection.begin():  # PostgreSQL's DDL is transactional
            _run(connection)


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    context.run_migrations()


def _run_on_sqlite(connection: Connection) -> None:
    # A batch operation rebuilds a table and drops the old copy; with foreign keys enforced,
    # that drop would delete (ON DELETE CASCADE) or refuse the rows referring to it. The
    # pragma takes effect only outside a transaction, and is restored for the pool.
    connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
    connection.commit()
    try:
        with connection.begin():
            # pysqlite runs DDL outside any transaction; one explicit BEGIN makes the whole
            # upgrade one transaction, so a migration that stops half-way changes nothing.
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            _run(connection)
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise StorageError(
                    _("The schema upgrade left {count} broken references (first: {first}); "
                      "nothing was changed.").format(
                        count=len(broken),
                        first=f"{broken[0][0]} row {broken[0][1]} -> {broken[0][2]}")
                )
    finally:
        connection.exec_driver_sql("PRAGMA foreign_keys=ON")
        connection.commit()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
