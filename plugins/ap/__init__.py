"""Accounts payable: vendors, purchase orders, goods receipts, vendor bills, 3-way matching."""

from __future__ import annotations

from core.api import Manifest, hookimpl
from plugins.ap.permissions import READ

MANIFEST = Manifest(
    name="ap",
    version="1.0.0",
    depends=("einvoice", "invoicing"),
    uses=("payments",),
    hookspecs="plugins.ap.hookspecs",
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
    from plugins.ap.views import bp as pages_bp

    app.register_blueprint(bp)
    app.register_blueprint(pages_bp)


@hookimpl
def job_types():
    from plugins.ap.services import bulk, rematch

    return {bulk.JOB: bulk.import_zip, rematch.JOB: rematch.rematch_open_bills}


@hookimpl
def menu_items(actor):
    from core.api import MenuItem
    from core.api import lazy_gettext as _l

    return [MenuItem(_l("Bills"), "ap.bill_list", 30, permission=READ)]


@hookimpl
def authorize_room(actor, kind, record_id):
    if kind not in ("bill", "purchase_order", "goods_receipt"):
        return None
    from plugins.ap.rooms import may_join

    return may_join(actor, kind, record_id)


@hookimpl
def seed_demo(company):
    from plugins.ap.demo import seed

    seed(company)


@hookimpl
def handle_event(event):
    from plugins.ap.services.paid import on_event

    on_event(event)


@hookimpl
def code_labels():
    from plugins.ap.labels import code_labels

    return code_labels()


@hookimpl
def record_url(record_type, record_id):
    from plugins.ap.labels import record_url

    return record_url(record_type, record_id)
