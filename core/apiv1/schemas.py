"""JSON Schemas of core's API bodies, used by ``describe`` for the OpenAPI document."""

from __future__ import annotations

_TEXT = {"type": ["string", "null"]}

COMPANY_FIELDS = {
    "name": {"type": "string", "maxLength": 200},
    "trn": {**_TEXT, "description": "Tax registration number; 15 digits in the UAE."},
    "address_line1": _TEXT,
    "address_line2": _TEXT,
    "city": _TEXT,
    "postal_code": _TEXT,
    "country": {"type": "string", "pattern": "^[A-Z]{2}$", "description": "ISO 3166 alpha-2"},
    "subdivision": {**_TEXT, "description": "ISO 3166-2 code; in the UAE the emirate (AE-DU)."},
    "legal_id": {**_TEXT, "description": "Legal registration number (e.g. trade licence)."},
    "legal_id_type": {
        **_TEXT,
        "enum": ["TL", "EID", "PAS", "CD", None],
        "description": "TL trade licence, EID Emirates ID, PAS passport, CD cabinet decision.",
    },
    "legal_id_authority": {
        **_TEXT,
        "description": "Issuing authority (required for TL); for PAS the issuing country.",
    },
    "peppol_id": {**_TEXT, "description": "Peppol participant ID, scheme:value (0235:...)"},
    "iban": {**_TEXT, "description": "IBAN; the mod-97 check digits are verified."},
    "email": {**_TEXT, "format": "email"},
    "phone": _TEXT,
    "locale": {
        "type": ["string", "null"],
        "enum": ["en", "ar", None],
        "description": "Default language of the company's users who chose none (else their "
        "browser's), and the language of its invoice and receipt PDFs (else English).",
    },
    "timezone": {
        **_TEXT,
        "maxLength": 64,
        "description": "Default IANA time zone (e.g. Asia/Dubai) of the company's users who "
        "chose none, and of dates on its documents; null means UTC.",
    },
}

COMPANY = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        **COMPANY_FIELDS,
        "base_currency": {"type": "string", "pattern": "^[A-Z]{3}$"},
    },
    "required": ["id", "name", "country", "base_currency"],
}

# What GET answers and PATCH may carry back unchanged (read-modify-write); a change is a 422.
COMPANY_READ_ONLY = ("id", "base_currency")
COMPANY_PATCH = {
    "type": "object",
    "properties": {
        **COMPANY_FIELDS,
        **{f: {**COMPANY["properties"][f], "readOnly": True} for f in COMPANY_READ_ONLY},
    },
    "additionalProperties": False,
    "minProperties": 1,
}

ME = {
    "type": "object",
    "properties": {
        "user_id": {"type": ["integer", "null"]},
        "email": {"type": "string"},
        "role": {"type": "string"},
        "company_id": {"type": ["integer", "null"]},
        "via": {"type": "string", "enum": ["session", "token", "system"]},
        "token_id": {"type": ["integer", "null"]},
        "scopes": {"type": "array", "items": {"type": "string"}},
        "can_write": {"type": "boolean"},
        "permissions": {"type": "array", "items": {"type": "string"}},
    },
}

AUDIT_ENTRY = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "company_id": {"type": ["integer", "null"]},
        "action": {"type": "string"},
        "record_type": {"type": "string"},
        "record_id": _TEXT,
        "actor": {"type": "string"},
        "details": {"type": "object"},
        "ip_address": _TEXT,
        "correlation_id": _TEXT,
        "created_at": {"type": "string", "format": "date-time"},
    },
}

ERROR = {
    "type": "object",
    "description": "Every error of the API, whatever its status.",
    "properties": {
        "error": {
            "type": "object",
            "properties": {
                "code": {"type": "string", "description": "Stable, e.g. not_found"},
                "message": {"type": "string", "description": "For people; may change"},
                "details": {
                    "type": "object",
                    "properties": {
                        "fields": {
                            "type": "object",
                            "description": "Field path (lines[0].amount) -> what is wrong",
                            "additionalProperties": {"type": "string"},
                        }
                    },
                },
            },
            "required": ["code", "message", "details"],
        },
        "correlation_id": {
            "type": ["string", "null"],
            "description": "Also in the X-Correlation-ID header; quote it when reporting",
        },
    },
    "required": ["error", "correlation_id"],
}

VALIDATION_FAILED = {
    "description": (
        "422: the request's fields, each named by its path. The code was `validation_error` "
        "before; that name is deprecated and no longer sent."
    ),
    "allOf": [
        {"$ref": "#/components/schemas/Error"},
        {
            "type": "object",
            "properties": {
                "error": {
                    "type": "object",
                    "properties": {
                        "code": {"const": "validation_failed"},
                        "details": {"type": "object", "required": ["fields"]},
                    },
                }
            },
        },
    ],
}
