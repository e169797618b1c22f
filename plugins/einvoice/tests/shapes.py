"""Documents of many shapes, built the way the plugin builds them from its rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal as D

from plugins.einvoice.codes import UNIT_CODES
from plugins.einvoice.documents import (
    Allowance,
    Document,
    Line,
    Party,
    PaymentMeans,
    PrecedingInvoice,
)

SELLER = Party(
    name="Falcon Trading LLC",
    country="AE",
    trn="100123456700003",
    endpoint="0235:1001234567",
    legal_id="CN-1234567",
    legal_id_type="TL",
    legal_id_authority="Dubai Department of Economy and Tourism",
    address_lines=("Sheikh Zayed Road 1", "Office 1204", "Emirates Towers"),
    city="Dubai",
    postal_code="00000",
    subdivision="DXB",
    contact_name="Accounts",
    email="billing@falcon.example",
    phone="+97141234567",
)
BUYER = Party(
    name="Oasis Retail LLC",
    country="AE",
    trn="100987654300003",
    endpoint="0235:1009876543",
    legal_id="TL-778899",
    legal_id_type="TL",
    legal_id_authority="Abu Dhabi Department of Economic Development",
    address_lines=("Corniche Road 5",),
    city="Abu Dhabi",
    subdivision="AUH",
    email="ap@oasis.example",
)
FOREIGN_BUYER = Party(
    name="Brussels Imports NV",
    country="BE",
    vat_id="BE0403019261",
    endpoint="0208:0403019261",
    address_lines=("Rue de la Loi 16",),
    city="Brussels",
    postal_code="1000",
    subdivision="BRU",
)
BANK = PaymentMeans(code="30", iban="AE070331234567890123456", account_name="Falcon Trading LLC")


def line(n, qty, price, cat="S", rate="5", **kw) -> Line:
    reasons = {
        "E": {"exemption_reason": "Financial services", "exemption_code": "VATEX-EU-135-1"},
        "O": {"exemption_reason": "Outside the scope of UAE VAT"},
        "AE": {
            "exemption_reason": "Reverse charge",
            "gtin": "5790000435968",
            "goods_type": "DL8.48.3.1",
        },
    }
    return Line(
        id=str(n),
        description=kw.pop("description", f"Item {n}"),
        quantity=D(qty),
        unit_code=kw.pop("unit_code", "C62"),
        unit_price=D(price),
        tax_category=cat,
        tax_rate=D(rate),
        **{**reasons.get(cat, {}), **kw},
    )


def invoice(lines, **kw) -> Document:
    fields = {
        "type": "invoice",
        "number": "INV-2025-0001",
        "issue_date": dt.date(2025, 3, 1),
        "due_date": dt.date(2025, 3, 31),
        "currency": "AED",
        "seller": SELLER,
        "buyer": BUYER,
        "lines": lines,
        "buyer_reference": "PO-4711",
        "notes": ("Thank you for your business.",),
        "payment_means": BANK,
        "payment_terms": "30 days net",
    }
    return Document(**{**fields, **kw})


def standard():
    return invoice([line(1, "3", "0.335"), line(2, "2", "1499.99"), line(3, "7", "1.435")])


def several_rates():
    # Peppol only: the UAE has one standard rate, which PINT-AE enforces (ibr-190-ae).
    return invoice(
        [line(1, "1", "100"), line(2, "10", "9.99", rate="25"), line(3, "4", "12.5", rate="12")]
    )


def mixed_categories():
    return invoice(
        [
            line(1, "2", "100"),
            line(2, "5", "19.99", cat="Z", rate="0", description="Export freight"),
            line(3, "1", "250", cat="E", rate="0", description="Loan arrangement fee"),
        ],
        order_reference="SO-88",
        buyer_reference=None,
    )


def zero_rated():
    return invoice([line(n, "5000", "49.75", cat="Z", rate="0") for n in (1, 2)])


def exempt_with_reason():
    return invoice([line(1, "1", "1200", cat="E", rate="0"), line(2, "1", "10")])


def out_of_scope_only():
    # BIS allows no other category beside O (BR-O-11..14); PINT-AE makes it a 480 document.
    return invoice([line(1, "1", "500", cat="O", rate="0")])


def exempt_only():
    # PINT-AE: nothing but exempt lines is "out of scope of VAT", type 480 (ibr-151-ae).
    lease = line(1, "1", "7500", cat="E", rate="0", description="Residential lease, March")
    return invoice([lease])


def exempt_only_credit_note():
    return replace(credit_note(), lines=exempt_only().lines)  # 81 under PINT-AE


def out_of_scope_mixed():
    return invoice([line(1, "1", "500", cat="O", rate="0"), line(2, "1", "100")])


def reverse_charge():
    return invoice([line(1, "100", "24.50", cat="AE", rate="0"), line(2, "1", "80")])


def allowances():
    return invoice(
        [
            line(1, "10", "19.99", allowance=D("15.00"), allowance_reason="Volume discount"),
            line(2, "3", "7.50", cat="Z", rate="0", allowance=D("2.25")),
        ],
        allowances=(
            Allowance(amount=D("20"), reason="Loyalty rebate", tax_category="S", tax_rate=D("5")),
        ),
    )


def many_lines():
    lines = [
        line(n, str(1 + n % 7), f"{n % 13}.{n % 100:02d}", cat="S" if n % 5 else "Z")
        for n in range(1, 201)
    ]
    return invoice([replace(ln, tax_rate=D(0)) if ln.tax_category == "Z" else ln for ln in lines])


def every_unit_code():
    return invoice([line(n, "2", "10.10", unit_code=u) for n, u in enumerate(UNIT_CODES, 1)])


def prepaid():
    return invoice([line(1, "4", "250")], prepaid=D("300"))


def credit_note():
    return invoice(
        [line(1, "1", "1499.99"), line(2, "2", "0.335")],
        type="credit_note",
        number="CN-2025-0001",
        preceding_invoice=PrecedingInvoice("INV-2025-0001", dt.date(2025, 3, 1)),
        credit_reason="DL8.61.1.D",
        due_date=None,
        payment_means=None,
    )


def usd_with_aed_tax():
    return invoice(
        [line(1, "3", "333.33"), line(2, "1", "0.99")],
        currency="USD",
        tax_currency="AED",
        exchange_rate=D("3.6725"),
    )


def eur_export_zero_rated():
    return invoice(
        [line(1, "12", "845.10", cat="Z", rate="0")],
        currency="EUR",
        tax_currency="AED",
        exchange_rate=D("3.971234"),
        buyer=FOREIGN_BUYER,
    )


def eur_credit_note():
    return replace(
        credit_note(), currency="EUR", tax_currency="AED", exchange_rate=D("4.01"), notes=()
    )


BOTH = ("peppol", "pint-ae")
SHAPES = {
    "standard": (standard, BOTH),
    "several-rates": (several_rates, ("peppol",)),
    "mixed-categories": (mixed_categories, BOTH),
    "zero-rated": (zero_rated, BOTH),
    "exempt-with-reason": (exempt_with_reason, BOTH),
    "out-of-scope-only": (out_of_scope_only, BOTH),
    "exempt-only": (exempt_only, BOTH),
    "exempt-only-credit-note": (exempt_only_credit_note, BOTH),
    "out-of-scope-mixed": (out_of_scope_mixed, ("pint-ae",)),
    "reverse-charge": (reverse_charge, BOTH),
    "allowances": (allowances, BOTH),
    "200-lines": (many_lines, BOTH),
    "every-unit-code": (every_unit_code, BOTH),
    "prepaid": (prepaid, BOTH),
    "credit-note": (credit_note, BOTH),
    "usd-with-aed-tax": (usd_with_aed_tax, BOTH),
    "eur-export-zero-rated": (eur_export_zero_rated, BOTH),
    "eur-credit-note": (eur_credit_note, BOTH),
}
CASES = [(name, profile) for name, (_, profiles) in SHAPES.items() for profile in profiles]
