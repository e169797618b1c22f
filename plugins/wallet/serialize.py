"""JSON shapes of the wallet API (the automation contract of issue 12)."""

from __future__ import annotations

from plugins.wallet import links, refunds, state
from plugins.wallet.models import PaymentRequest


def iso(value) -> str | None:
    return value.isoformat() + "Z" if value is not None else None


def request_json(request: PaymentRequest) -> dict:
    return {
        "id": request.id,
        "invoice_id": request.invoice_id,
        "address": request.address,
        "token_address": request.token_address,
        "chain_id": request.chain_id,
        "amount_units": str(int(request.amount_units)),
        "decimals": request.decimals,
        "expires_at": iso(request.expires_at),
        "monitor_until": iso(request.monitor_until),
        "uri": links.eip681(request),
        "memo": request.memo,
        "status": request.status,
        "exception": request.exception,
        "mode": request.mode,
        "derivation_index": request.derivation_index,
        "invoice_amount": str(request.invoice_amount),
        "invoice_currency": request.invoice_currency,
        "token_currency": request.token_currency,
        "rate": format(request.rate.normalize(), "f"),
        "tolerance_percent": str(request.tolerance_percent),
        "confirmations_needed": request.confirmations,
        "payment_id": request.payment_id,
        "refund_units": str(int(request.refund_units or 0)),
        "refund": refunds.instruction(request),
        "destroyed": request.destroyed_at is not None,
        "pay_url": links.pay_url(request),
    }


def payment_json(payment, head: state.Head | None) -> dict:
    confirmations = state.confirmations(payment.block_number, head) if head else None
    return {
        "tx_hash": payment.tx_hash,
        "log_index": payment.log_index,
        "amount_units": str(int(payment.amount_units)),
        "block_number": payment.block_number,
        "block_time": iso(payment.block_time),
        "from_address": payment.from_address,
        "memo": payment.memo,
        "confirmations": 0 if payment.orphaned else confirmations,
        "orphaned": payment.orphaned,
    }


def detail_json(request: PaymentRequest, head: state.Head | None) -> dict:
    payments = [payment_json(p, head) for p in request.payments]
    return {**request_json(request), "payments": payments}
