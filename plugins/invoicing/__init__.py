"""Invoicing: customers, invoices and credit notes with a hash chain and signatures."""

from __future__ import annotations

from core.api import Manifest, hookimpl
from plugins.invoicing.permissions import CATALOG_READ, CUSTOMER_READ, INVOICE_READ

MANIFEST = Manifest(
    name="invoicing",
    version="1.0.0",
    depends=("einvoice",),
    hookspecs="plugins.invoicing.hookspecs",
    summary="UAE e-invoices: lifecycle, hash chain, signatures, Peppol BIS 3.0 and PINT-AE",
)


@hookimpl
def register_models():
    from plugins.invoicing.catalog_model import CatalogItem
    from plugins.invoicing.mailer.models import EmailLog
    from plugins.invoicing.models import MODELS
    from plugins.invoicing.reminders.models import Reminder

    return [*MODELS, EmailLog, Reminder, CatalogItem]


@hookimpl
def register_permissions():
    from plugins.invoicing.permissions import PERMISSIONS

    return PERMISSIONS


@hookimpl
def register_blueprints(app):
    from plugins.invoicing.api import bp as api_bp
    from plugins.invoicing.views import bp as pages_bp

    app.register_blueprint(api_bp)
    app.register_blueprint(pages_bp)


@hookimpl
def menu_items(actor):
    from core.api import MenuItem
    from core.api import lazy_gettext as _l

    return [
        MenuItem(_l("Invoices"), "invoicing.invoice_list", 10, permission=INVOICE_READ),
        MenuItem(_l("Customers"), "invoicing.customer_list", 11, permission=CUSTOMER_READ),
        MenuItem(_l("Catalogue"), "invoicing.catalog_list", 12, permission=CATALOG_READ),
    ]


@hookimpl
def dashboard_widgets(actor):
    from plugins.invoicing.views.widgets import widgets

    return widgets(actor)


@hookimpl
def register_commands(cli):
    from plugins.invoicing.cli import group
    from plugins.invoicing.overdue import mark_overdue_command
    from plugins.invoicing.reminders import reminders_command

    group.add_command(mark_overdue_command)
    group.add_command(reminders_command)
    cli.add_command(group)


@hookimpl
def job_types():
    from plugins.invoicing import importer, mailer, overdue, reminders

    return {
        importer.JOB: importer.import_invoices,
        mailer.SEND_JOB: mailer.send_email_job,
        reminders.JOB: reminders.send_reminders,
        overdue.JOB: overdue.mark_overdue,
    }


@hookimpl
def job_schedules():
    from plugins.invoicing import overdue, reminders

    return {overdue.JOB: {"minute": "0", "hour": "1"}, reminders.JOB: {"minute": "0", "hour": "8"}}


@hookimpl
def seed_demo(company):
    import click

    from core.api import DomainError
    from plugins.invoicing.catalog_demo import seed_catalog
    from plugins.invoicing.demo import seed

    try:
        done = seed(company)
        items = seed_catalog(company.id)
    except DomainError as exc:  # e.g. a plan limit: say why instead of a traceback
        raise click.ClickException(
            f"invoicing demo data for {company.name}: {exc.message}"
        ) from None
    click.echo(
        f"invoicing: {done.customers} customer(s), {done.documents} document(s) added for "
        f"{company.name}, {done.overdue} marked overdue, {items} catalogue item(s)"
    )


@hookimpl
def handle_event(event):
    if event.name == "InvoiceSent":
        from plugins.invoicing.mailer import on_invoice_sent

        on_invoice_sent(event)


@hookimpl
def authorize_room(actor, kind, record_id):
    if kind != "invoice":
        return None
    from plugins.invoicing.rooms import may_join

    return may_join(actor, record_id)


@hookimpl
def code_labels():
    from plugins.invoicing.labels import code_labels

    return code_labels()


@hookimpl
def record_url(record_type, record_id):
    from plugins.invoicing.labels import record_url

    return record_url(record_type, record_id)
