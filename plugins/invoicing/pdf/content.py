"""What the PDF shows, gathered from the invoice once: the layout only draws it.

The figures come from the same ``mapping.to_document`` + ``totals.compute_totals`` that sealed
the invoice, so the paper copy, the API and the XML cannot disagree. The amount still due is the
stored one, because payments and credit notes lower it after finalization.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from core.api import format_datetime, format_money, format_number, label, lazy_gettext
from plugins.einvoice.public import Document, totals
from plugins.invoicing import mapping
from plugins.invoicing.models import CREDIT_NOTE, Invoice
from plugins.invoicing.pdf import qr

TITLES = {"invoice": lazy_gettext("Tax Invoice"), CREDIT_NOTE: lazy_gettext("Tax Credit Note")}


@dataclass(frozen=True)
class PdfContent:
    title: str
    draft: bool
    document: Document
    totals: totals.Totals
    amount_due: Decimal
    hash: str | None
    qr_text: str | None
    finalized: str | None = None  # when, in the document's time zone (core.api.written_in)


def gather(invoice: Invoice) -> PdfContent:
    document = mapping.to_document(invoice)
    computed = totals.compute_totals(document)
    draft = invoice.is_draft or not invoice.hash
    return PdfContent(
        title=str(TITLES.get(invoice.type, TITLES["invoice"])),
        draft=draft,
        document=document,
        totals=computed,
        amount_due=computed.payable if draft else Decimal(invoice.amount_due or 0),
        # A draft has no hash yet: a QR on it would vouch for a document that does not exist.
        hash=None if draft else invoice.hash,
        qr_text=None if draft else qr.payload(invoice.number, invoice.hash),
        finalized=None
        if draft or not invoice.finalized_at
        else format_datetime(invoice.finalized_at),
    )


def money(value: Decimal | None, currency: str | None = None) -> str:
    """The amount as the document's language writes it (with the currency when given)."""
    return "" if value is None else format_money(value, currency)


def quantity(value: Decimal) -> str:
    return format_number(value)


def unit_price(value: Decimal) -> str:
    # Up to six places are stored; show at least the cents and no trailing zeros beyond them.
    places = max(2, -value.normalize().as_tuple().exponent)
    return format_number(value, digits=places)


def category_label(code: str) -> str:
    return label("vat_category", code)


def unit_label(code: str) -> str:
    return label("unit", code)
