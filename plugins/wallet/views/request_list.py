"""/wallet/requests: stablecoin payment requests as a declared list (core.listing): sort on
every column, status/address filters in the URL, keyset "Next", CSV/XLSX of the filter, bulk
"stop watching" (destroy: asks first; each request locked, one already destroyed is named).
Rows are plain columns with the invoice's number joined: one query per page."""

from __future__ import annotations

from flask import get_template_attribute, url_for
from markupsafe import Markup
from sqlalchemy import select

from core.api import (
    ListAction,
    ListField,
    ListFilter,
    ListSpec,
    format_money,
    id_field,
    label_filter,
    lazy_gettext,
    mount_list,
    when_field,
    yes_no_filter,
)
from plugins.invoicing.public import Invoice
from plugins.wallet.destroy import destroy
from plugins.wallet.models import STATUSES, PaymentRequest
from plugins.wallet.permissions import READ, WRITE
from plugins.wallet.units import from_units
from plugins.wallet.views import bp

R = PaymentRequest


def _query():
    return select(
        R.id, R.invoice_id, Invoice.number.label("invoice"), R.address, R.amount_units,
        R.decimals, R.token_currency, R.invoice_amount, R.invoice_currency, R.status, R.exception,
        R.expires_at, R.created_at, R.destroyed_at,
    ).join(Invoice, Invoice.id == R.invoice_id)  # fmt: skip


def _status(row) -> Markup:
    """Status and exception, as on the request's own page (not "not watched": a column)."""
    return get_template_attribute("wallet/_macros.html", "request_status")(row, watched=False)


def _tokens(row) -> Markup:
    """The amount asked in tokens (3,538.120163 USD), the exact units on hover."""
    show = get_template_attribute("wallet/_macros.html", "token_amount")
    return show(from_units(row.amount_units, row.decimals), row.amount_units, row.token_currency)


def _address(query, q: str):
    return query.where(R.address.ilike(f"%{q.strip()}%"))


REQUESTS = ListSpec(
    name="request",
    title=lazy_gettext("Payment requests"),
    intro=lazy_gettext("Stablecoin payment requests of your invoices, with what arrived."),
    model=PaymentRequest,
    endpoint="wallet.request_list",
    permission=READ,
    query=_query,
    default_sort="-id",
    fields=(
        id_field(R.id, "wallet.request_detail", "request_id"),
        ListField(
            "invoice",
            lazy_gettext("Invoice"),
            sort=Invoice.number.label("invoice"),
            link=lambda r: url_for("invoicing.invoice_detail", invoice_id=r.invoice_id),
        ),  # fmt: skip
        ListField("address", lazy_gettext("Address"), sort=R.address, truncate=True),
        ListField(
            "amount_units",
            lazy_gettext("Stablecoin amount"),
            sort=R.amount_units,
            numeric=True,
            show=_tokens,
            export=False,
        ),  # fmt: skip
        # The export keeps the exact whole units, under their own heading.
        ListField("units", lazy_gettext("Units"), attr="amount_units", page=False),
        ListField(
            "invoice_amount",
            lazy_gettext("Amount"),
            sort=R.invoice_amount,
            numeric=True,
            show=lambda r: format_money(r.invoice_amount, r.invoice_currency),
        ),  # fmt: skip
        ListField("status", lazy_gettext("Status"), sort=R.status, show=_status),
        when_field("expires_at", lazy_gettext("Expires"), R.expires_at),
        when_field("created_at", lazy_gettext("Created"), R.created_at),
        when_field("destroyed_at", lazy_gettext("Stopped watching"), R.destroyed_at),
    ),
    filters=(
        ListFilter("q", lazy_gettext("Address"), kind="search", apply=_address),
        label_filter("status", lazy_gettext("Status"), STATUSES, "wallet_status", column=R.status),
        yes_no_filter(
            "watched",
            lazy_gettext("Watched"),
            R.destroyed_at.is_(None),
            R.destroyed_at.is_not(None),
        ),
    ),
    actions=(
        ListAction(
            "destroy",
            lazy_gettext("Stop watching"),
            WRITE,
            destroy,
            confirm=lazy_gettext(
                "The addresses stop being watched: a payment sent to them later is not seen."
            ),
        ),
    ),
    label=lambda r: f"#{r.id} · {r.address}",
    empty=lazy_gettext("No payment requests match."),
    live="ll:wallet_status_changed from:body",
)

mount_list(bp, "/requests", REQUESTS)
