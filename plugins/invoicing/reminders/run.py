"""Send the payment reminders that are due, each (invoice, step) at most once.

A step is claimed by inserting its row before the e-mail leaves; the unique constraint on
(invoice_id, step) makes a second run, or a parallel one, fail to claim it. A step whose
e-mail failed is claimed again on the next run; one left "sending" by a crash is not retried,
because it may have gone out.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from core.api import db, utcnow
from plugins.invoicing.mailer import settings as smtp_settings
from plugins.invoicing.mailer.message import reminder_message
from plugins.invoicing.mailer.send import send
from plugins.invoicing.mailer.smtp import MailError
from plugins.invoicing.models import APPROVED, FINALIZED, INVOICE, SENT, Invoice
from plugins.invoicing.overdue import parse_day
from plugins.invoicing.reminders import schedule
from plugins.invoicing.reminders.models import FAILED, SENDING, Reminder
from plugins.invoicing.reminders.models import SENT as STEP_SENT

JOB = "invoicing.send_reminders"
OWING = ("unpaid", "partial", "overdue")


def candidates(as_of: dt.date) -> list[int]:
    """Live invoices still owing money after their due date; paid and void never qualify."""
    return list(
        db.session.scalars(
            select(Invoice.id)
            .where(
                Invoice.type == INVOICE,
                Invoice.status.in_((FINALIZED, APPROVED, SENT)),
                Invoice.payment_status.in_(OWING),
                Invoice.due_date < as_of,
                Invoice.amount_due > 0,
            )
            .order_by(Invoice.id)
        )
    )


def claim(invoice: Invoice, step: int) -> Reminder | None:
    """The step's row in state "sending" if this run may send it, else None."""
    existing = db.session.scalars(
        select(Reminder).where(Reminder.invoice_id == invoice.id, Reminder.step == step)
    ).first()
    if existing is None:
        row = Reminder(company_id=invoice.company_id, invoice_id=invoice.id, step=step)
        db.session.add(row)
        try:
            db.session.commit()
        except IntegrityError:  # another run claimed it between our read and our insert
            db.session.rollback()
            return None
        return row
    if existing.status != FAILED:
        return None
    # Retry a failed step, but only if no parallel run has just taken it over.
    taken = db.session.execute(
        update(Reminder)
        .where(Reminder.id == existing.id, Reminder.status == FAILED)
        .values(status=SENDING, error=None)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    if not taken:
        return None
    db.session.refresh(existing)
    return existing


def remind(invoice: Invoice, step: int, days: int) -> tuple[str, str | None]:
    """Send one step: ("sent", None), ("failed", why) or ("skipped", None)."""
    row = claim(invoice, step)
    if row is None:
        return "skipped", None
    try:
        send(invoice, "reminder", lambda sender: reminder_message(invoice, sender, days))
    except MailError as exc:
        row.status, row.error = FAILED, str(exc)
        db.session.commit()
        return "failed", row.error
    row.status, row.sent_at = STEP_SENT, utcnow()
    db.session.commit()
    return "sent", None


def send_reminders(ctx=None, as_of=None) -> dict:
    """Send payment reminders for overdue invoices (each step once: 1, 7, 14 days late)."""
    day = parse_day(as_of)
    smtp_settings.load()  # refuse early, with the setting to fix, rather than per invoice
    configured = schedule.steps()
    ids = candidates(day)
    if ctx is not None:
        ctx.set_total(len(ids))
    counts, errors = {"sent": 0, "failed": 0, "skipped": 0}, []
    for invoice_id in ids:
        invoice = db.session.get(Invoice, invoice_id)
        days = (day - invoice.due_date).days
        step = schedule.due_step(days, configured)
        outcome, error = ("skipped", None) if step is None else remind(invoice, step, days)
        counts[outcome] += 1
        if error:
            errors.append(error)
        if ctx is not None:
            ctx.advance(ok=int(error is None), failed=int(error is not None), error=error)
    return {"as_of": day.isoformat(), **counts, "errors": errors[:50]}
