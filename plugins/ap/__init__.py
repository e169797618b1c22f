"""Accounts payable: vendors, purchase orders, goods receipts, vendor bills, 3-way matching."""

from __future__ import annotations

from core.api import Manifest, hookimpl

MANIFEST = Manifest(
    name="ap",
    version="1.0.0",
    depends=("einvoice", "invoicing"),
    uses=("payments",),
    summary="Accounts payable: purchase orders, goods receipts, vendor bills, 3-way matching",
)


@hookimpl
def register_models():
    from plugins.ap.models import MODELS

    return MODELS


@hookimpl
def register_permissions():
    from plugins.ap.permissions import PERMISSIONS

    return PERMISSIONS


@hookimpl
def register_blueprints(app):
    from plugins.ap.api import bp

    app.register_blueprint(bp)
