"""Payment requests: create one for an invoice, read one with its payments, list, destroy."""

from __future__ import annotations

from sqlalchemy import select

from core.api import (
    NO_BODY,
    company_id,
    db,
    describe,
    get_or_404,
    json_body,
    paginate,
    require_permission,
)
from plugins.wallet import cursor as scan_cursor
from plugins.wallet import destroy, factory, serialize, state
from plugins.wallet.api import bp
from plugins.wallet.api.schemas import BULK, CREATE, MARK, REPORT, REQUEST
from plugins.wallet.models import PaymentRequest
from plugins.wallet.permissions import READ, WRITE

TAGS = ("wallet",)


def scanned_head(request: PaymentRequest) -> state.Head:
    """Confirmations count up to the block the watcher has scanned (no RPC in a read)."""
    return state.Head(scan_cursor.position(request.chain_id), None)


@bp.post("/invoices/<int:invoice_id>/payment-requests")
@require_permission(WRITE)
@describe(tags=TAGS, status=201, request=CREATE, response=REQUEST, body_required=False)
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
@require_permission(READ)
@describe(tags=TAGS, response=REQUEST)
def payment_requests_read(request_id: int):
    """One payment request with the on-chain payments recorded for it."""
    request = get_or_404(PaymentRequest, request_id, "payment request")
    return serialize.detail_json(request, scanned_head(request))


@bp.get("/wallet/payment-requests")
@require_permission(READ)
@describe(tags=TAGS, response=REQUEST, paginated=True)
def payment_requests_list():
    """Payment requests, newest first."""
    query = select(PaymentRequest)
    order = (PaymentRequest.id.desc(),)
    return paginate(query, order_by=order, serialize=serialize.request_json)


@bp.post("/wallet/payment-requests/<int:request_id>/destroy")
@require_permission(WRITE)
@describe(tags=TAGS, request=NO_BODY, response=REQUEST)
def payment_requests_destroy(request_id: int):
    """Stop watching the request's address (audit entry ``wallet_destroyed``). For an HD
    address the answer carries the sweep instruction for an offline signer: the server never
    signs."""
    request = get_or_404(PaymentRequest, request_id, "payment request")
    sweep = destroy.destroy(request)
    db.session.commit()
    return {**serialize.request_json(request), "sweep": sweep}


@bp.post("/wallet/payment-requests/bulk")
@require_permission(WRITE)
@describe(tags=TAGS, status=202, request=BULK, response=REPORT)
def payment_requests_bulk():
    """Create payment requests for many invoices at once (``{"invoice_ids": [...],
    "token_address"?}``): answers 202 with the job; its page shows a progress bar and its
    result lists the requests created and the invoices refused (and why). An id that is no
    invoice of the company is a 422 naming it (``invoice_ids[n]``), and nothing is queued."""
    from flask import url_for

    from core.api import current_actor, enqueue_job
    from plugins.wallet import bulk

    body = json_body()
    params = {"invoice_ids": bulk.check_ids(body.get("invoice_ids"))}
    bulk.refuse_unknown(body["invoice_ids"])  # by its place in the list sent
    if body.get("token_address"):
        params["token_address"] = body["token_address"]
    job = enqueue_job(bulk.JOB, params, company_id=company_id(), user_id=current_actor().user_id)
    job_url = url_for("api_v1.job_detail", job_id=job.id)
    return {"job": job.to_dict(), "job_url": job_url}, 202, {"Location": job_url}


@bp.post("/wallet/payment-requests/<int:request_id>/mark")
@require_permission(WRITE)
@describe(tags=TAGS, request=MARK, response=REQUEST)
def payment_requests_mark(request_id: int):
    """Mark a request ``Settled`` or ``Invalid`` by hand (exception ``Marked``); the watcher
    no longer recomputes it. Settled posts what arrived; Invalid reverses a posted payment."""
    from plugins.wallet import mark

    get_or_404(PaymentRequest, request_id, "payment request")
    request, _ = mark.mark(request_id, json_body().get("status"))
    db.session.commit()
    return serialize.detail_json(request, scanned_head(request))
