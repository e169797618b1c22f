"""Apply a recomputed state to one request, under its row lock, exactly once.

The watcher first computes states without locks; only a request whose state (or payments
record) must change is locked (SELECT ... FOR UPDATE), re-read and recomputed, so two watchers
at once queue here and the second finds nothing left to do.
"""

from __future__ import annotations

from core.api import DomainEvent, db, emit, lock_for_update, publish
from plugins.wallet import settle, state
from plugins.wallet.models import MARKED, PaymentRequest


def pending(request, head) -> bool:
    """Does ``request`` need a transition (state or payments record out of date)?"""
    if request.exception == MARKED or request.destroyed_at is not None:
        return False
    status, exception = state.compute(request, request.payments, head)
    changed = (status, exception) != (request.status, request.exception)
    return changed or settle.out_of_date(request, status)


def lock(request_id: int) -> PaymentRequest:
    """The request row, locked (``FOR NO KEY UPDATE``: a watcher adding a payment row that
    points at it is not blocked) and freshly read, with its payments read after the lock."""
    request = lock_for_update(PaymentRequest, request_id)
    db.session.refresh(request, ["payments"])
    return request


def apply(request_id: int, head) -> list[str]:
    """Lock, re-check and move one request; return what changed, for the pass report."""
    request = lock(request_id)
    if not pending(request, head):
        return []
    previous = (request.status, request.exception)
    request.status, request.exception = state.compute(request, request.payments, head)
    now = (request.status, request.exception)
    done = (
        [f"request {request.id}: {_label(*previous)} -> {_label(*now)}"] if now != previous else []
    )
    if (outcome := settle.follow(request, request.status)) is not None:
        done.append(f"request {request.id}: {outcome}")
    if previous != (request.status, request.exception):
        announce(request, previous)
    return done


def _label(status: str, exception: str | None) -> str:
    return f"{status}/{exception}" if exception else status


def announce(request, previous) -> None:
    data = {
        "id": request.id,
        "invoice_id": request.invoice_id,
        "status": request.status,
        "exception": request.exception,
        "previous_status": previous[0],
        "previous_exception": previous[1],
    }
    publish(
        DomainEvent(
            "WalletStatusChanged", "wallet_payment_request", request.id, request.company_id, data
        )
    )
    emit("wallet_status_changed", data, request.company_id, record=("invoice", request.invoice_id))
