"""The transmission state machine. Every move is a conditional UPDATE on the row's current
state, so two workers (or twenty requests) can never both move the same transmission.

    QUEUED -> SENDING -> SENT -> DELIVERED -> ACCEPTED | REJECTED
    SENDING -> FAILED (will retry) -> SENDING ...  |  FAILED -> PERMANENTLY_FAILED
    SENDING -> PERMANENTLY_FAILED (permanent error)
    SENT -> FAILED (the provider reports it could not deliver: we retry, same instance id)
"""

from __future__ import annotations

from sqlalchemy import update

from core.api import DomainEvent, db, emit, publish, utcnow
from plugins.peppol.models import (
    ACCEPTED,
    DELIVERED,
    FAILED,
    PERMANENTLY_FAILED,
    QUEUED,
    REJECTED,
    SENDING,
    SENT,
    Transmission,
)

MOVES = {
    QUEUED: {SENDING, PERMANENTLY_FAILED},
    SENDING: {SENT, FAILED, PERMANENTLY_FAILED, DELIVERED},
    FAILED: {SENDING, PERMANENTLY_FAILED},
    SENT: {DELIVERED, ACCEPTED, REJECTED, FAILED, PERMANENTLY_FAILED},
    DELIVERED: {ACCEPTED, REJECTED},
    ACCEPTED: set(),
    REJECTED: set(),
    PERMANENTLY_FAILED: set(),
}
FINAL = {ACCEPTED, REJECTED, PERMANENTLY_FAILED}
STAMPS = {SENT: "sent_at", DELIVERED: "delivered_at"}


class IllegalMove(ValueError):
    pass


def move(t: Transmission, new: str, *, expect: tuple[str, ...] | None = None, **values) -> bool:
    """Move ``t`` to ``new`` if it is still in one of ``expect`` (default: its loaded state).

    Returns False when another worker moved it first. Does not commit; the change is
    announced (Socket.IO ``peppol_status_changed``, domain event) once it commits.
    """
    olds = expect or (t.state,)
    ids = (t.id, t.company_id, t.invoice_id)
    for old in olds:
        if new not in MOVES[old]:
            raise IllegalMove(f"{old} -> {new} is not a transmission move")
    now = utcnow()
    values = {"state": new, "updated_at": now, **values}
    if new in STAMPS:
        values.setdefault(STAMPS[new], now)
    if new in FINAL:
        values.setdefault("finished_at", now)
    result = db.session.execute(
        update(Transmission)
        .where(Transmission.id == ids[0], Transmission.state.in_(olds))
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        return False
    db.session.expire(t)
    announce(*ids, new)
    return True


def announce(transmission_id: int, company_id: int, invoice_id: int, state: str) -> None:
    data = {"id": transmission_id, "invoice_id": invoice_id, "state": state}
    emit("peppol_status_changed", data, company_id, record=("invoice", invoice_id))
    publish(
        DomainEvent("PeppolStatusChanged", "peppol_transmission", transmission_id, company_id, data)
    )
