"""/api/v1 routes of customer credit: a customer's credit, and paying an invoice from it."""

from __future__ import annotations

from core.api import company_id, describe, get_or_404, json_body, require_permission, user_id
from plugins.invoicing.public import Customer
from plugins.payments import credit
from plugins.payments.api import bp
from plugins.payments.api.common import commit
from plugins.payments.api.requests import CREDIT_USE
from plugins.payments.api.serialize import amount as money
from plugins.payments.credit import use as credit_use
from plugins.payments.permissions import READ, WRITE
from plugins.payments.services import inputs

TAGS = ("payments",)
MONEY = {"type": "string", "pattern": r"^-?\d+\.\d{2}$"}
ENTRY = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "kind": {"type": "string", "enum": ["overpayment", "applied", "reversed", "refunded"]},
        "amount": MONEY,
        "currency": {"type": "string"},
        "payment_id": {"type": "integer"},
        "invoice_id": {"type": ["integer", "null"]},
        "reversal_id": {"type": ["integer", "null"]},
        "refund_id": {"type": ["integer", "null"]},
        "created_at": {"type": "string", "format": "date-time"},
    },
}
CREDIT = {
    "type": "object",
    "properties": {
        "customer_id": {"type": "integer"},
        "balance": {"type": "object", "additionalProperties": MONEY},
        "entries": {"type": "array", "items": ENTRY},
    },
}
USED = {
    "type": "object",
    "properties": {
        "customer_id": {"type": "integer"},
        "invoice_id": {"type": "integer"},
        "amount": MONEY,
        "currency": {"type": "string"},
        "entries": {"type": "array", "items": ENTRY},
        "balance": {"type": "object", "additionalProperties": MONEY},
        "invoice": {"type": "object"},
    },
}


def _balance(customer_id: int) -> dict:
    return {cur: money(total) for cur, total in credit.balance(company_id(), customer_id).items()}


@bp.get("/customers/<int:customer_id>/credit")
@require_permission(READ)
@describe(tags=TAGS, response=CREDIT)
def customer_credit(customer_id: int):
    """A customer's unused credit per currency (``balance``) and every credit entry, oldest
    first: ``overpayment`` (+), ``applied`` to an invoice, ``reversed`` or ``refunded`` (−)."""
    get_or_404(Customer, customer_id, "customer")
    entries = credit.entries(company_id(), customer_id)
    return {
        "customer_id": customer_id,
        "balance": _balance(customer_id),
        "entries": [credit.as_json(e) for e in entries],
    }


@bp.post("/payments/credit-allocations")
@require_permission(WRITE)
@describe(tags=TAGS, request=CREDIT_USE, response=USED, status=201)
def credit_allocation_create():
    """Pay an invoice from the customer's credit (send an ``Idempotency-Key``).

    The credit is drawn from the customer's overpaying payments, oldest first, in the
    invoice's currency; each one used gets an allocation to the invoice. Refused with
    ``insufficient_credit`` above the balance, ``overpayment`` above the amount due,
    ``customer_mismatch`` for another customer's invoice, ``invoice_not_payable`` for a
    draft or void invoice.
    """
    body = json_body()
    errors = inputs.Errors()
    customer_id = inputs.whole(body, "customer_id", errors, required=True)
    invoice_id = inputs.whole(body, "invoice_id", errors, required=True)
    amount = inputs.money(body, "amount", errors, required=True)
    errors.check()
    get_or_404(Customer, customer_id, "customer")
    invoice, entries = credit_use.apply(company_id(), customer_id, invoice_id, amount, user_id())
    commit()
    result = {
        "customer_id": customer_id,
        "invoice_id": invoice.id,
        "amount": money(amount),
        "currency": invoice.currency,
        "entries": [credit.as_json(e) for e in entries],
        "balance": _balance(customer_id),
        "invoice": {
            "amount_due": money(invoice.amount_due),
            "payment_status": invoice.payment_status,
        },
    }
    return result, 201
