"""Identifiers a user types: accepted in canonical form, or refused with a clear reason."""

import pytest

from plugins.einvoice.identifiers import (
    IdentifierError,
    tin_from_trn,
    validate_peppol_id,
    validate_trn,
    validate_vat_id,
)


def test_trn_is_normalized():
    assert validate_trn(" 100-1234-5670-0003 ") == "100123456700003"
    assert tin_from_trn("100123456700003") == "1001234567"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("10012345670003", "exactly 15 digits"),
        ("1001234567000031", "exactly 15 digits"),
        ("10012345670000A", "exactly 15 digits"),
        ("200123456700003", "starts with 1"),
        ("100123456700001", "ends with 03"),
    ],
)
def test_bad_trn_is_refused(value, message):
    with pytest.raises(IdentifierError, match=message):
        validate_trn(value)


def test_vat_ids_keep_their_iso_prefix():
    assert validate_vat_id("ae100123456700003") == "AE100123456700003"
    assert validate_vat_id("BE 0403.019.261") == "BE0403019261"
    assert validate_vat_id("NO987654325MVA") == "NO987654325MVA"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("100123456700003", "starts with the ISO country code"),
        ("AE100123456700001", "ends with 03"),
        ("BE0403019262", "not a valid BE VAT number"),
        ("XX12345", "ISO country code"),
    ],
)
def test_bad_vat_id_is_refused(value, message):
    with pytest.raises(IdentifierError, match=message):
        validate_vat_id(value)


@pytest.mark.parametrize(
    ("value", "canonical"),
    [
        ("0235:1001234567", "0235:1001234567"),
        ("0235:9900000001", "0235:9900000001"),
        ("0088:5790000435968", "0088:5790000435968"),
        ("0192:987654325", "0192:987654325"),
        ("0208:0403019261", "0208:0403019261"),
        ("9925:BE0403019261", "9925:BE0403019261"),
    ],
)
def test_peppol_ids_checked_per_scheme(value, canonical):
    assert validate_peppol_id(value) == canonical


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1001234567", 'is "scheme:value"'),
        ("0235:", 'is "scheme:value"'),
        ("9999:123", "Unknown Peppol scheme '9999'"),
        ("0235:100123456700003", "10-digit TIN"),
        ("0235:2001234567", "10-digit TIN"),
        ("0088:5790000435969", "not a valid GLN"),
        ("0088:579000043596", "has 13 digits"),
        ("0192:987654321", "not a valid Norwegian organisation number"),
        ("0208:0403019262", "not a valid Belgian enterprise number"),
        ("9925:DE136695976", "takes a BE VAT number"),
    ],
)
def test_bad_peppol_ids_are_refused(value, message):
    with pytest.raises(IdentifierError, match=message):
        validate_peppol_id(value)


def test_a_refused_identifier_is_explained_in_the_readers_language(app):
    """A form shows the message to its reader: in Arabic for an Arabic reader (the value as
    typed kept in it); English, word for word, for everyone else."""
    from flask_babel import force_locale

    with app.test_request_context(), force_locale("ar"):
        with pytest.raises(IdentifierError) as trn:
            validate_trn("123")
        with pytest.raises(IdentifierError) as peppol:
            validate_peppol_id("1000000000")
    assert str(trn.value) == "يتكوّن رقم التسجيل الضريبي الإماراتي من 15 رقمًا بالضبط؛ المُدخل '123'."
    assert "scheme:value" in str(peppol.value) and "'1000000000'" in str(peppol.value)
    assert "participant" not in str(peppol.value)
