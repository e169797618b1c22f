"""``api_blueprint``: a Blueprint under ``/api/v1`` with the API's auth, CSRF and conventions."""

from __future__ import annotations

from flask import Blueprint, current_app, request

from core.extensions import csrf

API_PREFIX = "/api/v1"
GUARDED: set[str] = set()  # names of blueprints made by api_blueprint


class ApiBlueprint(Blueprint):
    """Every view registered on it is wrapped with core's API conventions
    (``core.apiv1.conventions``: body checked against its schema, ``Idempotency-Key``)."""

    def add_url_rule(self, rule, endpoint=None, view_func=None, **options):
        from core.apiv1 import conventions

        if view_func is not None:
            view_func = conventions.apply(view_func)
        super().add_url_rule(rule, endpoint, view_func, **options)


def api_blueprint(name: str, import_name: str, prefix: str = "") -> Blueprint:
    """Plugins' API routes: ``api_blueprint("payments", __name__, "/payments")``.

    Flask-WTF's blanket CSRF check is switched off for the blueprint and replaced by
    ``check_request``, which demands CSRF only from cookie sessions. Core's conventions apply
    to every view: request bodies checked against ``describe(request=...)``, one 422 shape,
    ``Idempotency-Key`` on every POST, PUT and PATCH.
    """
    from core.apiv1.guard import check_request

    bp = ApiBlueprint(name, import_name, url_prefix=API_PREFIX + prefix)
    csrf.exempt(bp)
    GUARDED.add(name)
    bp.before_request(check_request)
    return bp


def guard_strays() -> None:
    """Fail closed: a route under /api/v1 on a plain Blueprint still demands an actor and gets
    the same conventions (its view is wrapped on its first request)."""
    from core.apiv1 import conventions
    from core.apiv1.guard import check_request

    under_api = request.path == API_PREFIX or request.path.startswith(API_PREFIX + "/")
    if under_api and request.endpoint and request.blueprint not in GUARDED:
        check_request()
        views = current_app.view_functions
        views[request.endpoint] = conventions.apply(views[request.endpoint])


def challenge(response):
    """RFC 6750: an API 401 names the scheme the client should use."""
    if response.status_code == 401 and request.path.startswith(API_PREFIX):
        response.headers.setdefault("WWW-Authenticate", 'Bearer realm="ledgerline"')
    return response
