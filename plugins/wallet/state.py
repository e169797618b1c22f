"""A request's state, recomputed from its payments ledger on every pass (BTCPay semantics).

New → Processing (paid within tolerance, waiting for confirmations) → Settled; New → Expired;
Processing → Invalid (still unconfirmed at ``monitor_until``). Exceptions: PaidPartial,
PaidOver, PaidLate; Marked (manual) is never recomputed. Time is the paying block's timestamp
for payments and the chain head's timestamp for "now", so the chain is the only clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from plugins.wallet.models import (
    EXPIRED,
    INVALID,
    NEW,
    PAID_LATE,
    PAID_OVER,
    PAID_PARTIAL,
    PROCESSING,
    SETTLED,
)


@dataclass(frozen=True)
class Head:
    number: int
    time: datetime


def confirmations(block_number: int, head: Head) -> int:
    return max(0, head.number - block_number + 1)


def counted(request, payments) -> list:
    """Live payments that arrived while the request was watched."""
    return [p for p in payments if not p.orphaned and p.block_time <= request.monitor_until]


def threshold(request) -> Decimal:
    """The least that counts as paid: the amount less the tolerance."""
    return Decimal(request.amount_units) * (1 - Decimal(request.tolerance_percent) / 100)


def compute(request, payments, head: Head) -> tuple[str, str | None]:
    live = counted(request, payments)
    total = sum((Decimal(p.amount_units) for p in live), Decimal(0))
    expired = head.time > request.expires_at
    if total == 0:
        return (EXPIRED if expired else NEW), None
    if total < threshold(request):
        return (EXPIRED if expired else NEW), PAID_PARTIAL
    return _paid_status(request, live, head), _paid_exception(request, live, total)


def _paid_status(request, live, head: Head) -> str:
    needed = max(request.confirmations, 1)
    if all(confirmations(p.block_number, head) >= needed for p in live):
        return SETTLED
    return INVALID if head.time > request.monitor_until else PROCESSING


def _paid_exception(request, live, total: Decimal) -> str | None:
    if total > Decimal(request.amount_units):
        return PAID_OVER
    on_time = sum((Decimal(p.amount_units) for p in live if p.block_time <= request.expires_at), 0)
    return PAID_LATE if on_time < threshold(request) else None
