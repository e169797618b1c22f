"""Validate one import row: customer, dates, currency and the line, with the same rules as
drafts made in the API (``drafts.parse_lines``), so an import accepts exactly what the
editor would."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from core.api import db
from core.api import gettext as _
from plugins.einvoice.public import codes
from plugins.invoicing.importer.columns import LINE, SAME_PER_INVOICE
from plugins.invoicing.models import Customer
from plugins.invoicing.services import drafts
from plugins.invoicing.services import validation as v


@dataclass
class Row:
    ref: str
    customer_id: int | None
    issue_date: dt.date | None
    due_date: dt.date | None
    currency: str
    exchange_rate: Decimal | None
    buyer_reference: str | None
    line: dict
    same: tuple  # the raw values that must agree across the invoice's rows


class Customers:
    """The company's customers by TRN and by name, read once per pass."""

    def __init__(self, company_id: int) -> None:
        self.by_trn: dict[str, int] = {}
        self.by_name: dict[str, list[int]] = {}
        self.terms: dict[int, int] = {}
        query = select(Customer.id, Customer.trn, Customer.name, Customer.payment_terms_days)
        for cid, trn, name, terms in db.session.execute(
            query.where(Customer.company_id == company_id)
        ):
            if trn:
                self.by_trn[trn] = cid
            self.by_name.setdefault(name.strip().lower(), []).append(cid)
            self.terms[cid] = terms

    def find(self, trn: str, name: str, errors: dict) -> int | None:
        if trn:
            found = self.by_trn.get(trn.replace(" ", ""))
            if found is None:
                errors["customer_trn"] = _("no customer has the TRN %(trn)s", trn=trn)
            return found
        if not name:
            errors["customer_name"] = _("give the customer's TRN or name")
            return None
        matches = self.by_name.get(name.strip().lower(), [])
        if not matches:
            errors["customer_name"] = _("no customer is named %(name)s", name=repr(name))
            return None
        if len(matches) > 1:
            errors["customer_name"] = _(
                "%(value)s customers are named %(name)s; use customer_trn",
                value=len(matches),
                name=repr(name),
            )
            return None
        return matches[0]


def parse(raw: dict, customers: Customers) -> tuple[Row | None, dict]:
    """The row's values, or None and ``{column: message}``."""
    errors = v.Errors()
    ref = v.text(raw, "invoice_ref", errors, 64, required=True)
    customer_id = customers.find(raw.get("customer_trn", ""), raw.get("customer_name", ""), errors)
    issue = v.date(raw, "issue_date", errors, required=True)
    due = v.date(raw, "due_date", errors)
    if issue and due and due < issue:
        errors["due_date"] = _("is before the issue date")
    currency = (raw.get("currency") or "AED").strip().upper()
    if not codes.is_currency(currency):
        errors["currency"] = _("must be an ISO 4217 currency code, e.g. AED")
    rate = v.decimal(raw, "exchange_rate", errors, default=Decimal("1"))
    if rate is not None and rate <= 0:
        errors["exchange_rate"] = _("must be positive")
    reference = v.text(raw, "buyer_reference", errors, 200)
    line = _line(raw, errors)
    if errors:
        return None, dict(errors)
    same = tuple(raw.get(name, "").strip() for name in SAME_PER_INVOICE)
    row = Row(ref, customer_id, issue, due, currency, rate, reference, line, same)
    return row, {}


def _line(raw: dict, errors: dict) -> dict:
    found = v.Errors()
    item = {name: raw.get(name) or None for name in LINE}
    parsed = drafts.parse_lines([item], found)
    # "lines[0].quantity" -> "quantity": the report names the file's own column.
    errors.update({key.partition(".")[2] or key: msg for key, msg in found.items()})
    return parsed[0] if parsed else {}
