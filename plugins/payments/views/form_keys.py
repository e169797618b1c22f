"""HTMX forms reuse the API's Idempotency-Key mechanism (core.api.idempotent).

A form that creates money-moving records carries a hidden ``idempotency_key`` (a UUID made
when the form was rendered). Browsers cannot set headers on a plain form post, so this
decorator hands the field to ``idempotent`` as if it were the header: a double click or a
re-sent form then replays the first answer instead of paying twice.
"""

from __future__ import annotations

import functools
import uuid

from flask import request

from core.api import idempotent

FIELD = "idempotency_key"


def new_key() -> str:
    return str(uuid.uuid4())


def form_idempotent(view):
    once = idempotent(view)

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        key = request.form.get(FIELD, "").strip()
        if key and "Idempotency-Key" not in request.headers:
            # EnvironHeaders reads the WSGI environ live, so idempotent() sees this header.
            request.environ["HTTP_IDEMPOTENCY_KEY"] = key
        return once(*args, **kwargs)

    return wrapper
