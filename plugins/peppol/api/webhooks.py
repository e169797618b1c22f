"""/api/v1/peppol/webhooks: notification endpoints and their delivery log."""

from __future__ import annotations

from flask import Response
from sqlalchemy import select

from core.api import (
    ValidationFailed,
    company_id,
    db,
    describe,
    get_or_404,
    json_body,
    paginate,
    require_permission,
)
from core.api import gettext as _
from plugins.peppol import notify, webhooks
from plugins.peppol.api import bp
from plugins.peppol.models import Webhook, WebhookDelivery
from plugins.peppol.permissions import MANAGE, READ
from plugins.peppol.timefmt import iso
from plugins.peppol.urls import problem

TAGS = ("peppol",)

WEBHOOK_CREATE = {
    "type": "object",
    "properties": {
        "url": {"type": "string", "description": "https URL receiving Slack-compatible JSON"},
        "events": {"type": "array", "items": {"type": "string", "enum": list(notify.EVENTS)}},
    },
    "required": ["url"],
    "additionalProperties": False,
}


def hook_json(h: Webhook) -> dict:
    return {
        "id": h.id,
        "url": h.url,
        "events": list(h.events or []),
        "active": h.active,
        "created_at": iso(h.created_at),
    }


def delivery_json(d: WebhookDelivery) -> dict:
    return {
        "id": d.id,
        "event": d.event,
        "status": d.status,
        "attempts": d.attempts,
        "last_status_code": d.last_status_code,
        "last_error": d.last_error,
        "next_attempt_at": iso(d.next_attempt_at),
        "delivered_at": iso(d.delivered_at),
        "created_at": iso(d.created_at),
    }


@bp.post("/peppol/webhooks")
@require_permission(MANAGE)
@describe(tags=TAGS, status=201, request=WEBHOOK_CREATE)
def webhooks_create():
    """Add an endpoint ``{url, events?}``; the signing ``secret`` is in this answer only."""
    data = json_body()
    url, events = str(data.get("url") or ""), data.get("events") or list(notify.EVENTS)
    errors = {}
    if why := problem(url):
        errors["url"] = _("url %(why)s.", why=why)
    if not isinstance(events, list) or not set(events) <= set(notify.EVENTS):
        errors["events"] = _("events is a list of %(names)s.", names=", ".join(notify.EVENTS))
    if errors:
        raise ValidationFailed(errors)
    hook, secret = webhooks.create(company_id(), url, events)
    db.session.commit()
    return {**hook_json(hook), "secret": secret}, 201


@bp.get("/peppol/webhooks")
@require_permission(READ)
@describe(tags=TAGS)
def webhooks_list():
    """Webhook endpoints (secrets are never shown again)."""
    return {
        "data": [hook_json(h) for h in db.session.scalars(select(Webhook).order_by(Webhook.id))]
    }


@bp.delete("/peppol/webhooks/<int:webhook_id>")
@require_permission(MANAGE)
@describe(tags=TAGS, status=204)
def webhooks_delete(webhook_id: int):
    """Stop sending to an endpoint (its delivery log stays)."""
    get_or_404(Webhook, webhook_id, "webhook").active = False
    db.session.commit()
    return Response(status=204)


@bp.get("/peppol/webhooks/<int:webhook_id>/deliveries")
@require_permission(READ)
@describe(tags=TAGS, paginated=True)
def webhooks_deliveries(webhook_id: int):
    """The delivery log of one endpoint, newest first."""
    get_or_404(Webhook, webhook_id, "webhook")
    query = select(WebhookDelivery).where(WebhookDelivery.webhook_id == webhook_id)
    return paginate(query, order_by=(WebhookDelivery.id.desc(),), serialize=delivery_json)
