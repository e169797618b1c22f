"""Possible duplicates: same customer, amount and date, or the same provider transaction."""

from __future__ import annotations

from sqlalchemy import or_, select

from core.api import db
from plugins.payments.models import POSTED, Payment


def looks_duplicate(company_id: int, customer_id: int, amount, day, provider_tx) -> bool:
    match = (
        (Payment.customer_id == customer_id) & (Payment.amount == amount) & (Payment.date == day)
    )
    if provider_tx:
        match = or_(match, Payment.provider_transaction_id == provider_tx)
    query = select(Payment.id).where(
        Payment.company_id == company_id,
        Payment.reversal_of_id.is_(None),
        Payment.status == POSTED,
        match,
    )
    return db.session.scalar(query.limit(1)) is not None
