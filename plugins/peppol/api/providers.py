"""/api/v1/peppol/providers: a company's access-point provider accounts."""

from __future__ import annotations

from flask import Response
from sqlalchemy import select

from core.api import company_id, db, describe, get_or_404, json_body, require_permission
from plugins.peppol import manage
from plugins.peppol.api import bp
from plugins.peppol.api import serialize as s
from plugins.peppol.models import ProviderAccount
from plugins.peppol.permissions import MANAGE, READ

TAGS = ("peppol",)
CREATE = {
    "type": "object",
    "required": ["name", "type"],
    "properties": {
        "name": {"type": "string"},
        "type": {"type": "string"},
        "priority": {"type": "integer"},
        "base_url": {"type": "string"},
        **{name: {"type": "string", "writeOnly": True} for name in manage.SECRET_FIELDS},
        "settings": {"type": "object"},
        "outbound": {"type": "boolean"},
        "enabled": {"type": "boolean"},
    },
    "additionalProperties": False,
}

UPDATE = {k: v for k, v in CREATE.items() if k != "required"}


@bp.post("/peppol/providers")
@require_permission(MANAGE)
@describe(tags=TAGS, status=201, request=CREATE)
def providers_create():
    """Add a provider account; credentials are stored encrypted and never returned."""
    account = manage.create(company_id(), json_body())
    db.session.commit()
    return s.provider(account), 201


@bp.get("/peppol/providers")
@require_permission(READ)
@describe(tags=TAGS)
def providers_list():
    """Provider accounts in failover order (priority, then age)."""
    rows = db.session.scalars(
        select(ProviderAccount).order_by(ProviderAccount.priority, ProviderAccount.id)
    ).all()
    return {"data": [s.provider(a) for a in rows]}


@bp.get("/peppol/providers/<int:provider_id>")
@require_permission(READ)
@describe(tags=TAGS)
def providers_read(provider_id: int):
    """One provider account."""
    return s.provider(get_or_404(ProviderAccount, provider_id, "provider account"))


@bp.patch("/peppol/providers/<int:provider_id>")
@require_permission(MANAGE)
@describe(tags=TAGS, request=UPDATE)
def providers_update(provider_id: int):
    """Change a provider account (send ``api_key`` to replace its credentials)."""
    account = manage.change(
        get_or_404(ProviderAccount, provider_id, "provider account"), json_body()
    )
    db.session.commit()
    return s.provider(account)


@bp.delete("/peppol/providers/<int:provider_id>")
@require_permission(MANAGE)
@describe(tags=TAGS, status=204)
def providers_delete(provider_id: int):
    """Remove a provider account (its attempts keep the name)."""
    manage.remove(get_or_404(ProviderAccount, provider_id, "provider account"))
    db.session.commit()
    return Response(status=204)
