"""Response headers that keep pages from being framed, sniffed, leaked or injected into.

A strict Content-Security-Policy: scripts and styles only from this site or carrying the
request's nonce (``{{ csp_nonce() }}``), no inline event handlers, no ``eval`` (htmx runs with
``allowEval: false``; its indicator styles live in app.css instead of an injected <style>),
Socket.IO only to this host, and no framing by any site. HSTS only in production, where the
site is served over HTTPS.
"""

from __future__ import annotations

import secrets

from flask import current_app, g, request

HSTS = "max-age=31536000; includeSubDomains"


def init_app(app) -> None:
    app.after_request(_set_headers)
    app.jinja_env.globals["csp_nonce"] = nonce


def nonce() -> str:
    """This response's nonce, made on first use."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(18)
    return g.csp_nonce


def policy(value: str, host: str) -> str:
    sockets = f"ws://{host} wss://{host}"
    return "; ".join(
        (
            "default-src 'self'",
            f"script-src 'self' 'nonce-{value}'",
            f"style-src 'self' 'nonce-{value}'",
            "img-src 'self' data:",
            "font-src 'self'",
            f"connect-src 'self' {sockets}",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        )
    )


def _set_headers(response):
    headers = response.headers
    headers.setdefault("Content-Security-Policy", policy(nonce(), request.host))
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if current_app.config.get("PRODUCTION"):  # LEDGERLINE_PRODUCTION
        headers.setdefault("Strict-Transport-Security", HSTS)
    return response
