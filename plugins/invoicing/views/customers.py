"""/invoicing/customers: list with search, create and edit (rules in services/customers.py),
and a customer's page with its invoices."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_login import login_required
from sqlalchemy import select

from core.api import (
    _,
    company_id,
    current_actor,
    db,
    dump_payload,
    editable,
    form_version,
    get_or_404,
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
from plugins.invoicing.views.customer_merge import MERGE, form_data

editable(Customer, CUSTOMER_WRITE)  # its edit page's room: "also editing", "saved just now"
RECENT_INVOICES = 50


def _form_page(form, customer, status: int = 200, version=None, original=None):
    """The form; ``version``/``original`` are what the user opened (kept across a 422)."""
    if customer is not None:
        version = version if version is not None else customer.version
        original = original or dump_payload(form_data(customer))
    return render(
        "invoicing/customer_form.html",
        status=status,
        form=form,
        customer=customer,
        version=version,
        original=original,
    )


def _write(form: CustomerForm, customer: Customer | None) -> Customer:
    if customer is None:
        return customers.create(company_id(), form.payload())
    customers.update(customer, form.payload())
    return customer


@bp.route("/customers/new", methods=["GET", "POST"])
@login_required
def customer_new():
    require(CUSTOMER_WRITE)
    form = CustomerForm()
    if not form.is_submitted():
        return _form_page(form, None)
    saved = save(form, lambda: _write(form, None)) if form.validate() else None
    if saved is None:
        return _form_page(form, None, 422)
    flash(_("Customer %(name)s created.", name=saved.name), "success")
    return redirect(url_for("invoicing.customer_detail", customer_id=saved.id), 303)


@bp.route("/customers/<int:customer_id>/edit", methods=["GET", "POST"])
@login_required
def customer_edit(customer_id: int):
    require(CUSTOMER_WRITE)
    customer = get_or_404(Customer, customer_id, "customer")
    if request.method == "POST" and request.form.get("_merge"):
        return _merge_save(customer)
    form = CustomerForm(data=form_data(customer))
    if not form.is_submitted():
        return _form_page(form, customer)
    opened, original = form_version(request.form.get("_version")), request.form.get("_original")
    if refused := MERGE.refusal(customer, form.payload()):
        return refused
    saved = save(form, lambda: _write(form, customer)) if form.validate() else None
    if saved is None:
        customer = get_or_404(Customer, customer_id, "customer")
        return _form_page(form, customer, 422, version=opened, original=original)
    flash(_("Customer saved."), "success")
    return redirect(url_for("invoicing.customer_detail", customer_id=customer_id), 303)


def _merge_save(customer: Customer):
    """The merge page's answer: the chosen values saved against the version it showed."""

    def failed(form, original):
        return _form_page(
            form, get_or_404(Customer, customer.id, "customer"), 422, original=original
        )

    return MERGE.save_merged(
        customer,
        lambda form, payload: save(form, lambda: customers.update(customer, payload)),
        failed,
        lambda: redirect(url_for("invoicing.customer_detail", customer_id=customer.id), 303),
    )


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
