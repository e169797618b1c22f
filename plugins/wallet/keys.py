"""Watch-only addresses: BIP-32 public derivation ``0/index`` from an account xpub.

The server holds no private key: an xpub cannot sign, and ``bip32`` refuses hardened or private
derivation from it. (Never sign sweeps on this server: an xpub plus any child private key
reveals the parent private key.)
"""

from __future__ import annotations

import functools

import coincurve
from bip32 import BIP32
from Crypto.Hash import keccak


def keccak256(data: bytes) -> bytes:
    return keccak.new(digest_bits=256, data=data).digest()


def checksum(address: str) -> str:
    """EIP-55 mixed-case checksum of a 20-byte hex address."""
    plain = address.lower().removeprefix("0x")
    digest = keccak256(plain.encode()).hex()
    return "0x" + "".join(
        c.upper() if int(d, 16) >= 8 else c for c, d in zip(plain, digest[:40], strict=True)
    )


def address_of(pubkey: bytes) -> str:
    full = coincurve.PublicKey(pubkey).format(compressed=False)[1:]
    return checksum(keccak256(full)[-20:].hex())


@functools.lru_cache(maxsize=64)
def _account(xpub: str) -> BIP32:
    return BIP32.from_xpub(xpub)


def valid_xpub(xpub: str) -> bool:
    try:
        _account(xpub)
    except Exception:  # bip32 raises several kinds for a malformed key
        return False
    return True


def derive(xpub: str, index: int) -> str:
    """The address at ``0/index`` (external chain) of the account ``xpub``."""
    return address_of(_account(xpub).get_pubkey_from_path([0, index]))


def is_address(value) -> bool:
    if not isinstance(value, str) or len(value) != 42 or not value.startswith("0x"):
        return False
    try:
        int(value[2:], 16)
    except ValueError:
        return False
    return True
