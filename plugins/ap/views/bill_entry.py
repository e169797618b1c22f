"""/ap/purchase-orders/<id>/bill: enter the vendor's bill for a PO, lines prefilled with what
is still to bill (accepted, or ordered on 2-way lines, less what other bills took)."""

from __future__ import annotations

import datetime as dt

from flask import request, url_for
from flask_login import login_required

from core.api import (
    FormValues,
    _,
    attempt,
    current_actor,
    get_or_404,
    normalize_number,
    render,
    require,
)
from plugins.ap.api.common import commit
from plugins.ap.models import PurchaseOrder
from plugins.ap.permissions import WRITE
from plugins.ap.services import billing_status, bills
from plugins.ap.services.numbers import price_text, quantity_text
from plugins.ap.views import bp
from plugins.ap.views.saving import go_on


def _prefill(order: PurchaseOrder) -> list[dict]:
    billed = billing_status.billed_quantities([order.id])
    rows = []
    for line in order.lines:
        left = max(line.billable_quantity - billed[line.id], 0)
        rows.append({"po_line": line, "quantity": quantity_text(left),
                     "unit_price": price_text(line.unit_price)})  # fmt: skip
    return rows


def _body(order: PurchaseOrder) -> dict:
    lines = []
    for line in order.lines:
        quantity = normalize_number(request.form.get(f"quantity_{line.id}", ""))
        if quantity and quantity != "0":
            lines.append({
                "po_line_id": line.id, "description": line.description,
                "item_code": line.item_code, "quantity": quantity, "unit_code": line.unit_code,
                "unit_price": normalize_number(request.form.get(f"price_{line.id}", "")),
                "tax_category": line.tax_category, "tax_rate": str(line.tax_rate),
            })  # fmt: skip
    form = request.form
    return {"vendor_id": order.vendor_id, "purchase_order_id": order.id, "lines": lines,
            "vendor_invoice_number": form.get("vendor_invoice_number"),
            "issue_date": form.get("issue_date"), "due_date": form.get("due_date") or None,
            "currency": order.currency}  # fmt: skip


@bp.route("/purchase-orders/<int:order_id>/bill", methods=["GET", "POST"])
@login_required
def bill_entry(order_id: int):
    require(WRITE)
    order = get_or_404(PurchaseOrder, order_id)
    form = FormValues(request.form)
    if request.method == "POST":
        actor = current_actor()
        bill = attempt(
            lambda: bills.create(actor.company_id, _body(order), actor.user_id),
            commit,
            lambda exc: form.refuse(exc, "bill"),
        )
        if bill is not None:
            return go_on(_("Bill entered and matched."), url_for("ap.bill_review", bill_id=bill.id))
    return render("ap/bill_entry.html", status=422 if form.errors else 200, order=order,
                  rows=_prefill(order), errors=form.errors, form=request.form,
                  today=dt.date.today())  # fmt: skip
