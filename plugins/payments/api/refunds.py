"""/api/v1/refunds: request against a payment, read, list, approve / process / reject."""

from __future__ import annotations

from sqlalchemy import select

from core.api import (
    describe,
    get_or_404,
    json_body,
    paginate,
    query_choice,
    query_id,
    require_permission,
    user_id,
)
from plugins.payments.api import bp
from plugins.payments.api import serialize as s
from plugins.payments.api.common import commit
from plugins.payments.api.requests import REASON, REFUND_CREATE
from plugins.payments.api.schemas import REFUND
from plugins.payments.chain import links as chain_links
from plugins.payments.models import REFUND_STATUSES, Payment, Refund
from plugins.payments.permissions import APPROVE, READ, WRITE
from plugins.payments.services import inputs, refunds

TAGS = ("payments",)


@bp.get("/refunds")
@require_permission(READ)
@describe(
    tags=TAGS,
    paginated=True,
    response=REFUND,
    query={
        "status": {"type": "string", "enum": list(REFUND_STATUSES)},
        **{n: {"type": "integer", "minimum": 0} for n in ("payment_id", "customer_id", "user_id")},
    },
)
def refunds_list():
    """List refunds, newest first.

    Filters: ``status``, ``payment_id``, ``customer_id`` (of the payment), ``user_id`` (who
    requested it)."""
    query = select(Refund)
    if status := query_choice("status", REFUND_STATUSES):
        query = query.where(Refund.status == status)
    if (payment := query_id("payment_id")) is not None:
        query = query.where(Refund.payment_id == payment)
    if (customer := query_id("customer_id")) is not None:
        paid_by = select(Payment.id).where(Payment.customer_id == customer)
        query = query.where(Refund.payment_id.in_(paid_by))
    if (requester := query_id("user_id")) is not None:
        query = query.where(Refund.requested_by_id == requester)
    page = paginate(query, order_by=(Refund.id.desc(),), serialize=s.refund)
    return chain_links.page(page, chain_links.REFUND_KINDS)


@bp.post("/refunds")
@require_permission(WRITE)
@describe(tags=TAGS, status=201, request=REFUND_CREATE, response=REFUND)
def refunds_create():
    """Request a refund of part or all of what is left of a payment."""
    payment_id, amount, reason = inputs.refund(json_body())
    payment = get_or_404(Payment, payment_id, "payment")
    refund = refunds.request_refund(payment, amount, reason, user_id())
    commit()
    return chain_links.refund(s.refund(refund)), 201


@bp.get("/refunds/<int:refund_id>")
@require_permission(READ)
@describe(tags=TAGS, response=REFUND)
def refunds_read(refund_id: int):
    """One refund; ``hash`` and ``prev_hash`` of its chain entry once it is processed."""
    return chain_links.refund(s.refund(get_or_404(Refund, refund_id, "refund")))


def _move(refund_id: int, action: str):
    body = json_body(required=False)
    reason = inputs.text(body, "reason", errors := inputs.Errors(), 500)
    errors.check()
    refund = refunds.move(get_or_404(Refund, refund_id, "refund"), action, reason)
    commit()
    return chain_links.refund(s.refund(refund))


@bp.post("/refunds/<int:refund_id>/approve")
@require_permission(APPROVE)
@describe(tags=TAGS, request=REASON, body_required=False, response=REFUND)
def refunds_approve(refund_id: int):
    """Approve a requested refund."""
    return _move(refund_id, "approve")


@bp.post("/refunds/<int:refund_id>/process")
@require_permission(APPROVE)
@describe(tags=TAGS, request=REASON, body_required=False, response=REFUND)
def refunds_process(refund_id: int):
    """Mark an approved refund as paid out; the invoices it came from reopen by its amount."""
    return _move(refund_id, "process")


@bp.post("/refunds/<int:refund_id>/reject")
@require_permission(APPROVE)
@describe(tags=TAGS, request=REASON, body_required=False, response=REFUND)
def refunds_reject(refund_id: int):
    """Reject a requested or approved refund (optional ``reason``)."""
    return _move(refund_id, "reject")
