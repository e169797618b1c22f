"""The neutral e-document model: what any UBL invoice or credit note says, profile-independent.

AP import and the PEPPOL inbound pipeline read documents into this; amounts are Decimal exactly
as written in the XML (never float), so nothing is lost or re-rounded on the way in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

ZERO = Decimal("0")


@dataclass
class EParty:
    name: str | None = None
    endpoint_scheme: str | None = None
    endpoint_id: str | None = None
    vat_id: str | None = None  # PartyTaxScheme with scheme VAT (a UAE TRN under PINT-AE)
    tax_id: str | None = None  # PartyTaxScheme with another scheme
    legal_id: str | None = None
    country: str | None = None
    subdivision: str | None = None
    city: str | None = None
    street: str | None = None
    postal_code: str | None = None
    email: str | None = None
    legal_name: str | None = None  # extension: PartyLegalEntity/RegistrationName


@dataclass
class ELine:
    line_id: str
    description: str | None
    name: str | None
    item_code: str | None
    quantity: Decimal
    unit_code: str | None
    unit_price: Decimal
    price_base_quantity: Decimal
    net_amount: Decimal
    tax_category: str | None
    tax_rate: Decimal
    order_line_reference: str | None
    exemption_reason: str | None
    allowance_total: Decimal = ZERO  # extension: line-level allowances
    charge_total: Decimal = ZERO  # extension: line-level charges
    standard_item_id: str | None = None  # extension: e.g. a GTIN


@dataclass
class EAllowanceCharge:
    """Extension: a document-level allowance (charge=False) or charge."""

    charge: bool
    amount: Decimal
    reason: str | None
    reason_code: str | None
    tax_category: str | None
    tax_rate: Decimal | None


@dataclass
class ETaxSubtotal:
    """Extension: one row of the VAT breakdown."""

    taxable_amount: Decimal
    tax_amount: Decimal
    category: str | None
    rate: Decimal | None
    exemption_reason: str | None
    exemption_reason_code: str | None


@dataclass
class EDocument:
    kind: str  # "invoice" | "credit_note"
    type_code: str | None
    number: str | None
    issue_date: dt.date | None
    due_date: dt.date | None
    currency: str | None
    profile: str | None  # "peppol" | "pint-ae" | None when the CustomizationID names neither
    customization_id: str | None
    buyer_reference: str | None
    order_reference: str | None
    seller: EParty
    buyer: EParty
    lines: list[ELine]
    line_total: Decimal
    allowance_total: Decimal
    charge_total: Decimal
    tax_exclusive: Decimal
    tax_total: Decimal
    tax_inclusive: Decimal
    prepaid: Decimal
    payable: Decimal
    sha256: str
    rounding: Decimal = ZERO  # extension: PayableRoundingAmount
    allowance_charges: list[EAllowanceCharge] = field(default_factory=list)
    tax_subtotals: list[ETaxSubtotal] = field(default_factory=list)
    tax_currency: str | None = None  # extension: TaxCurrencyCode
    tax_total_tax_currency: Decimal | None = None  # extension: VAT total in TaxCurrencyCode
    preceding_invoice: str | None = None  # extension: BillingReference invoice number
    uuid: str | None = None  # extension
    iban: str | None = None  # extension: first PayeeFinancialAccount/ID
    payment_means_code: str | None = None  # extension
