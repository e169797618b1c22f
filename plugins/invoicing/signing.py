"""Per-company RSA-2048 keys and PSS signatures over ``invoice_hash|xml_hash``.

The private key is stored as PKCS#8 PEM encrypted with Fernet. The Fernet key is
``INVOICING_KEY_ENCRYPTION_KEY`` (a Fernet key) when configured; otherwise it is derived from
``SECRET_KEY`` with HKDF-SHA256, so rotating SECRET_KEY without setting the dedicated key
makes existing private keys unreadable (signatures already stored stay verifiable: they need
only the public key).

Decrypting and loading a key (with the RSA consistency checks) costs ~40 ms, more than the
rest of finalize; each process keeps the loaded keys, keyed by the row id and digests of the
encrypted PEM and of the encryption key, so a rotated key or secret is loaded afresh.
"""

from __future__ import annotations

import base64
import hashlib
import threading
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app
from sqlalchemy import select

from core.api import db, off_loop
from plugins.invoicing.models import SigningKey

PSS = padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=padding.PSS.MAX_LENGTH)


def _fernet() -> Fernet:
    configured = current_app.config.get("INVOICING_KEY_ENCRYPTION_KEY")
    if configured:
        return Fernet(configured)
    derived = HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=b"ledgerline.invoicing",
        info=b"signing-key-encryption",
    ).derive(str(current_app.config["SECRET_KEY"]).encode())
    return Fernet(base64.urlsafe_b64encode(derived))


def newest_key(company_id: int) -> SigningKey | None:
    """The company's newest key; None before its first finalization."""
    return db.session.scalars(
        select(SigningKey)
        .where(SigningKey.company_id == company_id)
        .order_by(SigningKey.id.desc())
        .limit(1)
    ).first()


@dataclass(frozen=True)
class NewKey:
    """A key made but not stored yet: generated and encrypted (the CPU-heavy part, ~75 ms)
    before the chain lock; stored under it only if the company still has none."""

    private: rsa.RSAPrivateKey
    public_key_pem: str
    private_key_encrypted: str


def new_key() -> NewKey:
    """A fresh RSA-2048 key, encrypted; made off the gevent loop (see core.api.off_loop)."""
    return off_loop(_generate, _fernet())


def _generate(fernet: Fernet) -> NewKey:
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    public = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return NewKey(private, public.decode(), fernet.encrypt(pem).decode())


def company_key(company_id: int, made: NewKey | None = None) -> SigningKey:
    """The company's newest key, else ``made`` (or a fresh one) stored as its first. Callers
    hold the chain lock, so two first finalizations store one key; the other's is dropped."""
    return newest_key(company_id) or _store(company_id, made or new_key())


def _store(company_id: int, made: NewKey) -> SigningKey:
    key = SigningKey(
        company_id=company_id,
        public_key_pem=made.public_key_pem,
        private_key_encrypted=made.private_key_encrypted,
    )
    db.session.add(key)
    db.session.flush()
    _remember(_cache_key(key), made.private)  # signing now needs no decrypt-and-load
    return key


def message(invoice_hash: str, xml_hash: str) -> bytes:
    return f"{invoice_hash}|{xml_hash}".encode()


_LOADED: dict[tuple, rsa.RSAPrivateKey] = {}
_LOADED_MAX = 256  # companies signing in one process; beyond it the cache starts over
_LOCK = threading.Lock()


def _cache_key(key: SigningKey) -> tuple:
    configured = current_app.config.get("INVOICING_KEY_ENCRYPTION_KEY")
    secret = configured or f"secret:{current_app.config['SECRET_KEY']}"
    return (
        key.id,
        hashlib.sha256(key.private_key_encrypted.encode()).hexdigest(),
        hashlib.sha256(str(secret).encode()).hexdigest(),
    )


def private_key(key: SigningKey) -> rsa.RSAPrivateKey:
    """The decrypted key, loaded (and validated) once per process per key version."""
    token = _cache_key(key)
    private = _LOADED.get(token)
    if private is None:
        pem = _fernet().decrypt(key.private_key_encrypted.encode())
        private = serialization.load_pem_private_key(pem, password=None)
        _remember(token, private)
    return private


def _remember(token: tuple, private: rsa.RSAPrivateKey) -> None:
    with _LOCK:
        if len(_LOADED) >= _LOADED_MAX:
            _LOADED.clear()
        _LOADED[token] = private


def sign(key: SigningKey, data: bytes) -> str:
    signature = private_key(key).sign(data, PSS, hashes.SHA256())
    return base64.b64encode(signature).decode()


def verify(public_key_pem: str, data: bytes, signature: str) -> bool:
    public = serialization.load_pem_public_key(public_key_pem.encode())
    try:
        public.verify(base64.b64decode(signature), data, PSS, hashes.SHA256())
    except (InvalidSignature, ValueError):
        return False
    return True
