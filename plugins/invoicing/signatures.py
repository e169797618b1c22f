"""Public module: sign and verify other documents with a company's invoice signing key.

For plugins that depend on invoicing (the wallet signs its payment payloads). The key and the
RSA-PSS scheme are the ones invoices are sealed with (``signing.py``); the private key never
leaves this module.
"""

from __future__ import annotations

from core.api import db
from plugins.invoicing import signing
from plugins.invoicing.models import SigningKey


def sign(company_id: int, data: bytes) -> tuple[int, str]:
    """(key id, base64 RSA-PSS signature) of ``data`` with the company's newest key."""
    key = signing.company_key(company_id)
    return key.id, signing.sign(key, data)


def verify(key_id: int, data: bytes, signature: str) -> bool:
    key = db.session.get(SigningKey, key_id)
    return key is not None and signing.verify(key.public_key_pem, data, signature)


def public_key(key_id: int) -> str | None:
    key = db.session.get(SigningKey, key_id)
    return key.public_key_pem if key is not None else None
