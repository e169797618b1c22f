"""Parse and check a payment or refund request body; every bad field is named at once."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from core.api import MAX_ID, FieldErrors, exact_decimal, iso_date, text_field, whole_number
from core.api import gettext as _
from plugins.payments.services import methods

CURRENCY = re.compile(r"^[A-Z]{3}$")
CENT = Decimal("0.01")


# The generic field parsers come from core; the names stay so callers keep writing inputs.text.
Errors = FieldErrors
text = text_field


@dataclass
class PaymentInput:
    customer_id: int | None
    amount: Decimal
    currency: str | None
    method: str
    date: dt.date
    reference: str | None
    notes: str | None
    provider_transaction_id: str | None
    allocations: list[tuple[int, Decimal]]


def payment(data: dict) -> PaymentInput:
    errors = Errors()
    parsed = PaymentInput(
        customer_id=whole(data, "customer_id", errors),
        amount=money(data, "amount", errors, required=True),
        currency=currency(data, errors),
        method=method(data, errors),
        date=day(data, "date", errors) or dt.date.today(),
        reference=text(data, "reference", errors, 200),
        notes=text(data, "notes", errors, 5000),
        provider_transaction_id=text(data, "provider_transaction_id", errors, 200),
        allocations=allocations(data, errors),
    )
    errors.check()
    return parsed


def refund(data: dict) -> tuple[int, Decimal, str]:
    errors = Errors()
    payment_id = whole(data, "payment_id", errors, required=True)
    amount = money(data, "amount", errors, required=True)
    reason = text(data, "reason", errors, 500, required=True)
    errors.check()
    return payment_id, amount, reason


def whole(data: dict, name: str, errors: Errors, required: bool = False) -> int | None:
    value = data.get(name)
    if value is None:
        if required:
            errors[name] = _("is required")
        return None
    found = Errors()
    number = whole_number(value, name, found, 1, MAX_ID) if isinstance(value, int) else None
    if number is None:
        errors[name] = _("must be a positive whole number")
    return number


def money(data: dict, name: str, errors: Errors, required: bool = False) -> Decimal | None:
    """A positive amount with at most two decimals, sent as a string or a whole number."""
    value = data.get(name)
    if value is None:
        if required:
            errors[name] = _("is required")
        return None
    amount = exact_decimal(
        value,
        name,
        errors,
        _('must be a decimal string such as "150.00" (no floats for money)'),
        _('must be a number such as "150.00"'),
    )
    if amount is None:
        return None
    if not amount.is_finite() or amount <= 0:
        errors[name] = _("must be more than zero")
    elif amount != amount.quantize(CENT):
        errors[name] = _("must have at most two decimals")
    elif amount >= Decimal("1e16"):
        errors[name] = _("is too large")
    else:
        return amount.quantize(CENT)
    return None


def currency(data: dict, errors: Errors) -> str | None:
    value = data.get("currency")
    if value is None:
        return None
    if not isinstance(value, str) or not CURRENCY.match(value):
        errors["currency"] = _("must be an ISO 4217 code such as AED")
        return None
    return value


def method(data: dict, errors: Errors) -> str:
    value = data.get("method", "bank_transfer")
    allowed = methods.allowed()
    if value not in allowed:
        errors["method"] = _("must be one of %(names)s", names=", ".join(allowed))
    return value


def day(data: dict, name: str, errors: Errors) -> dt.date | None:
    value = data.get(name)
    if value is None:
        return None
    return iso_date(value, name, errors)


def allocations(data: dict, errors: Errors) -> list[tuple[int, Decimal]]:
    items = data.get("allocations")
    if not isinstance(items, list) or not items:
        errors["allocations"] = _("must list at least one {invoice_id, amount}")
        return []
    parsed, seen = [], set()
    for i, item in enumerate(items):
        sub = Errors()
        if not isinstance(item, dict):
            errors[f"allocations[{i}]"] = _("must be an object {invoice_id, amount}")
            continue
        invoice_id = whole(item, "invoice_id", sub, required=True)
        amount = money(item, "amount", sub, required=True)
        if invoice_id in seen:
            sub["invoice_id"] = "appears twice"
        seen.add(invoice_id)
        for field, message in sub.items():
            errors[f"allocations[{i}].{field}"] = message
        if not sub:
            parsed.append((invoice_id, amount))
    return parsed
