"""/ap/bills: vendor bills as a declared list (core.listing): sort on every column, search and
filters (status, match, vendor, dates) in the URL, keyset "Next", CSV/XLSX of the filter, bulk
approve (each bill locked and matched again by the approval service: one that needs an
override is refused by name).

``sort=status`` keeps its old meaning (the match status) for links already out there.
"""

from __future__ import annotations

from flask import redirect, request, url_for
from flask_login import login_required
from markupsafe import Markup, escape
from sqlalchemy import select
from sqlalchemy.orm import lazyload

from core.api import (
    ListAction,
    ListField,
    ListFilter,
    ListSpec,
    badge_field,
    current_actor,
    label_filter,
    lazy_gettext,
    money_fields,
    mount_list,
    when_field,
)
from plugins.ap.models import Bill
from plugins.ap.models.bill import BILL_STATUSES, MATCH_STATUSES
from plugins.ap.permissions import APPROVE, READ
from plugins.ap.services import approval
from plugins.ap.vendor_join import order_number_loaded, vendor_loaded, with_vendor
from plugins.ap.views import bp
from plugins.ap.views.by_vendor import VENDOR, vendor_filter


@bp.get("/")
@login_required
def index():
    return redirect(url_for("ap.bill_list"))


def _query():
    from plugins.ap.api.bills import _dates, search

    query = with_vendor(select(Bill), Bill)
    args = request.args
    return _dates(search(query, args.get("q", "")))


MACROS = "ap/_macros.html:"
MATCH = Bill.match_status


def _number(bill) -> Markup:
    shown = escape(bill.vendor_invoice_number)
    if bill.kind == "credit_note":
        shown += Markup(" <small>({})</small>").format(lazy_gettext("credit note"))
    if bill.possible_duplicate_of_id:
        warning = lazy_gettext(
            "Possible duplicate of bill #%(id)s", id=bill.possible_duplicate_of_id
        )
        shown += Markup('<br><small class="ap-warning">{}</small>').format(warning)
    return shown


BILLS = ListSpec(
    name="bill",
    title=lazy_gettext("Vendor bills"),
    intro=lazy_gettext("Bills from vendors, matched against purchase orders and goods receipts."),
    model=Bill,
    endpoint="ap.bill_list",
    permission=READ,
    query=_query,
    # The order's number only, and no lines: not the whole order with its vendor and lines,
    # nor the bill's lines, that the models load by default. Vendor and order come from the
    # query's joins on the bill's own company (see vendor_join).
    options=(vendor_loaded(Bill), lazyload(Bill.lines), *order_number_loaded()),
    template="ap/list.html",
    default_sort="-id",
    aliases={"status": "match"},
    fields=(
        ListField(
            "number",
            lazy_gettext("Vendor number"),
            sort=Bill.vendor_invoice_number,
            value=lambda b: b.vendor_invoice_number,
            show=_number,
            link=lambda b: url_for("ap.bill_review", bill_id=b.id),
            truncate=True,
        ),
        VENDOR,
        when_field("issue_date", lazy_gettext("Issued"), Bill.issue_date, time=False),
        ListField(
            "order",
            lazy_gettext("PO"),
            sort=Bill.order_id,
            value=lambda b: b.order.number if b.order else None,
            cursor=lambda b: b.order_id,
        ),
        *money_fields(
            "total", lazy_gettext("Total"), Bill.total, Bill.currency, lazy_gettext("Currency")
        ),
        badge_field("match", lazy_gettext("Match"), Bill.match_status, MACROS + "match_badge"),
        badge_field("bill_status", lazy_gettext("Status"), Bill.status, MACROS + "status_badge"),
    ),
    filters=(
        ListFilter("q", lazy_gettext("Invoice number or vendor"), kind="search"),
        vendor_filter(Bill.vendor_id),
        label_filter(
            "status", lazy_gettext("Status"), BILL_STATUSES, "ap_bill_status", column=Bill.status
        ),
        label_filter(
            "match_status", lazy_gettext("Match"), MATCH_STATUSES, "ap_match", column=MATCH
        ),
        ListFilter("date_from", lazy_gettext("Issued from"), kind="date"),
        ListFilter("date_to", lazy_gettext("Issued to"), kind="date"),
    ),
    actions=(
        ListAction(
            "approve",
            lazy_gettext("Approve"),
            APPROVE,
            lambda bill: approval.approve(bill, current_actor(), None),
        ),
    ),
    label=lambda b: f"{b.vendor_invoice_number} · {b.vendor.name}",
    empty=lazy_gettext("No bills match."),
    live="ll:bill_created from:body, ll:bill_matched from:body, ll:bill_approved from:body, "
    "ll:ap_bill_changed from:body",
)

mount_list(bp, "/bills", BILLS)
