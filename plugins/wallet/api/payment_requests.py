"""Payment requests: create one for an invoice, read one with its payments, list, destroy."""

from __future__ import annotations

from sqlalchemy import select

from core.api import (
    db,
    describe,
    idempotent,
    json_body,
    paginate,
    require_permission,
)
from plugins.wallet import cursor as scan_cursor
from plugins.wallet import destroy, factory, serialize, state
from plugins.wallet.api import bp
from plugins.wallet.api.common import company_id, found
from plugins.wallet.api.schemas import CREATE, REQUEST
from plugins.wallet.models import PaymentRequest

TAGS = ("wallet",)


def scanned_head(request: PaymentRequest) -> state.Head:
    """Confirmations count up to the block the watcher has scanned (no RPC in a read)."""
    return state.Head(scan_cursor.position(request.chain_id), None)


@bp.post("/invoices/<int:invoice_id>/payment-requests")
@require_permission("wallet.request.write")
@idempotent
@describe(tags=TAGS, status=201, request=CREATE, response=REQUEST)
def payment_requests_create(invoice_id: int):
    """Ask for payment of an invoice in a stablecoin at a fresh receiving address.

    Refused with 409 when the invoice is not payable (``invoice_not_payable``), already has a
    live request (``payment_request_exists``), the wallet has no xpub / master id
    (``wallet_not_configured``) or no exchange rate converts the invoice's currency
    (``no_exchange_rate``).
    """
    body = json_body(required=False)
    request = factory.create(company_id(), invoice_id, body.get("token_address"))
    db.session.commit()
    return serialize.request_json(request), 201


@bp.get("/wallet/payment-requests/<int:request_id>")
@require_permission("wallet.request.read")
@describe(tags=TAGS, response=REQUEST)
def payment_requests_read(request_id: int):
    """One payment request with the on-chain payments recorded for it."""
    request = found(PaymentRequest, request_id, "payment request")
    return serialize.detail_json(request, scanned_head(request))


@bp.get("/wallet/payment-requests")
@require_permission("wallet.request.read")
@describe(tags=TAGS, response=REQUEST, paginated=True)
def payment_requests_list():
    """Payment requests, newest first."""
    query = select(PaymentRequest)
    order = (PaymentRequest.id.desc(),)
    return paginate(query, order_by=order, serialize=serialize.request_json)


@bp.post("/wallet/payment-requests/<int:request_id>/destroy")
@require_permission("wallet.request.write")
@describe(tags=TAGS, response=REQUEST)
def payment_requests_destroy(request_id: int):
    """Stop watching the request's address (audit entry ``wallet_destroyed``). For an HD
    address the answer carries the sweep instruction for an offline signer: the server never
    signs."""
    request = found(PaymentRequest, request_id, "payment request")
    sweep = destroy.destroy(request)
    db.session.commit()
    return {**serialize.request_json(request), "sweep": sweep}
