"""Webhook endpoints and the delivery of their queued notifications."""

from __future__ import annotations

import secrets as token_source
from datetime import timedelta

import httpx
from flask import current_app
from sqlalchemy import select

from core.api import db, utcnow
from plugins.peppol import signature
from plugins.peppol.models import Webhook, WebhookDelivery
from plugins.peppol.providers import http
from plugins.peppol.secrets import seal_text, unseal_text


def create(company_id: int, url: str, events: list[str]) -> tuple[Webhook, str]:
    """A new endpoint and its signing secret (returned once, stored encrypted)."""
    secret = "whsec_" + token_source.token_urlsafe(32)
    hook = Webhook(
        company_id=company_id, url=url, events=events, secret_encrypted=seal_text(secret)
    )
    db.session.add(hook)
    db.session.flush()
    return hook, secret


def deliver_due(limit: int = 100) -> dict:
    """POST every due delivery once; return counts. Runs inside the company's scope."""
    rows = db.session.scalars(
        select(WebhookDelivery)
        .join(Webhook, Webhook.id == WebhookDelivery.webhook_id)
        .where(
            Webhook.active.is_(True),  # a removed endpoint gets nothing more
            WebhookDelivery.status == "pending",
            WebhookDelivery.next_attempt_at <= utcnow(),
        )
        .order_by(WebhookDelivery.id)
        .limit(limit)
    ).all()
    counts = {"delivered": 0, "retrying": 0, "failed": 0}
    for row in rows:
        counts[_deliver(row)] += 1
    return counts


def _deliver(row: WebhookDelivery) -> str:
    hook = db.session.get(Webhook, row.webhook_id)
    body = row.body.encode()
    header = signature.sign(unseal_text(hook.secret_encrypted), body)
    url = hook.url
    db.session.commit()  # no transaction open during the call
    timeout = float(current_app.config["PEPPOL_HTTP_TIMEOUT"])
    headers = {"Content-Type": "application/json", signature.HEADER: header}
    try:
        resp = http.client().post(url, content=body, headers=headers, timeout=timeout)
        code, error = resp.status_code, None if resp.status_code < 300 else resp.text[:500]
    except httpx.HTTPError as exc:
        code, error = None, f"{type(exc).__name__}: {exc}"
    return _record(row, code, error)


def _record(row: WebhookDelivery, code: int | None, error: str | None) -> str:
    row.attempts += 1
    row.last_status_code, row.last_error = code, error
    if error is None:
        row.status, row.delivered_at, row.next_attempt_at = "delivered", utcnow(), None
        outcome = "delivered"
    elif row.attempts >= int(current_app.config["PEPPOL_WEBHOOK_MAX_ATTEMPTS"]):
        row.status, row.next_attempt_at, outcome = "failed", None, "failed"
    else:
        base = float(current_app.config["PEPPOL_RETRY_BASE_SECONDS"])
        row.next_attempt_at = utcnow() + timedelta(seconds=base * 2 ** (row.attempts - 1))
        outcome = "retrying"
    db.session.commit()
    return outcome
