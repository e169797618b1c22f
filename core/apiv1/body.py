"""Reading a JSON request body with clear errors instead of Werkzeug's generic 400/415."""

from __future__ import annotations

from flask_babel import gettext as _

from core.errors import ApiError


def json_body(required: bool = True) -> dict:
    """The request's JSON object; 415 for another content type, 400 for unparsable JSON.

    The body is decoded once per request by core (``conventions.read_json``): nesting is
    bounded, and strings with surrogates or control characters and integers beyond 64 bits
    are a 422 naming the field before any view sees them.
    """
    from core.apiv1.conventions import read_json

    data = read_json(required)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ApiError(400, "invalid_json", _("The body must be a JSON object."))
    return data
