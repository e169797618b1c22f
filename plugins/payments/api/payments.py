"""/api/v1/payments: list, record (idempotent), read, reverse; payments of an invoice."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select

from core.api import (
    MAX_ID,
    company_id,
    current_actor,
    describe,
    file_response,
    get_or_404,
    get_scoped,
    json_body,
    paginate,
    plain_columns,
    plain_objects,
    query_choice,
    query_date,
    query_id,
    read_rows,
    require_permission,
    user_id,
)
from plugins.invoicing.public import Invoice
from plugins.payments.api import bp
from plugins.payments.api import serialize as s
from plugins.payments.api.common import commit
from plugins.payments.api.requests import PAYMENT_CREATE, REASON
from plugins.payments.api.schemas import PAYMENT
from plugins.payments.archive import read as archive_read
from plugins.payments.archive.models import AllocationAny, PaymentAny
from plugins.payments.chain import links as chain_links
from plugins.payments.models import POSTED, REVERSED, Allocation, Payment
from plugins.payments.permissions import READ, WRITE
from plugins.payments.services import inputs, methods, record, reverse

TAGS = ("payments",)
ARCHIVED = {
    "type": "string",
    "enum": ["1", "true", "0", "false"],
    "description": "1 or true: also list archived ones",
}
ID_QUERY = {"type": "integer", "minimum": 0, "maximum": MAX_ID}
DATE_QUERY = {"type": "string", "format": "date"}
LIST_QUERY = {
    "customer_id": ID_QUERY,
    "user_id": ID_QUERY,
    "method": {"type": "string"},
    "status": {"type": "string", "enum": [POSTED, REVERSED]},
    "date_from": DATE_QUERY,
    "date_to": DATE_QUERY,
    "include_archived": ARCHIVED,
}


def filtered_query(model=Payment):
    """``model`` is ``Payment`` or the live+archive view ``PaymentAny`` (same columns)."""
    query = select(model)
    if model is not Payment:  # a view: no TenantMixin scoping, name the company
        query = query.where(model.company_id == company_id())
    if (customer := query_id("customer_id")) is not None:
        query = query.where(model.customer_id == customer)
    if (creator := query_id("user_id")) is not None:
        query = query.where(model.created_by_id == creator)
    if method := query_choice("method", methods.allowed()):
        query = query.where(model.method == method)
    if status := query_choice("status", (POSTED, REVERSED)):
        query = query.where(model.status == status)
    if start := query_date("date_from"):
        query = query.where(model.date >= start)
    if end := query_date("date_to"):
        query = query.where(model.date <= end)
    return query


@bp.get("/payments")
@require_permission(READ)
@describe(tags=TAGS, paginated=True, response=PAYMENT, query=LIST_QUERY)
def payments_list():
    """List payments and reversal records, newest first.

    Filters: ``customer_id``, ``user_id`` (who recorded it), ``method``, ``status`` (posted /
    reversed), ``date_from``, ``date_to`` (payment date, inclusive). Archived payments are
    left out unless ``include_archived=1``; each item says ``archived``, and carries ``hash``
    and ``prev_hash`` of its payments chain entry.
    """
    archived = query_choice("include_archived", ARCHIVED["enum"]) in ("1", "true")
    model, allocation = (PaymentAny, AllocationAny) if archived else (Payment, Allocation)
    order = (model.date.desc(), model.id.desc())
    page = paginate(
        filtered_query(model).with_only_columns(*plain_columns(model)),
        order_by=order,
        serialize=archive_read.payment_json,
        prepare=lambda rows: _with_allocations(model, allocation, rows),
    )
    return chain_links.page(page, chain_links.PAYMENT_KINDS)


def _with_allocations(model, allocation, rows) -> list:
    """The page's plain rows with their allocations (one query for the page), as what
    ``payment_json`` reads."""
    ids = [row.id for row in rows]
    query = select(
        allocation.payment_id, allocation.invoice_id, allocation.amount, allocation.refund_id
    ).where(allocation.payment_id.in_(ids))
    found = defaultdict(list)
    for a in read_rows(query.order_by(allocation.id)):
        found[a.payment_id].append(a)
    return plain_objects(model, rows, allocations=lambda row: found[row.id])


@bp.post("/payments")
@require_permission(WRITE)
@describe(tags=TAGS, status=201, request=PAYMENT_CREATE, response=PAYMENT)
def payments_create():
    """Record a payment allocated to one or more open invoices of one customer.

    Send an ``Idempotency-Key`` header: retries then create the payment only once. Paying more
    than the invoices owe is refused (``overpayment``) unless the company's
    ``overpayment_policy`` is ``credit``: then allocations are cut to the amount due and the
    rest is kept as customer credit, reported as ``credit_created`` (see
    ``POST /api/v1/payments/credit-allocations`` to use it).
    """
    from plugins.payments import credit

    data = inputs.payment(json_body())
    payment = record.record(company_id(), data, user_id())
    commit()
    _, unused = credit.of_payment(payment.id)
    return chain_links.payment({**s.payment(payment), "credit_created": s.amount(unused)}), 201


@bp.get("/payments/<int:payment_id>")
@require_permission(READ)
@describe(tags=TAGS, response=PAYMENT)
def payments_read(payment_id: int):
    """One payment with its allocations; an archived one is still found (``archived``)."""
    live = get_scoped(Payment, payment_id)
    archived = None if live else archive_read.archived_payment(current_actor(), payment_id)
    row = live or archived or get_or_404(Payment, payment_id, "payment")
    return chain_links.payment(archive_read.payment_json(row))


@bp.get("/payments/<int:payment_id>/receipt")
@require_permission(READ)
@describe(tags=TAGS)
def payments_receipt(payment_id: int):
    """PDF receipt of one payment (a reversed payment or a reversal says so on the receipt)."""
    from plugins.payments import receipts

    payment = get_or_404(Payment, payment_id, "payment")
    return file_response(
        receipts.render_receipt(payment), "application/pdf", receipts.filename(payment), inline=True
    )


@bp.post("/payments/<int:payment_id>/reverse")
@require_permission(WRITE)
@describe(tags=TAGS, status=201, request=REASON, body_required=False, response=PAYMENT)
def payments_reverse(payment_id: int):
    """Reverse a posted payment: a new linked reversal record; the invoices reopen."""
    body = json_body(required=False)
    reason = inputs.text(body, "reason", errors := inputs.Errors(), 500)
    errors.check()
    reversal = reverse.reverse(get_or_404(Payment, payment_id, "payment"), reason, user_id())
    commit()
    return chain_links.payment(s.payment(reversal)), 201


@bp.get("/invoices/<int:invoice_id>/payments")
@require_permission(READ)
@describe(tags=TAGS, paginated=True, response=PAYMENT)
def invoice_payments(invoice_id: int):
    """Payments (and reversals) that touched one invoice, oldest first."""
    get_or_404(Invoice, invoice_id, "invoice")
    touched = select(Allocation.payment_id).where(Allocation.invoice_id == invoice_id)
    query = select(Payment).where(Payment.id.in_(touched))
    page = paginate(query, order_by=(Payment.id,), serialize=s.payment)
    return chain_links.page(page, chain_links.PAYMENT_KINDS)
