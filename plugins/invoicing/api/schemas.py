"""Request schemas of the invoicing API: core checks every body against them (unknown fields,
types) before the views run, and the OpenAPI document shows them. The services check the rest
(identifiers, codes, ranges) and name each field the same way."""

from __future__ import annotations

from core.api import NO_BODY


def _text(max_len: int, description: str | None = None) -> dict:
    schema = {"type": ["string", "null"], "maxLength": max_len}
    return {**schema, "description": description} if description else schema


DECIMAL = {
    "type": ["string", "integer"],
    "description": 'A decimal written as a string ("150.00") or a whole number; never a float.',
}
ID = {"type": ["integer", "string"], "description": "A record id (ASCII digits, up to 2^31-1)."}
DATE = {"type": ["string", "null"], "format": "date", "description": "YYYY-MM-DD"}

CUSTOMER_FIELDS = {
    "name": {"type": "string", "maxLength": 200},
    "trn": _text(15, "UAE TRN, 15 digits"),
    "vat_ids": {
        "type": ["array", "string", "null"],
        "items": {"type": "string"},
        "description": "Other VAT ids: a list, or one comma-separated string",
    },
    "email": _text(254),
    "phone": _text(32),
    "address_line1": _text(200),
    "address_line2": _text(200),
    "city": _text(100),
    "postal_code": _text(20),
    "country": _text(2, "ISO 3166 alpha-2; AE by default"),
    "emirate": {
        **_text(5, "Deprecated alias of subdivision for a UAE address (AE-DU); still accepted"),
        "deprecated": True,
    },
    "subdivision": _text(
        6, "ISO 3166-2 code of the region: the emirate in the UAE (AE-DU), BE-BRU, US-NY elsewhere"
    ),
    "legal_id": _text(64),
    "legal_id_type": _text(3, "TL, EID, PAS or CD"),
    "legal_id_authority": _text(200),
    "peppol_id": _text(80, "scheme:value, e.g. 0235:1009876543"),
    "payment_terms_days": {
        "type": ["integer", "string"],
        "description": "Days from issue to due date, 0 to 365 (30 by default)",
    },
}
CUSTOMER_CREATE = {
    "type": "object",
    "properties": CUSTOMER_FIELDS,
    "required": ["name"],
    "additionalProperties": False,
}
CUSTOMER_PATCH = {"type": "object", "properties": CUSTOMER_FIELDS, "additionalProperties": False}

CATALOG_FIELDS = {
    "code": {"type": "string", "maxLength": 40, "description": "Unique in the company"},
    "name": {"type": "string", "maxLength": 200},
    "unit_code": _text(8, "UN/ECE Rec 20 unit code; C62 by default"),
    "unit_price": DECIMAL,
    "tax_category": _text(4, "S, Z, E, O or AE; S by default"),
    "active": {"type": "boolean", "description": "Offered in the line editors"},
}
CATALOG_CREATE = {
    "type": "object",
    "properties": CATALOG_FIELDS,
    "required": ["code", "name", "unit_price"],
    "additionalProperties": False,
}
CATALOG_PATCH = {"type": "object", "properties": CATALOG_FIELDS, "additionalProperties": False}

LINE = {
    "type": "object",
    "properties": {
        "description": {"type": "string", "maxLength": 500},
        "quantity": DECIMAL,
        "unit_code": _text(8, "UN/ECE Rec 20 unit code; C62 by default"),
        "unit_price": DECIMAL,
        "allowance": {**DECIMAL, "description": "Discount on the line, 0 by default"},
        "tax_category": _text(4, "S (default), Z, E, O, AE ..."),
        "tax_rate": {**DECIMAL, "description": "Percent; 5 for S by default"},
        "exemption_reason": _text(300),
        "exemption_code": _text(30, "VATEX-..."),
        "gtin": _text(14),
        "goods_type": _text(12),
    },
    "required": ["description", "quantity", "unit_price"],
    "additionalProperties": False,
}

HEADER_FIELDS = {
    "issue_date": {**DATE, "description": "YYYY-MM-DD; today by default"},
    "due_date": {**DATE, "description": "YYYY-MM-DD; issue date + customer's terms by default"},
    "currency": _text(3, "ISO 4217; AED by default"),
    "exchange_rate": {**DECIMAL, "type": ["string", "integer", "null"]},
    "buyer_reference": _text(200),
    "order_reference": _text(200),
    "notes": _text(2000),
    "payment_iban": _text(34),
    "credit_reason": _text(12, "Credit notes: the PINT-AE reason code"),
    "lines": {"type": ["array", "null"], "items": LINE, "maxItems": 1000},
}
INVOICE_CREATE = {
    "type": "object",
    "properties": {"customer_id": ID, **HEADER_FIELDS},
    "required": ["customer_id"],
    "additionalProperties": False,
}
INVOICE_PATCH = {
    "type": "object",
    "properties": {"customer_id": ID, **HEADER_FIELDS},
    "additionalProperties": False,
}
CREDIT_NOTE = {
    "type": "object",
    "description": "Header fields of the credit note; the invoice's lines unless given.",
    "properties": {
        **HEADER_FIELDS,
        "credit_reason": _text(12, "Required: the UAE reason code (DL8.61.1.A-E or VD)"),
    },
    "additionalProperties": False,
}

__all__ = [
    "CREDIT_NOTE",
    "CUSTOMER_CREATE",
    "CATALOG_CREATE",
    "CATALOG_PATCH",
    "CUSTOMER_PATCH",
    "INVOICE_CREATE",
    "INVOICE_PATCH",
    "NO_BODY",
]
