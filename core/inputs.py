"""Field-by-field parsing of request input (JSON bodies, form data) for any plugin.

Each helper records a message under the field's name in a ``FieldErrors`` instead of raising,
so one answer can name every bad field; ``errors.check()`` then raises the 422.
"""

from __future__ import annotations

import datetime as dt
from contextlib import suppress
from decimal import Decimal, InvalidOperation

from core.errors import ApiError


class FieldErrors(dict):
    """Field name -> message; ``check()`` raises ``ApiError(422, "validation_error")``."""

    def check(self) -> None:
        if self:
            raise ApiError(422, "validation_error", "Some fields are invalid.", {"fields": self})


def text_field(data: dict, name: str, errors: FieldErrors, max_len: int, required: bool = False):
    """Trimmed text; blank counts as missing (``None``)."""
    value = data.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            errors[name] = "is required"
        return None
    if not isinstance(value, str):
        errors[name] = "must be text"
        return None
    value = value.strip()
    if len(value) > max_len:
        errors[name] = f"must be at most {max_len} characters"
    return value


def exact_decimal(
    value, name: str, errors: FieldErrors, float_message: str, syntax_message: str
) -> Decimal | None:
    """The Decimal written in a string or a whole number, or None after recording why not.

    A JSON float is refused rather than converted: 0.1 is not exactly one tenth, and money must
    be. The caller words both messages, as it knows what kind of number it expects.
    """
    if isinstance(value, bool | float):
        errors[name] = float_message
        return None
    try:
        return Decimal(str(value).strip())
    except InvalidOperation:
        errors[name] = syntax_message
        return None


def iso_date(value, name: str, errors: FieldErrors) -> dt.date | None:
    """The date in an ISO 8601 string, or None after recording the field error."""
    if isinstance(value, str):
        with suppress(ValueError):
            return dt.date.fromisoformat(value)
    errors[name] = "must be a date YYYY-MM-DD"
    return None
