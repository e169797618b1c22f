"""The API conventions core applies to every view of every API blueprint; no view opts in.

``api_blueprint`` wraps each view it registers with ``apply`` (a plain Blueprint mounted under
``/api/v1`` gets the same wrapper on its first request, see ``blueprint.guard_strays``):

1. the JSON body is decoded once (``core.inputs.parse_json``: bounded depth, no NaN), every
   string and integer in it is checked (``check_json_values``: no surrogates or control
   characters, 64-bit integers), and it is validated against the request schema the view
   declared with ``describe(request=...)`` (the same schema the OpenAPI document shows):
   unknown fields, missing ones and wrong types are one 422 naming each field path;
2. ``Idempotency-Key`` is honoured on every POST, PUT and PATCH (``core.idempotency``).

The order is: authentication and CSRF (the blueprint's ``before_request``), the view's
permission, the body, the idempotency key, then the view.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal

from flask import current_app, g, request
from flask_babel import gettext as _
from jsonschema import Draft202012Validator
from werkzeug.exceptions import RequestEntityTooLarge

from core.apiv1.meta import meta_of
from core.errors import ApiError
from core.inputs import FieldErrors, check_json_values, parse_json
from core.requestctx import current_actor

BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
_WRAPPED = "ledgerline_conventions"
_MISSING = object()
_validators: dict[int, tuple[dict, Draft202012Validator]] = {}


def apply(view):
    """Wrap ``view`` with the conventions (once; wrapping twice returns it unchanged)."""
    if getattr(view, _WRAPPED, False):
        return view

    @functools.wraps(view)
    def conventions(*args, **kwargs):
        from core import idempotency

        info = meta_of(conventions)
        if request.method not in BODY_METHODS:
            return view(*args, **kwargs)
        _check_permission(info)
        check_body(info)
        if info.get("public") or request.headers.get(idempotency.HEADER) is None:
            return view(*args, **kwargs)
        return idempotency.run_once(view, args, kwargs)

    setattr(conventions, _WRAPPED, True)
    return conventions


def _check_permission(info: dict) -> None:
    """Refuse a caller without the view's permission before judging its body."""
    name = info.get("permission")
    actor = current_actor()
    if name and actor is not None and not actor.can(name):
        raise ApiError(
            403,
            "forbidden",
            _("You lack the permission %(name)s.", name=name),
            {"permission": name},
        )


def read_json(required: bool = True):
    """The request's decoded and checked JSON body, parsed once per request; None for an
    empty body when not ``required`` (400 when it is)."""
    cached = g.get("_ll_json_body", _MISSING)
    if cached is not _MISSING:
        return cached
    raw = _bounded_body()
    if not raw.strip():
        if required:
            raise ApiError(400, "invalid_json", _("Send a JSON object as the request body."))
        return None
    if not request.is_json:
        raise ApiError(
            415,
            "unsupported_media_type",
            _("Send the body as JSON with Content-Type: application/json."),
            {"content_type": request.content_type or ""},
        )
    data = parse_json(raw)
    errors = FieldErrors()
    check_json_values(data, errors)
    errors.check()
    g._ll_json_body = data
    return data


def _bounded_body() -> bytes:
    """The raw body, refused with 413 beyond ``API_JSON_MAX_BYTES`` (a chunked body that
    announces no length is cut off at the limit too, never read whole)."""
    limit = current_app.config["API_JSON_MAX_BYTES"]
    request.max_content_length = limit
    try:
        return request.get_data(cache=True)
    except RequestEntityTooLarge:
        raise ApiError(
            413,
            "payload_too_large",
            _("A JSON body may be at most %(size)s bytes.", size=limit),
            {"max_bytes": limit},
        ) from None


def check_body(info: dict) -> None:
    """Decode and check the body of a POST/PUT/PATCH against the view's request schema."""
    schema = info.get("request")
    if schema is None and (not request.is_json or info.get("body_media")):
        return  # e.g. a multipart upload or an XML document: the view reads (and bounds) it
    if not _bounded_body().strip():
        return  # the view says whether a body is required (json_body)
    data = read_json()
    if schema is None:
        return
    if schema.get("type") == "object" and not isinstance(data, dict):
        raise ApiError(400, "invalid_json", _("The body must be a JSON object."))
    errors = schema_errors(schema, data)
    errors.check()


def schema_errors(schema: dict, data) -> FieldErrors:
    """Every way ``data`` breaks ``schema``, as field path -> message."""
    errors = FieldErrors()
    for error in sorted(_validator(schema).iter_errors(data), key=lambda e: list(e.path)):
        base = _path(error.absolute_path)
        for path, message in _messages(error, base):
            errors.setdefault(path or "(body)", message)
    return errors


def _validator(schema: dict) -> Draft202012Validator:
    found = _validators.get(id(schema))
    if found is None or found[0] is not schema:
        found = (schema, Draft202012Validator(schema))
        _validators[id(schema)] = found
    return found[1]


def _path(parts) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _join(base: str, name: str) -> str:
    return f"{base}.{name}" if base else name


_TYPE_WORDS = {
    "object": "an object",
    "array": "a list",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "null",
}


# Keywords whose message is the keyword's value in a sentence.
_SIMPLE_MESSAGES = {
    "enum": lambda value: "must be one of " + ", ".join(str(v) for v in value),
    "maxLength": "must be at most {} characters".format,
    "minLength": "must be at least {} characters".format,
    "minimum": "must be at least {}".format,
    "maximum": "must be at most {}".format,
    "maxItems": "must have at most {} items".format,
    "minItems": "must have at least {} items".format,
    "minProperties": lambda value: "send at least one field",
    "pattern": "must match {}".format,
}


def _messages(error, base: str):
    kind, instance = error.validator, error.instance
    if kind == "additionalProperties" and isinstance(instance, dict):
        yield from _unknown_fields(error.schema, instance, base)
    elif kind == "required" and isinstance(instance, dict):
        for name in error.validator_value:
            if name not in instance:
                yield _join(base, name), "is required"
    elif kind == "type":
        yield base, _type_message(error.validator_value, instance)
    elif kind in _SIMPLE_MESSAGES:
        yield base, _SIMPLE_MESSAGES[kind](error.validator_value)
    else:
        yield base, error.message[:200]


def _unknown_fields(schema: dict, instance: dict, base: str):
    known = schema.get("properties", {})
    patterns = schema.get("patternProperties", {})
    for name in instance:
        if name not in known and not any(re.search(p, name) for p in patterns):
            yield _join(base, name), "is not a known field"


def _type_message(wanted, instance) -> str:
    wanted = wanted if isinstance(wanted, list) else [wanted]
    if isinstance(instance, float | Decimal) and "string" in wanted and "number" not in wanted:
        return 'must be a decimal written as a string such as "150.00" (no floats)'
    return "must be " + " or ".join(_TYPE_WORDS.get(t, t) for t in wanted)
