"""Provider credentials and webhook secrets, encrypted at rest with Fernet.

The key is ``PEPPOL_CREDENTIALS_KEY`` (a Fernet key) when configured; otherwise it is derived
from ``SECRET_KEY`` with HKDF-SHA256 (as invoicing does for its signing keys), so rotating
SECRET_KEY without the dedicated key makes stored credentials unreadable: enter them again.
"""

from __future__ import annotations

import base64
import json

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app


def _fernet() -> Fernet:
    configured = current_app.config.get("PEPPOL_CREDENTIALS_KEY")
    if configured:
        return Fernet(configured)
    derived = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=b"ledgerline.peppol", info=b"credentials"
    ).derive(str(current_app.config["SECRET_KEY"]).encode())
    return Fernet(base64.urlsafe_b64encode(derived))


def seal(values: dict) -> str:
    return _fernet().encrypt(json.dumps(values, sort_keys=True).encode()).decode()


def unseal(token: str | None) -> dict:
    if not token:
        return {}
    try:
        return json.loads(_fernet().decrypt(token.encode()))
    except InvalidToken:
        return {}  # key rotated: the account answers "auth" errors until re-entered


def seal_text(value: str) -> str:
    return _fernet().encrypt(value.encode()).decode()


def unseal_text(token: str) -> str:
    return _fernet().decrypt(token.encode()).decode()
