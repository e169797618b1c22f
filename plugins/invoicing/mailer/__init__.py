"""E-mail delivery of invoices: sent as a job once an invoice becomes SENT, if SMTP is set."""

from __future__ import annotations

from core.api import JobParamsInvalid, db, enqueue_job, on_commit, validates_params
from plugins.invoicing.mailer import settings
from plugins.invoicing.mailer.message import invoice_message
from plugins.invoicing.mailer.send import send
from plugins.invoicing.models import Invoice

SEND_JOB = "invoicing.send_email"


def on_invoice_sent(event) -> None:
    """Queue the e-mail; the job runs after this commit so the worker sees the SENT status."""
    if not settings.configured():
        return
    user_id = getattr(event.actor, "user_id", None)
    params = {"invoice_id": event.record_id}
    on_commit(lambda: enqueue_job(SEND_JOB, params, company_id=event.company_id, user_id=user_id))


def check_params(params: dict) -> dict:
    """When queued: ``invoice_id`` is an id as the invoice API takes it (1 to 2^63 - 1)."""
    value = params.get("invoice_id")
    if isinstance(value, str) and value.isascii() and value.isdigit():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value < 2**63:
        raise JobParamsInvalid({"invoice_id": "must be the id of an invoice"})
    return {**params, "invoice_id": value}


@validates_params(check_params)
def send_email_job(ctx, invoice_id):
    """E-mail an invoice to its customer with the PDF and the Peppol UBL XML attached."""
    invoice = db.session.get(Invoice, invoice_id)
    if invoice is None:
        raise LookupError(f"no invoice with id {invoice_id}")
    if invoice.is_draft:
        raise ValueError(f"invoice {invoice_id} is a draft; finalize it before sending")
    ctx.set_total(1)
    log = send(invoice, "invoice", lambda sender: invoice_message(invoice, sender))
    ctx.advance(ok=1)
    return {"invoice": invoice.number, "recipient": log.recipient}
