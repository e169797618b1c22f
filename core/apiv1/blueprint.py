"""``api_blueprint``: a Blueprint under ``/api/v1`` with the API's auth and CSRF rules."""

from __future__ import annotations

from flask import Blueprint, request

from core.extensions import csrf

API_PREFIX = "/api/v1"
GUARDED: set[str] = set()  # names of blueprints made by api_blueprint


def api_blueprint(name: str, import_name: str, prefix: str = "") -> Blueprint:
    """Plugins' API routes: ``api_blueprint("payments", __name__, "/payments")``.

    Flask-WTF's blanket CSRF check is switched off for the blueprint and replaced by
    ``check_request``, which demands CSRF only from cookie sessions.
    """
    from core.apiv1.guard import check_request

    bp = Blueprint(name, import_name, url_prefix=API_PREFIX + prefix)
    csrf.exempt(bp)
    GUARDED.add(name)
    bp.before_request(check_request)
    return bp


def guard_strays() -> None:
    """Fail closed: a route under /api/v1 on a plain Blueprint still demands an actor."""
    from core.apiv1.guard import check_request

    under_api = request.path == API_PREFIX or request.path.startswith(API_PREFIX + "/")
    if under_api and request.endpoint and request.blueprint not in GUARDED:
        check_request()


def challenge(response):
    """RFC 6750: an API 401 names the scheme the client should use."""
    if response.status_code == 401 and request.path.startswith(API_PREFIX):
        response.headers.setdefault("WWW-Authenticate", 'Bearer realm="ledgerline"')
    return response
