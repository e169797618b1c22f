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
    from plugins.payments.views import bp as pages_bp

    app.register_blueprint(bp)
    app.register_blueprint(pages_bp)


@hookimpl
def menu_items(actor):
    from core.api import MenuItem

    return [
        MenuItem("Payments", "payments.payment_list", 20, permission="payments.payment.read"),
        MenuItem("Refunds", "payments.refund_queue", 21, permission="payments.payment.read"),
    ]


@hookimpl
def render_slot(slot, context):
    from plugins.payments.views.invoice_payments import render_slot as payments_slot

    return payments_slot(slot, context)


@hookimpl
def authorize_room(actor, kind, record_id):
    if kind != "payment":
        return None
    from plugins.payments.services.rooms import may_join

    return may_join(actor, record_id)
