"""/ap/purchase-orders: purchase orders as a declared list (core.listing): sort on every
column, number/vendor/status filters in the URL, keyset "Next", CSV/XLSX of the filter, bulk
send / close / cancel (each order locked and checked by its service; close and cancel ask
first). What was billed is looked up once per page (or export batch), never per order."""

from __future__ import annotations

from flask import request, url_for
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from core.api import (
    ListAction,
    ListField,
    ListFilter,
    ListSpec,
    badge_field,
    label,
    label_filter,
    lazy_gettext,
    money_fields,
    mount_list,
    when_field,
)
from plugins.ap.models import PurchaseOrder
from plugins.ap.models.order import PO_STATUSES
from plugins.ap.permissions import READ, WRITE
from plugins.ap.services import billing_status, orders
from plugins.ap.vendor_join import vendor_loaded, with_vendor
from plugins.ap.views import bp
from plugins.ap.views.by_vendor import VENDOR, vendor_filter


def _query():
    query = with_vendor(select(PurchaseOrder), PurchaseOrder)
    if q := request.args.get("q", "").strip():
        query = query.where(PurchaseOrder.number.ilike(f"%{q}%"))
    return query


def _billing(rows) -> None:
    billed = billing_status.billed_quantities([o.id for o in rows])
    for order in rows:
        order.billing = billing_status.status(order, billed)


ORDERS = ListSpec(
    name="order",
    title=lazy_gettext("Purchase orders"),
    intro=lazy_gettext("What the company ordered, what arrived and what was billed."),
    model=PurchaseOrder,
    endpoint="ap.order_list",
    permission=READ,
    query=_query,
    options=(vendor_loaded(PurchaseOrder), selectinload(PurchaseOrder.lines)),
    annotate=_billing,
    template="ap/list.html",
    default_sort="-id",
    fields=(
        ListField(
            "number",
            lazy_gettext("Number"),
            sort=PurchaseOrder.number,
            show=lambda o: o.number or lazy_gettext("Draft #%(id)s", id=o.id),
            link=lambda o: url_for("ap.order_detail", order_id=o.id),
        ),
        VENDOR,
        when_field("order_date", lazy_gettext("Ordered"), PurchaseOrder.order_date, time=False),
        when_field(
            "expected_date", lazy_gettext("Expected"), PurchaseOrder.expected_date, time=False
        ),
        *money_fields(
            "total",
            lazy_gettext("Total"),
            PurchaseOrder.total,
            PurchaseOrder.currency,
            lazy_gettext("Currency"),
        ),
        badge_field(
            "status",
            lazy_gettext("Status"),
            PurchaseOrder.status,
            "ap/_macros.html:status_badge",
            "ap_order_status",
        ),
        ListField(
            "billing",
            lazy_gettext("Billing"),
            value=lambda o: o.billing,
            show=lambda o: label("ap_billing", o.billing),
        ),
    ),
    filters=(
        ListFilter("q", lazy_gettext("Number"), kind="search"),
        vendor_filter(PurchaseOrder.vendor_id),
        label_filter(
            "status",
            lazy_gettext("Status"),
            PO_STATUSES,
            "ap_order_status",
            column=PurchaseOrder.status,
        ),
    ),
    actions=(
        ListAction("send", lazy_gettext("Send"), WRITE, orders.send),
        ListAction(
            "close",
            lazy_gettext("Close"),
            WRITE,
            orders.close,
            confirm=lazy_gettext("A closed order takes no more receipts or bills."),
        ),
        ListAction(
            "cancel",
            lazy_gettext("Cancel order"),
            WRITE,
            orders.cancel,
            confirm=lazy_gettext("A cancelled order cannot be sent or received again."),
        ),
    ),
    label=lambda o: o.number or f"#{o.id}",
    empty=lazy_gettext("No purchase orders match."),
    new=(lazy_gettext("New purchase order"), "ap.order_new", WRITE),
    live="ll:po_sent from:body, ll:ap_po_changed from:body, ll:goods_received from:body, "
    "ll:bill_created from:body",
)

mount_list(bp, "/purchase-orders", ORDERS)
