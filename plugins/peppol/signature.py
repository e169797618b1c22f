"""Webhook signatures (Stripe's scheme): ``t=<unix time>,v1=<hex HMAC-SHA256 of "t.body">``.

Receivers verify with ``verify(header, body, secrets)``: constant-time comparison, a 300 s
tolerance, and several ``v1`` values (or several secrets) during a secret rotation.
"""

from __future__ import annotations

import hashlib
import hmac
import time

HEADER = "Ledgerline-Signature"
TOLERANCE = 300


def sign(secret: str, body: bytes, timestamp: int | None = None) -> str:
    t = int(time.time() if timestamp is None else timestamp)
    return f"t={t},v1={_mac(secret, t, body)}"


def _mac(secret: str, t: int, body: bytes) -> str:
    return hmac.new(secret.encode(), f"{t}.".encode() + body, hashlib.sha256).hexdigest()


def verify(
    header: str, body: bytes, secrets, tolerance: int = TOLERANCE, now: float | None = None
) -> bool:
    parts = [p.split("=", 1) for p in (header or "").split(",") if "=" in p]
    stamps = [v for k, v in parts if k.strip() == "t"]
    macs = [v.strip() for k, v in parts if k.strip() == "v1"]
    if len(stamps) != 1 or not stamps[0].strip().isdigit() or not macs:
        return False
    t = int(stamps[0])
    if abs((time.time() if now is None else now) - t) > tolerance:
        return False
    keys = [secrets] if isinstance(secrets, str) else list(secrets)
    return any(hmac.compare_digest(_mac(k, t, body), m) for k in keys for m in macs)
