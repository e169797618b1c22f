"""/invoicing/invoices: invoices and credit notes as a declared list (core.listing).

The filters are the API's own (``filtered_query``: full-text search, status, payment, customer,
dates) and so is the order (``sorting.INVOICES``), so page, export and API list the same rows
in the same order. Rows are the columns shown as plain rows (no ORM objects), the customer
joined: one capped count (beyond it core's cached count), one page query started where the
last page ended (keyset ``after``/``before``) and, when the page or export batch holds drafts,
one query for their lines (a draft keeps no totals: they are computed live). Bulk finalize,
send and void go through the same services as the invoice's own buttons; void asks first.
"""

from __future__ import annotations

from collections import namedtuple
from operator import itemgetter

from flask import url_for
from markupsafe import Markup, escape

from core.api import (
    ListAction,
    ListField,
    ListFilter,
    ListSpec,
    badge_field,
    column_field,
    format_money,
    label_filter,
    lazy_gettext,
    mount_list,
    when_field,
)
from plugins.invoicing.api.invoices import filtered_query
from plugins.invoicing.customer_options import customer_options
from plugins.invoicing.invoice_customer import CUSTOMER_NAME
from plugins.invoicing.labels import VOID_ACTION
from plugins.invoicing.models import DRAFT, PAYMENT_STATUSES, STATUSES, Invoice
from plugins.invoicing.permissions import (
    INVOICE_APPROVE,
    INVOICE_FINALIZE,
    INVOICE_READ,
    INVOICE_VOID,
    INVOICE_WRITE,
)
from plugins.invoicing.services import finalize, transitions
from plugins.invoicing.sorting import INVOICES
from plugins.invoicing.views import bp
from plugins.invoicing.views.common import commit, listed_amounts

# What a row carries (the customer's name as ``name``: the "customer" sort reads it from the
# row; a column of the joined table, see invoice_customer).
SHOWN = (
    Invoice.id,
    Invoice.number,
    Invoice.type,
    CUSTOMER_NAME,
    Invoice.issue_date,
    Invoice.due_date,
    Invoice.currency,
    Invoice.exchange_rate,
    Invoice.total,
    Invoice.amount_due,
    Invoice.status,
    Invoice.payment_status,
)


def _query():
    return filtered_query().with_only_columns(*SHOWN)


STATUS_AT = [c.key for c in SHOWN].index("status")
Shown = namedtuple("Shown", [c.key for c in SHOWN])  # a row as it is shown


def live_totals(rows) -> list | None:
    """A draft's live totals in place of its stored ones, as a row of the same columns (None:
    no draft, the rows as they are). Only the drafts are looked at beyond their status, which
    is read by position (a ``Row``'s attributes cost more: measured, in an export)."""
    at = [i for i, status in enumerate(map(itemgetter(STATUS_AT), rows)) if status == DRAFT]
    if not at:
        return None
    shown = list(rows)
    for i, (row, money) in zip(at, listed_amounts([rows[i] for i in at]), strict=True):
        shown[i] = Shown(*row)._replace(total=money["total"], amount_due=money["amount_due"])
    return shown


def _label(invoice) -> str:
    return invoice.number or str(lazy_gettext("Draft #%(id)s", id=invoice.id))


def _number(row) -> Markup:
    shown = escape(_label(row))
    if row.type == "credit_note":
        shown += Markup(" <small>{}</small>").format(lazy_gettext("credit note"))
    return shown


MACROS = "invoicing/_macros.html:"


def _money(key: str, text) -> ListField:
    """An amount in its invoice's currency (the currency is a column of the export)."""
    return ListField(
        key,
        text,
        sort=getattr(Invoice, key),
        show=lambda r: format_money(getattr(r, key), r.currency),
        numeric=True,
    )


def _committed(service):
    """The service, then the invoice's own commit (a refusal by the database is a 409)."""

    def run(invoice) -> None:
        service(invoice)
        commit()

    return run


INVOICE_LIST = ListSpec(
    name="invoice",
    title=lazy_gettext("Invoices"),
    intro=lazy_gettext("Invoices and credit notes of your company."),
    model=Invoice,
    endpoint="invoicing.invoice_list",
    permission=INVOICE_READ,
    query=_query,
    sorts=INVOICES,
    default_sort=INVOICES.default,
    annotate=live_totals,
    fields=(
        ListField(
            "number",
            lazy_gettext("Number"),
            sort=Invoice.number,
            show=_number,
            link=lambda r: url_for("invoicing.invoice_detail", invoice_id=r.id),
        ),
        ListField("type", lazy_gettext("Type"), page=False),
        column_field("customer", lazy_gettext("Customer"), CUSTOMER_NAME, truncate=True),
        when_field("date", lazy_gettext("Issued"), Invoice.issue_date, time=False),
        when_field("due", lazy_gettext("Due"), Invoice.due_date, time=False),
        column_field("currency", lazy_gettext("Currency"), Invoice.currency, page=False),
        _money("total", lazy_gettext("Total")),
        _money("amount_due", lazy_gettext("Amount due")),
        badge_field("status", lazy_gettext("Status"), Invoice.status, MACROS + "status_badge"),
        badge_field(
            "payment", lazy_gettext("Payment"), Invoice.payment_status, MACROS + "payment_badge"
        ),
    ),
    filters=(
        ListFilter(
            "q",
            lazy_gettext("Search"),
            kind="search",
            placeholder=lazy_gettext("Number or customer"),
        ),
        label_filter("status", lazy_gettext("Status"), STATUSES, "status"),
        label_filter("payment_status", lazy_gettext("Payment"), PAYMENT_STATUSES, "payment_status"),
        ListFilter("customer_id", lazy_gettext("Customer"), options=customer_options),
        ListFilter("date_from", lazy_gettext("Issued from"), kind="date"),
        ListFilter("date_to", lazy_gettext("Issued to"), kind="date"),
    ),
    actions=(
        ListAction(
            "finalize", lazy_gettext("Finalize"), INVOICE_FINALIZE, _committed(finalize.finalize)
        ),
        ListAction(
            "send", lazy_gettext("Mark as sent"), INVOICE_APPROVE, _committed(transitions.send)
        ),
        ListAction(
            "void",
            VOID_ACTION,
            INVOICE_VOID,
            _committed(transitions.void),
            confirm=lazy_gettext(
                "A voided invoice stays in the books as void; this cannot be undone."
            ),
        ),
    ),
    label=_label,
    empty=lazy_gettext("No invoices match."),
    new=(lazy_gettext("New invoice"), "invoicing.invoice_new", INVOICE_WRITE),
    links=((lazy_gettext("Import"), "invoicing.invoice_import", INVOICE_WRITE),),
    file="invoices",
    row_attr="invoice",
    live="ll:invoicing_invoice_created from:body, ll:invoicing_invoice_updated from:body, "
    "ll:invoicing_status_changed from:body, ll:invoicing_invoice_deleted from:body",
)

mount_list(bp, "/invoices", INVOICE_LIST)
