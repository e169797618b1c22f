"""Invoicing: customers, invoices and credit notes with a hash chain and signatures."""

from __future__ import annotations

from core.api import Manifest, MenuItem, declare_parts, hookimpl
from core.api import lazy_gettext as _l
from plugins.invoicing.permissions import CATALOG_READ, CUSTOMER_READ, INVOICE_READ

MANIFEST = Manifest(
    name="invoicing",
    version="1.0.0",
    depends=("einvoice",),
    hookspecs="plugins.invoicing.hookspecs",
    summary=_l("UAE e-invoices: lifecycle, hash chain, signatures, Peppol BIS 3.0 and PINT-AE"),
)

declare_parts(
    __name__,
    register_permissions="plugins.invoicing.permissions:PERMISSIONS",
    register_blueprints=("plugins.invoicing.api:bp", "plugins.invoicing.views:bp"),
    register_commands="plugins.invoicing.cli:group",
    menu_items=[
        MenuItem(_l("Invoices"), "invoicing.invoice_list", 10, permission=INVOICE_READ),
        MenuItem(_l("Customers"), "invoicing.customer_list", 11, permission=CUSTOMER_READ),
        MenuItem(_l("Catalogue"), "invoicing.catalog_list", 12, permission=CATALOG_READ),
    ],
    dashboard_widgets="plugins.invoicing.views.widgets:widgets",
    job_types="plugins.invoicing.jobs:JOB_TYPES",
    job_schedules="plugins.invoicing.jobs:SCHEDULES",
    authorize_room="plugins.invoicing.rooms:authorize_room",
    code_labels="plugins.invoicing.labels:code_labels",
    record_url="plugins.invoicing.labels:record_url",
)


@hookimpl
def register_models():
    from plugins.invoicing.catalog_model import CatalogItem
    from plugins.invoicing.mailer.models import EmailLog
    from plugins.invoicing.models import MODELS
    from plugins.invoicing.reminders.models import Reminder

    return [*MODELS, EmailLog, Reminder, CatalogItem]


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
