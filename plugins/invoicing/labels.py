"""Human labels for invoicing's codes and events (registered through ``code_labels``)."""

from __future__ import annotations

from core.api import lazy_gettext as _l
from core.api import lazy_pgettext, record_pages

STATUSES = {
    "DRAFT": _l("Draft"),
    "FINALIZED": _l("Finalized"),
    "APPROVED": _l("Approved"),
    "SENT": _l("Sent"),
    "VOID": _l("Void"),
}

# The action, a verb: Arabic writes it apart from the status "Void" (an adjective).
VOID_ACTION = lazy_pgettext("action", "Void")

PAYMENT_STATUSES = {
    "unpaid": _l("Unpaid"),
    "partial": _l("Partly paid"),
    "paid": _l("Paid"),
    "overdue": _l("Overdue"),
}

DOCUMENT_TYPES = {"invoice": _l("Invoice"), "credit_note": _l("Credit note")}

EVENTS = {
    "InvoiceCreated": _l("%(actor)s created the draft %(record)s"),
    "InvoiceUpdated": _l("%(actor)s edited %(record)s"),
    "InvoiceDeleted": _l("%(actor)s deleted the draft %(record)s"),
    "InvoiceFinalized": _l("%(actor)s finalized %(record)s"),
    "InvoiceApproved": _l("%(actor)s approved %(record)s"),
    "InvoiceSent": _l("%(actor)s sent %(record)s"),
    "InvoiceVoided": _l("%(actor)s voided %(record)s"),
    "InvoiceCredited": _l("%(actor)s issued a credit note for %(record)s"),
    "InvoiceEmailed": _l("%(actor)s e-mailed %(record)s"),
    "InvoiceEmailFailed": _l("E-mailing %(record)s failed"),
    "InvoiceOverdue": _l("%(record)s is now overdue"),
    "InvoiceSettled": _l("%(record)s is settled"),
    "InvoicePaymentStatusChanged": _l("%(record)s is now %(payment_status)s"),
    "InvoicesImported": _l("%(actor)s imported invoices (%(record)s)"),
}

RECORD_TYPES = {"invoice": _l("invoice"), "customer": _l("customer")}

record_url = record_pages(
    {
        "invoice": ("invoicing.invoice_detail", "invoice_id"),
        "customer": ("invoicing.customer_detail", "customer_id"),
    }
)

JOBS = {
    "invoicing.import_invoices": _l("Import invoices"),
    "invoicing.send_email": _l("E-mail an invoice"),
    "invoicing.send_reminders": _l("Send payment reminders"),
    "invoicing.mark_overdue": _l("Mark overdue invoices"),
}


def code_labels() -> dict:
    return {
        "status": STATUSES,
        "payment_status": PAYMENT_STATUSES,
        "document_type": DOCUMENT_TYPES,
        "event": EVENTS,
        "record_type": RECORD_TYPES,
        "job": JOBS,
    }
