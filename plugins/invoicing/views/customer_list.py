"""/invoicing/customers: every customer with what they owe, by age, sortable on every column.

The balance and the ageing buckets (not yet due, 1–30, 31–60, 61–90, over 90 days past due)
come from one grouped subquery over the open invoices (the dashboard's definition in
``receivables``), outer-joined to the customers: one query for the page, none per row, and
the database sorts and pages by any of them (keyset on the coalesced sum). The bucket bounds
are bound parameters computed when the query runs, so the declaration is built once. Amounts
are in AED: an invoice in another currency counts at its own exchange rate to AED.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from flask import url_for
from sqlalchemy import Date, bindparam, case, func, literal, or_, select, type_coerce

from core.api import (
    ExactNumeric,
    ListField,
    ListFilter,
    ListSpec,
    code_field,
    format_money,
    lazy_gettext,
    mount_list,
)
from plugins.invoicing.models import Customer, Invoice
from plugins.invoicing.permissions import CUSTOMER_READ, CUSTOMER_WRITE
from plugins.invoicing.views import bp
from plugins.invoicing.views.receivables import open_invoices

AED = ExactNumeric(36, 8)  # amount due (2 decimals) times the rate to AED (6 decimals)
CENT = Decimal("0.01")


def _days_ago(n: int):
    return bindparam(f"ageing_{n}", callable_=lambda: dt.date.today() - dt.timedelta(n), type_=Date)


def _bucket():
    due = Invoice.due_date
    return case(
        (due.is_(None), literal("current")),
        (due >= _days_ago(0), literal("current")),
        (due >= _days_ago(30), literal("1-30")),
        (due >= _days_ago(60), literal("31-60")),
        (due >= _days_ago(90), literal("61-90")),
        else_=literal("90+"),
    )


BUCKETS = {
    "current": ("current", lazy_gettext("Not yet due")),
    "days_1_30": ("1-30", lazy_gettext("1–30 days")),
    "days_31_60": ("31-60", lazy_gettext("31–60 days")),
    "days_61_90": ("61-90", lazy_gettext("61–90 days")),
    "days_90": ("90+", lazy_gettext("Over 90 days")),
}


def _owed_subquery():
    amount = type_coerce(Invoice.amount_due * Invoice.exchange_rate, AED)
    bucket = _bucket()
    zero = literal(0, AED)
    sums = [
        func.sum(case((bucket == literal(b), amount), else_=zero)).label(key)
        for key, (b, _text) in BUCKETS.items()
    ]
    return (
        select(Invoice.customer_id, func.sum(amount).label("balance"), *sums)
        .where(*open_invoices())
        .group_by(Invoice.customer_id)
        .subquery("owed")
    )


OWED = _owed_subquery()
AMOUNTS = {
    key: type_coerce(func.coalesce(OWED.c[key], literal(0, AED)), AED).label(key)
    for key in ("balance", *BUCKETS)
}


def _query():
    return select(
        Customer.id,
        Customer.name,
        Customer.trn,
        Customer.country,
        Customer.peppol_id,
        *AMOUNTS.values(),
    ).outerjoin(OWED, OWED.c.customer_id == Customer.id)


def _search(query, q: str):
    like = f"%{q.lower()}%"
    return query.where(or_(func.lower(Customer.name).like(like), Customer.trn.like(like)))


def _owing(query, value: str):
    return query.where(AMOUNTS["balance"].element > 0) if value in ("1", "true") else query


def _overdue(query, value: str):
    if value not in ("1", "true"):
        return query
    return query.where(AMOUNTS["balance"].element > AMOUNTS["current"].element)


def _amount(key: str, text) -> ListField:
    return ListField(
        key,
        text,
        sort=AMOUNTS[key],
        value=lambda row: getattr(row, key).quantize(CENT),
        show=lambda row: format_money(getattr(row, key)),
        numeric=True,
    )


CUSTOMERS = ListSpec(
    name="customer",
    title=lazy_gettext("Customers"),
    intro=lazy_gettext("What each customer owes, in AED, by how long it is past due."),
    model=Customer,
    endpoint="invoicing.customer_list",
    permission=CUSTOMER_READ,
    query=_query,
    default_sort="name",
    fields=(
        ListField(
            "name",
            lazy_gettext("Name"),
            sort=Customer.name,
            link=lambda row: url_for("invoicing.customer_detail", customer_id=row.id),
            truncate=True,
        ),
        ListField("trn", lazy_gettext("TRN"), sort=Customer.trn),
        code_field("country", lazy_gettext("Country"), Customer.country, "country"),
        ListField("peppol_id", lazy_gettext("Peppol ID"), sort=Customer.peppol_id, truncate=True),
        _amount("balance", lazy_gettext("Balance (AED)")),
        *(_amount(key, text) for key, (_b, text) in BUCKETS.items()),
    ),
    filters=(
        ListFilter(
            "q",
            lazy_gettext("Search name or TRN"),
            kind="search",
            apply=_search,
        ),
        ListFilter("owing", lazy_gettext("Owing only"), kind="check", apply=_owing),
        ListFilter("overdue", lazy_gettext("Overdue only"), kind="check", apply=_overdue),
    ),
    label=lambda record: record.name,
    empty=lazy_gettext("No customers match."),
    new=(lazy_gettext("New customer"), "invoicing.customer_new", CUSTOMER_WRITE),
    live="ll:invoicing_invoice_updated from:body, ll:invoicing_status_changed from:body",
)

mount_list(bp, "/customers", CUSTOMERS)
