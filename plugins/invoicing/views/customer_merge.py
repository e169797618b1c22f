"""A customer saved by someone else while this user edited it: the field-by-field page of
core's merge (``core/stale_page.html``) and the save of the merged result."""

from __future__ import annotations

from flask import redirect, request, url_for

from core.api import (
    StaleEdit,
    choices_from,
    dump_payload,
    field_changes,
    form_version,
    get_or_404,
    last_editor,
    load_payload,
    merged,
    render,
)
from plugins.invoicing.forms import CUSTOMER_FIELDS, CustomerForm
from plugins.invoicing.models import Customer
from plugins.invoicing.services import customers
from plugins.invoicing.views.common import save


def form_data(customer: Customer) -> dict:
    data = {name: getattr(customer, name) for name in CUSTOMER_FIELDS}
    data["vat_ids"] = ", ".join(customer.vat_ids or [])
    data["payment_terms_days"] = str(customer.payment_terms_days)
    return data


def _detail(customer: Customer):
    return redirect(url_for("invoicing.customer_detail", customer_id=customer.id), 303)


def stale_page(customer: Customer, original: dict, mine: dict):
    """409: what changed, field by field; nothing saved."""
    form = CustomerForm(formdata=None, data=mine, meta={"csrf": False})
    theirs = form_data(customer)
    changes = field_changes(original, mine, theirs, lambda n: form[n].label.text)
    if not changes:
        return _detail(customer)
    edit = url_for("invoicing.customer_edit", customer_id=customer.id)
    stale = StaleEdit(
        changes=changes,
        version=customer.version,
        mine=mine,
        theirs=theirs,
        action=edit,
        reload_url=edit,
        saved_by=last_editor("customer", customer.id, customer.company_id),
    )
    back = url_for("invoicing.customer_detail", customer_id=customer.id)
    return render(
        "core/stale_page.html", status=409, stale=stale, back_url=back, back_label=customer.name
    )


def merge_save(customer: Customer, form_page):
    """The merge form's answer: the chosen values saved against the version it showed."""
    theirs = load_payload(request.form.get("_theirs"))
    payload = merged(load_payload(request.form.get("_mine")), theirs, choices_from(request.form))
    if form_version(request.form.get("_version")) != customer.version:
        return stale_page(customer, theirs, payload)
    form = CustomerForm(formdata=None, data=payload, meta={"csrf": False})
    if save(form, lambda: customers.update(customer, payload)) is None:
        customer = get_or_404(Customer, customer.id, "customer")
        return form_page(form, customer, 422, original=dump_payload(theirs))
    return _detail(customer)
