"""Peppol job types and the worker's schedule for them."""

from __future__ import annotations

from sqlalchemy import select

from core.api import JobParamsInvalid, db, enqueue_job, utcnow, validates_params
from plugins.peppol import notify, sending, tracking, webhooks
from plugins.peppol.inbox import FETCH_JOB, fetch_inbox
from plugins.peppol.inbox.schedule import TICK_JOB, inbox_tick
from plugins.peppol.models import DELIVERED, FAILED, SENT, Transmission, WebhookDelivery
from plugins.peppol.stale import recover_stale_rounds
from plugins.peppol.transmit import SEND_JOB

RETRY_JOB, POLL_JOB = "peppol.retry_due", "peppol.poll_status"


def _send_params(params: dict) -> dict:
    value = params.get("transmission_id")
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 2**31:
        raise JobParamsInvalid({"transmission_id": "transmission_id is a transmission's id."})
    return params


@validates_params(_send_params)
def send(ctx, transmission_id):
    try:
        state = sending.send_round(int(transmission_id))
    except Exception as exc:
        sending.abandon(int(transmission_id), f"{type(exc).__name__}: {exc}")
        raise
    ctx.advance(ok=int(state == "SENT"), failed=int(state != "SENT"))
    return {"transmission_id": transmission_id, "state": state}


def retry_due(ctx):
    """Start a send job for each FAILED transmission whose backoff has passed, recover
    rounds a dead worker left in SENDING, and start due webhook deliveries."""
    now = utcnow()
    recover_stale_rounds(now)
    due = db.session.execute(
        select(Transmission.id, Transmission.company_id).where(
            Transmission.state == FAILED, Transmission.next_attempt_at <= now
        )
    ).all()
    for transmission_id, company_id in due:
        enqueue_job(
            SEND_JOB, {"transmission_id": transmission_id}, company_id=company_id, user_id=None
        )
    hooks = db.session.execute(
        select(WebhookDelivery.company_id)
        .where(WebhookDelivery.status == "pending", WebhookDelivery.next_attempt_at <= now)
        .distinct()
    ).all()
    for (company_id,) in hooks:
        enqueue_job(notify.DELIVER_JOB, {}, company_id=company_id, user_id=None)
    return {"retried": len(due), "webhook_companies": len(hooks)}


def poll_status(ctx):
    ids = db.session.scalars(
        select(Transmission.id).where(Transmission.state.in_((SENT, DELIVERED)))
    ).all()
    ctx.set_total(len(ids))
    for transmission_id in ids:
        t = db.session.get(Transmission, transmission_id)
        tracking.refresh(t)
        ctx.advance()
    return {"polled": len(ids)}


def deliver_webhooks(ctx):
    return webhooks.deliver_due()


JOB_TYPES = {
    SEND_JOB: send,
    RETRY_JOB: retry_due,
    POLL_JOB: poll_status,
    FETCH_JOB: fetch_inbox,
    TICK_JOB: inbox_tick,
    notify.DELIVER_JOB: deliver_webhooks,
}
SCHEDULES = {
    RETRY_JOB: {"minute": "*"},
    POLL_JOB: {"minute": "*/5"},
    TICK_JOB: {"minute": "*/15"},
}
