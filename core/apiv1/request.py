"""Request class whose JSON failures are API errors with clear codes.

Flask calls ``on_json_loading_failed`` from ``request.get_json()``/``request.json``: with
``None`` when the content type is not JSON, with the decoding error otherwise. Views that read
the body directly (not through ``json_body``) still answer 415/400 ``invalid_json``, and the
app's JSON provider (``SafeJSONProvider``) bounds nesting so deep JSON is a 400 there too.
"""

from __future__ import annotations

from flask import Request
from flask.json.provider import DefaultJSONProvider
from flask_babel import gettext as _

from core.errors import ApiError
from core.inputs import MAX_JSON_DEPTH, check_depth


class ApiRequest(Request):
    def on_json_loading_failed(self, e: ValueError | None):
        if e is None:
            raise ApiError(
                415,
                "unsupported_media_type",
                _("Send the body as JSON with Content-Type: application/json."),
                {"content_type": self.content_type or ""},
            )
        raise ApiError(400, "invalid_json", _("The body is not valid JSON: %(e)s", e=e))


class SafeJSONProvider(DefaultJSONProvider):
    """``loads`` that refuses nesting deeper than ``MAX_JSON_DEPTH`` with a ValueError (which
    ``get_json`` turns into 400 ``invalid_json``) instead of a RecursionError."""

    def loads(self, s, **kwargs):
        text = s.decode("utf-8", "replace") if isinstance(s, bytes) else s
        try:
            check_depth(text)
            return super().loads(s, **kwargs)
        except ApiError as exc:
            raise ValueError(exc.message) from None
        except RecursionError:
            raise ValueError(f"The body nests deeper than {MAX_JSON_DEPTH} levels.") from None
