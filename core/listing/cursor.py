"""Keyset cursors: the last row's sort value and id, as an opaque URL-safe token.

The token is base64url of a small JSON array ``[type, value, id]``; a token that does not
decode to that shape is a 400 ``invalid_parameter``, never a 500.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from decimal import Decimal, InvalidOperation

from flask_babel import gettext as _

from core.inputs import MAX_INT, invalid_parameter

_ENCODE = {
    type(None): ("n", lambda v: None),
    bool: ("b", bool),
    int: ("i", int),
    str: ("s", str),
    Decimal: ("d", str),
    dt.date: ("D", dt.date.isoformat),
    dt.datetime: ("T", dt.datetime.isoformat),
}
_DECODE = {
    "n": lambda v: None,
    "b": bool,
    "i": int,
    "s": str,
    "d": Decimal,
    "D": dt.date.fromisoformat,
    "T": dt.datetime.fromisoformat,
}


def encode(value, row_id: int) -> str:
    tag, convert = _ENCODE[type(value)]
    raw = json.dumps([tag, convert(value), row_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(token: str, name: str) -> tuple[object, int]:
    """``(value, id)`` of a token made by :func:`encode`; 400 otherwise."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        tag, value, row_id = json.loads(raw)
        if type(row_id) is not int or not 0 <= row_id <= MAX_INT:
            raise ValueError(row_id)
        return (None if value is None else _DECODE[tag](value)), row_id
    except (binascii.Error, ValueError, TypeError, KeyError, InvalidOperation, RecursionError):
        raise invalid_parameter(name, _("is not a cursor this list gave out"), token) from None
