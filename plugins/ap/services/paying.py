"""Paying vendor bills: APPROVED → PARTIALLY_PAID → PAID, and reversals.

Each payment locks the bill row first and re-checks its status and what is still due, so two
payments at once can never pay more than the bill's total. Payments are append-only rows
(``BillPayment``); a mistake is corrected by a reversal row, which moves the bill back
(PAID → PARTIALLY_PAID or APPROVED). The bill's ``amount_paid`` is the sum of its rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from core.api import (
    ApiError,
    FieldErrors,
    ValidationFailed,
    db,
    lock_checked,
    lock_or_404,
    status_word,
    utcnow,
)
from core.api import gettext as _
from plugins.ap.models.bill import APPROVED, INVOICE, PAID, PARTIALLY_PAID, PAYABLE_STATUSES, Bill
from plugins.ap.models.payment import BillPayment
from plugins.ap.services import notify, pay_methods
from plugins.ap.services.inputs import date as parse_date
from plugins.invoicing.public import amount_places

ZERO = Decimal("0")


@dataclass(frozen=True)
class PaymentInput:
    amount: Decimal
    method: str
    paid_on: dt.date
    reference: str | None
    notes: str | None


def due(bill: Bill) -> Decimal:
    return (bill.total or ZERO) - (bill.amount_paid or ZERO)


def pay(bill_id: int, body: dict, user_id: int | None) -> BillPayment:
    """Record one outgoing payment of an approved bill (the caller commits)."""
    bill = lock_checked(Bill, bill_id, _check_payable)
    data = parse(body, bill)
    remaining = due(bill)
    if data.amount > remaining:
        raise ValidationFailed(
            {
                "amount": _(
                    "is more than the %(remaining)s %(bill_currency)s still due on this bill",
                    remaining=remaining,
                    bill_currency=bill.currency,
                )
            },
            _("A bill cannot be paid more than its total."),
        )
    row = BillPayment(
        company_id=bill.company_id, bill_id=bill.id, amount=data.amount, currency=bill.currency,
        method=data.method, paid_on=data.paid_on, reference=data.reference, notes=data.notes,
        created_by_id=user_id,
    )  # fmt: skip
    db.session.add(row)
    _apply(bill, data.amount)
    facts = {"payment_id": row.id, "amount": str(data.amount), "status": bill.status}
    notify.announce("BillPaymentRecorded", "ap_bill_changed", "bill", bill, facts)
    return row


def reverse(bill_id: int, payment_id: int, reason, user_id: int | None) -> BillPayment:
    """A reversal row for one payment; the bill moves back. 409 when already reversed."""
    bill = lock_or_404(Bill, bill_id)
    if not isinstance(reason, str) or not reason.strip():
        raise ValidationFailed({"reason": _("is required")}, _("Say why the payment is reversed."))
    original = db.session.get(BillPayment, payment_id)
    if original is None or original.bill_id != bill.id or original.reversal_of_id is not None:
        raise ApiError(
            404, "not_found", _("No payment %(payment_id)s of this bill.", payment_id=payment_id)
        )
    if reversed_by(original.id) is not None:
        raise ApiError(409, "payment_already_reversed", _("This payment is already reversed."))
    row = BillPayment(
        company_id=bill.company_id, bill_id=bill.id, amount=-original.amount,
        currency=original.currency, method=original.method, paid_on=dt.date.today(),
        reference=original.reference, notes=reason.strip()[:2000], reversal_of_id=original.id,
        created_by_id=user_id,
    )  # fmt: skip
    db.session.add(row)
    _apply(bill, -original.amount)
    facts = {"payment_id": original.id, "reversal_id": row.id, "reason": row.notes}
    notify.announce("BillPaymentReversed", "ap_bill_changed", "bill", bill, facts)
    return row


def reversed_by(payment_id: int) -> int | None:
    query = select(BillPayment.id).where(BillPayment.reversal_of_id == payment_id)
    return db.session.scalars(query).first()


def _check_payable(bill: Bill) -> None:
    if bill.kind != INVOICE:
        raise ApiError(
            409, "bill_not_payable", _("A vendor credit note is money owed to us, not paid out.")
        )
    if bill.status not in PAYABLE_STATUSES:
        raise ApiError(
            409, "bill_not_approved",
            _("A bill that is %(bill_status)s cannot be paid: only approved bills are paid.",
              bill_status=status_word("ap_bill_status", bill.status)),
            {"status": bill.status},
        )  # fmt: skip


def parse(body: dict, bill: Bill) -> PaymentInput:
    from core.api import exact_decimal, text_field

    errors = FieldErrors()
    amount = exact_decimal(
        body.get("amount"), "amount", errors, _("must be a decimal written as a string"),
        _("is not a number"),
    )  # fmt: skip
    places = amount_places(bill.currency)
    if amount is not None and amount <= 0:
        errors["amount"] = _("must be more than zero")
    elif amount is not None and amount.as_tuple().exponent < -places:
        errors["amount"] = _(
            "must have at most %(places)s decimals in %(bill_currency)s",
            places=places,
            bill_currency=bill.currency,
        )
    if body.get("currency") not in (None, bill.currency):
        errors["currency"] = _(
            "must be the bill's currency, %(bill_currency)s", bill_currency=bill.currency
        )
    method = body.get("method")
    if method not in pay_methods.allowed():
        errors["method"] = _("must be one of %(names)s", names=", ".join(pay_methods.allowed()))
    paid_on = _paid_on(body, errors)
    reference = text_field(body, "reference", errors, 200)
    notes = text_field(body, "notes", errors, 2000)
    errors.check()
    return PaymentInput(amount, method, paid_on, reference, notes)


def _paid_on(body: dict, errors: FieldErrors) -> dt.date:
    if body.get("date") is None:
        return dt.date.today()
    paid_on = parse_date(body, "date", errors, required=False)
    if paid_on is not None and paid_on > dt.date.today():
        errors["date"] = _("cannot be in the future: record a payment once it is made")
    return paid_on or dt.date.today()


def _apply(bill: Bill, amount: Decimal) -> None:
    bill.amount_paid = (bill.amount_paid or ZERO) + amount
    if bill.amount_paid >= bill.total:
        bill.status, bill.paid_at = PAID, bill.paid_at or utcnow()
    else:
        bill.status = PARTIALLY_PAID if bill.amount_paid > 0 else APPROVED
        bill.paid_at = None
    db.session.flush()
