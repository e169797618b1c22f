"""Password and one-time code hashing with Argon2id."""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()

# Backup codes are random (about 50 bits), not chosen by people, so a lighter Argon2 setting
# is still far out of brute-force reach while checking ten of them at login stays quick.
_code_hasher = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    return _verify(_hasher, stored_hash, password)


def needs_rehash(stored_hash: str) -> bool:
    return _hasher.check_needs_rehash(stored_hash)


def hash_code(code: str) -> str:
    return _code_hasher.hash(code)


def verify_code(stored_hash: str, code: str) -> bool:
    return _verify(_code_hasher, stored_hash, code)


def _verify(hasher: PasswordHasher, stored_hash: str, secret: str) -> bool:
    try:
        return hasher.verify(stored_hash, secret)
    except (VerificationError, InvalidHashError):
        return False
