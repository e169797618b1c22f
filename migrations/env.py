"""Alembic environment shared by core and every plugin branch.

Autogenerate for one plugin: ``flask db revision --autogenerate --head <plugin>@head``
with ``LEDGERLINE_MIGRATE_PREFIX=<plugin>_`` so only that plugin's tables are compared.
"""

import contextlib
import logging
import os
from logging.config import fileConfig

from alembic import context
from flask import current_app

config = context.config
if config.config_file_name and os.path.exists(config.config_file_name):
    fileConfig(config.config_file_name, disable_existing_loggers=False)
log = logging.getLogger("alembic.env")

db = current_app.extensions["migrate"].db
PREFIX = os.environ.get("LEDGERLINE_MIGRATE_PREFIX", "core_")


def include_object(obj, name, type_, reflected, compare_to):
    if type_ == "table":
        return name.startswith(PREFIX)
    table = getattr(obj, "table", None)
    return table is None or table.name.startswith(PREFIX)


def run_offline():
    context.configure(
        url=str(db.engine.url).replace("%", "%%"),
        target_metadata=db.metadata,
        literal_binds=True,
        include_object=include_object,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online():
    with db.engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=db.metadata,
            include_object=include_object,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with sqlite_foreign_keys_checked_at_end(connection), context.begin_transaction():
            context.run_migrations()
            check_foreign_keys(connection)


@contextlib.contextmanager
def sqlite_foreign_keys_checked_at_end(connection):
    """SQLite: foreign keys off while revisions run (a batch copy drops a table that others
    refer to; the pragma only takes effect outside a transaction), on again afterwards."""
    raw = connection.connection.driver_connection if _sqlite(connection) else None
    if raw is not None:
        raw.execute("PRAGMA foreign_keys=OFF")
    try:
        yield
    finally:
        if raw is not None:
            raw.execute("PRAGMA foreign_keys=ON")


def check_foreign_keys(connection) -> None:
    """Refuse to commit revisions that left a row pointing at nothing (SQLite)."""
    if not _sqlite(connection):
        return
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
    if broken:
        raise RuntimeError(f"the migration broke foreign keys: {broken[:5]}")


def _sqlite(connection) -> bool:
    return connection.dialect.name == "sqlite"


if context.is_offline_mode():
    run_offline()
else:
    run_online()
