"""``api_blueprint``: a Blueprint under ``/api/v1`` with the API's auth and CSRF rules."""

from __future__ import annotations

from flask import Blueprint

from core.extensions import csrf

API_PREFIX = "/api/v1"


def api_blueprint(name: str, import_name: str, prefix: str = "") -> Blueprint:
    """Plugins' API routes: ``api_blueprint("payments", __name__, "/payments")``.

    Flask-WTF's blanket CSRF check is switched off for the blueprint and replaced by
    ``check_request``, which demands CSRF only from cookie sessions.
    """
    from core.apiv1.guard import check_request

    bp = Blueprint(name, import_name, url_prefix=API_PREFIX + prefix)
    csrf.exempt(bp)
    bp.before_request(check_request)
    bp.after_request(_challenge)
    return bp


def _challenge(response):
    """RFC 6750: a 401 names the scheme the client should use."""
    if response.status_code == 401:
        response.headers.setdefault("WWW-Authenticate", 'Bearer realm="ledgerline"')
    return response
