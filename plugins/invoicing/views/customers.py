"""/invoicing/customers: list with search, create and edit (rules in services/customers.py),
and a customer's page with its invoices."""

from __future__ import annotations

from flask import redirect, request, url_for
from flask_login import login_required
from sqlalchemy import func, or_, select

from core.api import company_id, current_actor, db, get_or_404, render, require
from plugins.einvoice.public import codes
from plugins.invoicing import mapping
from plugins.invoicing.forms import CUSTOMER_FIELDS, CustomerForm
from plugins.invoicing.models import Customer, Invoice
from plugins.invoicing.services import customers
from plugins.invoicing.views import bp
from plugins.invoicing.views.common import save

PAGE_SIZE = 50
RECENT_INVOICES = 50


@bp.get("/customers")
@login_required
def customer_list():
    require("invoicing.customer.read")
    query = select(Customer)
    q = request.args.get("q", "").strip()
    if q:
        like = f"%{q.lower()}%"
        query = query.where(or_(func.lower(Customer.name).like(like), Customer.trn.like(like)))
    rows = db.session.scalars(query.order_by(Customer.name, Customer.id).limit(PAGE_SIZE)).all()
    return render("invoicing/customer_list.html", block="results", customers=rows, q=q)


def _form_data(customer: Customer) -> dict:
    data = {name: getattr(customer, name) for name in CUSTOMER_FIELDS}
    data["vat_ids"] = ", ".join(customer.vat_ids or [])
    data["payment_terms_days"] = str(customer.payment_terms_days)
    return data


def _form_page(form: CustomerForm, customer: Customer | None, status: int = 200):
    return render("invoicing/customer_form.html", status=status, form=form, customer=customer)


def _write(form: CustomerForm, customer: Customer | None) -> Customer:
    if customer is None:
        return customers.create(company_id(), form.payload())
    customers.update(customer, form.payload())
    return customer


@bp.route("/customers/new", methods=["GET", "POST"])
@login_required
def customer_new():
    require("invoicing.customer.write")
    form = CustomerForm()
    if not form.is_submitted():
        return _form_page(form, None)
    saved = save(form, lambda: _write(form, None)) if form.validate() else None
    if saved is None:
        return _form_page(form, None, 422)
    return redirect(url_for("invoicing.customer_detail", customer_id=saved.id), 303)


@bp.route("/customers/<int:customer_id>/edit", methods=["GET", "POST"])
@login_required
def customer_edit(customer_id: int):
    require("invoicing.customer.write")
    customer = get_or_404(Customer, customer_id, "customer")
    form = CustomerForm(data=_form_data(customer))
    if not form.is_submitted():
        return _form_page(form, customer)
    saved = save(form, lambda: _write(form, customer)) if form.validate() else None
    if saved is None:
        return _form_page(form, get_or_404(Customer, customer_id, "customer"), 422)
    return redirect(url_for("invoicing.customer_detail", customer_id=customer_id), 303)


@bp.get("/customers/<int:customer_id>")
@login_required
def customer_detail(customer_id: int):
    require("invoicing.customer.read")
    customer = get_or_404(Customer, customer_id, "customer")
    invoices = []
    if current_actor().can("invoicing.invoice.read"):
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
