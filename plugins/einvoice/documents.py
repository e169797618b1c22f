"""The invoice as the e-invoicing standards see it: plain frozen dataclasses, no database.

The plugin maps its rows to these; totals.py computes on them and ubl/ writes them as XML, so
the numbers on a page, in the API and in the XML all come from one model. Constructors coerce
int and str money to Decimal and refuse float, because a float has already lost the cent.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from plugins.einvoice.codes import VAT_CATEGORIES, is_currency

INVOICE = "invoice"
CREDIT_NOTE = "credit_note"
DOCUMENT_TYPES = (INVOICE, CREDIT_NOTE)


def to_decimal(value, name: str) -> Decimal:
    """Decimal from Decimal, int or numeric str; float is refused (it cannot hold 0.1)."""
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, (bool, float)):
        raise TypeError(f"{name} must be a Decimal, int or str, not {type(value).__name__}")
    else:
        try:
            result = Decimal(str(value).strip())
        except InvalidOperation:
            raise ValueError(f"{name} is not a number: {value!r}") from None
    if not result.is_finite():
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return result


def _set(obj, name: str, value) -> None:
    object.__setattr__(obj, name, value)  # frozen dataclasses normalise in __post_init__


@dataclass(frozen=True)
class Party:
    """Seller or buyer. ``trn`` is the UAE 15-digit TRN, ``vat_id`` a foreign ISO-prefixed VAT
    number; ``endpoint`` the Peppol participant id "scheme:value" (e.g. "0235:1000000000")."""

    name: str
    country: str
    trn: str | None = None
    vat_id: str | None = None
    endpoint: str | None = None
    legal_name: str | None = None
    legal_id: str | None = None  # trade licence (or Emirates ID, passport) number
    legal_id_type: str = "TL"  # codes.LEGAL_ID_TYPES
    legal_id_authority: str | None = None  # e.g. "Dubai Department of Economy and Tourism"
    address_lines: tuple[str, ...] = ()
    city: str | None = None
    postal_code: str | None = None
    subdivision: str | None = None  # emirate code (DXB, AUH, ...) or a region
    contact_name: str | None = None
    email: str | None = None
    phone: str | None = None

    def __post_init__(self):
        _set(self, "address_lines", tuple(line for line in self.address_lines if line))


@dataclass(frozen=True)
class Line:
    id: str
    description: str
    quantity: Decimal
    unit_code: str
    unit_price: Decimal
    tax_category: str
    tax_rate: Decimal
    allowance: Decimal = Decimal("0")
    allowance_reason: str | None = None
    exemption_reason: str | None = None
    exemption_code: str | None = None
    item_name: str | None = None  # defaults to the description
    gtin: str | None = None  # GS1 GTIN (scheme 0160); PINT-AE asks for it on reverse charge
    goods_type: str | None = None  # PINT-AE BTAE-09 for reverse charge (DL8.48.3.1, ...)

    def __post_init__(self):
        for name in ("quantity", "unit_price", "tax_rate", "allowance"):
            _set(self, name, to_decimal(getattr(self, name), f"line {self.id} {name}"))
        _set(self, "id", str(self.id))
        if self.tax_category not in VAT_CATEGORIES:
            raise ValueError(
                f"line {self.id}: unknown VAT category {self.tax_category!r} "
                f"(one of {', '.join(VAT_CATEGORIES)})"
            )
        if self.allowance < 0:
            raise ValueError(f"line {self.id}: allowance must not be negative")

    @property
    def name(self) -> str:
        return self.item_name or self.description


@dataclass(frozen=True)
class Allowance:
    """A document-level allowance (discount), tied to the VAT category and rate it reduces."""

    amount: Decimal
    reason: str
    tax_category: str
    tax_rate: Decimal

    def __post_init__(self):
        _set(self, "amount", to_decimal(self.amount, "allowance amount"))
        _set(self, "tax_rate", to_decimal(self.tax_rate, "allowance tax_rate"))
        if self.tax_category not in VAT_CATEGORIES:
            raise ValueError(f"allowance: unknown VAT category {self.tax_category!r}")


@dataclass(frozen=True)
class PaymentMeans:
    code: str = "30"  # UNCL 4461: 30 credit transfer, 58 SEPA credit transfer
    iban: str | None = None
    account_name: str | None = None
    bic: str | None = None
    payment_id: str | None = None  # remittance information the payer quotes


@dataclass(frozen=True)
class PrecedingInvoice:
    number: str
    issue_date: dt.date | None = None


@dataclass(frozen=True)
class Document:
    type: str  # INVOICE or CREDIT_NOTE
    number: str
    issue_date: dt.date
    currency: str
    seller: Party
    buyer: Party
    lines: tuple[Line, ...]
    due_date: dt.date | None = None
    # Foreign-currency documents also state VAT in AED: AED per 1 unit of ``currency``.
    tax_currency: str | None = None
    exchange_rate: Decimal | None = None
    buyer_reference: str | None = None
    order_reference: str | None = None
    notes: tuple[str, ...] = ()
    payment_means: PaymentMeans | None = None
    payment_terms: str | None = None
    preceding_invoice: PrecedingInvoice | None = None
    credit_reason: str | None = None  # UAE credit-note reason code (codes.CREDIT_NOTE_REASONS)
    allowances: tuple[Allowance, ...] = ()
    prepaid: Decimal = Decimal("0")
    uuid: str | None = None  # stable id; profiles derive one from seller and number if absent
    transaction_flags: str = "00000000"  # PINT-AE BTAE-02 (free zone, deemed supply, ...)

    def __post_init__(self):
        if self.type not in DOCUMENT_TYPES:
            raise ValueError(f"document type must be one of {DOCUMENT_TYPES}, got {self.type!r}")
        if not is_currency(self.currency):
            raise ValueError(f"unknown currency code {self.currency!r} (ISO 4217)")
        _set(self, "lines", tuple(self.lines))
        _set(self, "notes", tuple(n for n in self.notes if n))
        _set(self, "allowances", tuple(self.allowances))
        _set(self, "prepaid", to_decimal(self.prepaid, "prepaid"))
        if not self.lines:
            raise ValueError("a document needs at least one line")
        if len({line.id for line in self.lines}) != len(self.lines):
            raise ValueError("line ids must be unique within a document")
        if self.exchange_rate is not None:
            _set(self, "exchange_rate", to_decimal(self.exchange_rate, "exchange_rate"))
            if self.exchange_rate <= 0:
                raise ValueError("exchange_rate must be positive")

    @property
    def is_credit_note(self) -> bool:
        return self.type == CREDIT_NOTE

    @property
    def accounting_currency(self) -> str | None:
        """The currency VAT is accounted in when it differs from the document currency."""
        if self.tax_currency and self.tax_currency != self.currency:
            return self.tax_currency
        return None
