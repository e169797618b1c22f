"""GET /api/v1/openapi.json: the API description, always in step with the code."""

from __future__ import annotations

from flask import current_app, jsonify

from core import openapi
from core.apiv1 import bp
from core.apiv1.guard import public


@bp.get("/openapi.json")
@public
def openapi_document():
    """The OpenAPI 3.1 document of every /api/v1 route, plugins' included."""
    return jsonify(openapi.build(current_app))
