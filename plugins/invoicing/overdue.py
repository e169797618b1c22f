"""The overdue job: invoices past their due date and not fully paid become "overdue".

Only the payment status moves (the database allows that on finalized rows); each change is
announced like any other status change, so open pages update and the audit log keeps it.
"""

from __future__ import annotations

import datetime as dt

import click
from sqlalchemy import select

from core.api import db
from plugins.invoicing.models import APPROVED, FINALIZED, INVOICE, SENT, Invoice
from plugins.invoicing.services import notify

JOB = "invoicing.mark_overdue"
OPEN_STATUSES = (FINALIZED, APPROVED, SENT)
NOT_PAID = ("unpaid", "partial")
CHUNK = 200  # commit and report progress per chunk, so 100k invoices never sit in one session


def parse_day(value) -> dt.date:
    """``as_of`` from a job's params or the CLI: ISO text, a date, or None for today."""
    if value in (None, ""):
        return dt.date.today()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"as_of must be a date YYYY-MM-DD, not {value!r}") from None


def due_ids(as_of: dt.date) -> list[int]:
    """Invoices whose due date has passed by ``as_of`` (due today is still on time)."""
    return list(
        db.session.scalars(
            select(Invoice.id)
            .where(
                Invoice.type == INVOICE,
                Invoice.status.in_(OPEN_STATUSES),
                Invoice.payment_status.in_(NOT_PAID),
                Invoice.due_date < as_of,
                Invoice.amount_due > 0,
            )
            .order_by(Invoice.id)
        )
    )


def mark(invoice: Invoice) -> None:
    previous = invoice.payment_status
    invoice.payment_status = "overdue"
    db.session.flush()
    notify.status_changed(
        invoice, "InvoiceOverdue", invoice.status, {"previous_payment_status": previous}
    )


def mark_overdue(ctx=None, as_of=None) -> dict:
    """Mark invoices past their due date and not fully paid as overdue."""
    day = parse_day(as_of)
    ids = due_ids(day)
    if ctx is not None:
        ctx.set_total(len(ids))
    numbers = []
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        invoices = db.session.scalars(select(Invoice).where(Invoice.id.in_(chunk))).unique()
        for invoice in invoices:
            # Re-checked on the loaded row: a payment may have landed since the ids were read.
            if invoice.payment_status in NOT_PAID:
                mark(invoice)
                numbers.append(invoice.number)
        db.session.commit()
        if ctx is not None:
            ctx.advance(ok=len(chunk))
    return {"as_of": day.isoformat(), "marked": len(numbers), "numbers": numbers[:50]}


@click.command("mark-overdue")
@click.option("--date", "as_of", help="Treat this day (YYYY-MM-DD) as today.")
def mark_overdue_command(as_of: str | None) -> None:
    """Mark every company's invoices past their due date as overdue."""
    try:
        result = mark_overdue(None, as_of)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--date") from None
    click.echo(f"{result['marked']} invoice(s) marked overdue as of {result['as_of']}.")
    for number in result["numbers"]:
        click.echo(f"  {number}")
