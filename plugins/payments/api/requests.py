"""Request schemas of the payments API: core checks every body against them (unknown fields,
types) before the views run, and the OpenAPI document shows them. ``services/inputs.py`` checks
the rest (amount range and decimals, dates, methods) and names each field the same way."""

from __future__ import annotations

from core.api import MAX_ID

AMOUNT = {
    "type": ["string", "integer"],
    "description": 'More than zero, at most two decimals, as a string ("150.00"); no floats.',
}
ID = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
_TEXT = {"type": ["string", "null"]}

PAYMENT_CREATE = {
    "type": "object",
    "required": ["amount"],
    "properties": {
        "customer_id": {**ID, "description": "Optional: the invoices' customer"},
        "amount": AMOUNT,
        "currency": {**_TEXT, "description": "ISO 4217; the invoices' currency by default"},
        "method": {"type": "string", "description": "bank_transfer (default), card, cash ..."},
        "date": {**_TEXT, "format": "date", "description": "YYYY-MM-DD; today by default"},
        "reference": {**_TEXT, "maxLength": 200},
        "notes": {**_TEXT, "maxLength": 5000},
        "provider_transaction_id": {**_TEXT, "maxLength": 200},
        "allocations": {
            "type": "array",
            "description": "At least one; their amounts add up to the payment's amount.",
            "items": {
                "type": "object",
                "required": ["invoice_id", "amount"],
                "properties": {"invoice_id": ID, "amount": AMOUNT},
                "additionalProperties": False,
            },
        },
    },
    "additionalProperties": False,
}

REFUND_CREATE = {
    "type": "object",
    "required": ["payment_id", "amount", "reason"],
    "properties": {
        "payment_id": ID,
        "amount": AMOUNT,
        "reason": {**_TEXT, "maxLength": 500},
    },
    "additionalProperties": False,
}

REASON = {
    "type": "object",
    "description": "An optional reason (a body may be left out).",
    "properties": {"reason": {**_TEXT, "maxLength": 500}},
    "additionalProperties": False,
}

CREDIT_USE = {
    "type": "object",
    "required": ["customer_id", "invoice_id", "amount"],
    "properties": {"customer_id": ID, "invoice_id": ID, "amount": AMOUNT},
    "additionalProperties": False,
}
