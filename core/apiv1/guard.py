"""Who may call ``/api/v1``: an actor (Bearer token or session), CSRF for sessions, scopes.

Every API blueprint (core's and plugins', made with ``api_blueprint``) runs ``check_request``
before its views. Cookie sessions need a CSRF token on state-changing requests because a
browser sends cookies by itself; a Bearer header is never sent implicitly, so it needs none.
"""

from __future__ import annotations

import functools

from flask import current_app, request
from flask_babel import gettext as _

from core.apiv1.meta import meta, meta_of
from core.errors import ApiError
from core.extensions import csrf
from core.requestctx import current_actor

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def check_request() -> None:
    view = current_app.view_functions.get(request.endpoint) if request.endpoint else None
    info = meta_of(view) if view else {}
    if info.get("public"):
        return
    actor = current_actor()
    if actor is None:
        raise ApiError(401, "unauthorized", _("Send a Bearer API token or log in first."))
    if request.method in SAFE_METHODS:
        return
    if actor.via == "session":
        csrf.protect()
    if not info.get("read_only_ok"):
        ensure_can_write(actor)


def ensure_can_write(actor) -> None:
    """Read-only actors are refused before any view code runs."""
    if actor.is_super_admin:
        raise ApiError(403, "read_only", _("This account can read every company but change none."))
    if not actor.can_write:
        raise ApiError(
            403,
            "insufficient_scope",
            _("This API token is read-only; create one with the write scope."),
            {"required_scope": "write", "token_scopes": sorted(actor.scopes)},
        )


def require_permission(name: str):
    """Refuse with 403 ``forbidden`` unless the actor's role holds permission ``name``."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            actor = current_actor()
            if actor is None:
                raise ApiError(401, "unauthorized", _("Send a Bearer API token or log in first."))
            if not actor.can(name):
                raise ApiError(
                    403,
                    "forbidden",
                    _("You lack the permission %(name)s.", name=name),
                    {"permission": name},
                )
            return view(*args, **kwargs)

        meta(wrapper)["permission"] = name
        return wrapper

    return decorate


def require_write(view):
    """Refuse read-only actors (also done for every unsafe method unless ``read_only_ok``)."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        actor = current_actor()
        if actor is None:
            raise ApiError(401, "unauthorized", _("Send a Bearer API token or log in first."))
        ensure_can_write(actor)
        return view(*args, **kwargs)

    meta(wrapper)["writes"] = True
    return wrapper


def read_only_ok(view):
    """Let read-only actors call this unsafe-method view (a POST that only searches)."""
    meta(view)["read_only_ok"] = True
    return view


def public(view):
    """No authentication: for documents such as the OpenAPI description."""
    meta(view)["public"] = True
    return view
