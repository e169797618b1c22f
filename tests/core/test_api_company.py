"""GET/PATCH /api/v1/company: the caller's own profile, validated, audited, announced live."""

from __future__ import annotations

import pytest

VALID_IBAN = "AE070331234567890123456"


@pytest.fixture
def acme(make_company, make_user, api_token):
    company = make_company()
    user = make_user(company=company)
    return company, {"Authorization": f"Bearer {api_token(user)}"}


def patch(client, headers, body):
    return client.patch("/api/v1/company", json=body, headers=headers)


def test_get_returns_own_company(client, acme, make_company, make_user, api_token):
    company, headers = acme
    other = make_company(name="Beta FZE", trn="100999888700003")
    beta_headers = {"Authorization": f"Bearer {api_token(make_user('b@beta.ae', other))}"}
    assert client.get("/api/v1/company", headers=headers).get_json()["name"] == "Acme Trading LLC"
    body = client.get("/api/v1/company", headers=beta_headers).get_json()
    assert body == {**body, "id": other.id, "name": "Beta FZE", "trn": "100999888700003"}


def test_patch_updates_the_profile(client, acme):
    company, headers = acme
    resp = patch(
        client,
        headers,
        {
            "name": "Acme Trading L.L.C.",
            "address_line1": "Office 12, Bay Square",
            "city": "Dubai",
            "postal_code": "00000",
            "peppol_id": "0235:100123456700003",
            "iban": "AE07 0331 2345 6789 0123 456",
            "email": "Billing@Acme.AE",
            "phone": "+971 4 123 4567",
        },
    )
    assert resp.status_code == 200, resp.get_json()
    body = resp.get_json()
    assert body["iban"] == VALID_IBAN
    assert body["city"] == "Dubai"
    again = client.get("/api/v1/company", headers=headers).get_json()
    assert again == body


def test_partial_patch_leaves_other_fields(client, acme):
    _, headers = acme
    patch(client, headers, {"city": "Dubai"})
    body = patch(client, headers, {"postal_code": "12345"}).get_json()
    assert (body["city"], body["postal_code"], body["trn"]) == ("Dubai", "12345", "100123456700003")


@pytest.mark.parametrize(
    "body, field",
    [
        ({"trn": "12345"}, "trn"),
        ({"country": "XX"}, "country"),
        ({"country": "ARE"}, "country"),
        ({"iban": "AE070331234567890123457"}, "iban"),
        ({"email": "billing-at-acme"}, "email"),
        ({"peppol_id": "100123456700003"}, "peppol_id"),
        ({"peppol_id": "235:100123456700003"}, "peppol_id"),
        ({"name": ""}, "name"),
        ({"name": None}, "name"),
        ({"country": None}, "country"),
        ({"city": 42}, "city"),
        ({"colour": "blue"}, "colour"),
        ({"base_currency": "USD"}, "base_currency"),  # read-only: sent back unchanged only
        ({"id": 2**31 - 1}, "id"),
    ],
)
def test_invalid_values_are_422_per_field(client, acme, body, field):
    _, headers = acme
    resp = patch(client, headers, body)
    assert resp.status_code == 422, resp.get_json()
    error = resp.get_json()["error"]
    assert error["code"] == "validation_failed"
    assert list(error["details"]["fields"]) == [field]
    assert client.get("/api/v1/company", headers=headers).get_json()["name"] == "Acme Trading LLC"


def test_all_errors_come_back_together_and_nothing_is_saved(client, acme):
    _, headers = acme
    resp = patch(client, headers, {"city": "Ajman", "iban": "AE00", "email": "x"})
    assert set(resp.get_json()["error"]["details"]["fields"]) == {"iban", "email"}
    # The body's shape is checked first by core (every shape error at once), then the rules.
    resp = patch(client, headers, {"city": 42, "name": None, "extra": 1})
    assert set(resp.get_json()["error"]["details"]["fields"]) == {"city", "name", "extra"}
    assert client.get("/api/v1/company", headers=headers).get_json()["city"] == "Dubai"


def test_moving_to_the_uae_rechecks_the_saved_trn(client, acme):
    _, headers = acme
    assert patch(client, headers, {"country": "DE", "trn": "DE123456789"}).status_code == 200
    resp = patch(client, headers, {"country": "AE"})
    assert resp.status_code == 422
    assert "trn" in resp.get_json()["error"]["details"]["fields"]


def test_empty_patch_is_422(client, acme):
    _, headers = acme
    resp = patch(client, headers, {})
    assert resp.status_code == 422


def test_patch_is_audited_with_masked_values(client, acme):
    company, headers = acme
    patch(client, headers, {"email": "billing@acme.ae", "iban": VALID_IBAN, "city": "Ajman"})
    resp = client.get(f"/api/v1/audit?record_type=company&record_id={company.id}", headers=headers)
    entries = resp.get_json()["data"]
    assert [e["action"] for e in entries] == ["CompanyUpdated"]
    changes = entries[0]["details"]["changes"]
    assert changes["email"]["to"] == "bil***@acme.ae"
    assert changes["iban"]["to"] == "AE07***3456"
    assert changes["city"] == {"from": "Dubai", "to": "Ajman"}
    assert entries[0]["actor"].startswith("adm***@acme.ae")
    assert VALID_IBAN not in resp.get_data(as_text=True)


def test_unchanged_values_are_not_audited(client, acme):
    company, headers = acme
    patch(client, headers, {"name": "Acme Trading LLC"})
    resp = client.get("/api/v1/audit?record_type=company", headers=headers)
    assert resp.get_json()["data"] == []


def test_patch_announces_company_updated_to_the_company_room(app, client, acme, api_token):
    from core.extensions import socketio

    company, headers = acme
    secret = headers["Authorization"].split()[1]
    listener = socketio.test_client(app, auth={"token": secret})
    assert listener.is_connected()
    listener.get_received()
    patch(client, headers, {"city": "Ajman", "phone": "+971 4 123 4567"})
    events = [e for e in listener.get_received() if e["name"] == "company_updated"]
    assert events == [
        {
            "name": "company_updated",
            "args": [{"id": company.id, "fields": ["city", "phone"]}],
            "namespace": "/",
        }
    ]
    patch(client, headers, {"iban": "AE00"})  # refused: nothing is announced
    assert [e for e in listener.get_received() if e["name"] == "company_updated"] == []
    listener.disconnect()


def test_account_without_company_gets_404(client, make_user, api_token):
    admin = make_user(email="root@ledgerline.test", role="SUPER_ADMIN")
    resp = client.get("/api/v1/company", headers={"Authorization": f"Bearer {api_token(admin)}"})
    assert resp.status_code == 404
    assert resp.get_json()["error"]["code"] == "not_found"


def test_company_etag_and_if_match(client, acme):
    _, headers = acme
    tag = client.get("/api/v1/company", headers=headers).headers["ETag"]
    ok = client.patch(
        "/api/v1/company", json={"city": "Fujairah"}, headers={**headers, "If-Match": tag}
    )
    assert ok.status_code == 200 and ok.headers["ETag"] != tag
    stale = client.patch(
        "/api/v1/company", json={"city": "Ajman"}, headers={**headers, "If-Match": tag}
    )
    assert stale.status_code == 409
    error = stale.get_json()["error"]
    assert error["code"] == "stale_version" and error["details"]["current"]["city"] == "Fujairah"
    assert client.get("/api/v1/company", headers=headers).get_json()["city"] == "Fujairah"
