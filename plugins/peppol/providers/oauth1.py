"""OAuth 1.0a request signing (HMAC-SHA1, RFC 5849), as Tradeshift's two-legged
"API Access to Own Account" credentials need: consumer key/secret plus token/secret."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from urllib.parse import parse_qsl, quote, unquote, urlsplit, urlunsplit


def _enc(value: str) -> str:
    return quote(str(value), safe="~-._")


def authorization(
    method: str,
    url: str,
    consumer_key: str,
    consumer_secret: str,
    token: str,
    token_secret: str,
    *,
    nonce: str | None = None,
    timestamp: int | None = None,
) -> str:
    """The ``Authorization: OAuth ...`` header value for one request (query params signed)."""
    oauth = {
        "oauth_consumer_key": consumer_key,
        "oauth_token": token,
        "oauth_signature_method": "HMAC-SHA1",
        "oauth_timestamp": str(int(time.time()) if timestamp is None else timestamp),
        "oauth_nonce": nonce or secrets.token_hex(8),
        "oauth_version": "1.0",
    }
    parts = urlsplit(url)
    params = [*parse_qsl(parts.query, keep_blank_values=True), *oauth.items()]
    pairs = sorted((_enc(k), _enc(v)) for k, v in params)
    normalized = "&".join(f"{k}={v}" for k, v in pairs)
    base_url = urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, "", ""))
    base = "&".join((method.upper(), _enc(base_url), _enc(normalized)))
    key = f"{_enc(consumer_secret)}&{_enc(token_secret)}".encode()
    oauth["oauth_signature"] = base64.b64encode(
        hmac.new(key, base.encode(), hashlib.sha1).digest()
    ).decode()
    return "OAuth " + ",".join(f'{k}="{_enc(v)}"' for k, v in oauth.items())


def verify(method: str, url: str, header: str, consumer_secret: str, token_secret: str) -> bool:
    """Check a signed request (used by the fake Tradeshift server in the tests)."""
    pairs = (p.split("=", 1) for p in header.removeprefix("OAuth ").split(",") if "=" in p)
    fields = {k.strip(): unquote(v.strip().strip('"')) for k, v in pairs}
    expected = authorization(
        method,
        url,
        fields.get("oauth_consumer_key", ""),
        consumer_secret,
        fields.get("oauth_token", ""),
        token_secret,
        nonce=fields.get("oauth_nonce"),
        timestamp=int(fields.get("oauth_timestamp", "0")),
    )
    return hmac.compare_digest(expected, header)
