"""Duplicate vendor bills.

The same (vendor, vendor invoice number, fiscal year) is always refused (the database's unique
constraint backs this up against races). The same (vendor, total, issue date) under another
number is a *possible* duplicate: flagged on the bill, or refused when the company's policy is
``block``.
"""

from __future__ import annotations

from sqlalchemy import select

from core.api import ApiError, db
from plugins.ap.models.bill import REJECTED, Bill
from plugins.ap.models.settings import BLOCK
from plugins.ap.services import settings


class DuplicateBill(ApiError):
    def __init__(self, existing: Bill, same: str):
        message = (
            f"This vendor's invoice {existing.vendor_invoice_number} of {existing.fiscal_year} "
            f"is already bill #{existing.id}."
            if same == "number"
            else f"Bill #{existing.id} of this vendor has the same total and issue date."
        )
        super().__init__(409, "duplicate_bill", message, {"bill_id": existing.id, "same": same})
        self.bill_id = existing.id


def same_number(company_id: int, vendor_id: int, number: str, year: int) -> Bill | None:
    query = select(Bill).where(
        Bill.company_id == company_id,
        Bill.vendor_id == vendor_id,
        Bill.vendor_invoice_number == number,
        Bill.fiscal_year == year,
    )
    return db.session.scalars(query).first()


def same_amount(bill: Bill) -> Bill | None:
    query = select(Bill).where(
        Bill.company_id == bill.company_id,
        Bill.vendor_id == bill.vendor_id,
        Bill.issue_date == bill.issue_date,
        Bill.total == bill.total,
        Bill.kind == bill.kind,
        Bill.status != REJECTED,
        Bill.vendor_invoice_number != bill.vendor_invoice_number,
    )
    return db.session.scalars(query.order_by(Bill.id)).first()


def check(bill: Bill) -> None:
    """Refuse a repeated number; flag or refuse a repeated amount, as the company says."""
    existing = same_number(
        bill.company_id, bill.vendor_id, bill.vendor_invoice_number, bill.fiscal_year
    )
    if existing is not None:
        raise DuplicateBill(existing, "number")
    twin = same_amount(bill)
    if twin is None:
        return
    if settings.current(bill.company_id).duplicate_policy == BLOCK:
        raise DuplicateBill(twin, "amount")
    bill.possible_duplicate_of_id = twin.id
    bill.warnings = [*bill.warnings, f"Possible duplicate of bill #{twin.id}: same total and date."]
