"""Job parameters checked when the job is queued, by the same rules as the direct API.

A job type declares its check with ``@validates_params(check)``; ``check(params)`` returns the
params to store (it may normalize them) or raises ``JobParamsInvalid({field: message})``.
``enqueue_job`` runs it for every caller (the jobs API, pages, plugins), so a job can never be
queued with values its own API would refuse; the jobs API answers 422 ``validation_failed``
with the same ``{"fields": {...}}`` details.
"""

from __future__ import annotations

from collections.abc import Callable

ATTRIBUTE = "validate_params"


class JobParamsInvalid(ValueError):
    def __init__(self, fields: dict[str, str], message: str = "Some fields are invalid."):
        super().__init__(message)
        self.fields, self.message = dict(fields), message


def validates_params(check: Callable[[dict], dict]):
    """Decorate a job callable with the check its params must pass when queued."""

    def decorate(func):
        setattr(func, ATTRIBUTE, check)
        return func

    return decorate


def validated(func, params: dict) -> dict:
    check = getattr(func, ATTRIBUTE, None)
    if check is None:
        return params
    cleaned = check(dict(params))
    return params if cleaned is None else dict(cleaned)
