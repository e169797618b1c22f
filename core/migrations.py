"""One Alembic environment (Flask-Migrate): core revisions plus one branch per plugin."""

from __future__ import annotations

from core import PROJECT_ROOT
from core.extensions import db, migrate


def version_locations(app) -> list[str]:
    plugins = app.extensions["ledgerline.plugins"].enabled()
    dirs = [str(PROJECT_ROOT / "migrations" / "versions")]
    dirs += [str(p.migrations_dir) for p in plugins if p.migrations_dir.is_dir()]
    return dirs


def init_app(app) -> None:
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"))


@migrate.configure
def _configure(config):
    from flask import current_app

    config.set_main_option("version_locations", " ".join(version_locations(current_app)))
    config.set_main_option("path_separator", "space")
    return config
