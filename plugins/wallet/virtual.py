"""Tempo TIP-1022 virtual addresses: ``[4-byte masterId][10 × 0xFD][6-byte userTag]``.

A TIP-20 transfer to a virtual address credits the registered master in the same call
(``balanceOf(virtual)`` stays 0) and logs ``sender -> virtual`` then ``virtual -> master``, so
the watcher sees each request's own address while nothing is ever left to sweep. The userTag
is the request's derivation index; derivation is offline, the master registers once on chain.
"""

from __future__ import annotations

from plugins.wallet import keys

MAGIC = "fd" * 10
REGISTRY = "0xFDC0000000000000000000000000000000000000"


def address(master_id: str, index: int) -> str:
    tag = index.to_bytes(6, "big").hex()
    return keys.checksum(master_id.lower().removeprefix("0x") + MAGIC + tag)


def is_virtual(value: str) -> bool:
    return value.lower().removeprefix("0x")[8:28] == MAGIC


def valid_master_id(value) -> bool:
    plain = value.lower().removeprefix("0x") if isinstance(value, str) else ""
    return len(plain) == 8 and all(c in "0123456789abcdef" for c in plain)
