"""The export format, version 2: which tables, in which order, and how values are written.

One JSON object per line, keys sorted, no spaces, UTF-8:

* ``{"type": "header", "format": "ledgerline-export", "version": 2, "company": {...}}``
* ``{"type": "<record type>", "row": {column: value, ...}}`` for every row, table by table in
  the order below (parents before children, rows by id), so an import can insert them as read
* ``{"type": "footer", "counts": {type: n}, "sha256": "..."}``: the SHA-256 of every byte
  before this line.

Decimals are strings (``"1050.00"``), dates and datetimes ISO 8601. Users are exported without
password hashes or MFA secrets: an imported user must set a new password.

Version 2 added the payments settings, customer credit entries and the payments hash chain
(entries and head): without them a restored company lost its customers' credit and could no
longer prove its payments untouched. Version 1 files still import (they simply hold none).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from decimal import Decimal

import orjson
from sqlalchemy import JSON, Date, DateTime, LargeBinary, Numeric, Table

from core.api import ExactNumeric, db

FORMAT, VERSION = "ledgerline-export", 2
READABLE_VERSIONS = (1, 2)

# record type -> table; the order is the order of the file and of the import.
TYPES = {
    "user": "core_user",
    "sequence": "core_sequence",
    "customer": "invoicing_customer",
    "signing_key": "invoicing_signing_key",
    "invoice": "invoicing_invoice",
    "invoice_line": "invoicing_line",
    "invoice_tax": "invoicing_tax",
    "chain_head": "invoicing_chain_head",
    "payment": "payments_payment",
    "refund": "payments_refund",
    "allocation": "payments_allocation",
    "payment_archive": "payments_payment_archive",
    "refund_archive": "payments_refund_archive",
    "allocation_archive": "payments_allocation_archive",
    "payment_settings": "payments_settings",
    "credit_entry": "payments_credit_entry",
    "payment_chain_entry": "payments_chain_entry",
    "payment_chain_head": "payments_chain_head",
    "audit": "core_audit_entry",
}
# Columns never written to a file that leaves the server.
SECRET_COLUMNS = {"core_user": ("password_hash", "mfa_secret_encrypted", "mfa_enabled")}


def table(name: str) -> Table:
    return db.metadata.tables[name]


def columns(t: Table) -> list:
    hidden = SECRET_COLUMNS.get(t.name, ())
    return [c for c in t.columns if c.name not in hidden]


def line(obj: dict) -> bytes:
    """``obj`` as one line: JSON, keys sorted, no spaces, UTF-8, values by ``encode``.

    Written by orjson (dates and datetimes as ISO 8601 by itself, decimals and bytes through
    ``encode``): the json module cost several times the reading of the row (profiled). What
    orjson refuses (an integer beyond 64 bits in a JSON column) the json module writes."""
    try:
        return orjson.dumps(obj, default=_default, option=_ORJSON)
    except orjson.JSONEncodeError:
        return (_JSON.encode(obj) + "\n").encode()


def encode(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    return value


def _default(value):
    """What JSON has no type for, as ``encode`` writes it (called only for those values)."""
    encoded = str(value) if type(value) is Decimal else encode(value)
    if encoded is value:
        raise TypeError(f"{type(value).__name__} is not exported")
    return encoded


_ORJSON = orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE
_JSON = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_default
)


def decode(column, value):
    """The Python value of ``value`` (as read from JSON) for ``column``."""
    if value is None or isinstance(column.type, JSON):
        return value
    if isinstance(column.type, Numeric | ExactNumeric):
        return Decimal(value)
    if isinstance(column.type, DateTime):
        return dt.datetime.fromisoformat(value)
    if isinstance(column.type, Date):
        return dt.date.fromisoformat(value)
    if isinstance(column.type, LargeBinary):
        return base64.b64decode(value)
    return value
