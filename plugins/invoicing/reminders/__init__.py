"""Payment reminders for overdue invoices: a job type and ``flask invoicing reminders``."""

from __future__ import annotations

import click

from plugins.invoicing.mailer.settings import MailNotConfigured
from plugins.invoicing.reminders.run import JOB, send_reminders

__all__ = ["JOB", "reminders_command", "send_reminders"]


@click.command("reminders")
@click.option("--date", "as_of", help="Treat this day (YYYY-MM-DD) as today.")
def reminders_command(as_of: str | None) -> None:
    """E-mail the payment reminders that are due, for every company."""
    try:
        result = send_reminders(None, as_of)
    except MailNotConfigured as exc:
        raise click.ClickException(str(exc)) from None
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(
        f"Reminders as of {result['as_of']}: {result['sent']} sent, "
        f"{result['failed']} failed, {result['skipped']} not due or already sent."
    )
    for error in result["errors"]:
        click.echo(f"  failed: {error}", err=True)
    if result["failed"]:
        raise SystemExit(1)
