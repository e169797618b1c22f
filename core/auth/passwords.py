"""Password and one-time code hashing with Argon2id.

The password cost is argon2-cffi's default (RFC 9106 low-memory profile) unless the app sets
``PASSWORD_HASH_PARAMS``, e.g. ``{"time_cost": 1, "memory_cost": 1024, "parallelism": 1}``:
the test suite uses a cheap setting so that hundreds of logins do not each burn half a second.
Hashes always record their own parameters, so ``needs_rehash`` tells a login to upgrade a hash
made with other (older or cheaper) settings to the configured ones.
"""

from __future__ import annotations

from functools import lru_cache

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app, has_app_context

from core.offload import off_loop

_ALLOWED = frozenset({"time_cost", "memory_cost", "parallelism", "hash_len", "salt_len"})

# Backup codes are random (about 50 bits), not chosen by people, so a lighter Argon2 setting
# is still far out of brute-force reach while checking ten of them at login stays quick.
_code_hasher = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1)


def hash_password(password: str) -> str:
    return off_loop(_password_hasher().hash, password)


def verify_password(stored_hash: str, password: str) -> bool:
    return _verify(_password_hasher(), stored_hash, password)


def needs_rehash(stored_hash: str) -> bool:
    return _password_hasher().check_needs_rehash(stored_hash)


def hash_code(code: str) -> str:
    return _code_hasher.hash(code)


def verify_code(stored_hash: str, code: str) -> bool:
    return _verify(_code_hasher, stored_hash, code)


def _password_hasher() -> PasswordHasher:
    params = current_app.config.get("PASSWORD_HASH_PARAMS") if has_app_context() else None
    return _hasher_for(tuple(sorted((params or {}).items())))


@lru_cache(maxsize=8)
def _hasher_for(params: tuple) -> PasswordHasher:
    unknown = {name for name, _ in params} - _ALLOWED
    if unknown:
        raise ValueError(
            f"PASSWORD_HASH_PARAMS: unknown setting(s) {sorted(unknown)}; "
            f"allowed: {sorted(_ALLOWED)}"
        )
    # Argon2id always: a cheaper setting must still be the same algorithm.
    return PasswordHasher(**dict(params), type=Type.ID)


def _verify(hasher: PasswordHasher, stored_hash: str, secret: str) -> bool:
    try:
        return off_loop(hasher.verify, stored_hash, secret)
    except (VerificationError, InvalidHashError):
        return False
