"""``flask plugins list|new``."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from core.cli.common import fail
from core.plugin_state import describe_plugins

plugins = AppGroup("plugins", help="Inspect installed plugins and scaffold new ones.")


@plugins.command("list")
def list_() -> None:
    """Every installed plugin: name, version, enabled, depends, hooks."""
    rows = describe_plugins(current_app, with_migrations=False)
    if not rows:
        click.echo("No plugins installed.")
    for row in rows:
        state = "enabled" if row["enabled"] else "disabled"
        depends = ",".join(row["depends"]) or "-"
        hooks = ",".join(row["hooks"]) or "-"
        click.echo(f"{row['name']:<16} {row['version']:<10} {state:<9} depends={depends}")
        click.echo(f"{'':<16} hooks={hooks}")


@plugins.command("new")
@click.argument("name")
@click.option(
    "--dir",
    "target",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to write the package (default: ./ledgerline-NAME).",
)
def new(name: str, target: Path | None) -> None:
    """Write a new plugin package NAME, ready for `pip install -e`."""
    from core.scaffold import ScaffoldError, write_plugin

    installed = current_app.extensions["ledgerline.plugins"].installed
    target = target or Path.cwd() / f"ledgerline-{name}"
    try:
        written = write_plugin(name, target, taken=set(installed))
    except ScaffoldError as exc:
        fail(str(exc))
    click.echo(f"Wrote {len(written)} files to {target}")
    click.echo(f"Next: pip install -e {target} && flask --app wsgi db upgrade heads")
