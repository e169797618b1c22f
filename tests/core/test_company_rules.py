"""The company profile rules shared by /company/edit and PATCH /api/v1/company."""

from core.company_rules import clean_company, iban_checksum_ok, validate_company

GOOD = {
    "name": "Acme Trading LLC",
    "trn": "100 1234 5670 0003",
    "iban": "AE07 0331 2345 6789 0123 456",
    "email": "Billing@Acme.AE",
    "peppol_id": "0235:100123456700003",
    "phone": "+971 50 123 4567",
    "country": "ae",
}


def test_a_typical_uae_profile_is_valid_and_normalized():
    cleaned, errors = clean_company(GOOD)
    assert errors == {}
    assert cleaned["trn"] == "100123456700003"
    assert cleaned["iban"] == "AE070331234567890123456"
    assert cleaned["email"] == "Billing@acme.ae"
    assert cleaned["phone"] == "+971501234567"
    assert cleaned["country"] == "AE"


def test_uae_trn_must_have_15_digits_starting_with_1():
    assert "trn" in validate_company({"trn": "200123456700003", "country": "AE"})
    assert "trn" in validate_company({"trn": "10012345670000", "country": "AE"})
    assert validate_company({"trn": "DE123456789", "country": "DE"}) == {}


def test_partial_update_is_checked_against_the_saved_country():
    saved = {"country": "AE", "trn": "100123456700003"}
    assert "trn" in validate_company({"trn": "DE123456789"}, current=saved)
    assert "trn" in validate_company({"country": "AE"}, current={"trn": "DE1234567"})


def test_iban_check_digits_catch_a_typo():
    assert iban_checksum_ok("GB82WEST12345698765432")
    assert not iban_checksum_ok("GB82WEST12345698765433")
    errors = validate_company({"iban": "AE08 0331 2345 6789 0123 456"})
    assert "check digits" in errors["iban"]


def test_bad_email_peppol_and_empty_name_are_reported_per_field():
    errors = validate_company({"email": "billing@", "peppol_id": "235:1", "name": "  "})
    assert set(errors) == {"email", "peppol_id", "name"}


def test_unknown_or_read_only_fields_are_refused():
    assert set(validate_company({"id": 7, "base_currency": "USD"})) == {"id", "base_currency"}


def test_empty_optional_field_clears_it():
    cleaned, errors = clean_company({"iban": "", "address_line2": "  "})
    assert errors == {}
    assert cleaned == {"iban": None, "address_line2": None}


def test_country_must_be_a_real_iso_code():
    assert "country" in validate_company({"country": "XX"})
    assert validate_company({"country": "de"}) == {}
