"""GET /api/v1/payments/transactions: every money movement, per customer or per user."""

from __future__ import annotations

from core.api import (
    company_id,
    describe,
    paginate,
    query_choice,
    query_date,
    query_id,
    require_permission,
)
from plugins.payments import transactions as tx
from plugins.payments.api import bp
from plugins.payments.api.serialize import amount, iso
from plugins.payments.permissions import READ

Transaction = tx.Transaction


def _json(t: Transaction) -> dict:
    return {
        "id": t.id,
        "kind": t.kind,
        "payment_id": t.payment_id,
        "refund_id": t.refund_id,
        "number": t.number,
        "customer_id": t.customer_id,
        "user_id": t.user_id,
        "date": iso(t.date),
        "amount": amount(t.amount),
        "currency": t.currency,
        "method": t.method,
        "status": t.status,
    }


def filtered_query():
    query = tx.of_company(company_id())
    if (customer := query_id("customer_id")) is not None:
        query = query.where(Transaction.customer_id == customer)
    if (user := query_id("user_id")) is not None:
        query = query.where(Transaction.user_id == user)
    if kind := query_choice("kind", tx.KINDS):
        query = query.where(Transaction.kind == kind)
    if start := query_date("date_from"):
        query = query.where(Transaction.date >= start)
    if end := query_date("date_to"):
        query = query.where(Transaction.date <= end)
    return query


@bp.get("/payments/transactions")
@require_permission(READ)
@describe(
    tags=("payments",), paginated=True,
    query={"customer_id": {"type": "integer", "minimum": 0},
           "user_id": {"type": "integer", "minimum": 0},
           "kind": {"type": "string", "enum": list(tx.KINDS)},
           "date_from": {"type": "string", "format": "date"},
           "date_to": {"type": "string", "format": "date"}},
)  # fmt: skip
def transactions_list():
    """Payments, reversals and processed refunds as one list, newest first.

    Filters: ``customer_id``, ``user_id`` (who recorded it), ``kind`` (payment / reversal /
    refund), ``date_from``, ``date_to``. Archived records are not listed.
    """
    order = (Transaction.date.desc(), Transaction.id.desc())
    return paginate(filtered_query(), order_by=order, serialize=_json)
