"""The one place database rows become ``documents.Document`` (and lines for live totals)."""

from __future__ import annotations

from decimal import Decimal

from core.api import Company, db
from plugins.invoicing import codes, documents, totals
from plugins.invoicing.models import CREDIT_NOTE, Customer, Invoice

ACCOUNTING_CURRENCY = "AED"


def doc_lines(invoice: Invoice) -> tuple[documents.Line, ...]:
    return tuple(
        documents.Line(
            id=str(index),
            description=line.description,
            quantity=Decimal(line.quantity),
            unit_code=line.unit_code,
            unit_price=Decimal(line.unit_price),
            tax_category=line.tax_category,
            tax_rate=Decimal(line.tax_rate),
            allowance=Decimal(line.allowance or 0),
            allowance_reason="Discount" if line.allowance else None,
            exemption_reason=line.exemption_reason,
        )
        for index, line in enumerate(invoice.lines, start=1)
    )


def live_totals(invoice: Invoice) -> totals.Totals:
    """Totals of an invoice as it stands (drafts are never stored with totals)."""
    rate = invoice.exchange_rate if invoice.currency != ACCOUNTING_CURRENCY else None
    return totals.compute_totals(doc_lines(invoice), currency=invoice.currency, exchange_rate=rate)


def emirate(city: str | None, country: str | None) -> str | None:
    """UAE addresses need an emirate code; neither table has one yet, so the city names it."""
    if country != "AE" or not city:
        return None
    by_name = {name.lower(): code for code, name in codes.UAE_EMIRATES.items()}
    return by_name.get(city.strip().lower())


def seller(company: Company) -> documents.Party:
    return documents.Party(
        name=company.name,
        country=company.country or "AE",
        trn=company.trn,
        endpoint=company.peppol_id or (f"0235:{company.trn[:10]}" if company.trn else None),
        address_lines=(company.address_line1 or "", company.address_line2 or ""),
        city=company.city,
        postal_code=company.postal_code,
        subdivision=emirate(company.city, company.country),
        email=company.email,
        phone=company.phone,
    )


def buyer(customer: Customer) -> documents.Party:
    return documents.Party(
        name=customer.name,
        country=customer.country or "AE",
        trn=customer.trn,
        vat_id=(customer.vat_ids or [None])[0],
        endpoint=customer.peppol_id,
        address_lines=(customer.address_line1 or "", customer.address_line2 or ""),
        city=customer.city,
        postal_code=customer.postal_code,
        subdivision=emirate(customer.city, customer.country),
        email=customer.email,
        phone=customer.phone,
    )


def to_document(invoice: Invoice, number: str | None = None) -> documents.Document:
    """The invoice as the standards see it; ``number`` is passed while finalizing."""
    company = db.session.get(Company, invoice.company_id)
    foreign = invoice.currency != ACCOUNTING_CURRENCY
    original = invoice.credit_note_of
    return documents.Document(
        type=documents.CREDIT_NOTE if invoice.type == CREDIT_NOTE else documents.INVOICE,
        number=number or invoice.number or f"DRAFT-{invoice.id}",
        issue_date=invoice.issue_date,
        due_date=invoice.due_date,
        currency=invoice.currency,
        tax_currency=ACCOUNTING_CURRENCY if foreign else None,
        exchange_rate=invoice.exchange_rate if foreign else None,
        seller=seller(company),
        buyer=buyer(invoice.customer),
        lines=doc_lines(invoice),
        buyer_reference=invoice.buyer_reference,
        order_reference=invoice.order_reference,
        notes=(invoice.notes,) if invoice.notes else (),
        payment_means=documents.PaymentMeans(iban=invoice.payment_iban or company.iban),
        preceding_invoice=(
            documents.PrecedingInvoice(original.number, original.issue_date) if original else None
        ),
    )
