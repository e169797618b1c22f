"""Invoice signing keys for tests without an RSA key generation per company.

Every company that finalizes gets an RSA-2048 key (``plugins.invoicing.signing``): generating
one costs ~75 ms, and nearly every invoicing, payments, Peppol and wallet test finalizes for a
new company, on both databases. In the test process only, ``use_pool`` makes the signing
module take its keys from a pool of ``SIZE`` keys generated on first use and handed out in
turn, so companies made one after another (up to ``SIZE`` in a test) still get different keys.
Everything after the generation is unchanged: the key is serialized, Fernet-encrypted with the
app's secret, stored, decrypted and loaded for every signature, and verified from its public
half. Loading the same PEM again returns the key loaded before (the load is a pure function of
the PEM; its RSA consistency checks cost ~40 ms). Servers that tests start in their own
processes generate their keys as production does.
"""

from __future__ import annotations

import itertools
import threading

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

SIZE = 8


class _PooledRsa:
    """The ``rsa`` module as ``signing`` sees it: ``generate_private_key`` from the pool."""

    def __init__(self) -> None:
        self._keys: list = []
        self._turn = itertools.count()
        self._lock = threading.Lock()

    def generate_private_key(self, public_exponent: int, key_size: int):
        with self._lock:
            n = next(self._turn) % SIZE
            if n == len(self._keys):
                self._keys.append(
                    rsa.generate_private_key(public_exponent=public_exponent, key_size=key_size)
                )
            key = self._keys[n]
        assert key.key_size == key_size and key.public_key().public_numbers().e == public_exponent
        return key

    def __getattr__(self, name):
        return getattr(rsa, name)


class _LoadOnce:
    """The ``serialization`` module as ``signing`` sees it: a PEM is loaded once."""

    def __init__(self) -> None:
        self._loaded: dict[bytes, object] = {}

    def load_pem_private_key(self, data: bytes, password=None):
        if password is not None:
            return serialization.load_pem_private_key(data, password=password)
        if data not in self._loaded:
            self._loaded[data] = serialization.load_pem_private_key(data, password=None)
        return self._loaded[data]

    def __getattr__(self, name):
        return getattr(serialization, name)


def use_pool() -> None:
    from plugins.invoicing import signing

    if not isinstance(signing.rsa, _PooledRsa):
        signing.rsa = _PooledRsa()
        signing.serialization = _LoadOnce()
