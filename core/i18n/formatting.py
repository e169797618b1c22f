"""Numbers, amounts, dates and times written the way the reader's locale writes them.

Amounts carry their currency's decimals (AED 2, JPY 0, BHD 3) rounded half-up like the
ledgers, with the locale's grouping; quantities and prices show every significant digit and
never an exponent (``Decimal("1.2E+3")`` is "1,200"). Datetimes are stored as naive UTC and
shown in the reader's time zone. Outside a request the default locale (English) is used.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from flask import has_app_context
from flask_babel import get_locale, get_timezone

EMPTY = "—"
# CLDR's currency spacing: a currency written in letters ("AED") next to a digit is kept
# apart by a no-break space ("AED 1,000.00"); Babel leaves that rule out.
_LETTERS_THEN_NUMBER = re.compile(r"([A-Za-z])(?=[-\u2212]?\d)")
_NUMBER_THEN_LETTERS = re.compile(r"(\d)(?=[A-Za-z])")


def current_locale(locale: str | Locale | None = None) -> Locale:
    if locale is not None:
        return Locale.parse(locale)
    return get_locale() or Locale.parse("en")


def as_decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def currency_digits(currency: str | None) -> int:
    return babel_numbers.get_currency_precision(currency) if currency else 2


def format_money(amount, currency: str | None = None, locale=None) -> str:
    """``AED 1,000.00`` / ``‏1,000.00 د.إ.‏``; without a currency, the number with 2 decimals."""
    value = as_decimal(amount)
    if value is None:
        return EMPTY
    loc = current_locale(locale)
    digits = currency_digits(currency)
    value = value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    if not currency:
        return format_number(value, digits=2, locale=loc)
    text = babel_numbers.format_currency(value, currency.upper(), locale=loc)
    text = _LETTERS_THEN_NUMBER.sub("\\1\u00a0", text)
    return _NUMBER_THEN_LETTERS.sub("\\1\u00a0", text)


def format_number(value, digits: int | None = None, locale=None) -> str:
    """Grouped, never in exponent form: every significant digit, or exactly ``digits``."""
    number = as_decimal(value)
    if number is None:
        return EMPTY
    loc = current_locale(locale)
    if digits is not None:
        number = number.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
        return babel_numbers.format_decimal(number, format=pattern, locale=loc)
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    else:
        number = number.normalize()
    return babel_numbers.format_decimal(number, locale=loc, decimal_quantization=False)


def format_date(value, format: str = "medium", locale=None) -> str:
    """A calendar date (a datetime is first moved into the reader's time zone)."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, str):
        value = date.fromisoformat(value)
    if isinstance(value, datetime):
        value = to_user_timezone(value).date()
    return babel_dates.format_date(value, format=format, locale=current_locale(locale))


def format_datetime(value, format: str = "medium", locale=None) -> str:
    """Date and time (hours and minutes) in the reader's time zone; naive values are UTC."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    loc = current_locale(locale)
    moment = to_user_timezone(value)
    if format not in ("short", "medium", "long", "full"):
        return babel_dates.format_datetime(moment, format=format, locale=loc)
    day = babel_dates.format_date(moment, format=format, locale=loc)
    time = babel_dates.format_time(moment, format="short", locale=loc)
    pattern = babel_dates.get_datetime_format(format, locale=loc)
    return pattern.replace("{1}", day).replace("{0}", time)


def to_user_timezone(value: datetime) -> datetime:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    zone = get_timezone() if has_app_context() else None
    return value.astimezone(zone) if zone is not None else value
