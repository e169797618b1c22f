"""Participant ids checked per scheme, and the network look-up through a provider (cached)."""

import pytest

from plugins.peppol.participants import check

VALID = [
    "0088:5790000435975",
    "0192:988077917",
    "0208:0403170701",
    "9925:BE0403170701",
    "0235:1009876543",
    "0007:5560360793",
    "0106:12345678",
    "9930:DE136695976",
    "0184:13585628",
    "iso6523-actorid-upis::0088:5790000435975",
]
INVALID = [
    ("0088:5790000435976", "check digits"),
    ("0192:988077918", "check digits"),
    ("0208:0403170702", "check digits"),
    ("0235:123456789", "UAE TIN"),
    ("0235:9900000001", "special"),
    ("0235:2009876543", "starts with 1"),
    ("9999:123", "Unknown participant scheme"),
    ("0037:123456", "deprecated"),
    ("no-colon", "scheme:value"),
]


@pytest.mark.parametrize("pid", VALID)
def test_valid_ids(pid):
    assert check(pid).valid_format, check(pid).reason


@pytest.mark.parametrize(("pid", "why"), INVALID)
def test_invalid_ids_say_why(pid, why):
    result = check(pid)
    assert not result.valid_format and why in result.reason


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("9900000097", "deemed_supply"),
        ("9900000098", "buyer_outside_network"),
        ("9900000099", "export"),
    ],
)
def test_uae_special_endpoints(api, value, kind):
    body = api.get(f"/api/v1/peppol/participants/0235:{value}").get_json()
    assert body == {"valid_format": True, "scheme": "0235", "value": value, "special": kind}


def test_api_format_errors(api):
    body = api.get("/api/v1/peppol/participants/9999:123").get_json()
    assert body["valid_format"] is False and "Unknown" in body["reason"]
    assert "registered" not in body


def test_lookup_through_the_provider_is_cached(api, mock_account):
    mock_account.registered["0088:5790000435975"] = ["urn:peppol:invoice"]
    body = api.get("/api/v1/peppol/participants/0088:5790000435975").get_json()
    assert body["registered"] is True and body["document_types"] == ["urn:peppol:invoice"]
    mock_account.registered.clear()
    cached = api.get("/api/v1/peppol/participants/0088:5790000435975").get_json()
    assert cached["registered"] is True  # from the cache
    fresh = api.get("/api/v1/peppol/participants/0088:5790000435975?refresh=1").get_json()
    assert fresh["registered"] is False


def test_belgian_lookup_tries_the_other_scheme(api, mock_account):
    mock_account.registered["9925:BE0403170701"] = ["urn:peppol:invoice"]
    body = api.get("/api/v1/peppol/participants/0208:0403170701").get_json()
    assert body["registered"] is True


def test_an_invalid_receiver_is_refused_before_sending(app):
    # Finalizing already refuses most bad ids, so the buyer snapshot is built by hand here.
    from types import SimpleNamespace

    from core.api import DomainError
    from plugins.peppol.transmit import _receiver

    invoice = SimpleNamespace(buyer_peppol_id="0088:5790000435976", customer=None, customer_id=1)
    with pytest.raises(DomainError) as refused:
        _receiver(invoice)
    assert (refused.value.status, refused.value.code) == (422, "invalid_participant")
    assert refused.value.details["valid_format"] is False
