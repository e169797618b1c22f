"""The JSON API under ``/api/v1``; each concept lives in its own module of this package."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("api_v1", __name__, url_prefix="/api/v1")


def init_app(app) -> None:
    from core.apiv1 import company, jobs, plugins  # noqa: F401  (routes register on bp)

    app.register_blueprint(bp)
