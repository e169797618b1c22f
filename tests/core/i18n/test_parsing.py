"""What the app prints is accepted back: amounts, quantities and dates in English and Arabic."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest

from core.api import (
    InputError,
    format_money,
    format_number,
    normalize_number,
    parse_date,
    parse_number,
)

LOCALES = ("en", "ar")


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("1,000.50", "1000.50"),
        ("1000.50", "1000.50"),
        (" 1 000.50 ", "1000.50"),
        ("AED 1,000.50", "1000.50"),
        ("-AED 1,234.50", "-1234.50"),
        ("١٬٠٠٠٫٥٠", "1000.50"),  # Arabic-Indic digits and separators
        ("۱۲۳", "123"),  # Extended Arabic-Indic (Persian) digits
        ("\u200f1,000.50\u00a0د.إ.\u200f", "1000.50"),  # as the Arabic page prints it
        (".5", "0.5"),
        ("12,345,678.123456", "12345678.123456"),
    ],
)
def test_numbers_people_type_are_read(locale, typed, value):
    assert parse_number(typed, locale) == Decimal(value)


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize(
    "amount", ["1000.5", "-1234.5", "0.01", "9876543210.99", "1234567.005", "3013.50"]
)
@pytest.mark.parametrize("currency", ["AED", "JPY", "BHD", "USD", None])
def test_every_printed_amount_reads_back_as_itself(locale, amount, currency):
    shown = format_money(Decimal(amount), currency, locale=locale)
    digits = {"JPY": 0, "BHD": 3}.get(currency, 2)
    exact = Decimal(amount).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    assert parse_number(shown, locale) == exact


@pytest.mark.parametrize("locale", LOCALES)
def test_printed_quantities_read_back(locale):
    for value in ("1.2E+3", "4.5E+2", "1.5", "1234567.123456"):
        shown = format_number(Decimal(value), locale=locale)
        assert parse_number(shown, locale) == Decimal(value)


@pytest.mark.parametrize(
    "typed", ["1,00.5", "1E+3", "abc", "x12", "12abc", "1.2.3", "--1", "1,000,00", "NaN"]
)
def test_text_that_is_not_a_number_is_refused_with_an_example(typed):
    with pytest.raises(InputError) as refused:
        parse_number(typed, "en")
    assert "1,234.50" in str(refused.value)


def test_blank_is_none_and_normalize_keeps_what_it_cannot_read():
    assert parse_number("  ", "en") is None
    assert normalize_number("AED 1,000.50", "en") == "1000.50"
    assert normalize_number("abc", "en") == "abc"  # the service's check then names the field
    assert normalize_number("", "en") == ""


@pytest.mark.parametrize(
    ("typed", "locale", "day"),
    [
        ("2026-12-05", "en", date(2026, 12, 5)),
        ("2026-12-05", "ar", date(2026, 12, 5)),
        ("Dec 5, 2026", "en", date(2026, 12, 5)),
        ("5 December 2026", "en", date(2026, 12, 5)),
        ("12/5/26", "en", date(2026, 12, 5)),  # English month first
        ("05\u200f/12\u200f/2026", "ar", date(2026, 12, 5)),  # as the Arabic page prints it
        ("٥ ديسمبر ٢٠٢٦", "ar", date(2026, 12, 5)),
        ("Dec 5, 2026", "ar", date(2026, 12, 5)),
    ],
)
def test_dates_people_type_are_read(typed, locale, day):
    assert parse_date(typed, locale) == day


@pytest.mark.parametrize("typed", ["2026-13-01", "31/02/2026", "someday", "5 Foo 2026"])
def test_impossible_dates_are_refused(typed):
    with pytest.raises(InputError):
        parse_date(typed, "en")
