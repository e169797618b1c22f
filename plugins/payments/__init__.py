"""Payments: payment records with allocations to invoices, reversals and refunds."""

from __future__ import annotations

from core.api import Manifest, hookimpl
from plugins.payments.permissions import ADMINISTER, READ

MANIFEST = Manifest(
    name="payments",
    version="1.0.0",
    depends=("invoicing",),
    hookspecs="plugins.payments.hookspecs",
    summary="Payments against invoices: partial payments, reversals, refunds, immutable ledger",
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
def init_app(app):
    from plugins.payments import quota

    quota.init_app(app)


@hookimpl
def register_permissions():
    from plugins.payments.permissions import PERMISSIONS

    return PERMISSIONS


@hookimpl
def register_blueprints(app):
    from plugins.payments.api import bp
    from plugins.payments.api import credit as _credit_routes  # noqa: F401  (credit, chain)
    from plugins.payments.views import bp as pages_bp
    from plugins.payments.views.admin import bp as admin_bp

    app.register_blueprint(bp)
    app.register_blueprint(pages_bp)
    app.register_blueprint(admin_bp)


@hookimpl
def job_types():
    from plugins.payments.archive.job import JOB, archive_payments

    return {JOB: archive_payments}


@hookimpl
def register_commands(cli):
    from plugins.payments.chain.cli import verify_command
    from plugins.payments.export.cli import group

    group.add_command(verify_command)
    cli.add_command(group)


@hookimpl
def menu_items(actor):
    from core.api import MenuItem
    from core.api import lazy_gettext as _l

    return [
        MenuItem(_l("Payments"), "payments.payment_list", 20, permission=READ),
        MenuItem(_l("Refunds"), "payments.refund_queue", 21, permission=READ),
        MenuItem(_l("Payments admin"), "payments_admin.index", 22, permission=ADMINISTER),
    ]


@hookimpl
def seed_demo(company):
    import click

    from plugins.payments.demo import seed

    if made := seed(company):
        click.echo(f"payments: {made} demo payments for {company.name}")


@hookimpl
def dashboard_widgets(actor):
    from plugins.payments.views.dashboard import widgets

    return widgets(actor)


@hookimpl
def render_slot(slot, context):
    from plugins.payments.views.customer_credit import render_slot as credit_slot
    from plugins.payments.views.invoice_payments import render_slot as payments_slot

    return payments_slot(slot, context) or credit_slot(slot, context)


@hookimpl
def authorize_room(actor, kind, record_id):
    if kind != "payment":
        return None
    from plugins.payments.rooms import may_join

    return may_join(actor, record_id)


@hookimpl
def code_labels():
    from plugins.payments.labels import code_labels

    return code_labels()


@hookimpl
def record_url(record_type, record_id):
    from plugins.payments.labels import record_url

    return record_url(record_type, record_id)
