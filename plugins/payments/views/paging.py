"""limit/offset from the query string of a page; a bad value is a message, not a 500."""

from __future__ import annotations

from core.api import query_int

PAGE_SIZE = 25
MAX_PAGE_SIZE = 200


def whole(name: str, default: int, low: int, high: int | None) -> int:
    """ASCII digits within ``low``..``high`` (64-bit at most); 400 otherwise (core's rule)."""
    return query_int(name, default, low, high)


def window() -> tuple[int, int]:
    return whole("limit", PAGE_SIZE, 1, MAX_PAGE_SIZE), whole("offset", 0, 0, None)
