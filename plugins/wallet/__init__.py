"""Wallet: stablecoin payment of invoices on an EVM chain (Tempo first), watch-only."""

from __future__ import annotations

from core.api import Manifest, MenuItem, declare_parts, hookimpl
from core.api import lazy_gettext as _l
from plugins.wallet.permissions import ADMINISTER, READ

MANIFEST = Manifest(
    name="wallet",
    version="0.1.0",
    depends=("invoicing", "payments"),
    summary=_l("Stablecoin payment requests: watch-only addresses, reorg-safe detection"),
)


declare_parts(
    __name__,
    register_models="plugins.wallet.models:MODELS",
    register_permissions="plugins.wallet.permissions:PERMISSIONS",
    register_blueprints=("plugins.wallet.api:bp", "plugins.wallet.views:bp"),
    register_commands="plugins.wallet.cli:group",
    payments_methods=["stablecoin"],
    job_types="plugins.wallet.jobs:JOBS",
    job_schedules="plugins.wallet.jobs:schedules",
    menu_items=[
        MenuItem(_l("Wallet"), ADMINISTER, 30, permission=ADMINISTER),
        MenuItem(_l("Payment requests"), "wallet.request_list", 31, permission=READ),
    ],
    render_slot="plugins.wallet.views.invoice_slot:render_slot",
    config_defaults="plugins.wallet.config:defaults",
    code_labels="plugins.wallet.labels:code_labels",
)


@hookimpl(trylast=True)  # after invoicing's documents: the demo requests are for its invoices
def seed_demo(company):
    import click

    from plugins.wallet.demo import request_some, seed

    if seed(company):
        click.echo(f"wallet: demo HD wallet on chain 31337 for {company.name}")
    if made := request_some(company):
        click.echo(f"wallet: {made} demo payment requests for {company.name}")
