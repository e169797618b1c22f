"""GET /api/v1/audit: the caller's company's audit trail, filtered by record."""

from __future__ import annotations

from flask import request
from flask_babel import gettext as _
from sqlalchemy import select

from core.apiv1 import bp
from core.apiv1.docs import describe
from core.apiv1.guard import require_permission
from core.apiv1.schemas import AUDIT_ENTRY
from core.db import db
from core.errors import ApiError
from core.models import AuditEntry
from core.pagination import paginate
from core.requestctx import current_actor

_FILTERS = {
    "record_type": {"type": "string", "description": "e.g. company, invoice"},
    "record_id": {"type": "string"},
    "action": {"type": "string", "description": "e.g. CompanyUpdated"},
}


@bp.get("/audit")
@require_permission("core.audit.read")
@describe(response=AUDIT_ENTRY, paginated=True, query=_FILTERS, tags=("core",))
def audit_list():
    """Audit entries, oldest first.

    Filter with ``record_type`` and ``record_id`` to get one record's timeline.
    """
    query = _scoped(select(AuditEntry))
    for name, column in (
        ("record_type", AuditEntry.record_type),
        ("record_id", AuditEntry.record_id),
        ("action", AuditEntry.action),
    ):
        if request.args.get(name):
            query = query.where(column == request.args[name])
    return paginate(query, order_by=AuditEntry.created_at, serialize=to_dict)


@bp.get("/audit/<int:entry_id>")
@require_permission("core.audit.read")
@describe(response=AUDIT_ENTRY, tags=("core",))
def audit_entry(entry_id: int):
    """One audit entry; another company's entries answer 404."""
    entry = db.session.scalar(_scoped(select(AuditEntry)).where(AuditEntry.id == entry_id))
    if entry is None:
        raise ApiError(404, "not_found", _("No audit entry %(entry_id)s.", entry_id=entry_id))
    return to_dict(entry)


def _scoped(query):
    """Audit rows are not TenantMixin (system rows have no company): filter here."""
    actor = current_actor()
    if actor.is_super_admin:
        return query
    return query.where(AuditEntry.company_id == actor.company_id)


def to_dict(entry: AuditEntry) -> dict:
    return {
        "id": entry.id,
        "company_id": entry.company_id,
        "action": entry.action,
        "record_type": entry.record_type,
        "record_id": entry.record_id,
        "actor": entry.actor_label,
        "details": entry.details,
        "ip_address": entry.ip_address,
        "correlation_id": entry.correlation_id,
        "created_at": entry.created_at.isoformat() + "Z",
    }
