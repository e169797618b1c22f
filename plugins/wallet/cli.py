"""``flask wallet ...``: one watcher pass for cron and tests; reconciliation."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from core.api import ApiError

group = AppGroup("wallet", help="Stablecoin payment requests on an EVM chain.")


@group.command("scan")
@click.option("--from-block", type=int, default=None, help="Re-scan from this block (e.g. 0).")
def scan_command(from_block):
    """Run one watcher pass and print what it recorded and changed."""
    from plugins.wallet import watcher

    try:
        report = watcher.run(from_block=from_block)
    except ApiError as exc:
        raise click.ClickException(exc.message) from exc
    for line in report.lines():
        click.echo(line)
