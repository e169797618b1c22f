"""The one place database rows become ``documents.Document`` (and lines for live totals)."""

from __future__ import annotations

from decimal import Decimal

from core.api import Company, db
from plugins.einvoice.public import codes, documents, totals
from plugins.invoicing.models import CREDIT_NOTE, Invoice

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
            exemption_code=line.exemption_code or _default_exemption_code(line.tax_category),
            gtin=line.gtin,
            goods_type=line.goods_type,
        )
        for index, line in enumerate(invoice.lines, start=1)
    )


def _default_exemption_code(category: str) -> str | None:
    """Exempt lines without a code get the one the Peppol writer already puts in their VAT
    breakdown, so both profiles state the same exemption (PINT-AE wants it on the line)."""
    return codes.DEFAULT_EXEMPTION_CODES["E"] if category == "E" else None


def live_totals(invoice: Invoice) -> totals.Totals:
    """Totals of an invoice as it stands (drafts are never stored with totals)."""
    rate = invoice.exchange_rate if invoice.currency != ACCOUNTING_CURRENCY else None
    return totals.compute_totals(doc_lines(invoice), currency=invoice.currency, exchange_rate=rate)


# ISO 3166-2 subdivision codes (what users store) -> the emirate codes PINT-AE writes.
EMIRATES = {
    "AE-AZ": "AUH",
    "AE-DU": "DXB",
    "AE-SH": "SHJ",
    "AE-AJ": "AJM",
    "AE-UQ": "UAQ",
    "AE-RK": "RAK",
    "AE-FU": "FUJ",
}


def emirate(city: str | None, country: str | None, code: str | None = None) -> str | None:
    """The PINT-AE emirate: the stored subdivision, else (company, old rows) the city's name."""
    if country != "AE":
        return None
    if code:
        return EMIRATES.get(code)
    if not city:
        return None
    by_name = {name.lower(): code for code, name in codes.UAE_EMIRATES.items()}
    return by_name.get(city.strip().lower())


# What a UAE seller's profile must hold before its documents can pass PINT-AE.
_UAE_SELLER_FIELDS = {
    "trn": "the company's TRN",
    "subdivision": "the emirate (ISO 3166-2 code such as AE-DU) (ibr-128-ae)",
    "legal_id": "the trade licence or other legal registration number (ibr-150-ae)",
    "legal_id_type": "the registration type: TL, EID, PAS or CD (ibr-181-ae)",
}


def seller_gaps(company: Company) -> dict[str, str]:
    """Company profile fields to fill in before finalizing, as ``{field: what is missing}``."""
    if (company.country or "AE") != "AE":
        return {}
    gaps = {
        f: f"Enter {what}." for f, what in _UAE_SELLER_FIELDS.items() if not getattr(company, f)
    }
    if company.legal_id_type == "TL" and not company.legal_id_authority:
        gaps["legal_id_authority"] = "Enter the authority that issued the trade licence."
    if company.subdivision and company.subdivision not in EMIRATES:
        gaps["subdivision"] = f"Use one of the emirates: {', '.join(EMIRATES)}."
    return gaps


# Invoice snapshot column -> the company attribute it freezes at finalization.
SELLER_SNAPSHOT = {
    "seller_name": "name",
    "seller_trn": "trn",
    "seller_peppol_id": "peppol_id",
    "seller_address_line1": "address_line1",
    "seller_address_line2": "address_line2",
    "seller_city": "city",
    "seller_postal_code": "postal_code",
    "seller_country": "country",
    "seller_subdivision": "subdivision",
    "seller_legal_id": "legal_id",
    "seller_legal_id_type": "legal_id_type",
    "seller_legal_id_authority": "legal_id_authority",
    "seller_email": "email",
    "seller_phone": "phone",
    "seller_iban": "iban",
}


def snapshot_seller(invoice: Invoice, company: Company) -> None:
    """Copy the company onto the invoice; finalize calls it before the one sealing UPDATE."""
    for column, attribute in SELLER_SNAPSHOT.items():
        setattr(invoice, column, getattr(company, attribute))


def _seller_fields(invoice: Invoice, company: Company) -> dict:
    """A draft shows the company as it is now; a finalized document its sealed seller."""
    if invoice.is_draft or invoice.seller_name is None:
        return {attr: getattr(company, attr) for attr in SELLER_SNAPSHOT.values()}
    return {attr: getattr(invoice, column) for column, attr in SELLER_SNAPSHOT.items()}


def seller(company) -> documents.Party:
    """``company``: a Company, or the ``{attribute: value}`` of a document's seller snapshot."""
    s = company if isinstance(company, dict) else {a: getattr(company, a) for a in _ATTRS}
    country = s["country"] or "AE"
    uae = country == "AE"
    return documents.Party(
        name=s["name"],
        country=country,
        trn=s["trn"] if uae else None,
        vat_id=None if uae else foreign_vat_id(country, s["trn"]),
        endpoint=s["peppol_id"] or (f"0235:{s['trn'][:10]}" if s["trn"] and uae else None),
        address_lines=(s["address_line1"] or "", s["address_line2"] or ""),
        city=s["city"],
        postal_code=s["postal_code"],
        subdivision=emirate(None, s["country"], s["subdivision"]),
        legal_id=s["legal_id"],
        legal_id_type=s["legal_id_type"] or "TL",
        legal_id_authority=s["legal_id_authority"],
        email=s["email"],
        phone=s["phone"],
    )


_ATTRS = tuple(SELLER_SNAPSHOT.values())


def foreign_vat_id(country: str, tax_number: str | None) -> str | None:
    """A non-UAE company's tax number as its ISO-prefixed VAT id (0477472701 -> BE0477472701);
    ``trn`` holds it as the user typed it, with or without the prefix."""
    if not tax_number:
        return None
    prefix = "EL" if country == "GR" else country
    return tax_number if tax_number.upper().startswith(prefix) else prefix + tax_number


# Invoice snapshot column -> the customer attribute it freezes at finalization.
BUYER_SNAPSHOT = {
    "buyer_name": "name",
    "buyer_trn": "trn",
    "buyer_email": "email",
    "buyer_phone": "phone",
    "buyer_address_line1": "address_line1",
    "buyer_address_line2": "address_line2",
    "buyer_city": "city",
    "buyer_postal_code": "postal_code",
    "buyer_country": "country",
    "buyer_emirate": "emirate",
    "buyer_subdivision": "subdivision",
    "buyer_peppol_id": "peppol_id",
    "buyer_legal_id": "legal_id",
    "buyer_legal_id_type": "legal_id_type",
    "buyer_legal_id_authority": "legal_id_authority",
}


def snapshot_buyer(invoice: Invoice) -> None:
    """Copy the customer onto the invoice; finalize calls it before the one sealing UPDATE."""
    customer = invoice.customer
    for column, attribute in BUYER_SNAPSHOT.items():
        setattr(invoice, column, getattr(customer, attribute))
    invoice.buyer_vat_id = (customer.vat_ids or [None])[0]


def _buyer_fields(invoice: Invoice) -> dict:
    """A draft shows the customer as it is now; a finalized document its sealed buyer."""
    if invoice.is_draft or invoice.buyer_name is None:
        customer = invoice.customer
        fields = {attr: getattr(customer, attr) for attr in BUYER_SNAPSHOT.values()}
        fields["vat_id"] = (customer.vat_ids or [None])[0]
        return fields
    fields = {attr: getattr(invoice, column) for column, attr in BUYER_SNAPSHOT.items()}
    fields["vat_id"] = invoice.buyer_vat_id
    return fields


def buyer_subdivision(country: str, fields: dict) -> str | None:
    """The emirate of a UAE buyer; the ISO 3166-2 code of a foreign one, which PINT-AE asks
    for in every buyer address (ibr-144-ae) and Peppol BIS writes when given."""
    if country == "AE":
        return emirate(fields["city"], country, fields["emirate"])
    return fields.get("subdivision")


def buyer(invoice: Invoice) -> documents.Party:
    b = _buyer_fields(invoice)
    country = b["country"] or "AE"
    return documents.Party(
        name=b["name"],
        country=country,
        trn=b["trn"],
        vat_id=b["vat_id"],
        endpoint=b["peppol_id"],
        address_lines=(b["address_line1"] or "", b["address_line2"] or ""),
        city=b["city"],
        postal_code=b["postal_code"],
        subdivision=buyer_subdivision(country, b),
        legal_id=b["legal_id"],
        legal_id_type=b["legal_id_type"] or "TL",
        legal_id_authority=b["legal_id_authority"],
        email=b["email"],
        phone=b["phone"],
    )


def to_document(invoice: Invoice, number: str | None = None) -> documents.Document:
    """The invoice as the standards see it; ``number`` is passed while finalizing."""
    company = db.session.get(Company, invoice.company_id)
    sold_by = _seller_fields(invoice, company)
    # The AED tax total is the UAE's (PINT-AE, FTA); a seller elsewhere states VAT as invoiced.
    uae_seller = (sold_by["country"] or "AE") == "AE"
    foreign = uae_seller and invoice.currency != ACCOUNTING_CURRENCY
    original = invoice.credit_note_of
    return documents.Document(
        type=documents.CREDIT_NOTE if invoice.type == CREDIT_NOTE else documents.INVOICE,
        number=number or invoice.number or f"DRAFT-{invoice.id}",
        issue_date=invoice.issue_date,
        due_date=invoice.due_date,
        currency=invoice.currency,
        tax_currency=ACCOUNTING_CURRENCY if foreign else None,
        exchange_rate=invoice.exchange_rate if foreign else None,
        seller=seller(sold_by),
        buyer=buyer(invoice),
        lines=doc_lines(invoice),
        buyer_reference=invoice.buyer_reference,
        order_reference=invoice.order_reference,
        notes=(invoice.notes,) if invoice.notes else (),
        payment_means=documents.PaymentMeans(iban=invoice.payment_iban or sold_by["iban"]),
        preceding_invoice=(
            documents.PrecedingInvoice(original.number, original.issue_date) if original else None
        ),
        credit_reason=invoice.credit_reason if invoice.type == CREDIT_NOTE else None,
    )
