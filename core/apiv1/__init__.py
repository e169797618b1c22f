"""The JSON API under ``/api/v1``; each concept lives in its own module of this package."""

from __future__ import annotations

from core.apiv1.blueprint import api_blueprint, challenge, guard_strays
from core.apiv1.request import ApiRequest, SafeJSONProvider

bp = api_blueprint("api_v1", __name__)


def init_app(app) -> None:
    from core.apiv1 import audit, company, jobs, me, openapi, plugins, users  # noqa: F401

    app.request_class = ApiRequest
    app.json = SafeJSONProvider(app)
    app.register_blueprint(bp)
    app.before_request(guard_strays)
    app.after_request(challenge)
