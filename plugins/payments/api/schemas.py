"""JSON Schemas of the payment and refund answers, for the OpenAPI document."""

from __future__ import annotations

MONEY = {"type": "string", "pattern": r"^-?\d+\.\d{2}$"}
NULLABLE_INT = {"type": ["integer", "null"]}
NULLABLE_TEXT = {"type": ["string", "null"]}
WHEN = {"type": ["string", "null"], "format": "date-time"}
HASH = {
    "type": ["string", "null"],
    "pattern": "^[0-9a-f]{64}$",
    "description": "SHA-256 of its payments chain entry (null while a refund is not processed)",
}
PREV_HASH = {
    **HASH,
    "description": "hash of the chain entry before it (null for the first entry)",
}

PAYMENT = {
    "type": "object",
    "required": ["id", "number", "amount", "currency", "status", "allocations", "hash"],
    "properties": {
        "id": {"type": "integer"},
        "number": {"type": "string"},
        "customer_id": {"type": "integer"},
        "amount": MONEY,
        "currency": {"type": "string"},
        "method": {"type": "string"},
        "date": {"type": "string", "format": "date"},
        "reference": NULLABLE_TEXT,
        "notes": NULLABLE_TEXT,
        "provider_transaction_id": NULLABLE_TEXT,
        "status": {"type": "string", "enum": ["posted", "reversed"]},
        "reversal_of": NULLABLE_INT,
        "possible_duplicate": {"type": "boolean"},
        "allocations": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "invoice_id": {"type": "integer"},
                    "amount": MONEY,
                    "refund_id": NULLABLE_INT,
                },
            },
        },
        "created_at": {"type": "string", "format": "date-time"},
        "archived": {"type": "boolean"},
        "credit_created": {**MONEY, "description": "only when recorded: kept as credit"},
        "hash": HASH,
        "prev_hash": PREV_HASH,
    },
}

REFUND = {
    "type": "object",
    "required": ["id", "payment_id", "amount", "status", "hash", "prev_hash"],
    "properties": {
        "id": {"type": "integer"},
        "payment_id": {"type": "integer"},
        "amount": MONEY,
        "reason": {"type": "string"},
        "status": {"type": "string", "enum": ["requested", "approved", "processed", "rejected"]},
        "requested_at": WHEN,
        "approved_at": WHEN,
        "processed_at": WHEN,
        "rejected_at": WHEN,
        "rejection_reason": NULLABLE_TEXT,
        "hash": HASH,
        "prev_hash": PREV_HASH,
    },
}
