"""TOTP second factor: secrets encrypted at rest, the otpauth QR code, the login challenge."""

from __future__ import annotations

import hmac
import re
import secrets
import time

import pyotp
import segno
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from flask import current_app, redirect, session, url_for
from markupsafe import Markup
from sqlalchemy import or_, update
from sqlalchemy.orm.attributes import set_committed_value

from core.auth import backup_codes
from core.db import db
from core.models import User

CHALLENGE_KEY = "mfa_pending"
CHALLENGE_SECONDS = 300


def _fernet() -> MultiFernet:
    """Comma-separated keys allow rotation: the first encrypts, any of them decrypts."""
    raw = str(current_app.config["MFA_ENCRYPTION_KEY"])
    return MultiFernet([Fernet(k.strip()) for k in raw.split(",") if k.strip()])


def begin_enrolment(user: User) -> None:
    """Give the user a fresh secret; MFA stays off until a code from it is confirmed."""
    user.mfa_secret_encrypted = _fernet().encrypt(pyotp.random_base32().encode())
    user.mfa_enabled = False
    user.mfa_last_step = None  # steps of the old secret say nothing about the new one
    backup_codes.remove_codes(user)


def secret_of(user: User) -> str | None:
    if not user.mfa_secret_encrypted:
        return None
    try:
        return _fernet().decrypt(bytes(user.mfa_secret_encrypted)).decode()
    except InvalidToken:
        # A rotated-away key: treat as no secret rather than crash the login.
        current_app.logger.error("MFA secret of user %s cannot be decrypted", user.id)
        return None


def otpauth_uri(user: User) -> str:
    issuer = current_app.config.get("MFA_ISSUER", "Ledgerline")
    return pyotp.TOTP(secret_of(user)).provisioning_uri(name=user.email, issuer_name=issuer)


def qr_svg(uri: str) -> Markup:
    svg = segno.make(uri, error="m").svg_inline(scale=5, title="Authenticator QR code")
    return Markup(svg)


def verify_totp(user: User, code: str) -> bool:
    """A code is good once: its time-step must be newer than the last one accepted."""
    step = _matching_step(user, code)
    return step is not None and _claim_step(user, step)


def _matching_step(user: User, code: str) -> int | None:
    secret = secret_of(user)
    digits = re.sub(r"\s", "", code or "")
    if secret is None or not re.fullmatch(r"\d{6}", digits):
        return None
    totp = pyotp.TOTP(secret)
    now = totp.timecode(time.time())
    # One step of clock drift either way, as authenticator apps expect.
    for step in (now - 1, now, now + 1):
        if hmac.compare_digest(digits, totp.generate_otp(step)):
            return step
    return None


def _claim_step(user: User, step: int) -> bool:
    # A conditional UPDATE: of two requests racing with one code, only one changes the row.
    result = db.session.execute(
        update(User)
        .where(
            User.id == user.id,
            or_(User.mfa_last_step.is_(None), User.mfa_last_step < step),
        )
        .values(mfa_last_step=step)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        return False
    set_committed_value(user, "mfa_last_step", step)
    return True


def confirm_enrolment(user: User, code: str) -> list[str] | None:
    """Turn MFA on if ``code`` matches the pending secret; return the new backup codes."""
    if user.mfa_enabled or not verify_totp(user, code):
        return None
    user.mfa_enabled = True
    return backup_codes.replace_codes(user)


def verify_second_factor(user: User, code: str) -> bool:
    """A current TOTP code, or an unused backup code (which is then spent)."""
    if not user.mfa_enabled:
        return False
    return verify_totp(user, code) or backup_codes.use_code(user, code)


def disable(user: User) -> None:
    user.mfa_enabled = False
    user.mfa_secret_encrypted = None
    backup_codes.remove_codes(user)


def start_challenge(user: User, nxt: str):
    """Password was right; remember who is half-way in and ask for the second factor."""
    db.session.commit()  # keep a password rehash done just before
    session[CHALLENGE_KEY] = {
        "id": secrets.token_hex(16),  # names this challenge's own budget of wrong codes
        "uid": user.id,
        "next": nxt,
        "until": int(time.time()) + CHALLENGE_SECONDS,
    }
    return redirect(url_for("core_auth.login_mfa"))


def pending_user() -> User | None:
    pending = session.get(CHALLENGE_KEY)
    if not isinstance(pending, dict) or pending.get("until", 0) < time.time():
        session.pop(CHALLENGE_KEY, None)
        return None
    user = db.session.get(User, pending.get("uid"))
    return user if user is not None and user.active and user.mfa_enabled else None


def challenge_id() -> str:
    pending = session.get(CHALLENGE_KEY) or {}
    return str(pending.get("id") or pending.get("uid"))


def drop_challenge() -> None:
    session.pop(CHALLENGE_KEY, None)


def finish_challenge() -> str:
    """Forget the pending login and return where the user wanted to go."""
    pending = session.pop(CHALLENGE_KEY, None) or {}
    return pending.get("next") or url_for("core_web.dashboard")
