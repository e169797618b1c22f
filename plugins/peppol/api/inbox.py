"""/api/v1/peppol/inbox: run the inbound pipeline by hand, and what it received."""

from __future__ import annotations

from sqlalchemy import select

from core.api import (
    NO_BODY,
    company_id,
    describe,
    enqueue_job,
    paginate,
    query_choice,
    require_permission,
    user_id,
)
from plugins.peppol.api import bp
from plugins.peppol.inbox import FETCH_JOB
from plugins.peppol.models import InboundDocument
from plugins.peppol.permissions import READ, SEND
from plugins.peppol.timefmt import iso

TAGS = ("peppol",)
INBOX_STATUSES = ("imported", "forwarded", "invalid", "duplicate")


@bp.post("/peppol/inbox/fetch")
@require_permission(SEND)
@describe(tags=TAGS, request=NO_BODY, body_required=False, status=202)
def inbox_fetch():
    """Start an inbox run now: 202 ``{job_id}``; follow it at ``/api/v1/jobs/<job_id>``."""
    job = enqueue_job(FETCH_JOB, {}, company_id=company_id(), user_id=user_id())
    return {"job_id": job.id}, 202


def received(row: InboundDocument) -> dict:
    return {
        "id": row.id,
        "provider_id": row.provider_id,
        "message_id": row.message_id,
        "sha256": row.sha256,
        "sender_id": row.sender_id,
        "number": row.number,
        "profile": row.profile,
        "status": row.status,
        "rule_ids": list(row.rule_ids or []),
        "error": row.error,
        "bill_id": row.bill_id,
        "job_id": row.job_id,
        "received_at": iso(row.received_at),
    }


@bp.get("/peppol/inbox")
@require_permission(READ)
@describe(
    tags=TAGS, paginated=True,
    query={"status": {"type": "string", "enum": list(INBOX_STATUSES)}},
)  # fmt: skip
def inbox_list():
    """Received documents, newest first; ``status`` filters (imported, forwarded, invalid,
    duplicate)."""
    query = select(InboundDocument)
    if status := query_choice("status", INBOX_STATUSES):
        query = query.where(InboundDocument.status == status)
    return paginate(query, order_by=(InboundDocument.id.desc(),), serialize=received)
