"""Customer credit: money received beyond what the allocated invoices owed, kept for later.

Only when the company's ``overpayment_policy`` is ``credit`` (``settings.py``). Credit is a
ledger of immutable rows per customer and currency (migration 0003's triggers refuse updates
and deletes); the balance is their sum, never stored:

* ``overpayment`` (+): the unallocated part of a payment, linked to that payment;
* ``applied`` (−): credit used on an invoice. The money is the overpaying payment's, so the
  use is also an allocation of *that* payment to the invoice (``allocation_id``): amounts due
  and payment history keep coming from the one allocation ledger;
* ``reversed`` (−): the payment was reversed, its unused credit goes with it (reversing is
  refused once any of its credit was applied);
* ``refunded`` (−): a processed refund of the payment paid its unused credit back first.

Every entry is chained (``chain.py``). Credit is used oldest payment first.

The feature lives in this folder: the ledger (here), using credit on an invoice (``use.py``),
its JSON API (``api.py``), the customer page's panel (``panel.py``) and the invoice page's
"Apply credit" form (``page.py``).
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import ForeignKey, Index, String, func, select
from sqlalchemy.orm import Mapped, mapped_column

from core.api import AuthoredMixin, DomainEvent, TenantMixin, db, publish
from plugins.payments.models import MONEY

OVERPAYMENT, APPLIED, REVERSED, REFUNDED = "overpayment", "applied", "reversed", "refunded"
ZERO = Decimal("0.00")


class CreditEntry(AuthoredMixin, TenantMixin, db.Model):
    """``payment_id``, ``allocation_id``, ``reversal_id`` and ``refund_id`` carry no foreign
    keys: archiving moves payments, allocations and refunds to archive tables with their ids."""

    __tablename__ = "payments_credit_entry"
    __table_args__ = (
        Index("ix_payments_credit_entry_customer", "company_id", "customer_id", "currency", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("invoicing_customer.id"))
    currency: Mapped[str] = mapped_column(String(3))
    amount: Mapped[Decimal] = mapped_column(MONEY)
    kind: Mapped[str] = mapped_column(String(16))
    payment_id: Mapped[int] = mapped_column(index=True)
    invoice_id: Mapped[int | None] = mapped_column(ForeignKey("invoicing_invoice.id"))
    allocation_id: Mapped[int | None] = mapped_column(index=True)
    reversal_id: Mapped[int | None]
    refund_id: Mapped[int | None]


def balance(company_id: int, customer_id: int) -> dict[str, Decimal]:
    """Unused credit of one customer per currency (currencies with nothing left included)."""
    rows = db.session.execute(
        select(CreditEntry.currency, func.sum(CreditEntry.amount))
        .where(CreditEntry.company_id == company_id, CreditEntry.customer_id == customer_id)
        .group_by(CreditEntry.currency)
        .order_by(CreditEntry.currency)
    )
    return {currency: Decimal(total).quantize(ZERO) for currency, total in rows}


def left_by_payment(company_id: int, customer_id: int, currency: str) -> dict[int, Decimal]:
    """Unused credit per overpaying payment, oldest payment first (the order it is used in)."""
    rows = db.session.execute(
        select(CreditEntry.payment_id, func.sum(CreditEntry.amount))
        .where(
            CreditEntry.company_id == company_id,
            CreditEntry.customer_id == customer_id,
            CreditEntry.currency == currency,
        )
        .group_by(CreditEntry.payment_id)
        .order_by(CreditEntry.payment_id)
    )
    return {pid: Decimal(total) for pid, total in rows if Decimal(total) > 0}


def of_payment(payment_id: int) -> tuple[Decimal, Decimal]:
    """(credit of the payment already applied to invoices, credit of it still unused)."""
    applied, left = db.session.execute(
        select(
            func.coalesce(func.sum(CreditEntry.amount).filter(CreditEntry.kind == APPLIED), 0),
            func.coalesce(func.sum(CreditEntry.amount), 0),
        ).where(CreditEntry.payment_id == payment_id)
    ).one()
    return -Decimal(applied), Decimal(left)


def funded_allocation_ids(payment_ids) -> set[int]:
    """Allocations that are credit uses (they were added to the payment after posting)."""
    query = select(CreditEntry.allocation_id).where(
        CreditEntry.payment_id.in_(list(payment_ids)), CreditEntry.allocation_id.is_not(None)
    )
    return set(db.session.scalars(query))


def entries(company_id: int, customer_id: int):
    query = (
        select(CreditEntry)
        .where(CreditEntry.company_id == company_id, CreditEntry.customer_id == customer_id)
        .order_by(CreditEntry.id)
    )
    return db.session.scalars(query)


def add(payment, amount: Decimal, kind: str, user_id=None, **links) -> CreditEntry:
    """Write one credit entry for ``payment``'s customer and chain it."""
    from plugins.payments import chain
    from plugins.payments.chain import records as chain_records

    entry = CreditEntry(
        company_id=payment.company_id,
        customer_id=payment.customer_id,
        currency=payment.currency,
        amount=amount,
        kind=kind,
        payment_id=payment.id,
        created_by_id=user_id,
        **links,
    )
    db.session.add(entry)
    db.session.flush()
    chain_records.append_record(entry.company_id, chain.CREDIT, entry.id)
    facts = {"payment_id": payment.id, "amount": str(amount), "currency": entry.currency}
    event = f"CustomerCredit{kind.capitalize()}"
    publish(DomainEvent(event, "customer", entry.customer_id, entry.company_id, facts))
    return entry


def as_json(entry: CreditEntry) -> dict:
    return {
        "id": entry.id,
        "kind": entry.kind,
        "amount": str(Decimal(entry.amount).quantize(ZERO)),
        "currency": entry.currency,
        "payment_id": entry.payment_id,
        "invoice_id": entry.invoice_id,
        "reversal_id": entry.reversal_id,
        "refund_id": entry.refund_id,
        "created_at": entry.created_at.isoformat(),
    }
