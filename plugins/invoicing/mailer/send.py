"""Send one message about an invoice and leave a trace: a log row and an audited event."""

from __future__ import annotations

from collections.abc import Callable
from email.message import EmailMessage

from core.api import DomainError, DomainEvent, db, publish
from plugins.invoicing.mailer import settings as smtp_settings
from plugins.invoicing.mailer.models import FAILED, SENT, EmailLog
from plugins.invoicing.mailer.smtp import MailError, deliver
from plugins.invoicing.models import Invoice


def send(invoice: Invoice, kind: str, build: Callable[[str], EmailMessage]) -> EmailLog:
    """Build with ``build(sender)``, deliver, and record the outcome (raises MailError)."""
    settings = smtp_settings.load()
    recipient = invoice.customer.email
    subject = ""
    try:
        if not recipient:
            raise MailError(f"customer {invoice.customer.name!r} has no e-mail address")
        message = build(settings.sender)
        subject = message["Subject"]
        deliver(message, settings)
    except (MailError, DomainError) as exc:
        reason = exc.message if isinstance(exc, DomainError) else str(exc)
        _record(invoice, kind, recipient, subject, FAILED, reason)
        raise MailError(f"{invoice.number}: {reason}") from exc
    return _record(invoice, kind, recipient, subject, SENT, None)


def _record(invoice, kind, recipient, subject, status, error) -> EmailLog:
    log = EmailLog(
        company_id=invoice.company_id,
        invoice_id=invoice.id,
        kind=kind,
        recipient=recipient or "",
        subject=(subject or "")[:300],
        status=status,
        error=error,
    )
    db.session.add(log)
    name = "InvoiceEmailed" if status == SENT else "InvoiceEmailFailed"
    data = {"number": invoice.number, "kind": kind, "recipient": recipient, "error": error}
    publish(DomainEvent(name, "invoice", invoice.id, invoice.company_id, data))
    # Committed at once: a failure must stay on record even when the caller then gives up.
    db.session.commit()
    return log
