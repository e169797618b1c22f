"""Wallet: stablecoin payment of invoices on an EVM chain (Tempo first), watch-only."""

from __future__ import annotations

from core.api import Manifest, hookimpl
from plugins.wallet.permissions import ADMINISTER

MANIFEST = Manifest(
    name="wallet",
    version="0.1.0",
    depends=("invoicing", "payments"),
    summary="Stablecoin payment requests: watch-only addresses, reorg-safe detection",
)


@hookimpl
def init_app(app):
    from plugins.wallet.config import defaults

    for name, value in defaults().items():
        app.config.setdefault(name, value)


@hookimpl
def register_models():
    from plugins.wallet.models import MODELS

    return MODELS


@hookimpl
def register_permissions():
    from plugins.wallet.permissions import PERMISSIONS

    return PERMISSIONS


@hookimpl
def register_blueprints(app):
    from plugins.wallet.api import bp
    from plugins.wallet.views import bp as pages_bp

    app.register_blueprint(bp)
    app.register_blueprint(pages_bp)


@hookimpl
def register_commands(cli):
    from plugins.wallet.cli import group

    cli.add_command(group)


@hookimpl
def payments_methods():
    return ["stablecoin"]


@hookimpl
def job_types():
    from plugins.wallet.jobs import JOBS

    return JOBS


@hookimpl
def job_schedules():
    from plugins.wallet.jobs import schedules

    return schedules()


@hookimpl
def menu_items(actor):
    from core.api import MenuItem

    return [MenuItem("Wallet", ADMINISTER, 30, permission=ADMINISTER)]


@hookimpl
def render_slot(slot, context):
    from plugins.wallet.views.invoice_slot import render_slot as invoice_slot

    return invoice_slot(slot, context)


@hookimpl(trylast=True)  # after invoicing's documents: the demo requests are for its invoices
def seed_demo(company):
    import click

    from plugins.wallet.demo import request_some, seed

    if seed(company):
        click.echo(f"wallet: demo HD wallet on chain 31337 for {company.name}")
    if made := request_some(company):
        click.echo(f"wallet: {made} demo payment requests for {company.name}")
