"""Request class whose JSON failures are API errors with clear codes.

Flask calls ``on_json_loading_failed`` from ``request.get_json()``/``request.json``: with
``None`` when the content type is not JSON, with the decoding error otherwise. Views that read
the body directly (not through ``json_body``) still answer 415/400 ``invalid_json``.
"""

from __future__ import annotations

from flask import Request

from core.errors import ApiError


class ApiRequest(Request):
    def on_json_loading_failed(self, e: ValueError | None):
        if e is None:
            raise ApiError(
                415,
                "unsupported_media_type",
                "Send the body as JSON with Content-Type: application/json.",
                {"content_type": self.content_type or ""},
            )
        raise ApiError(400, "invalid_json", f"The body is not valid JSON: {e}")
