"""Payments: payment records with allocations to invoices, reversals and refunds."""

from __future__ import annotations

from core.api import Manifest, hookimpl

MANIFEST = Manifest(
    name="payments",
    version="1.0.0",
    depends=("invoicing",),
    hookspecs="plugins.payments.hookspecs",
    summary="Payments against invoices: partial payments, reversals, refunds, immutable ledger",
)


@hookimpl
def register_models():
    from plugins.payments.models import MODELS

    return MODELS


@hookimpl
def register_permissions():
    from plugins.payments.permissions import PERMISSIONS

    return PERMISSIONS


@hookimpl
def register_blueprints(app):
    from plugins.payments.api import bp

    app.register_blueprint(bp)


@hookimpl
def authorize_room(actor, kind, record_id):
    if kind != "payment":
        return None
    from plugins.payments.services.rooms import may_join

    return may_join(actor, record_id)
