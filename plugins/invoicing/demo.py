"""Demo data for ``flask demo``: five customers and a dozen documents in every state, per company.

Everything goes through the real services (drafts, finalize, transitions, overdue), so the
numbers, hash chain, signatures and audit trail are exactly what clicking through the pages
would produce. Dates are relative to today, so the overdue ones are overdue whenever it runs.

Idempotent: customers are found by TRN or name, and the documents are only added while none of
the demo customers has any, so a second run changes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import or_, select

from core.api import Company, Scope, db, scoped
from plugins.invoicing import overdue
from plugins.invoicing.models import APPROVED, DRAFT, FINALIZED, SENT, VOID, Customer, Invoice
from plugins.invoicing.services import customers, drafts, finalize, transitions

DEMO_IBAN = "AE720330000019100123456"
EXEMPT_REASON = "Financial services exempt under Article 46 of the UAE VAT Law"

CUSTOMERS = {
    "gulf": {
        "name": "Gulf Horizon Contracting LLC",
        "trn": "100234567800003",
        "peppol_id": "0235:1002345678",
        "email": "ap@gulfhorizon.example",
        "address_line1": "Plot 12, Mussafah Industrial Area",
        "city": "Abu Dhabi",
        "emirate": "AE-AZ",
        "country": "AE",
        "payment_terms_days": 30,
    },
    "marina": {
        "name": "Marina Hospitality LLC",
        "trn": "100345678900003",
        "peppol_id": "0235:1003456789",
        "email": "finance@marinahospitality.example",
        "address_line1": "Marina Walk, Tower 3",
        "city": "Dubai",
        "emirate": "AE-DU",
        "country": "AE",
        "payment_terms_days": 14,
    },
    "crescent": {
        "name": "Crescent Finance PJSC",
        "trn": "100456789000003",
        "peppol_id": "0235:1004567890",
        "email": "payables@crescentfinance.example",
        "address_line1": "Al Majaz 2, Corniche Street",
        "city": "Sharjah",
        "emirate": "AE-SH",
        "country": "AE",
        "payment_terms_days": 45,
    },
    "brussels": {
        "name": "Brussels Imports NV",
        "vat_ids": ["BE0403019261"],
        "peppol_id": "0208:0403019261",
        "email": "factuur@brusselsimports.example",
        "address_line1": "Rue de la Loi 16",
        "city": "Brussels",
        "postal_code": "1000",
        "country": "BE",
        "subdivision": "BE-BRU",
        "payment_terms_days": 30,
    },
    "atlas": {
        "name": "Atlas Freight Inc.",
        "peppol_id": "0088:0614141000012",
        "email": "ap@atlasfreight.example",
        "address_line1": "350 Fifth Avenue",
        "city": "New York",
        "postal_code": "10118",
        "country": "US",
        "subdivision": "US-NY",
        "payment_terms_days": 30,
    },
}


def standard(description: str, quantity: str, price: str, unit: str = "C62") -> dict:
    return {
        "description": description,
        "quantity": quantity,
        "unit_price": price,
        "unit_code": unit,
    }


def zero(description: str, quantity: str, price: str, unit: str = "C62") -> dict:
    return {**standard(description, quantity, price, unit), "tax_category": "Z", "tax_rate": "0"}


def exempt(description: str, quantity: str, price: str) -> dict:
    line = standard(description, quantity, price)
    return {**line, "tax_category": "E", "tax_rate": "0", "exemption_reason": EXEMPT_REASON}


@dataclass(frozen=True)
class Planned:
    """One demo document; ``issued`` days before today, due ``due`` days from today."""

    customer: str
    issued: int
    due: int | None
    status: str
    lines: list[dict] = field(default_factory=list)
    currency: str = "AED"
    exchange_rate: str | None = None
    reference: str | None = None
    credits: int | None = None  # index in PLAN of the invoice this credit note corrects


# In issue-date order, so numbers and the chain follow the calendar. Past due dates on open
# invoices are what the overdue service then marks.
PLAN = [
    Planned(
        "gulf",
        95,
        -65,
        SENT,
        [
            standard("Site supervision", "40", "350.00", "HUR"),
            standard("Safety audit", "1", "2500"),
        ],
        reference="PO-GH-1041",
    ),
    Planned(
        "marina",
        80,
        -66,
        SENT,
        [
            standard("Linen supply, monthly", "1", "8400.00", "MON"),
            zero("International freight", "1", "1250.00"),
        ],
        reference="MH-2231",
    ),
    Planned(
        "crescent",
        60,
        -15,
        APPROVED,
        [
            standard("Advisory retainer", "1", "12000.00", "MON"),
            exempt("Loan arrangement fee", "1", "4500"),
        ],
        reference="CF-PO-778",
    ),
    Planned(
        "marina",
        50,
        None,
        FINALIZED,
        [standard("Linen supply, monthly", "0.25", "8400.00", "MON")],
        credits=1,
    ),
    Planned(
        "atlas",
        45,
        -15,
        SENT,
        [
            zero("Freight forwarding Jebel Ali - Newark", "3", "1850.00"),
            zero("Customs documentation", "3", "95.50"),
        ],
        currency="USD",
        exchange_rate="3.6725",
        reference="AF-88120",
    ),
    Planned(
        "brussels",
        40,
        -10,
        VOID,
        [zero("Dates, premium grade", "1200", "4.20", "KGM")],
        currency="EUR",
        exchange_rate="3.9712",
        reference="BI-2025-031",
    ),
    Planned(
        "gulf",
        30,
        0,
        FINALIZED,
        [standard("Site supervision", "24", "350.00", "HUR")],
        reference="PO-GH-1077",
    ),
    Planned(
        "brussels",
        25,
        5,
        SENT,
        [
            zero("Dates, premium grade", "1000", "4.20", "KGM"),
            zero("Gift boxes", "200", "3.75", "H87"),
        ],
        currency="EUR",
        exchange_rate="3.9712",
        reference="BI-2025-034",
    ),
    Planned(
        "marina",
        20,
        10,
        APPROVED,
        [
            standard("Linen supply, monthly", "1", "8400.00", "MON"),
            standard("Towel upgrade", "150", "12.99", "H87"),
        ],
        reference="MH-2260",
    ),
    Planned(
        "gulf",
        10,
        20,
        FINALIZED,
        [standard("Scaffolding rental", "14", "180.00", "DAY"), standard("Delivery", "1", "350")],
        reference="PO-GH-1102",
    ),
    Planned(
        "crescent",
        6,
        39,
        SENT,
        [
            standard("Board pack preparation", "12", "450.00", "HUR"),
            exempt("Facility renewal fee", "1", "3000"),
        ],
        reference="CF-PO-801",
    ),
    Planned(
        "marina",
        2,
        None,
        DRAFT,
        [standard("Linen supply, monthly", "1", "8400.00", "MON")],
        reference="MH-2290",
    ),
    Planned(
        "atlas",
        1,
        None,
        DRAFT,
        [zero("Freight forwarding Jebel Ali - Savannah", "2", "1900.00")],
        currency="USD",
        exchange_rate="3.6725",
        reference="AF-88197",
    ),
    Planned(
        "crescent",
        0,
        None,
        DRAFT,
        [exempt("Early repayment fee", "1", "1750.00"), standard("Document handling", "1", "150")],
        reference="CF-PO-815",
    ),
]

STEPS = {
    DRAFT: (),
    FINALIZED: (finalize.finalize,),
    APPROVED: (finalize.finalize, transitions.approve),
    SENT: (finalize.finalize, transitions.approve, transitions.send),
    VOID: (finalize.finalize, transitions.void),
}


@dataclass
class Seeded:
    customers: int = 0
    documents: int = 0
    overdue: int = 0


def seed(company: Company) -> Seeded:
    """Add the demo customers and documents to ``company``, acting as that company only."""
    result = Seeded()
    with scoped(Scope(company_id=company.id)):
        found = {key: _customer(company.id, fields, result) for key, fields in CUSTOMERS.items()}
        if _has_documents(found.values()):
            return result
        today = dt.date.today()
        made: list[Invoice] = []
        for planned in PLAN:
            made.append(_document(company, planned, found, made, today))
        result.documents = len(made)
        # The nightly job would do this tonight; run it now so the list shows overdue today.
        result.overdue = overdue.mark_overdue(None, today)["marked"]
    return result


def _customer(company_id: int, fields: dict, result: Seeded) -> Customer:
    match = Customer.name == fields["name"]
    if fields.get("trn"):
        match = or_(match, Customer.trn == fields["trn"])
    query = select(Customer).where(Customer.company_id == company_id, match).order_by(Customer.id)
    existing = db.session.scalars(query).first()
    if existing is not None:
        return existing
    result.customers += 1
    return customers.create(company_id, fields)


def _has_documents(found) -> bool:
    ids = [customer.id for customer in found]
    return (
        db.session.scalar(select(Invoice.id).where(Invoice.customer_id.in_(ids)).limit(1))
        is not None
    )


def _document(company, planned: Planned, found: dict, made: list, today: dt.date) -> Invoice:
    issued = today - dt.timedelta(days=planned.issued)
    payload = {
        "customer_id": found[planned.customer].id,
        "issue_date": issued.isoformat(),
        "currency": planned.currency,
        "payment_iban": company.iban or DEMO_IBAN,
        "lines": planned.lines,
    }
    if planned.due is not None:
        payload["due_date"] = (today + dt.timedelta(days=planned.due)).isoformat()
    if planned.reference:  # a credit note keeps its invoice's reference otherwise
        payload["buyer_reference"] = planned.reference
    if planned.exchange_rate:
        payload["exchange_rate"] = planned.exchange_rate
    if planned.credits is not None:
        payload.pop("payment_iban")
        payload["credit_reason"] = "DL8.61.1.B"  # PINT-AE wants the UAE reason (ibr-158-ae)
        invoice = transitions.credit_note(made[planned.credits], payload)
    else:
        invoice = drafts.create(company.id, payload)
    for step in STEPS[planned.status]:
        invoice = step(invoice)
    return invoice
