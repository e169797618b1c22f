"""Behind a reverse proxy: trust its X-Forwarded-For / -Proto headers, and only then.

``PROXY_HOPS`` (``LEDGERLINE_PROXY_HOPS``) is how many proxies in front of the app add these
headers (1 for nginx alone). With it, the client's own address reaches the sign-in rate limit,
the audit log and the session binding, and the original scheme reaches Socket.IO's same-origin
check and secure cookies. Unset (0), the headers are ignored: a client could forge them.
"""

from __future__ import annotations

from werkzeug.middleware.proxy_fix import ProxyFix


def init_app(app) -> None:
    hops = int(app.config.get("PROXY_HOPS") or 0)
    if hops < 0:
        raise RuntimeError(f"PROXY_HOPS must be 0 or more, not {hops}")
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
