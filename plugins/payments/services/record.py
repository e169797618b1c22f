"""Recording a payment: allocations to open invoices of one customer, in one currency."""

from __future__ import annotations

from decimal import Decimal

from core.api import Refused, _, db, format_money, next_number
from plugins.invoicing.public import settlement
from plugins.payments import chain, credit, settings
from plugins.payments.chain import records as chain_records
from plugins.payments.models import POSTED, Allocation, Payment
from plugins.payments.services import duplicates, ledger, notify
from plugins.payments.services.inputs import PaymentInput


def record(company_id: int, data: PaymentInput, user_id: int | None = None) -> Payment:
    """Post a payment. Under the company's ``credit`` overpayment policy an allocation above an
    invoice's amount due is cut to it, and whatever of the payment is left unallocated becomes
    customer credit (``plugins/payments/credit/``); under ``reject`` both are refused."""
    # Lock in id order: two payments over the same invoices never deadlock on PostgreSQL.
    invoices = {i: settlement.payable(i) for i in sorted(i for i, _ in data.allocations)}
    first = invoices[data.allocations[0][0]]
    customer_id = data.customer_id or first.customer_id
    currency = data.currency or first.currency
    keep_credit = settings.overpayment_policy(company_id) == settings.CREDIT
    allocated = [
        (i, _check_allocation(invoices[i], a, customer_id, currency, keep_credit))
        for i, a in data.allocations
    ]
    _check_total(data, keep_credit)
    payment = Payment(
        company_id=company_id,
        number=next_number(company_id, "PAY", on=data.date),
        customer_id=customer_id,
        amount=data.amount,
        currency=currency,
        method=data.method,
        date=data.date,
        reference=data.reference,
        notes=data.notes,
        provider_transaction_id=data.provider_transaction_id,
        status=POSTED,
        possible_duplicate=duplicates.looks_duplicate(
            company_id, customer_id, data.amount, data.date, data.provider_transaction_id
        ),
        created_by_id=user_id,
    )
    payment.allocations = [
        Allocation(company_id=company_id, invoice_id=i, amount=a) for i, a in allocated if a > 0
    ]
    db.session.add(payment)
    db.session.flush()
    ledger.resettle(invoices, {"payment_id": payment.id})
    chain_records.append_record(company_id, chain.PAYMENT, payment.id)
    extra = data.amount - sum((a for _, a in allocated), Decimal("0"))
    if extra > 0:
        credit.add(payment, extra, credit.OVERPAYMENT, user_id)
    notify.payment_event(payment, "PaymentRecorded", "payments_payment_added", invoices)
    return payment


def _check_allocation(invoice, amount: Decimal, customer_id: int, currency: str, keep_credit):
    """The amount to allocate: ``amount``, or under the credit policy at most what is due."""
    details = {"invoice_id": invoice.id}
    if invoice.customer_id != customer_id:
        raise Refused(
            "customer_mismatch",
            _(
                "Invoice %(invoice_number)s belongs to another customer than this payment.",
                invoice_number=invoice.number,
            ),
            {**details, "invoice_customer_id": invoice.customer_id},
        )
    if invoice.currency != currency:
        raise Refused(
            "currency_mismatch",
            _(
                "Invoice %(invoice_number)s is in %(invoice_currency)s, the payment in "
                "%(currency)s.",
                invoice_number=invoice.number,
                invoice_currency=invoice.currency,
                currency=currency,
            ),
            {**details, "invoice_currency": invoice.currency},
        )
    due = settlement.amount_due(invoice, ledger.paid_on(invoice.id))
    if keep_credit:
        return max(min(amount, due), Decimal("0.00"))
    if amount > due:
        raise overpayment(invoice, amount, due)
    return amount


def overpayment(invoice, amount: Decimal, due: Decimal) -> Refused:
    """The refusal of paying ``amount`` on ``invoice`` when only ``due`` is still due."""
    return Refused(
        "overpayment",
        _(
            "%(amount)s is more than the %(due)s still due on %(number)s.",
            amount=format_money(amount, invoice.currency),
            due=format_money(due, invoice.currency),
            number=invoice.number,
        ),
        {"invoice_id": invoice.id, "amount": str(amount), "amount_due": str(due)},
    )


def _check_total(data: PaymentInput, keep_credit: bool) -> None:
    allocated = sum((a for _, a in data.allocations), Decimal("0"))
    if allocated != data.amount and not (keep_credit and data.amount > allocated):
        # Only the credit policy keeps an unallocated remainder (as customer credit).
        code = "overpayment" if data.amount > allocated else "allocation_exceeds_payment"
        raise Refused(
            code,
            _(
                "The allocations add up to %(allocated)s, the payment is "
                "%(data_amount)s; they must be equal.",
                allocated=allocated,
                data_amount=data.amount,
            ),
            {"amount": str(data.amount), "allocated": str(allocated)},
        )
