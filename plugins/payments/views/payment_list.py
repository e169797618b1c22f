"""/payments/: payments and reversals as a declared list (core.listing): sort on every column,
the API's own filters (``filtered_query``) in the URL, keyset "Next", CSV/XLSX of the filter,
bulk "reverse" (asks first, with the reason the user gives; each payment locked and checked by
the reversal service).

"Include archived" reads the live+archive view, as ``include_archived=1`` does in the API: the
same fields from another source, so it is a second declaration picked per request (archived
payments are final: no bulk action but export). Rows are plain columns with the customer's
name joined (on the payment's own company: payment_customer): one query per page, never one
per row.
"""

from __future__ import annotations

from flask import get_template_attribute, request, url_for
from markupsafe import Markup
from sqlalchemy import false

from core.api import (
    ListAction,
    ListField,
    ListFilter,
    ListSpec,
    current_actor,
    label_filter,
    lazy_gettext,
    money_fields,
    mount_list,
    when_field,
)
from plugins.invoicing.public import customer_options
from plugins.payments.api.payments import filtered_query
from plugins.payments.archive.models import PaymentAny
from plugins.payments.forms import method_label
from plugins.payments.labels import reference_shown
from plugins.payments.models import POSTED, REVERSED, Payment
from plugins.payments.payment_customer import CUSTOMER_NAME, with_customer
from plugins.payments.permissions import READ, WRITE
from plugins.payments.services import methods
from plugins.payments.services.reverse import reverse
from plugins.payments.views import bp


def include_archived() -> bool:
    return request.args.get("include_archived") in ("1", "true")


def _query(model):
    archived = model.archived if model is PaymentAny else false()
    columns = (
        model.id,
        model.number,
        model.date,
        CUSTOMER_NAME,
        model.method,
        model.reference,
        model.amount,
        model.currency,
        model.status,
        model.reversal_of_id,
        model.possible_duplicate,
        archived.label("archived"),
    )
    return lambda: with_customer(filtered_query(model).with_only_columns(*columns), model)


def _number_link(row) -> str:
    return url_for("payments.payment_detail", payment_id=row.id)  # archived ones: read only


def _status(row) -> Markup:
    badge = get_template_attribute("payments/_macros.html", "payment_status")(row)
    if not row.archived:
        return badge
    mark = Markup('<mark class="ll-status" data-payment-state="archived">{}</mark>')
    return badge + Markup(" ") + mark.format(lazy_gettext("archived"))


def _reverse(payment, reason: str) -> None:
    reverse(payment, reason, current_actor().user_id)


def _fields(model) -> tuple[ListField, ...]:
    return (
        ListField("number", lazy_gettext("Number"), sort=model.number, link=_number_link),
        when_field("date", lazy_gettext("Date"), model.date, time=False),
        ListField(
            "customer",
            lazy_gettext("Customer"),
            sort=CUSTOMER_NAME,
            truncate=True,
        ),
        ListField(
            "method",
            lazy_gettext("Method"),
            sort=model.method,
            show=lambda r: method_label(r.method),
        ),
        ListField(
            "reference",
            lazy_gettext("Reference"),
            sort=model.reference,
            value=lambda r: reference_shown(r.reference, r.reversal_of_id),
            cursor=lambda r: r.reference,
            truncate=True,
        ),
        *money_fields(
            "amount", lazy_gettext("Amount"), model.amount, model.currency, lazy_gettext("Currency")
        ),
        ListField(
            "status",
            lazy_gettext("Status"),
            sort=model.status,
            value=lambda r: "reversal" if r.reversal_of_id else r.status,
            show=_status,
        ),
    )


FILTERS = (
    ListFilter("customer_id", lazy_gettext("Customer"), options=customer_options),
    ListFilter(
        "method",
        lazy_gettext("Method"),
        options=lambda: [(m, method_label(m)) for m in methods.allowed()],
    ),
    label_filter("status", lazy_gettext("Status"), (POSTED, REVERSED), "payment_state"),
    ListFilter("date_from", lazy_gettext("Paid from"), kind="date"),
    ListFilter("date_to", lazy_gettext("Paid to"), kind="date"),
    ListFilter("include_archived", lazy_gettext("Include archived payments"), kind="check"),
)


def _spec(model, actions=()) -> ListSpec:
    return ListSpec(
        name="payment",
        title=lazy_gettext("Payments"),
        intro=lazy_gettext(
            "Payments received and their reversals. Record a payment from an invoice's page."
        ),
        model=model,
        endpoint="payments.payment_list",
        permission=READ,
        query=_query(model),
        default_sort="-date",
        fields=_fields(model),
        filters=FILTERS,
        actions=actions,
        label=lambda p: p.number,
        empty=lazy_gettext("No payments match."),
        live="ll:payments_payment_added from:body, ll:payments_payment_deleted from:body, "
        "ll:payments_payment_updated from:body",
    )


REVERSE = ListAction(
    "reverse",
    lazy_gettext("Reverse"),
    WRITE,
    _reverse,
    confirm=lazy_gettext(
        "Each payment gets a reversal record and its invoices reopen; this cannot be undone."
    ),
    reason=lazy_gettext("Reason for the reversal (kept on each reversal record)"),
)
PAYMENTS = _spec(Payment, actions=(REVERSE,))
WITH_ARCHIVED = _spec(PaymentAny)

mount_list(bp, "/", PAYMENTS, choose=lambda: WITH_ARCHIVED if include_archived() else PAYMENTS)
