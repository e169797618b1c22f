"""JSON Schemas of the wallet API: enforced by core on every body, shown in the OpenAPI
document. Services still check the rules a schema cannot say (a valid xpub, a checksum)."""

from core.api import MAX_ID

STRING = {"type": "string"}
NULLABLE = {"type": ["string", "null"]}
INT = {"type": "integer"}
ID = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
ADDRESS = {"type": "string", "pattern": "^0x[0-9a-fA-F]{40}$"}
DECIMAL = {"type": "string", "maxLength": 40, "description": "a decimal number as text"}
BLOCK = {"type": "integer", "minimum": 0}


def closed(properties: dict, required: tuple[str, ...] = ()) -> dict:
    schema = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        schema["required"] = list(required)
    return schema


SETTINGS_FIELDS = {
    "mode": {"type": "string", "enum": ["hd", "virtual"]},
    "xpub": {"type": ["string", "null"], "maxLength": 120},
    "master_address": {**ADDRESS, "type": ["string", "null"]},
    "master_id": {"type": ["string", "null"], "maxLength": 10},
    "token_address": ADDRESS,
    "chain_id": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1},
    "confirmations": {"type": "integer", "minimum": 0, "maximum": 100},
    "expiry_minutes": {"type": "integer", "minimum": 1, "maximum": 7 * 24 * 60},
    "monitor_minutes": {"type": "integer", "minimum": 1, "maximum": 30 * 24 * 60},
    "tolerance_percent": DECIMAL,
    "exchange_rates": {
        "type": "object",
        "additionalProperties": DECIMAL,
        "propertyNames": {"pattern": "^[A-Z]{3}$"},
    },
}
SETTINGS = closed(SETTINGS_FIELDS)
SETTINGS_OUT = {"type": "object", "properties": SETTINGS_FIELDS}

PAYMENT = {
    "type": "object",
    "properties": {
        "tx_hash": STRING,
        "log_index": INT,
        "amount_units": STRING,
        "block_number": INT,
        "confirmations": {"type": ["integer", "null"]},
        "orphaned": {"type": "boolean"},
        "memo": NULLABLE,
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

CREATE = closed({"token_address": ADDRESS})
BULK = closed(
    {
        "invoice_ids": {"type": "array", "items": ID, "minItems": 1, "maxItems": 5000},
        "token_address": ADDRESS,
    },
    required=("invoice_ids",),
)
MARK = closed({"status": {"type": "string", "enum": ["Settled", "Invalid"]}}, ("status",))
RECONCILE = closed({"from_block": BLOCK, "to_block": BLOCK})
VERIFY = closed(
    {
        "payload": {"type": "object"},
        "key_id": INT,
        "signature": {"type": "string", "maxLength": 2000},
    },
    required=("payload", "key_id", "signature"),
)
PAYEE = closed(
    {"address": ADDRESS, "amount": DECIMAL, "memo": {"type": "string", "maxLength": 66}},
    required=("address", "amount"),
)
PAYROLL = closed(
    {
        "payees": {"type": "array", "items": PAYEE, "minItems": 1, "maxItems": 500},
        "token_address": ADDRESS,
        "from": ADDRESS,
    },
    required=("payees",),
)
REQUEST_LINK = closed({"to_address": ADDRESS, "amount": DECIMAL}, ("to_address", "amount"))
REPORT = {"type": "object"}
