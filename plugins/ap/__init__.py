"""Accounts payable: vendors, purchase orders, goods receipts, vendor bills, 3-way matching."""

from __future__ import annotations

from core.api import Manifest, MenuItem, declare_parts
from core.api import lazy_gettext as _l
from plugins.ap.permissions import READ

MANIFEST = Manifest(
    name="ap",
    version="1.0.0",
    depends=("einvoice", "invoicing"),
    uses=("payments",),
    hookspecs="plugins.ap.hookspecs",
    summary=_l("Accounts payable: purchase orders, goods receipts, vendor bills, 3-way matching"),
)


declare_parts(
    __name__,
    register_models="plugins.ap.models:MODELS",
    register_permissions="plugins.ap.permissions:PERMISSIONS",
    register_blueprints=("plugins.ap.api:bp", "plugins.ap.views:bp"),
    job_types="plugins.ap.services.jobs:JOB_TYPES",
    menu_items=[MenuItem(_l("Bills"), "ap.bill_list", 30, permission=READ)],
    authorize_room="plugins.ap.rooms:authorize_room",
    seed_demo="plugins.ap.demo:seed",
    handle_event="plugins.ap.services.paid:on_event",
    code_labels="plugins.ap.labels:code_labels",
    record_url="plugins.ap.labels:record_url",
)
