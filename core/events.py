"""Domain events: published after the change commits, so a rollback never announces itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import current_app, g, has_request_context, request
from sqlalchemy import event as sa_event
from sqlalchemy.orm import Session

from core.timeutil import utcnow


@dataclass
class DomainEvent:
    """``InvoiceFinalized``, ``PaymentRecorded`` ...; ``data`` holds ids and small facts."""

    name: str
    record_type: str
    record_id: Any
    company_id: int | None
    data: dict = field(default_factory=dict)
    actor: Any = None
    ip_address: str | None = None
    user_agent: str | None = None
    correlation_id: str | None = None
    occurred_at: Any = field(default_factory=utcnow)


def publish(event: DomainEvent) -> None:
    """Deliver ``event`` to ``handle_event`` once the current transaction commits.

    Handlers (and the audit entry core writes for each event) run in a new transaction
    right after the commit; if the transaction rolls back, the event is dropped.
    """
    _stamp_origin(event)
    session = current_app.extensions["sqlalchemy"].session()
    session.info.setdefault("ledgerline.pending_events", []).append(event)


def _stamp_origin(event: DomainEvent) -> None:
    if not has_request_context():
        return
    from core.requestctx import current_actor

    event.actor = event.actor or current_actor()
    event.ip_address = event.ip_address or request.remote_addr
    event.user_agent = event.user_agent or request.headers.get("User-Agent", "")[:255]
    event.correlation_id = event.correlation_id or g.get("correlation_id")


def on_commit(callback) -> None:
    """Run ``callback()`` after the current transaction commits (dropped on rollback)."""
    session = current_app.extensions["sqlalchemy"].session()
    session.info.setdefault("ledgerline.after_commit", []).append(callback)


@sa_event.listens_for(Session, "after_commit")
def _deliver(session) -> None:
    events = session.info.pop("ledgerline.pending_events", [])
    callbacks = session.info.pop("ledgerline.after_commit", [])
    if events:
        session.info.setdefault("ledgerline.deliver", []).extend(events)
    if callbacks:
        session.info.setdefault("ledgerline.callbacks", []).extend(callbacks)


@sa_event.listens_for(Session, "after_soft_rollback")
def _drop(session, previous_transaction) -> None:
    session.info.pop("ledgerline.pending_events", None)
    session.info.pop("ledgerline.after_commit", None)


def flush_delivered(session) -> None:
    """Called by ``Session.commit`` once the data is safe: handlers run in a new transaction."""
    events = session.info.pop("ledgerline.deliver", [])
    callbacks = session.info.pop("ledgerline.callbacks", [])
    if events:
        plugins = current_app.extensions["ledgerline.plugins"]
        for ev in events:
            plugins.hook.handle_event(event=ev)
        session.commit()
    for cb in callbacks:
        cb()
