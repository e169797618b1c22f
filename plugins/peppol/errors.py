"""Error classes of provider calls: transient ones are retried, permanent ones stop at once.

Every adapter turns what went wrong into one of these, with an ``error_class`` that is stored
on the attempt and shown to people: ``timeout``, ``connection``, ``server_error``,
``rate_limited``, ``not_ready`` (transient); ``rejected``, ``unknown_participant``,
``validation_refused``, ``auth``, ``unsupported`` (permanent).
"""

from __future__ import annotations

TRANSIENT_CLASSES = ("timeout", "connection", "server_error", "rate_limited", "not_ready")
PERMANENT_CLASSES = ("rejected", "unknown_participant", "validation_refused", "auth", "unsupported")


class ProviderError(Exception):
    transient = False

    def __init__(
        self,
        error_class: str,
        message: str,
        *,
        status_code: int | None = None,
        answer: str | None = None,
        request_id: str | None = None,
    ):
        super().__init__(message)
        self.error_class, self.message = error_class, message
        self.status_code, self.answer, self.request_id = status_code, answer, request_id


class TransientError(ProviderError):
    """Try again later (or through another provider): timeouts, 5xx, 429, "not ready"."""

    transient = True


class PermanentError(ProviderError):
    """The provider refused the document for good: retrying would give the same answer."""


def from_status(status: int, message: str, **kw) -> ProviderError:
    """The error class of an HTTP answer that is not a success."""
    if status == 429:
        return TransientError("rate_limited", message, status_code=status, **kw)
    if status >= 500:
        return TransientError("server_error", message, status_code=status, **kw)
    if status in (401, 403):
        return PermanentError("auth", message, status_code=status, **kw)
    if status == 404:
        return PermanentError("unknown_participant", message, status_code=status, **kw)
    if status == 422:
        return PermanentError("validation_refused", message, status_code=status, **kw)
    return PermanentError("rejected", message, status_code=status, **kw)
