"""A customer saved by someone else while this user edited it: how its edit form meets core's
stale-save merge (``core.api.StaleMerge``)."""

from __future__ import annotations

from flask import url_for

from core.api import StaleMerge, payload_form
from plugins.invoicing.forms import CUSTOMER_FIELDS, CustomerForm
from plugins.invoicing.models import Customer


def form_data(customer: Customer) -> dict:
    data = {name: getattr(customer, name) for name in CUSTOMER_FIELDS}
    data["vat_ids"] = ", ".join(customer.vat_ids or [])
    data["payment_terms_days"] = str(customer.payment_terms_days)
    return data


def detail_url(customer: Customer) -> str:
    return url_for("invoicing.customer_detail", customer_id=customer.id)


MERGE = StaleMerge(
    kind="customer",
    snapshot=form_data,
    form=payload_form(CustomerForm),
    edit_url=lambda customer: url_for("invoicing.customer_edit", customer_id=customer.id),
    back_url=detail_url,
    back_label=lambda customer: customer.name,
)
