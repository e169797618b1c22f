"""What each chained record's hash covers, read the same way when chaining and verifying.

Records are always read back through the database (live or archived alike), in batches, so a
verification of a long chain costs a few queries per few hundred entries, not one per entry.

* payment / reversal: its frozen columns and the allocations it was posted with (later rows
  added to it, refund give-backs and uses of its credit, are chained with the refund or the
  credit entry instead);
* credit entry: all its columns;
* refund (chained when processed): its columns and the give-back allocations it wrote.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select

from core.api import db
from plugins.payments import chain
from plugins.payments.archive.models import AllocationAny, PaymentAny, RefundArchive
from plugins.payments.credit import CreditEntry, funded_allocation_ids
from plugins.payments.models import Refund

PAYMENT_FIELDS = (
    "id",
    "company_id",
    "number",
    "customer_id",
    "amount",
    "currency",
    "method",
    "date",
    "reference",
    "notes",
    "provider_transaction_id",
    "reversal_of_id",
    "possible_duplicate",
    "created_by_id",
    "created_at",
)
CREDIT_FIELDS = (
    "id",
    "company_id",
    "customer_id",
    "currency",
    "amount",
    "kind",
    "payment_id",
    "invoice_id",
    "allocation_id",
    "reversal_id",
    "refund_id",
    "created_by_id",
    "created_at",
)
REFUND_FIELDS = (
    "id",
    "company_id",
    "payment_id",
    "amount",
    "reason",
    "status",
    "requested_by_id",
    "requested_at",
    "approved_at",
    "processed_at",
)


def _allocations(rows) -> list[dict]:
    ordered = sorted(rows, key=lambda a: a.id)
    return [{"invoice_id": a.invoice_id, "amount": chain.plain(a.amount)} for a in ordered]


def payments(company_id: int, ids) -> dict[int, dict]:
    ids = list(ids)
    if not ids:
        return {}
    rows = db.session.scalars(
        select(PaymentAny).where(PaymentAny.company_id == company_id, PaymentAny.id.in_(ids))
    )
    found = {p.id: chain.fields(p, PAYMENT_FIELDS) for p in rows}
    funded = funded_allocation_ids(ids)
    allocations = defaultdict(list)
    query = select(AllocationAny).where(
        AllocationAny.payment_id.in_(ids), AllocationAny.refund_id.is_(None)
    )
    for allocation in db.session.scalars(query):
        if allocation.id not in funded:
            allocations[allocation.payment_id].append(allocation)
    for pid, body in found.items():
        body["allocations"] = _allocations(allocations[pid])
    return found


def credits(company_id: int, ids) -> dict[int, dict]:
    query = select(CreditEntry).where(
        CreditEntry.company_id == company_id, CreditEntry.id.in_(list(ids))
    )
    query = query.execution_options(populate_existing=True)
    return {c.id: chain.fields(c, CREDIT_FIELDS) for c in db.session.scalars(query)}


def refunds(company_id: int, ids) -> dict[int, dict]:
    ids = list(ids)
    if not ids:
        return {}
    found = {}
    for model in (RefundArchive, Refund):  # a live row wins if both were ever seen
        query = select(model).where(model.company_id == company_id, model.id.in_(ids))
        for row in db.session.scalars(query.execution_options(populate_existing=True)):
            found[row.id] = chain.fields(row, REFUND_FIELDS)
    allocations = defaultdict(list)
    for allocation in db.session.scalars(
        select(AllocationAny).where(AllocationAny.refund_id.in_(ids))
    ):
        allocations[allocation.refund_id].append(allocation)
    for rid, body in found.items():
        body["allocations"] = _allocations(allocations[rid])
    return found


LOADERS = {
    chain.PAYMENT: payments,
    chain.REVERSAL: payments,
    chain.CREDIT: credits,
    chain.REFUND: refunds,
}


def load(company_id: int, keys) -> dict[tuple[str, int], dict]:
    """Payloads of ``keys`` ((kind, record_id) pairs); a missing record is left out."""
    by_kind = defaultdict(set)
    for kind, record_id in keys:
        by_kind[kind].add(record_id)
    payloads = {}
    for kind, ids in by_kind.items():
        for record_id, body in LOADERS[kind](company_id, ids).items():
            payloads[(kind, record_id)] = body
    return payloads


def append_record(company_id: int, kind: str, record_id: int):
    """Append the record to the company's chain, hashing what the database now holds."""
    db.session.flush()
    body = load(company_id, [(kind, record_id)])[(kind, record_id)]
    return chain.append(company_id, kind, record_id, body)
