"""Reading a JSON request body with clear errors instead of Werkzeug's generic 400/415."""

from __future__ import annotations

import json

from flask import request

from core.errors import ApiError


def json_body(required: bool = True) -> dict:
    """The request's JSON object; 415 for another content type, 400 for unparsable JSON."""
    raw = request.get_data(cache=True)
    if not raw.strip():
        if required:
            raise ApiError(400, "invalid_json", "Send a JSON object as the request body.")
        return {}
    if not request.is_json:
        raise ApiError(
            415,
            "unsupported_media_type",
            "Send the body as JSON with Content-Type: application/json.",
            {"content_type": request.content_type or ""},
        )
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ApiError(400, "invalid_json", f"The body is not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise ApiError(400, "invalid_json", "The body must be a JSON object.")
    return data
