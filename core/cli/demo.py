"""``flask demo``: seed the demo companies and users (safe to run again)."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from core import demo as demo_data


@click.command("demo")
@with_appcontext
def demo() -> None:
    """Seed demo data: Acme Trading LLC, Globex FZE, their users, and plugins' demo records."""
    result = demo_data.seed()
    for c in result.companies:
        click.echo(f"company {c.id}: {c.name} (TRN {c.trn})")
    if result.created == 0:
        click.echo("Demo data was already there; nothing changed in core.")
    click.echo(f"Log in with one of these (password {demo_data.DEMO_PASSWORD!r}):")
    for u in result.users:
        click.echo(f"  {u.email:<24} {u.role}")
