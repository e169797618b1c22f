"""limit/offset from the query string of a page; a bad value is a message, not a 500."""

from __future__ import annotations

from flask import request

from core.api import ApiError

PAGE_SIZE = 25
MAX_PAGE_SIZE = 200


def whole(name: str, default: int, low: int, high: int | None) -> int:
    raw = request.args.get(name, "")
    if raw == "":
        return default
    if not raw.isdigit() or int(raw) < low or (high is not None and int(raw) > high):
        bound = f" and {high}" if high is not None else ""
        raise ApiError(400, "invalid_parameter", f"{name} must be a whole number ≥ {low}{bound}.")
    return int(raw)


def window() -> tuple[int, int]:
    return whole("limit", PAGE_SIZE, 1, MAX_PAGE_SIZE), whole("offset", 0, 0, None)
