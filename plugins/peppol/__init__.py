"""Peppol: send and receive e-invoices through access-point providers (corner 1/4 client)."""

from __future__ import annotations

from core.api import Manifest, MenuItem, declare_parts, hookimpl
from core.api import lazy_gettext as _l
from plugins.peppol.permissions import READ

MANIFEST = Manifest(
    name="peppol",
    version="1.0.0",
    depends=("einvoice", "invoicing"),
    uses=("ap",),
    hookspecs="plugins.peppol.hookspecs",
    summary=_l("Peppol through access-point providers: transmissions, retries, failover, inbox"),
)


declare_parts(
    __name__,
    register_models="plugins.peppol.models:MODELS",
    register_permissions="plugins.peppol.permissions:PERMISSIONS",
    register_blueprints=(
        "plugins.peppol.api:bp",
        "plugins.peppol.views:bp",
        "plugins.peppol.metrics:bp",
    ),
    peppol_providers="plugins.peppol.providers:BUILTIN",
    job_types="plugins.peppol.jobs:JOB_TYPES",
    job_schedules="plugins.peppol.jobs:SCHEDULES",
    menu_items=[MenuItem("Peppol", "peppol.transmissions", 30, permission=READ)],
    render_slot="plugins.peppol.views.slots:render_slot",
    dashboard_widgets="plugins.peppol.views.widget:widgets",
    code_labels="plugins.peppol.labels:code_labels",
    record_url="plugins.peppol.labels:record_url",
    config_defaults="plugins.peppol.config:defaults",
    init_app="plugins.peppol.metrics:install",
)


@hookimpl(trylast=True)  # after invoicing's documents: the demo sends some of them
def seed_demo(company):
    import click

    from plugins.peppol.demo import seed, send_some

    if seed(company):
        click.echo(f"peppol: mock provider account added for {company.name}")
    if sent := send_some(company):
        click.echo(f"peppol: {sent} demo invoices sent via the mock access point")
