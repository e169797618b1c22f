"""MFA backup codes: ten random codes shown once, stored as Argon2 hashes, each usable once."""

from __future__ import annotations

import re
import secrets

from sqlalchemy import delete, func, select, update

from core.auth.passwords import hash_code, verify_code
from core.db import db
from core.models import MfaBackupCode, User
from core.timeutil import utcnow

COUNT = 10
# No 0/o, 1/l/i: codes are read off paper and typed by hand.
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
LENGTH = 10


def normalize(code: str) -> str:
    return re.sub(r"[\s-]", "", code or "").lower()


def _new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return f"{raw[:5]}-{raw[5:]}"


def replace_codes(user: User) -> list[str]:
    """Drop the user's old codes and return ten new ones in clear text (the only time)."""
    db.session.execute(delete(MfaBackupCode).where(MfaBackupCode.user_id == user.id))
    codes = [_new_code() for _ in range(COUNT)]
    for code in codes:
        db.session.add(MfaBackupCode(user_id=user.id, code_hash=hash_code(normalize(code))))
    return codes


def remove_codes(user: User) -> None:
    db.session.execute(delete(MfaBackupCode).where(MfaBackupCode.user_id == user.id))


def remaining(user: User) -> int:
    query = select(func.count()).where(
        MfaBackupCode.user_id == user.id, MfaBackupCode.used_at.is_(None)
    )
    return db.session.scalar(query) or 0


def use_code(user: User, code: str) -> bool:
    """Spend a matching unused code; the caller commits."""
    wanted = normalize(code)
    if len(wanted) != LENGTH:
        return False
    unused = db.session.scalars(
        select(MfaBackupCode).where(
            MfaBackupCode.user_id == user.id, MfaBackupCode.used_at.is_(None)
        )
    ).all()
    for row in unused:
        if verify_code(row.code_hash, wanted):
            return _mark_used(row.id)
    return False


def _mark_used(code_id: int) -> bool:
    # A conditional UPDATE: of two requests racing with the same code, only one wins.
    result = db.session.execute(
        update(MfaBackupCode)
        .where(MfaBackupCode.id == code_id, MfaBackupCode.used_at.is_(None))
        .values(used_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1
