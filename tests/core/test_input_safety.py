"""Hostile input on core's routes and validators: always a 4xx naming the problem, never a 500.

Issue 7 "No 500 on any input": huge and unicode-digit integers, exponents, lone surrogates,
control characters, deep JSON, out-of-range dates.
"""

from __future__ import annotations

import datetime as dt

import pytest

from core.api import ApiError, FieldErrors, exact_decimal, iso_date, text_field

HUGE = "99999999999999999999999"
BEYOND_64 = str(2**63)


@pytest.fixture
def secret(make_company, make_user, api_token):
    return api_token(make_user(company=make_company()))


def call(client, method, path, secret, **kw):
    headers = {"Authorization": f"Bearer {secret}", **kw.pop("headers", {})}
    return client.open(path, method=method, headers=headers, **kw)


def fields_of(resp) -> dict:
    assert resp.status_code == 422, resp.get_data(as_text=True)[:300]
    body = resp.get_json()
    assert body["error"]["code"] == "validation_failed"
    assert set(body) == {"error", "correlation_id"}
    return body["error"]["details"]["fields"]


# --- validators ------------------------------------------------------------------------


@pytest.mark.parametrize("raw", ["²", "٣", "1²", BEYOND_64, HUGE, "-1", " 1", "1_000", "+5", ""])
def test_whole_number_takes_ascii_digits_in_64_bit_range_only(raw):
    from core.inputs import whole_number

    errors = FieldErrors()
    assert whole_number(raw, "n", errors) is None
    assert "n" in errors


def test_whole_number_accepts_ints_and_digit_strings_up_to_2_63_minus_1():
    from core.inputs import whole_number

    errors = FieldErrors()
    assert whole_number("42", "a", errors) == 42
    assert whole_number(2**63 - 1, "b", errors) == 2**63 - 1
    assert whole_number(2**63, "c", errors) is None
    assert whole_number(True, "d", errors) is None
    assert set(errors) == {"c", "d"}


@pytest.mark.parametrize("raw", ["1e30", "1e400", "-1e400", "NaN", "Infinity", "sNaN", "1e-400"])
def test_exact_decimal_checks_the_exponent_before_anyone_quantizes(raw):
    errors = FieldErrors()
    assert exact_decimal(raw, "amount", errors, "no float", "not a number") is None
    assert "amount" in errors


@pytest.mark.parametrize("raw", ["١٠", "１０", "1٫5", "1_000", "1_0.5", "0x10", "1.2.3", "--1"])
def test_exact_decimal_takes_ascii_digits_only(raw):
    errors = FieldErrors()
    assert exact_decimal(raw, "amount", errors, "no float", "not a number") is None
    assert errors["amount"] == "not a number"


@pytest.mark.parametrize("good", ["10", " 10.50 ", "-1.5", "+2", ".5", "5.", "1e2", "1E-2"])
def test_exact_decimal_still_reads_plain_decimals(good):
    from decimal import Decimal

    errors = FieldErrors()
    assert exact_decimal(good, "amount", errors, "no float", "x") == Decimal(good.strip())
    assert not errors


@pytest.mark.parametrize("bad", ["A\ud800", "A\x00B", "A\x1bB", "\x7f", "\ufffe", "A\x85"])
def test_text_refuses_surrogates_and_control_characters(bad):
    errors = FieldErrors()
    assert text_field({"name": bad}, "name", errors, 50) is None
    assert "name" in errors


def test_text_keeps_tabs_and_line_breaks_and_any_real_letter():
    errors = FieldErrors()
    assert text_field({"n": "Line 1\r\n\tLine 2 — شركة ✓"}, "n", errors, 50) is not None
    assert errors == {}


def test_iso_date_has_a_range_so_date_arithmetic_cannot_overflow():
    errors = FieldErrors()
    assert iso_date("9999-12-31", "d", errors) is None
    assert iso_date("0001-01-01", "e", errors) is None
    assert iso_date("2026-03-01", "f", errors) == dt.date(2026, 3, 1)
    assert set(errors) == {"d", "e"}


def test_deep_json_is_a_400_not_a_recursion_error():
    from core.inputs import parse_json

    for raw in ("[" * 100_000, '{"a":' * 100_000, "[" * 200 + "]" * 200):
        with pytest.raises(ApiError) as raised:
            parse_json(raw.encode())
        assert (raised.value.status, raised.value.code) == (400, "invalid_json")


def test_json_nan_and_infinity_are_not_json():
    from core.inputs import parse_json

    for raw in ('{"a": NaN}', '{"a": Infinity}', '{"a": 1e400}'):
        with pytest.raises(ApiError):
            parse_json(raw.encode())


def test_a_field_named_twice_in_one_object_is_refused_by_its_path():
    from core.inputs import check_json_values, parse_json

    raw = '{"a": 1, "lines": [{"q": "1"}, {"q": "1", "p": 2, "q": "9"}], "a": 1}'
    errors = FieldErrors()
    check_json_values(parse_json(raw.encode()), errors)
    assert set(errors) == {"a", "lines[1].q"}
    errors = FieldErrors()
    check_json_values(parse_json(b'{"a": {"b": 1}, "c": [{"b": 1}]}'), errors)
    assert errors == {}


def test_field_errors_raise_the_one_validation_shape():
    from core.errors import DomainError, ValidationFailed

    errors = FieldErrors(name="is required")
    with pytest.raises(ValidationFailed) as raised:
        errors.check()
    assert isinstance(raised.value, DomainError)
    assert raised.value.details == {"fields": {"name": "is required"}}


# --- core routes -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        f"/api/v1/audit?offset={HUGE}",
        f"/api/v1/audit?limit={HUGE}",
        "/api/v1/audit?offset=²",
        "/api/v1/audit?limit=٣",
        f"/api/v1/jobs?offset={BEYOND_64}",
        f"/api/v1/plugins?offset={HUGE}",
        "/api/v1/audit?record_type=a%00b",
    ],
)
def test_query_numbers_beyond_64_bits_or_not_ascii_are_400(client, secret, path):
    resp = call(client, "GET", path, secret)
    assert resp.status_code == 400, resp.get_data(as_text=True)[:300]
    assert resp.get_json()["error"]["code"] == "invalid_parameter"


@pytest.mark.parametrize(
    "path",
    [
        f"/api/v1/audit/{HUGE}",
        f"/api/v1/jobs/{BEYOND_64}",
        f"/api/v1/audit/{2**63 - 1}",  # fits 64 bits, not a primary key (32-bit on PostgreSQL)
        f"/api/v1/jobs/{2**31}",
        "/api/v1/jobs/٣",
    ],
)
def test_path_ids_beyond_what_a_key_holds_are_404(client, secret, path):
    resp = call(client, "GET", path, secret)
    assert resp.status_code == 404
    assert resp.get_json()["error"]["code"] == "not_found"


def test_far_offset_is_an_empty_page_on_every_database(client, secret):
    resp = call(client, "GET", f"/api/v1/audit?offset={2**40}", secret)
    assert resp.status_code == 200
    assert resp.get_json()["data"] == []


def test_page_path_ids_beyond_64_bits_are_404(client, make_company, make_user, login):
    make_user(company=make_company())
    login()
    assert client.get(f"/jobs/{HUGE}").status_code == 404


def test_deep_json_body_is_400(client, secret):
    resp = call(
        client,
        "PATCH",
        "/api/v1/company",
        secret,
        data="[" * 100_000,
        content_type="application/json",
    )
    assert resp.status_code == 400
    assert resp.get_json()["error"]["code"] == "invalid_json"


@pytest.mark.parametrize("bad", ["Acme\ud800", "Acme\x00", "Acme\x08"])
def test_company_name_with_surrogate_or_control_character_is_422(client, secret, bad):
    resp = call(client, "PATCH", "/api/v1/company", secret, json={"name": bad})
    assert "name" in fields_of(resp)


def test_company_form_with_nul_is_refused_not_500(client, make_company, make_user, login):
    from tests.support.fixtures import csrf_token

    make_user(company=make_company())
    login()
    token = csrf_token(client, "/company/edit")
    resp = client.post(
        "/company/edit", data={"csrf_token": token, "name": "Acme\x00", "country": "AE"}
    )
    assert resp.status_code in (400, 422)


def test_company_unknown_field_uses_the_one_shape(client, secret):
    resp = call(client, "PATCH", "/api/v1/company", secret, json={"nmae": "Acme"})
    assert fields_of(resp) == {"nmae": "is not a known field"}


def test_company_field_errors_use_the_one_shape(client, secret):
    resp = call(client, "PATCH", "/api/v1/company", secret, json={"iban": "AE00"})
    assert "iban" in fields_of(resp)


def test_jobs_errors_use_the_one_shape(client, secret):
    assert "name" in fields_of(call(client, "POST", "/api/v1/jobs", secret, json={"name": 5}))
    unknown = call(client, "POST", "/api/v1/jobs", secret, json={"name": "x", "when": 1})
    assert fields_of(unknown) == {"when": "is not a known field"}
    params = call(client, "POST", "/api/v1/jobs", secret, json={"name": "x", "params": []})
    assert "params" in fields_of(params)
