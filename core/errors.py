"""Errors: JSON error objects under /api, friendly pages elsewhere; never a traceback."""

from __future__ import annotations

import logging

from flask import g, jsonify, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

from core.tenancy import TenantWriteRefused

log = logging.getLogger("ledgerline")


class DomainError(Exception):
    """A service's refusal in domain terms (no HTTP): core's one handler maps its kind to a
    status (``STATUS``) and answers ``{"error": {code, message, details}, "correlation_id"}``.

    Services raise the kinds below; pages catch ``DomainError`` to show the message on a form.
    """

    def __init__(self, code: str, message: str, details: dict | None = None):
        message = str(message)  # a lazy string is read in the language of the request
        super().__init__(message)
        self.code, self.message, self.details = code, message, details or {}

    @property
    def status(self) -> int:
        return next(STATUS[k] for k in type(self).__mro__ if k in STATUS)


class ValidationFailed(DomainError):
    """Input that breaks the rules, field by field: ``{"fields": {"lines[0].amount": msg}}``."""

    def __init__(self, fields: dict, message: str | None = None):
        message = _("Some fields are invalid.") if message is None else message
        super().__init__("validation_failed", message, {"fields": dict(fields)})


class NotFound(DomainError):
    """The record does not exist (or belongs to another company, which looks the same)."""


class Conflict(DomainError):
    """The record's state does not allow this now (already finalized, already reversed...)."""


class Refused(DomainError):
    """Well-formed input that a business rule refuses (overpayment, insufficient credit...)."""


class ApiError(DomainError):
    """Raise from a view for an HTTP-level answer (auth, content type, query parameters);
    services raise the domain kinds above instead."""

    def __init__(self, status: int, code: str, message: str, details: dict | None = None):
        super().__init__(code, message, details)
        self._status = status

    @property
    def status(self) -> int:
        return self._status


STATUS = {ValidationFailed: 422, NotFound: 404, Conflict: 409, Refused: 422, DomainError: 400}
VALIDATION_FAILED = "validation_failed"


CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: VALIDATION_FAILED,
    429: "rate_limited",
    500: "internal_error",
}


def wants_json() -> bool:
    return request.path.startswith("/api/")


def validation_failed(fields: dict, message: str | None = None) -> ValidationFailed:
    """The one 422: ``raise validation_failed({"name": "is required"})``."""
    return ValidationFailed(fields, message)


def error_response(status: int, code: str, message: str, details: dict | None = None):
    """The one JSON error body of the API (``components.schemas.Error`` in the OpenAPI)."""
    body = {
        "error": {"code": code, "message": message, "details": details or {}},
        "correlation_id": g.get("correlation_id"),
    }
    return jsonify(body), status


def init_app(app) -> None:
    app.register_error_handler(DomainError, _domain_error)
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(TenantWriteRefused, _tenant_refused)
    app.register_error_handler(StaleDataError, _stale_data)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected)


def _domain_error(exc: DomainError):
    """A refusal keeps nothing the request had begun to write (a number taken, a counter
    moved): the transaction ends here, not only when the app context is torn down, which
    under a test client or a long-lived context may be after the next request's commit."""
    _rollback()
    if wants_json():
        return error_response(exc.status, exc.code, exc.message, exc.details)
    return _page(exc.status, exc.message)


def _csrf_error(exc: CSRFError):
    if wants_json():
        return error_response(400, "csrf_failed", exc.description)
    return _page(400, _("Your form expired or was sent from elsewhere. Reload the page and retry."))


def _tenant_refused(exc: TenantWriteRefused):
    if wants_json():
        return error_response(403, "read_only", str(exc))
    return _page(403, str(exc))


STALE_RACE = _l(
    "Someone else saved this record at the same moment; nothing of yours was saved. "
    "Reload it and apply your change again."
)


def _stale_data(exc: StaleDataError):
    """Two saves of one version at once: the second UPDATE matched no row (core.versioning)."""
    _rollback()
    if wants_json():
        return error_response(409, "stale_version", str(STALE_RACE))
    return _page(409, str(STALE_RACE))


def _http_error(exc: HTTPException):
    if wants_json():
        return error_response(exc.code or 500, CODES.get(exc.code, "error"), exc.description)
    # Werkzeug's own English description says no more than the page's translated heading.
    generic = exc.description == type(exc).description
    return _page(exc.code or 500, "" if generic else exc.description)


def _unexpected(exc: Exception):
    log.exception("unhandled error (correlation id %s)", g.get("correlation_id"))
    _rollback()
    if wants_json():
        return error_response(500, "internal_error", _("Something went wrong on our side."))
    return _page(500, _("Something went wrong on our side."))


def _rollback() -> None:
    """A failed statement leaves the session's transaction aborted (PostgreSQL): end it."""
    from core.db import db

    try:
        db.session.rollback()
    except Exception:  # the answer must go out whatever state the connection is in
        log.exception("rollback after an unhandled error failed")


def _page(status: int, message: str):
    try:
        return render_template("errors/error.html", status=status, message=message), status
    except Exception:  # the error page itself must never fail
        return f"{status}: {message}", status
