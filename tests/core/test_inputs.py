"""core.api's request-input helpers: every bad field is named, money never passes through float."""

import datetime as dt
from decimal import Decimal

import pytest

from core.api import DomainError, FieldErrors, exact_decimal, iso_date, text_field


def test_check_names_every_bad_field_in_one_422():
    errors = FieldErrors()
    text_field({"name": "  "}, "name", errors, 10, required=True)
    text_field({"ref": "x" * 11}, "ref", errors, 10)
    with pytest.raises(DomainError) as raised:  # services know no HTTP status
        errors.check()
    assert (raised.value.status, raised.value.code) == (422, "validation_failed")
    assert raised.value.details == {
        "fields": {"name": "is required", "ref": "must be at most 10 characters"}
    }


def test_text_is_trimmed_and_blank_is_missing():
    errors = FieldErrors()
    assert text_field({"a": "  Acme  "}, "a", errors, 10) == "Acme"
    assert text_field({"a": "   "}, "a", errors, 10) is None
    assert text_field({"a": 5}, "a", errors, 10) is None
    assert errors == {"a": "must be text"}
    errors.clear()
    errors.check()  # nothing wrong, nothing raised


@pytest.mark.parametrize("written", ["150.10", " 150.10 ", 15010])
def test_exact_decimal_reads_strings_and_whole_numbers(written):
    errors = FieldErrors()
    expected = Decimal("15010") if isinstance(written, int) else Decimal("150.10")
    assert exact_decimal(written, "amount", errors, "no float", "not a number") == expected
    assert errors == {}


@pytest.mark.parametrize(
    ("written", "message"), [(0.1, "no float"), (True, "no float"), ("1,5", "not a number")]
)
def test_exact_decimal_refuses_floats_and_bad_text_with_the_callers_message(written, message):
    errors = FieldErrors()
    assert exact_decimal(written, "amount", errors, "no float", "not a number") is None
    assert errors == {"amount": message}


def test_iso_date_reads_only_iso_text():
    errors = FieldErrors()
    assert iso_date("2025-03-31", "due", errors) == dt.date(2025, 3, 31)
    assert iso_date("31/03/2025", "due", errors) is None
    assert iso_date(20250331, "issued", errors) is None
    assert errors == {"due": "must be a date YYYY-MM-DD", "issued": "must be a date YYYY-MM-DD"}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # a float would make it 9876543210987654.0 (53-bit mantissa)
        (b'{"amount": 9876543210987654.32}', Decimal("9876543210987654.32")),
        (b'{"amount": 0.1}', Decimal("0.1")),  # not 0.1000000000000000055511151231257827
        (b'{"amount": 1.5e2}', Decimal("150")),
        (b'{"amount": 150}', 150),
    ],
)
def test_json_numbers_are_decoded_exactly_never_through_a_float(raw, expected):
    from core.inputs import parse_json

    amount = parse_json(raw)["amount"]
    assert amount == expected and type(amount) is type(expected)


@pytest.mark.parametrize("raw", [b'{"a": NaN}', b'{"a": -Infinity}', b'{"a": 1e400}'])
def test_json_bodies_without_a_finite_number_are_400(raw):
    from core.inputs import parse_json

    with pytest.raises(DomainError) as refused:
        parse_json(raw)
    assert (refused.value.status, refused.value.code) == (400, "invalid_json")
