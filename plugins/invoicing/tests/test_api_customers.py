"""Customers through the API: validation with field errors, list, read, update."""


def test_create_read_update_list(api):
    resp = api.post(
        "/api/v1/customers",
        json={
            "name": "Desert Rose Trading",
            "trn": "100222333400003",
            "vat_ids": ["DE136695976"],
            "peppol_id": "0235:1002223334",
            "country": "AE",
            "payment_terms_days": 45,
        },
    )
    assert resp.status_code == 201, resp.get_json()
    made = resp.get_json()
    assert made["payment_terms_days"] == 45 and made["vat_ids"] == ["DE136695976"]
    changed = api.patch(f"/api/v1/customers/{made['id']}", json={"email": "ap@rose.ae"})
    assert (
        changed.get_json()["email"] == "ap@rose.ae" and changed.get_json()["name"] == made["name"]
    )
    assert api.get(f"/api/v1/customers/{made['id']}").get_json()["trn"] == "100222333400003"
    listing = api.get("/api/v1/customers?q=rose").get_json()
    assert [c["id"] for c in listing["data"]] == [made["id"]]


def test_invalid_customer_fields_are_named(api):
    resp = api.post(
        "/api/v1/customers",
        json={
            "name": "",
            "trn": "12345",
            "peppol_id": "9999:abc",
            "email": "nope",
            "country": "XX",
            "vat_ids": ["123"],
            "payment_terms_days": -3,
        },
    )
    assert resp.status_code == 422
    fields = resp.get_json()["error"]["details"]["fields"]
    expected = {"name", "trn", "peppol_id", "email", "country", "vat_ids", "payment_terms_days"}
    assert set(fields) == expected
    raw = api.client.post(
        "/api/v1/customers",
        data="x",
        content_type="application/json",
        headers={"Authorization": f"Bearer {api.token}"},
    )
    assert raw.status_code == 400 and raw.get_json()["error"]["code"] == "invalid_json"
    assert api.get("/api/v1/customers/424242").status_code == 404
