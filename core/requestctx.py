"""Per-request context: correlation id, the actor, and the tenant scope derived from it."""

from __future__ import annotations

import re
import uuid

from flask import current_app, g, request

from core import tenancy

_CID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def init_app(app) -> None:
    app.before_request(_begin)
    app.after_request(_stamp)
    app.teardown_request(_end)


def _begin() -> None:
    incoming = request.headers.get("X-Correlation-ID", "")
    g.correlation_id = incoming if _CID.match(incoming) else uuid.uuid4().hex
    g.actor = identify(request, None)
    g.tenant_token = tenancy.set_scope(tenancy.scope_for(g.actor))


def _stamp(response):
    response.headers["X-Correlation-ID"] = g.get("correlation_id", "")
    return response


def _end(exc=None) -> None:
    token = g.pop("tenant_token", None)
    if token is not None:
        tenancy.reset_scope(token)


def identify(req, auth):
    plugins = current_app.extensions["ledgerline.plugins"]
    return plugins.hook.identify_actor(request=req, auth=auth)


def current_actor():
    """The Actor of this request or Socket.IO event, or None when nobody is logged in."""
    return g.get("actor")


def correlation_id() -> str | None:
    return g.get("correlation_id")
