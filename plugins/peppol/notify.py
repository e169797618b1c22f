"""Notifications to a company's webhook endpoints (Slack-compatible JSON bodies, signed).

``queue`` writes one delivery row per subscribed endpoint and starts the delivery job; the
job (``webhooks.deliver_due``) POSTs them, retries with backoff and keeps the log.
"""

from __future__ import annotations

import json

from sqlalchemy import select

from core.api import db, enqueue_job, utcnow
from plugins.peppol.models import Transmission, Webhook, WebhookDelivery

EVENTS = ("job.succeeded", "job.failed", "transmission.failed")
DELIVER_JOB = "peppol.webhooks"


def queue(company_id: int, event: str, text: str, data: dict) -> int:
    """Record deliveries of ``event`` for every active endpoint that wants it; return how many."""
    hooks = db.session.scalars(
        select(Webhook).where(Webhook.company_id == company_id, Webhook.active.is_(True))
    ).all()
    body = json.dumps({"text": text, "event": event, "data": data}, default=str)
    count = 0
    for hook in hooks:
        if hook.events and event not in hook.events:
            continue
        db.session.add(
            WebhookDelivery(
                company_id=company_id,
                webhook_id=hook.id,
                event=event,
                body=body,
                next_attempt_at=utcnow(),
            )
        )
        count += 1
    if count:
        enqueue_job(DELIVER_JOB, {}, company_id=company_id, user_id=None)  # commits
    return count


def transmission_failed(t: Transmission, error_class: str, message: str) -> None:
    text = (
        f"Peppol transmission {t.id} of {t.document_number or 'document'} to {t.receiver_id} "
        f"failed ({error_class}): {message}"
    )
    data = {"transmission_id": t.id, "invoice_id": t.invoice_id, "error_class": error_class}
    queue(t.company_id, "transmission.failed", text[:1000], {**data, "message": message[:500]})


def job_finished(company_id: int, job_id: int, name: str, ok: bool, totals: dict) -> None:
    event = "job.succeeded" if ok else "job.failed"
    summary = ", ".join(f"{k} {v}" for k, v in totals.items())
    text = f"Peppol {name} job {job_id} {'finished' if ok else 'failed'}: {summary}"
    queue(company_id, event, text, {"job_id": job_id, "name": name, **totals})
