"""Saving a page's form through a service: the record, or the refusal's messages by field."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import flash, redirect

from core.api import DomainError, db
from plugins.ap.api.common import commit

T = TypeVar("T")


def save(write: Callable[[], T], key: str) -> tuple[T | None, dict]:
    """``write()`` and commit: ``(its result, {})``. A service's refusal rolls back and gives
    ``(None, errors)``: the fields it names, else its message under ``key``."""
    try:
        result = write()
        commit()
    except DomainError as exc:
        db.session.rollback()
        return None, exc.details.get("fields", {}) or {key: exc.message}
    return result, {}


def go_on(message: str, url: str):
    """After a save: say so, then the next page."""
    flash(message, "success")
    return redirect(url)
