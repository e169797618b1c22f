"""The OpenAPI 3.1 document of ``/api/v1``, generated from the app's own routes.

Every rule under ``/api/v1`` in ``app.url_map`` becomes an operation, plugins' included:
summary and description from the view's docstring, path parameters from the URL converters,
bodies and extras from the metadata that ``describe``, ``require_permission``, ``idempotent``
and ``public`` attach to the view.
"""

from __future__ import annotations

import inspect
import re

from flask import Flask

from core.apiv1.blueprint import API_PREFIX
from core.apiv1.meta import meta_of
from core.apiv1.schemas import ERROR, VALIDATION_FAILED
from core.pagination import QUERY_PARAMETERS

_ARG = re.compile(r"<(?:(?P<conv>\w+)(?:\([^)]*\))?:)?(?P<name>\w+)>")
_CONVERTER_SCHEMAS = {
    "int": {"type": "integer"},
    "float": {"type": "number"},
    "uuid": {"type": "string", "format": "uuid"},
}
_ERROR_REF = {"$ref": "#/components/schemas/Error"}
_VALIDATION_REF = {"$ref": "#/components/schemas/ValidationFailed"}
_SKIPPED_METHODS = {"HEAD", "OPTIONS"}
_KEYED_METHODS = {"POST", "PUT", "PATCH"}
_CONVENTIONS = (
    "JSON API of Ledgerline and its enabled plugins.\n\n"
    "Core applies the same conventions to every route, plugins' included: a request body is "
    "checked against the operation's request schema before the route runs (unknown fields, "
    "types and required fields answer 422 naming each field path); every error is the "
    "`Error` object, and every 422 validation failure the `ValidationFailed` one; every POST, "
    "PUT and PATCH honours an `Idempotency-Key` header (the first answer is replayed for 24 "
    "hours; the same key with another request is 409 `idempotency_key_reused`). Editable "
    "records carry a `version`: their GET answers an `ETag`, and a PATCH/PUT with `If-Match` "
    "made against an older version is 409 `stale_version` with the current record (without "
    "`If-Match` the last write wins, as before). Integers are "
    "64-bit, text has no control characters, JSON nests at most 32 levels, and a JSON body "
    "beyond `API_JSON_MAX_BYTES` (10 MB by default) is 413 `payload_too_large`; numbers in "
    "strings are ASCII digits."
)


IF_MATCH = {
    "name": "If-Match",
    "in": "header",
    "description": 'The ETag of your GET (e.g. `"3"`): the write is refused with 409 '
    "`stale_version` if the record was saved since. Without it (or with `*`) the write goes "
    "through as before, last write wins.",
    "schema": {"type": "string", "maxLength": 40},
}
ETAG_HEADER = {
    "description": 'The record\'s version, quoted (`"3"`): send it back as If-Match.',
    "schema": {"type": "string"},
}
STALE_409 = (
    "stale_version: the record was saved since the If-Match version; details carry "
    "expected_version, current_version and the current record (details.current)"
)


def build(app: Flask) -> dict:
    paths: dict[str, dict] = {}
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if not (rule.rule == API_PREFIX or rule.rule.startswith(API_PREFIX + "/")):
            continue
        view = app.view_functions[rule.endpoint]
        item = paths.setdefault(openapi_path(rule.rule), {})
        for method in sorted((rule.methods or set()) - _SKIPPED_METHODS):
            item.setdefault(method.lower(), operation(rule, method, view))
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Ledgerline API",
            "version": "1",
            "description": _CONVENTIONS,
        },
        "servers": [{"url": "/"}],
        "paths": paths,
        "components": {
            "schemas": {"Error": ERROR, "ValidationFailed": VALIDATION_FAILED},
            "securitySchemes": {
                "bearerAuth": {"type": "http", "scheme": "bearer"},
                "sessionCookie": {"type": "apiKey", "in": "cookie", "name": "session"},
            },
        },
        "security": [{"bearerAuth": []}, {"sessionCookie": []}],
    }


def openapi_path(rule: str) -> str:
    """``/api/v1/jobs/<int:job_id>`` → ``/api/v1/jobs/{job_id}``."""
    return _ARG.sub(lambda m: "{" + m.group("name") + "}", rule)


def operation(rule, method: str, view) -> dict:
    info = meta_of(view)
    summary, description = _docstring(view)
    op = {
        "operationId": f"{rule.endpoint}.{method.lower()}".replace(".", "_"),
        "summary": info.get("summary") or summary or rule.endpoint,
        "tags": info.get("tags") or [rule.endpoint.split(".")[0]],
        "parameters": _parameters(rule, method, info),
        "responses": _responses(method, info),
    }
    if description:
        op["description"] = description
    if info.get("permission"):
        op["x-permission"] = info["permission"]
    if info.get("public"):
        op["security"] = []
    if info.get("request") is not None and method in _KEYED_METHODS:
        op["requestBody"] = {
            "required": not info.get("body_optional"),
            "content": {"application/json": {"schema": info["request"]}},
        }
    elif info.get("body_media") and method in _KEYED_METHODS:
        op["requestBody"] = {
            "required": not info.get("body_optional"),
            "content": info["body_media"],
        }
    return op


def keyed(method: str, info: dict) -> bool:
    """Core honours ``Idempotency-Key`` on every unsafe write of an authenticated route."""
    return method in _KEYED_METHODS and not info.get("public")


def _docstring(view) -> tuple[str, str]:
    doc = inspect.getdoc(view) or ""
    first, _, rest = doc.partition("\n")
    return first.strip(), rest.strip()


def _parameters(rule, method: str, info: dict) -> list[dict]:
    params = [
        {
            "name": m.group("name"),
            "in": "path",
            "required": True,
            "schema": _CONVERTER_SCHEMAS.get(m.group("conv") or "", {"type": "string"}),
        }
        for m in _ARG.finditer(rule.rule)
    ]
    query = dict(QUERY_PARAMETERS) if info.get("paginated") else {}
    query.update(info.get("query") or {})
    params += [{"name": n, "in": "query", "schema": s} for n, s in query.items()]
    if info.get("versioned") and method in ("PUT", "PATCH"):
        params.append(IF_MATCH)
    if keyed(method, info):
        params.append(
            {
                "name": "Idempotency-Key",
                "in": "header",
                "description": "Retry-safe key: the first response is replayed for 24 hours.",
                "schema": {"type": "string", "maxLength": 200},
            }
        )
    return params


def _responses(method: str, info: dict) -> dict:
    status = str(info.get("status", 200))  # what a view answers unless it says otherwise
    schema = info.get("response")
    if schema is not None and info.get("paginated"):
        schema = _envelope(schema)
    ok = {"description": "Success"}
    if schema is not None:
        ok["content"] = {"application/json": {"schema": schema}}
    responses = {status: ok}
    for code, text in (info.get("also") or {}).items():
        responses[str(code)] = {
            "description": text,
            **({"content": ok["content"]} if "content" in ok else {}),
        }
    errors = {"400": "Bad request", "404": "Not found"}
    if not info.get("public"):
        errors |= {"401": "Not authenticated", "403": "Not allowed"}
    if method in _KEYED_METHODS:
        errors |= {
            "415": "Body is not JSON",
            "422": "Validation failed (ValidationFailed: details.fields names each field), "
            "or a business rule refused the request (an Error with its own code)",
        }
    if keyed(method, info):
        errors["409"] = "Idempotency-Key reused with another body, or still in progress"
    if info.get("versioned"):
        ok["headers"] = {"ETag": ETAG_HEADER}
        if method in ("PUT", "PATCH"):
            errors["409"] = STALE_409 + "; or " + errors.get("409", "a state conflict").lower()
    for code, text in errors.items():
        schema = {"anyOf": [_VALIDATION_REF, _ERROR_REF]} if code == "422" else _ERROR_REF
        responses[code] = {
            "description": text,
            "content": {"application/json": {"schema": schema}},
        }
    return responses


def _envelope(item: dict) -> dict:
    nullable_int = {"type": ["integer", "null"]}
    return {
        "type": "object",
        "properties": {
            "data": {"type": "array", "items": item},
            "pagination": {
                "type": "object",
                "properties": {
                    "limit": {"type": "integer"},
                    "offset": {"type": "integer"},
                    "total": {"type": "integer"},
                    "next_offset": nullable_int,
                    "next_cursor": {
                        "type": ["string", "null"],
                        "description": "Keyset lists: pass as ?after= for the next page",
                    },
                },
            },
        },
    }
