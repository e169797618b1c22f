"""/ap/purchase-orders/new and /ap/purchase-orders/<id>/edit: create or change a draft purchase
order. The edit page has core's concurrent-editing pieces: the form carries the version it was
opened at, a save against an older one shows the merge page (``core.api.StaleMerge``, lines
compared as one field), and the page lists who else edits it and says when one saves."""

from __future__ import annotations

import datetime as dt

from flask import abort, flash, redirect, request, url_for
from sqlalchemy import select

from core.api import (
    EditPage,
    FormValues,
    StaleMerge,
    _,
    attempt,
    current_actor,
    db,
    editable,
    field_sentences,
    get_or_404,
    mount_edit,
)
from core.api import (
    lazy_gettext as _l,
)
from plugins.ap.api.common import commit
from plugins.ap.models import PurchaseOrder, Vendor
from plugins.ap.models.order import DRAFT
from plugins.ap.permissions import WRITE
from plugins.ap.services import orders
from plugins.ap.views import bp
from plugins.ap.views.forms import LINE_FIELDS, LINE_ROWS
from plugins.ap.views.saving import go_on
from plugins.invoicing.public import CATALOG_SUGGEST_ENDPOINT

editable(PurchaseOrder, WRITE)  # its edit page's room: "also editing", "saved just now"
HEADER = ("vendor_id", "order_date", "expected_date", "currency")


def _text(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "normalize"):  # a Decimal as typed: 100, not 100.0000
        return format(value.normalize(), "f")
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def snapshot(order: PurchaseOrder) -> dict:
    """The draft as its form holds it (text; lines as one list)."""
    data = {name: _text(getattr(order, name)) for name in HEADER}
    data["lines"] = [
        {name: _text(getattr(line, name)) for name in LINE_FIELDS} for line in order.lines
    ]
    return data


def submitted() -> dict:
    data = {name: request.form.get(name, "").strip() for name in HEADER}
    rows = (
        {n: request.form.get(f"lines-{i}-{n}", "").strip() for n in LINE_FIELDS}
        for i in range(LINE_ROWS)
    )
    data["lines"] = [row for row in rows if row["description"] or row["quantity"]]
    return data


def form_values(payload: dict) -> dict:
    """A payload as the form's fields (``lines-0-description`` ...)."""
    values = {name: payload.get(name, "") for name in HEADER}
    for i, line in enumerate(payload.get("lines") or []):
        values |= {f"lines-{i}-{name}": value for name, value in line.items()}
    return values


def body(payload: dict) -> dict:
    """A payload as the purchase-order service takes it."""
    vendor = str(payload.get("vendor_id") or "")
    lines = [
        {k: v for k, v in line.items() if v} | {"tax_category": "S"}
        for line in payload.get("lines") or []
    ]
    return {
        "vendor_id": int(vendor) if vendor.isascii() and vendor.isdigit() else None,
        "order_date": payload.get("order_date") or None,
        "expected_date": payload.get("expected_date") or None,
        "currency": payload.get("currency") or None,
        "lines": lines,
    }


LABELS = {
    "vendor_id": _l("Vendor"),
    "order_date": _l("Order date"),
    "expected_date": _l("Expected"),
    "currency": _l("Currency"),
    "lines": _l("Lines"),
}
# A line's own fields, as its column headings name them ("Line 2, Quantity: ...").
LINE_LABELS = {
    "description": _l("Description"),
    "item_code": _l("Item code"),
    "quantity": _l("Quantity"),
    "unit_code": _l("Unit"),
    "unit_price": _l("Unit price"),
    "tax_rate": _l("VAT"),
    "match_type": _l("Match"),
}


def _show(name: str, value):
    if name == "lines":
        return [
            f"{line.get('description')} — {line.get('quantity')} × {line.get('unit_price')}"
            for line in value or []
        ]
    if name == "vendor_id" and str(value or "").isdigit():
        vendor = db.session.get(Vendor, int(value))
        return vendor.name if vendor is not None else value
    return value


def detail_url(order: PurchaseOrder) -> str:
    return url_for("ap.order_detail", order_id=order.id)


def _context(form: FormValues, order: PurchaseOrder) -> dict:
    """The form's fields as the template reads them, and what its choices need."""
    return {
        "form": form_values(form.values),
        "errors": form.errors,
        "problems": field_sentences(form.errors, LABELS | LINE_LABELS),
        "vendors": db.session.execute(select(Vendor.id, Vendor.name).order_by(Vendor.name)).all(),
        "rows": LINE_ROWS,
        "today": dt.date.today(),
        "catalog_suggest": url_for(CATALOG_SUGGEST_ENDPOINT),
    }


def _save(order: PurchaseOrder | None, payload: dict) -> PurchaseOrder:
    if order is None:
        return orders.create(current_actor().company_id, body(payload), None)
    return orders.update(order, body(payload))


def _write(form: FormValues, order: PurchaseOrder | None, payload: dict) -> PurchaseOrder | None:
    """Save; None when refused (nothing saved, the errors on ``form``)."""
    return attempt(lambda: _save(order, payload), commit, form.refuse)


def _saved(order: PurchaseOrder):
    flash(_("Draft purchase order saved."), "success")
    return redirect(detail_url(order), 303)


def _draft(order_id: int) -> PurchaseOrder:
    order = get_or_404(PurchaseOrder, order_id, "purchase order")
    if order.status != DRAFT:
        abort(409, _("Only draft purchase orders can be changed."))
    return order


EDIT = EditPage(
    name="order",
    permission=WRITE,
    merge=StaleMerge(
        kind="purchase_order",
        snapshot=snapshot,
        form=FormValues,
        edit_url=lambda order: url_for("ap.order_edit", order_id=order.id),
        back_url=detail_url,
        back_label=lambda order: order.number or _("Draft purchase order"),
        show=_show,
        labels=lambda order: lambda name: str(LABELS.get(name, name)),
    ),
    load=_draft,
    form=FormValues.posted(submitted, snapshot),
    write=_write,
    template="ap/order_form.html",
    record_as="order",
    done=_saved,
    created=lambda order: go_on(_("Draft purchase order created."), detail_url(order)),
    context=_context,
)
mount_edit(bp, EDIT, "/purchase-orders/<int:order_id>/edit", new="/purchase-orders/new")
