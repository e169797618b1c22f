"""POST /api/v1/einvoice/validate and the required-profile settings, as an API client sees them."""

import pytest

from plugins.einvoice.tests.official import EXAMPLES, broken

PINT_AE = next(p for p in EXAMPLES if p.name == "pint-ae-2025.11_Standard-tax-invoice.xml")
BIS = next(p for p in EXAMPLES if p.name == "base-example.xml")
XML = {"Content-Type": "application/xml"}


def _validate(api, body: bytes, query: str = "", headers=XML):
    all_headers = {"Authorization": f"Bearer {api.token}", **headers}
    return api.client.post(f"/api/v1/einvoice/validate{query}", data=body, headers=all_headers)


def test_a_valid_document_reports_valid_with_the_profile_from_its_customization_id(api):
    resp = _validate(api, PINT_AE.read_bytes())
    assert resp.status_code == 200
    body = resp.get_json()
    assert (body["valid"], body["profile"], body["errors"]) == (True, "pint-ae", [])
    assert isinstance(body["warnings"], list)


def test_a_broken_document_lists_each_official_rule_with_flag_location_and_message(api):
    path, rules = next((p, r) for p, r in broken("broken") if p.name == "totals-payable-wrong.xml")
    body = _validate(api, path.read_bytes(), "?profile=peppol").get_json()
    assert body["valid"] is False and body["profile"] == "peppol"
    assert set(rules) <= {e["rule"] for e in body["errors"]}
    first = body["errors"][0]
    assert set(first) == {"rule", "flag", "location", "message"} and first["flag"] == "fatal"


def test_the_profile_parameter_overrides_the_customization_id(api):
    body = _validate(api, BIS.read_bytes(), "?profile=pint-ae").get_json()
    assert body["profile"] == "pint-ae" and body["valid"] is False


@pytest.mark.parametrize(
    "body",
    [b"", b"hello", b"<html/>", b'<!DOCTYPE x [<!ENTITY a "b">]><Invoice>&a;</Invoice>'],
)
def test_what_is_not_ubl_is_a_422_with_a_clear_message(api, body):
    resp = _validate(api, body)
    assert resp.status_code == 422
    error = resp.get_json()["error"]
    assert error["code"] == "not_ubl" and error["message"].startswith("Not a UBL 2.1")


def test_json_or_no_content_type_is_refused_naming_the_expected_one(api):
    resp = _validate(api, PINT_AE.read_bytes(), headers={"Content-Type": "application/json"})
    assert resp.status_code == 415
    assert "application/xml" in resp.get_json()["error"]["message"]


def test_an_unknown_profile_is_a_400_listing_the_known_ones(api):
    resp = _validate(api, PINT_AE.read_bytes(), "?profile=xrechnung")
    assert resp.status_code == 400
    assert resp.get_json()["error"]["details"]["profiles"] == ["peppol", "pint-ae", "en16931"]


def test_an_oversized_document_is_refused(api, app):
    app.config["EINVOICE_MAX_DOCUMENT_BYTES"] = 1000
    resp = _validate(api, PINT_AE.read_bytes())
    assert resp.status_code == 413 and resp.get_json()["error"]["code"] == "document_too_large"


def test_validation_needs_a_signed_in_actor(client):
    resp = client.post("/api/v1/einvoice/validate", data=PINT_AE.read_bytes(), headers=XML)
    assert resp.status_code == 401


def test_required_profiles_are_automatic_until_set_and_drive_finalize(api, customer):
    base = "/api/v1/einvoice/settings"
    shown = api.get(base).get_json()
    assert shown["automatic"] is True and shown["required_profiles"] == []
    assert "PINT-AE 2026.5" in shown["rule_versions"]["pint-ae"]
    bad = api._call("PUT", base, json={"required_profiles": ["xrechnung"]})
    assert bad.status_code == 422
    assert "required_profiles[0]" in bad.get_json()["error"]["details"]["fields"]
    put = api._call("PUT", base, json={"required_profiles": ["pint-ae", "peppol"]})
    assert put.get_json()["required_profiles"] == ["pint-ae", "peppol"]
    from plugins.invoicing.tests.helpers import draft_payload

    draft = api.post("/api/v1/invoices", json=draft_payload(customer.id)).get_json()
    done = api.post(f"/api/v1/invoices/{draft['id']}/finalize")
    assert done.status_code == 200, done.get_json()  # this draft passes both
    shown = api.get(base).get_json()  # read-modify-write: the GET's answer goes back as is
    again = api._call("PUT", base, json={**shown, "required_profiles": ["pint-ae"]})
    assert again.status_code == 200, again.get_json()
    assert again.get_json()["required_profiles"] == ["pint-ae"]
    changed = api._call("PUT", base, json={**shown, "automatic": True, "rule_versions": {}})
    fields = changed.get_json()["error"]["details"]["fields"]
    assert changed.status_code == 422 and set(fields) == {"automatic", "rule_versions"}
    back = api._call("PUT", base, json={"required_profiles": []}).get_json()
    assert back["automatic"] is True
