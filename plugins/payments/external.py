"""Public module: how plugins that depend on payments (the wallet) post and reverse payments.

A thin, stable surface over ``services.record`` and ``services.reverse`` so other plugins never
import payments' internals. Callers hold their own locks and commit.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from core.api import get_scoped
from plugins.payments import credit, settings
from plugins.payments.models import Payment
from plugins.payments.services import record, reverse
from plugins.payments.services.inputs import PaymentInput


def keeps_credit(company_id: int) -> bool:
    """True when the company's overpayment policy keeps overpayments as customer credit."""
    return settings.overpayment_policy(company_id) == settings.CREDIT


def record_invoice_payment(
    company_id: int,
    invoice_id: int,
    amount: Decimal,
    *,
    method: str,
    reference: str,
    on: dt.date,
    provider_transaction_id: str | None = None,
    notes: str | None = None,
) -> tuple[int, Decimal]:
    """Post ``amount`` against one invoice; return (payment id, customer credit it created).

    Under the ``credit`` policy an amount above what is due becomes customer credit; under
    ``reject`` it is refused like any overpayment (``ApiError`` 422), so pass at most the due.
    """
    data = PaymentInput(
        customer_id=None,
        amount=amount,
        currency=None,
        method=method,
        date=on,
        reference=reference,
        notes=notes,
        provider_transaction_id=provider_transaction_id,
        allocations=[(invoice_id, amount)],
    )
    payment = record.record(company_id, data)
    return payment.id, credit.of_payment(payment.id)[1]


def reverse_payment(payment_id: int, reason: str) -> int:
    """Reverse a posted payment (a new linked record, never an edit); return the reversal id."""
    payment = get_scoped(Payment, payment_id)
    return reverse.reverse(payment, reason).id
