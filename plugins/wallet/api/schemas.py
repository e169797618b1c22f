"""JSON Schemas of the wallet API for the OpenAPI document."""

STRING = {"type": "string"}
NULLABLE = {"type": ["string", "null"]}
INT = {"type": "integer"}

SETTINGS = {
    "type": "object",
    "properties": {
        "mode": {"type": "string", "enum": ["hd", "virtual"]},
        "xpub": NULLABLE,
        "master_address": NULLABLE,
        "master_id": NULLABLE,
        "token_address": STRING,
        "chain_id": INT,
        "confirmations": INT,
        "expiry_minutes": INT,
        "monitor_minutes": INT,
        "tolerance_percent": STRING,
        "exchange_rates": {"type": "object", "additionalProperties": STRING},
    },
}

PAYMENT = {
    "type": "object",
    "properties": {
        "tx_hash": STRING,
        "log_index": INT,
        "amount_units": STRING,
        "block_number": INT,
        "confirmations": {"type": ["integer", "null"]},
        "orphaned": {"type": "boolean"},
    },
}

REQUEST = {
    "type": "object",
    "properties": {
        "id": INT,
        "invoice_id": INT,
        "address": STRING,
        "token_address": STRING,
        "chain_id": INT,
        "amount_units": STRING,
        "decimals": INT,
        "expires_at": STRING,
        "monitor_until": STRING,
        "uri": STRING,
        "memo": NULLABLE,
        "status": {
            "type": "string",
            "enum": ["New", "Processing", "Settled", "Expired", "Invalid"],
        },
        "exception": {
            "type": ["string", "null"],
            "enum": ["PaidPartial", "PaidOver", "PaidLate", "Marked", None],
        },
        "payments": {"type": "array", "items": PAYMENT},
    },
}

CREATE = {"type": "object", "properties": {"token_address": STRING}}
REPORT = {"type": "object"}
