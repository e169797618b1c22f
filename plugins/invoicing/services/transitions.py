"""Status moves after finalize: FINALIZED -> APPROVED -> SENT, and any of them -> VOID.

Each move locks the invoice row and checks its status on what the lock read: of many
simultaneous voids one wins, and a payment (which locks the invoice too) cannot land on an
invoice being voided.
"""

from __future__ import annotations

from core.api import ApiError, Conflict, db, lock_in, status_word
from core.api import gettext as _
from plugins.invoicing.models import APPROVED, DRAFT, FINALIZED, SENT, VOID, Invoice
from plugins.invoicing.services import drafts, notify

KIND = "status"  # the label kind of invoice statuses (plugins/invoicing/labels.py)

ALLOWED = {
    APPROVED: ({FINALIZED}, "InvoiceApproved"),
    SENT: ({APPROVED}, "InvoiceSent"),
    VOID: ({FINALIZED, APPROVED, SENT}, "InvoiceVoided"),
}


def move(invoice: Invoice, target: str) -> Invoice:
    sources, event = ALLOWED[target]
    invoice = lock_in(
        Invoice,
        invoice.id,
        sources | {DRAFT},
        "invalid_transition",
        _(
            "An invoice that is {status} cannot become %(target)s.",
            target=status_word(KIND, target),
        ),
        {"allowed_from": sorted(sources)},
        kind=KIND,
    )
    if invoice.is_draft:
        raise Conflict("invoice_is_draft", _("Finalize the draft first."))
    previous, invoice.status = invoice.status, target
    db.session.flush()
    notify.status_changed(invoice, event, previous)
    return invoice


def approve(invoice: Invoice) -> Invoice:
    return move(invoice, APPROVED)


def send(invoice: Invoice) -> Invoice:
    """Status only for now; e-mail delivery is a later step."""
    return move(invoice, SENT)


def void(invoice: Invoice) -> Invoice:
    return move(invoice, VOID)


def credit_note(original: Invoice, data: dict) -> Invoice:
    """A draft credit note for ``original``: its lines unless the caller gives others."""
    if original.is_draft or original.status == VOID or original.type != "invoice":
        raise ApiError(
            409, "invalid_original", _("Only a finalized, non-void invoice can be credited.")
        )
    drafts.require_credit_reason(data)
    payload = {
        "customer_id": original.customer_id,
        "currency": original.currency,
        "exchange_rate": str(original.exchange_rate),
        "buyer_reference": original.buyer_reference,
        "order_reference": original.order_reference,
        "payment_iban": original.payment_iban,
        "lines": [_line_data(line) for line in original.lines],
    }
    payload.update({k: v for k, v in (data or {}).items() if k != "customer_id"})
    return drafts.create(original.company_id, payload, type_="credit_note", original=original)


def _line_data(line) -> dict:
    return {
        "description": line.description,
        "quantity": str(line.quantity),
        "unit_code": line.unit_code,
        "unit_price": str(line.unit_price),
        "allowance": str(line.allowance),
        "tax_category": line.tax_category,
        "tax_rate": str(line.tax_rate),
        "exemption_reason": line.exemption_reason,
        "exemption_code": line.exemption_code,
        "gtin": line.gtin,
        "goods_type": line.goods_type,
    }
