"""Payments: payment records with allocations to invoices, reversals and refunds."""

from __future__ import annotations

from core.api import Manifest, MenuItem, declare_parts, hookimpl
from core.api import lazy_gettext as _l
from plugins.payments.permissions import ADMINISTER, READ

MANIFEST = Manifest(
    name="payments",
    version="1.0.0",
    depends=("invoicing",),
    hookspecs="plugins.payments.hookspecs",
    summary=_l("Payments against invoices: partial payments, reversals, refunds, immutable ledger"),
)

declare_parts(
    __name__,
    init_app="plugins.payments.quota:init_app",
    register_permissions="plugins.payments.permissions:PERMISSIONS",
    register_blueprints=(
        "plugins.payments.api:bp",
        "plugins.payments.views:bp",
        "plugins.payments.views.admin:bp",
    ),
    register_commands="plugins.payments.cli:group",
    job_types="plugins.payments.archive.job:JOB_TYPES",
    menu_items=[
        MenuItem(_l("Payments"), "payments.payment_list", 20, permission=READ),
        MenuItem(_l("Refunds"), "payments.refund_queue", 21, permission=READ),
        MenuItem(_l("Payments admin"), "payments_admin.index", 22, permission=ADMINISTER),
    ],
    dashboard_widgets="plugins.payments.views.dashboard:widgets",
    render_slot="plugins.payments.views.slots:render_slot",
    authorize_room="plugins.payments.rooms:authorize_room",
    code_labels="plugins.payments.labels:code_labels",
    record_url="plugins.payments.labels:record_url",
)


@hookimpl
def register_models():
    from plugins.payments.archive.models import MODELS as ARCHIVE_MODELS
    from plugins.payments.models import MODELS

    return [*MODELS, *ARCHIVE_MODELS, *_credit_chain_models()]


def _credit_chain_models():
    from plugins.payments.chain import ChainEntry, ChainHead
    from plugins.payments.credit import CreditEntry
    from plugins.payments.settings import PaymentSettings

    return [PaymentSettings, CreditEntry, ChainHead, ChainEntry]


@hookimpl
def seed_demo(company):
    import click

    from plugins.payments.demo import seed

    if made := seed(company):
        click.echo(f"payments: {made} demo payments for {company.name}")
