"""The signed payment payload: invoice number and hash, amount, token, address, expiry.

Canonical JSON (sorted keys, no spaces) signed with the company's invoice signing key, so a
customer or a wallet app can check that the address really is the merchant's before paying.
"""

from __future__ import annotations

import json

from core.api import ValidationFailed, db
from core.api import gettext as _
from plugins.invoicing.public import Invoice, signatures
from plugins.wallet.serialize import iso


def fields(request) -> dict:
    invoice = db.session.get(Invoice, request.invoice_id)
    return {
        "invoice_number": invoice.number,
        "invoice_hash": invoice.hash,
        "amount_units": str(int(request.amount_units)),
        "decimals": request.decimals,
        "token_address": request.token_address,
        "chain_id": request.chain_id,
        "address": request.address,
        "expires_at": iso(request.expires_at),
        "memo": request.memo,
    }


def canonical(payload: dict) -> bytes:
    # default=str: a payload to verify may carry a fractional JSON number (a Decimal); none
    # that this app signed does, so it can only fail to verify, never crash.
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str).encode()


def signed(request) -> dict:
    payload = fields(request)
    key_id, signature = signatures.sign(request.company_id, canonical(payload))
    return {"payload": payload, "key_id": key_id, "signature": signature}


def verify(body: dict) -> bool:
    payload, key_id, signature = body.get("payload"), body.get("key_id"), body.get("signature")
    if (
        not isinstance(payload, dict)
        or not isinstance(key_id, int)
        or not isinstance(signature, str)
    ):
        raise ValidationFailed({"(body)": _("send payload (object), key_id (integer), signature")})
    return signatures.verify(key_id, canonical(payload), signature)
