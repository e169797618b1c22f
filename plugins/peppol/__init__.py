"""Peppol: send and receive e-invoices through access-point providers (corner 1/4 client)."""

from __future__ import annotations

from core.api import Manifest, hookimpl
from plugins.peppol.permissions import READ

MANIFEST = Manifest(
    name="peppol",
    version="1.0.0",
    depends=("einvoice", "invoicing"),
    uses=("ap",),
    hookspecs="plugins.peppol.hookspecs",
    summary="Peppol through access-point providers: transmissions, retries, failover, inbox",
)


@hookimpl
def init_app(app):
    from plugins.peppol.config import defaults
    from plugins.peppol.metrics import install

    for key, value in defaults().items():
        app.config.setdefault(key, value)
    install(app)


@hookimpl
def register_models():
    from plugins.peppol.models import MODELS

    return MODELS


@hookimpl
def register_permissions():
    from plugins.peppol.permissions import PERMISSIONS

    return PERMISSIONS


@hookimpl
def register_blueprints(app):
    from plugins.peppol.api import bp as api_bp
    from plugins.peppol.metrics import bp as metrics_bp
    from plugins.peppol.views import bp as pages_bp

    app.register_blueprint(api_bp)
    app.register_blueprint(pages_bp)
    app.register_blueprint(metrics_bp)


@hookimpl
def peppol_providers():
    from plugins.peppol.providers import BUILTIN

    return list(BUILTIN)


@hookimpl
def job_types():
    from plugins.peppol import jobs

    return jobs.JOB_TYPES


@hookimpl
def job_schedules():
    from plugins.peppol import jobs

    return jobs.SCHEDULES


@hookimpl
def menu_items(actor):
    from core.api import MenuItem

    return [MenuItem("Peppol", "peppol.transmissions", 30, permission=READ)]


@hookimpl
def render_slot(slot, context):
    from plugins.peppol.views.slots import render_slot as peppol_slot

    return peppol_slot(slot, context)


@hookimpl(trylast=True)  # after invoicing's documents: the demo sends some of them
def seed_demo(company):
    import click

    from plugins.peppol.demo import seed, send_some

    if seed(company):
        click.echo(f"peppol: mock provider account added for {company.name}")
    if sent := send_some(company):
        click.echo(f"peppol: {sent} demo invoices sent via the mock access point")


@hookimpl
def dashboard_widgets(actor):
    from plugins.peppol.views.widget import widgets

    return widgets(actor)
