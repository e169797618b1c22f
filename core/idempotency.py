"""``Idempotency-Key`` on POST, PUT and PATCH: the first response is stored and replayed.

Core applies it to every such request of every API blueprint (``core.apiv1.conventions``);
``@idempotent`` remains for views on other blueprints and as documentation. The same key with
another request (method, path, query or body) is 409 ``idempotency_key_reused``; a request
that failed (an error raised, or a 5xx) is not stored, so its key can be used again.

How concurrent retries stay exactly-once on SQLite and PostgreSQL: before the view runs, the
key row is inserted and committed in its own transaction. The unique constraint on
(owner, key) picks one winner; the others find the row and wait for its stored response
(or answer 409 ``idempotency_in_progress`` when waiting takes too long).

Known limit: if the process dies between the view's commit and storing the response, the key
stays "in progress" until it expires (``IDEMPOTENCY_TTL_HOURS``).
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import time
from datetime import timedelta

from flask import Response, current_app, g, request
from flask_babel import gettext as _
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from core.apiv1.meta import meta
from core.db import db
from core.errors import ApiError
from core.models import IdempotencyRecord
from core.requestctx import current_actor
from core.timeutil import utcnow

HEADER = "Idempotency-Key"
REPLAYED = "Idempotent-Replayed"
_KEY = re.compile(r"^[\x21-\x7e]{1,200}$")
_KEPT_HEADERS = ("Content-Type", "Location", "ETag")
METHODS = frozenset({"POST", "PUT", "PATCH"})


def idempotent(view):
    """Make a view safe to retry with the same ``Idempotency-Key`` header (POST, PUT, PATCH).

    Views of ``api_blueprint`` blueprints need not use it: core applies the same to all.
    """

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        if g.get("_ll_idempotency"):  # core's conventions already hold the key
            return view(*args, **kwargs)
        return run_once(view, args, kwargs)

    meta(wrapper)["idempotent"] = True
    return wrapper


def run_once(view, args, kwargs):
    """Run ``view`` once per ``Idempotency-Key`` of the caller; replay the stored answer."""
    key = request.headers.get(HEADER)
    if request.method not in METHODS or key is None or g.get("_ll_idempotency"):
        return view(*args, **kwargs)
    limit = int(current_app.config.get("IDEMPOTENCY_MAX_BODY_BYTES", 32 * 1024 * 1024))
    if (request.content_length or 0) > limit:
        return view(*args, **kwargs)  # not read into memory to hash it: the view bounds it
    g._ll_idempotency = True
    return _once(view, args, kwargs, _owner(), _checked(key), _fingerprint())


def _once(view, args, kwargs, owner: str, key: str, fingerprint: str):
    # End the request's read transaction first: on SQLite it holds the write lock.
    db.session.commit()
    purge_expired()
    deadline = time.monotonic() + float(current_app.config.get("IDEMPOTENCY_WAIT_SECONDS", 10))
    while True:
        record_id = _claim(owner, key, fingerprint)
        if record_id is not None:
            return _execute(view, args, kwargs, record_id)
        row = _load(owner, key)
        if row is not None:
            if row.request_hash != fingerprint:
                raise ApiError(
                    409,
                    "idempotency_key_reused",
                    _("This Idempotency-Key was already used with a different request."),
                    {"key": key},
                )
            if row.status_code is not None:
                return _replay(row)
        if time.monotonic() > deadline:
            raise ApiError(
                409,
                "idempotency_in_progress",
                _("A request with this Idempotency-Key is still being processed; retry shortly."),
                {"key": key},
            )
        time.sleep(0.05)


def _claim(owner: str, key: str, fingerprint: str) -> int | None:
    """Insert the key row in its own transaction; ``None`` if another request holds it."""
    record = IdempotencyRecord(
        owner=owner,
        key=key,
        method_path=f"{request.method} {request.path}"[:300],
        request_hash=fingerprint,
        response_headers={},
    )
    db.session.add(record)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return None
    return record.id


def _load(owner: str, key: str):
    """The stored row as a plain tuple, read in a short transaction of its own."""
    columns = (
        IdempotencyRecord.request_hash,
        IdempotencyRecord.status_code,
        IdempotencyRecord.response_body,
        IdempotencyRecord.response_headers,
    )
    stmt = select(*columns).where(IdempotencyRecord.owner == owner, IdempotencyRecord.key == key)
    row = db.session.execute(stmt).one_or_none()
    db.session.commit()
    return row


def _execute(view, args, kwargs, record_id: int):
    try:
        response = current_app.make_response(view(*args, **kwargs))
    except BaseException:
        _release(record_id)
        raise
    if response.status_code >= 500:
        _release(record_id)
    else:
        _store(record_id, response)
    return response


def _store(record_id: int, response: Response) -> None:
    headers = {h: response.headers[h] for h in _KEPT_HEADERS if h in response.headers}
    db.session.execute(
        update(IdempotencyRecord)
        .where(IdempotencyRecord.id == record_id)
        .values(
            status_code=response.status_code,
            response_body=response.get_data(as_text=True),
            response_headers=headers,
        )
    )
    db.session.commit()


def _release(record_id: int) -> None:
    """The view failed: forget the key so that a retry runs the request again."""
    db.session.rollback()
    db.session.execute(delete(IdempotencyRecord).where(IdempotencyRecord.id == record_id))
    db.session.commit()


def _replay(row) -> Response:
    response = Response(row.response_body, status=row.status_code, headers=row.response_headers)
    response.headers[REPLAYED] = "true"
    return response


def purge_expired() -> int:
    """Delete keys older than ``IDEMPOTENCY_TTL_HOURS``; returns how many were removed."""
    hours = float(current_app.config.get("IDEMPOTENCY_TTL_HOURS", 24))
    cutoff = utcnow() - timedelta(hours=hours)
    result = db.session.execute(
        delete(IdempotencyRecord).where(IdempotencyRecord.created_at < cutoff)
    )
    db.session.commit()
    return result.rowcount or 0


def _owner() -> str:
    """Keys are private to one API token, or to one user's browser session."""
    actor = current_actor()
    if actor is None:
        raise ApiError(401, "unauthorized", _("Send a Bearer API token or log in first."))
    if actor.token_id is not None:
        return f"token:{actor.token_id}"
    return f"user:{actor.user_id}"


def _checked(key: str) -> str:
    if not _KEY.match(key):
        raise ApiError(
            400,
            "invalid_idempotency_key",
            _("Idempotency-Key must be 1 to 200 visible ASCII characters (a UUID is ideal)."),
        )
    return key


def _number_text(text: str) -> dict:
    """A fractional JSON number as the text written (two amounts a float would merge, such
    as 9876543210987654.32 and .33, must not share a fingerprint), tagged apart from strings."""
    return {"\u0000number": text}


def _fingerprint() -> str:
    """Hash of method, path, query and body; JSON bodies compare by meaning, not spacing, and
    form posts by their fields without the CSRF token (it is re-signed every second)."""
    raw = request.get_data(cache=True)
    if request.mimetype == "application/x-www-form-urlencoded":
        fields = sorted((k, v) for k, v in request.form.items(multi=True) if k != "csrf_token")
        body = json.dumps(fields).encode()
    else:
        try:
            data = json.loads(raw, parse_float=_number_text)
            body = json.dumps(data, sort_keys=True, separators=(",", ":")).encode()
        except (ValueError, UnicodeDecodeError, RecursionError):
            body = raw
    head = f"{request.method} {request.full_path}\n".encode()
    return hashlib.sha256(head + body).hexdigest()
