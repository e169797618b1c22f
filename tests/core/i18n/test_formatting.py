"""Amounts, numbers, dates and times as an English and an Arabic reader see them."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from flask_babel import force_locale, refresh

from core.api import format_date, format_datetime, format_money, format_number

RLM = "\u200f"
NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("amount", "currency", "english"),
    [
        ("1000.5", "AED", f"AED{NBSP}1,000.50"),
        ("-1234.5", "AED", f"-AED{NBSP}1,234.50"),
        ("1234.5", "JPY", "¥1,235"),  # no minor unit, half-up
        ("1234.5675", "BHD", f"BHD{NBSP}1,234.568"),  # three decimals
        ("1234567.005", "AED", f"AED{NBSP}1,234,567.01"),  # half-up, not half-even
        ("3013.5", None, "3,013.50"),
    ],
)
def test_money_in_english_has_the_currency_decimals_and_grouping(amount, currency, english):
    assert format_money(Decimal(amount), currency, locale="en") == english


def test_money_in_arabic_puts_the_arabic_symbol_after_the_amount():
    text = format_money(Decimal("1000.5"), "AED", locale="ar")
    assert text == f"{RLM}1,000.50{NBSP}د.إ.{RLM}"
    assert format_money(Decimal("2.5"), "BHD", locale="ar") == f"{RLM}2.500{NBSP}د.ب.{RLM}"


def test_money_without_a_value_is_a_dash():
    assert format_money(None, "AED") == "—"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("1.2E+3"), "1,200"),
        (Decimal("4.5E+2"), "450"),
        (Decimal("1.75E+3"), "1,750"),
        (Decimal("1.500000"), "1.5"),
        (Decimal("1234567.123456"), "1,234,567.123456"),
        (Decimal("0E-6"), "0"),
        (Decimal("5.00"), "5"),
    ],
)
def test_numbers_never_use_an_exponent_and_keep_every_significant_digit(value, expected):
    for locale in ("en", "ar"):
        assert format_number(value, locale=locale) == expected
        assert "E" not in format_number(value, locale=locale)


def test_numbers_with_fixed_digits():
    assert format_number(Decimal("12"), digits=2, locale="en") == "12.00"


def test_dates_follow_the_locale():
    assert format_date(date(2026, 12, 5), locale="en") == "Dec 5, 2026"
    assert format_date(date(2026, 12, 5), locale="ar") == "05\u200f/12\u200f/2026"
    assert "ديسمبر" in format_date(date(2026, 12, 5), "long", locale="ar")


def test_datetimes_are_shown_in_the_readers_time_zone(app):
    stored = datetime(2026, 12, 5, 20, 30)  # naive UTC, as the database keeps it
    with app.test_request_context():
        assert format_datetime(stored, locale="en") == "Dec 5, 2026, 8:30\u202fPM"
    app.extensions["babel"].default_timezone = "Asia/Dubai"
    with app.test_request_context(), force_locale("ar"):
        refresh()
        text = format_datetime(stored)
        assert "2026" in text and "12:30" in text  # 20:30 UTC is 00:30 the next day in Dubai
        assert format_date(stored) == "06\u200f/12\u200f/2026"  # already the 6th in Dubai
