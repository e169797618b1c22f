"""Hypothesis strategies for documents of every shape a user can draft.

Quantities carry up to 3 decimals (negative ones too), prices up to 4, every VAT category,
standard rates right and wrong for the UAE, line and document allowances, prepayments,
credit notes, foreign currencies with an AED exchange rate, domestic and foreign buyers.
"""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal

from hypothesis import strategies as st

from plugins.einvoice.documents import Allowance, Document, PrecedingInvoice
from plugins.einvoice.tests.shapes import BANK, BUYER, FOREIGN_BUYER, SELLER, line

# Examples per property test: modest by default; LEDGERLINE_EINVOICE_EXAMPLES=5000 for a long run.
EXAMPLES = int(os.environ.get("LEDGERLINE_EINVOICE_EXAMPLES", "250"))

quantities = st.one_of(
    st.integers(1, 50).map(Decimal),
    st.integers(-5_000, 5_000_000).map(lambda n: Decimal(n) / 1000),
)
prices = st.one_of(
    st.integers(0, 2_000).map(lambda n: Decimal(n) / 4),
    st.integers(0, 100_000_000).map(lambda n: Decimal(n) / 10_000),
)
categories = st.sampled_from(["S", "S", "S", "S", "Z", "E", "O", "AE"])
standard_rates = st.sampled_from(["5", "5", "5", "5", "15"])


@st.composite
def lines(draw, n: int):
    category = draw(categories)
    rate = draw(standard_rates) if category == "S" else "0"
    quantity, price = draw(quantities), draw(prices)
    gross = max(quantity * price, Decimal(0))
    allowance = draw(
        st.sampled_from([Decimal(0), Decimal(0), (gross / 10).quantize(Decimal("0.01"))])
    )
    return line(n, quantity, price, cat=category, rate=rate, allowance=allowance)


@st.composite
def documents(draw):
    count = draw(st.integers(1, 5))
    body = [draw(lines(n)) for n in range(1, count + 1)]
    currency = draw(st.sampled_from(["AED", "AED", "AED", "USD", "EUR", "JPY"]))
    foreign = currency != "AED"
    credit = draw(st.booleans()) and draw(st.booleans())
    allowances = draw(st.lists(document_allowances(), max_size=2))
    return Document(
        type="credit_note" if credit else "invoice",
        number="CN-1" if credit else "INV-1",
        issue_date=dt.date(2026, 3, 1),
        due_date=None if credit else dt.date(2026, 3, 31),
        currency=currency,
        tax_currency="AED" if foreign else None,
        exchange_rate=draw(exchange_rates()) if foreign else None,
        seller=SELLER,
        buyer=draw(st.sampled_from([BUYER, FOREIGN_BUYER])),
        lines=body,
        buyer_reference="PO-4711",
        payment_means=None if credit else BANK,
        preceding_invoice=PrecedingInvoice("INV-0", dt.date(2026, 2, 1)) if credit else None,
        credit_reason="DL8.61.1.A" if credit else None,
        allowances=allowances,
        prepaid=draw(st.sampled_from([Decimal(0), Decimal(0), Decimal("10.00")])),
    )


@st.composite
def document_allowances(draw):
    category = draw(st.sampled_from(["S", "Z"]))
    return Allowance(
        amount=draw(st.integers(1, 5_000).map(lambda n: Decimal(n) / 100)),
        reason="Loyalty rebate",
        tax_category=category,
        tax_rate=Decimal("5") if category == "S" else Decimal("0"),
    )


def exchange_rates():
    return st.integers(1, 10_000_000).map(lambda n: Decimal(n) / 1_000_000)
