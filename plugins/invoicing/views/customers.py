"""/invoicing/customers: list with search, create and edit (rules in services/customers.py),
and a customer's page with its invoices."""

from __future__ import annotations

from flask import flash, redirect
from flask_login import login_required
from sqlalchemy import select

from core.api import (
    EditPage,
    _,
    company_id,
    current_actor,
    db,
    editable,
    get_or_404,
    mount_edit,
    render,
    require,
)
from plugins.einvoice.public import codes
from plugins.invoicing import mapping
from plugins.invoicing.forms import CustomerForm
from plugins.invoicing.models import Customer, Invoice
from plugins.invoicing.permissions import CUSTOMER_READ, CUSTOMER_WRITE, INVOICE_READ
from plugins.invoicing.services import customers
from plugins.invoicing.views import bp
from plugins.invoicing.views.common import save
from plugins.invoicing.views.customer_merge import MERGE, detail_url, form_data

editable(Customer, CUSTOMER_WRITE)  # its edit page's room: "also editing", "saved just now"
RECENT_INVOICES = 50


def _write(form: CustomerForm, customer: Customer | None, payload: dict) -> Customer | None:
    if customer is None:
        return save(form, lambda: customers.create(company_id(), payload))
    return save(form, lambda: customers.update(customer, payload))


def _created(customer: Customer):
    flash(_("Customer %(name)s created.", name=customer.name), "success")
    return redirect(detail_url(customer), 303)


def _saved(customer: Customer):
    flash(_("Customer saved."), "success")
    return redirect(detail_url(customer), 303)


EDIT = EditPage(
    name="customer",
    permission=CUSTOMER_WRITE,
    merge=MERGE,
    load=lambda customer_id: get_or_404(Customer, customer_id, "customer"),
    form=lambda customer: CustomerForm(data=form_data(customer)) if customer else CustomerForm(),
    write=_write,
    template="invoicing/customer_form.html",
    record_as="customer",
    done=_saved,
    created=_created,
)
mount_edit(bp, EDIT, "/customers/<int:customer_id>/edit", new="/customers/new")


@bp.get("/customers/<int:customer_id>")
@login_required
def customer_detail(customer_id: int):
    require(CUSTOMER_READ)
    customer = get_or_404(Customer, customer_id, "customer")
    invoices = []
    if current_actor().can(INVOICE_READ):
        invoices = (
            db.session.scalars(
                select(Invoice)
                .where(Invoice.customer_id == customer.id)
                .order_by(Invoice.issue_date.desc(), Invoice.id.desc())
                .limit(RECENT_INVOICES)
            )
            .unique()
            .all()
        )
    return render(
        "invoicing/customer_detail.html",
        customer=customer,
        invoices=invoices,
        emirates={iso: codes.UAE_EMIRATES[short] for iso, short in mapping.EMIRATES.items()},
        legal_types=codes.LEGAL_ID_TYPES,
    )
