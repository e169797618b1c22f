"""``flask verify``: is this installation ready to serve? One OK/FAIL line per check."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import text

from core.plugin_state import ancestry, applied_heads, script_directory

VENDOR_ASSETS = ("htmx.min.js", "socket.io.min.js")


@click.command("verify")
@with_appcontext
def verify() -> None:
    """Check database, migrations, secrets, plugins and built assets; exit 1 on a failure."""
    failed = 0
    for label, check in CHECKS:
        try:
            problem = check(current_app)
        except Exception as exc:  # each check reports, none may abort the others
            problem = str(exc).splitlines()[0] or type(exc).__name__
        click.echo(f"{'FAIL' if problem else 'OK  '} {label}" + (f": {problem}" if problem else ""))
        failed += bool(problem)
    if failed:
        raise SystemExit(1)
    click.echo("Installation looks good.")


def database(app) -> str | None:
    with app.extensions["sqlalchemy"].engine.connect() as conn:
        conn.execute(text("SELECT 1"))
    return None


def migrations(app) -> str | None:
    # Compare whole histories, not head lists: a plugin head that depends_on 0001_core
    # replaces 0001_core in alembic_version, yet core is applied.
    script = script_directory(app)
    missing = sorted(ancestry(script, script.get_heads()) - ancestry(script, applied_heads(app)))
    if not missing:
        return None
    return f"not applied: {', '.join(missing)}; run `flask --app wsgi db upgrade heads`"


def secrets(app) -> str | None:
    empty = [k for k in ("SECRET_KEY", "MFA_ENCRYPTION_KEY") if not app.config.get(k)]
    return f"missing {', '.join(empty)}" if empty else None


def plugins(app) -> str | None:
    registry = app.extensions["ledgerline.plugins"]
    problems = [
        f"{name} needs {dep}"
        for name in registry.order
        for dep in registry.installed[name].manifest.depends
        if dep not in registry.order
    ]
    registered = {n for n in registry.order if registry.pm.get_plugin(n) is None}
    problems += [f"{n} is enabled but not registered" for n in sorted(registered)]
    return "; ".join(problems) or None


def assets(app) -> str | None:
    vendor = Path(app.static_folder) / "vendor"
    missing = [name for name in VENDOR_ASSETS if not (vendor / name).is_file()]
    return (
        f"missing static/vendor/{', '.join(missing)}; install them with `npm ci` (see README)"
        if missing
        else None
    )


CHECKS = [
    ("database reachable", database),
    ("all migrations applied", migrations),
    ("secrets present", secrets),
    ("plugin list consistent", plugins),
    ("browser assets built", assets),
]
