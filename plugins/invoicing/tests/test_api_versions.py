"""Concurrent editing through the API: ETag on GET, If-Match on PATCH, 409 stale_version.

Runs on SQLite and, with LEDGERLINE_TEST_DB=postgresql, on PostgreSQL.
"""

from plugins.invoicing.tests.helpers import draft_payload


def _draft(api, customer):
    resp = api.post("/api/v1/invoices", json=draft_payload(customer.id))
    assert resp.status_code == 201, resp.get_json()
    return resp.get_json()


def test_get_gives_etag_and_patch_moves_it(api, customer):
    made = _draft(api, customer)
    read = api.get(f"/api/v1/invoices/{made['id']}")
    assert read.headers["ETag"] == '"1"' and read.get_json()["version"] == 1
    changed = api.patch(
        f"/api/v1/invoices/{made['id']}", json={"notes": "mine"}, headers={"If-Match": '"1"'}
    )
    assert changed.status_code == 200, changed.get_json()
    assert changed.headers["ETag"] == '"2"' and changed.get_json()["version"] == 2
    assert api.get(f"/api/v1/invoices/{made['id']}").headers["ETag"] == '"2"'


def test_stale_if_match_is_409_with_the_current_record(api, customer):
    made = _draft(api, customer)
    path = f"/api/v1/invoices/{made['id']}"
    first = api.patch(path, json={"notes": "first"}, headers={"If-Match": '"1"'})
    assert first.status_code == 200
    second = api.patch(path, json={"notes": "second"}, headers={"If-Match": '"1"'})
    assert second.status_code == 409
    body = second.get_json()
    assert body["error"]["code"] == "stale_version"
    assert body["correlation_id"]
    details = body["error"]["details"]
    assert details["expected_version"] == 1 and details["current_version"] == 2
    assert details["current"]["notes"] == "first" and details["current"]["id"] == made["id"]
    # Nothing of the refused write was stored.
    assert api.get(path).get_json()["notes"] == "first"
    # Retried against the version it was shown, it goes through.
    retry = api.patch(path, json={"notes": "second"}, headers={"If-Match": '"2"'})
    assert retry.status_code == 200 and retry.get_json()["notes"] == "second"


def test_lines_only_change_moves_the_version(api, customer):
    made = _draft(api, customer)
    path = f"/api/v1/invoices/{made['id']}"
    lines = [{"description": "Only line", "quantity": "2", "unit_price": "10"}]
    assert api.patch(path, json={"lines": lines}).headers["ETag"] == '"2"'
    stale = api.patch(path, json={"notes": "x"}, headers={"If-Match": '"1"'})
    assert stale.status_code == 409
    assert [ln["description"] for ln in stale.get_json()["error"]["details"]["current"]["lines"]]


def test_without_if_match_last_write_wins_as_before(api, customer):
    made = _draft(api, customer)
    path = f"/api/v1/invoices/{made['id']}"
    assert api.patch(path, json={"notes": "a"}).status_code == 200
    assert api.patch(path, json={"notes": "b"}).status_code == 200
    star = api.patch(path, json={"notes": "c"}, headers={"If-Match": "*"})
    assert star.status_code == 200 and star.get_json()["version"] == 4


def test_weak_etag_accepted_and_garbage_refused(api, customer):
    made = _draft(api, customer)
    path = f"/api/v1/invoices/{made['id']}"
    weak = api.patch(path, json={"notes": "w"}, headers={"If-Match": 'W/"1"'})
    assert weak.status_code == 200
    bad = api.patch(path, json={"notes": "x"}, headers={"If-Match": "version two"})
    assert bad.status_code == 400
    assert bad.get_json()["error"]["code"] == "invalid_if_match"
    assert api.get(path).get_json()["notes"] == "w"


def test_customer_versions(api, customer):
    path = f"/api/v1/customers/{customer.id}"
    read = api.get(path)
    assert read.headers["ETag"] == '"1"'
    ok = api.patch(path, json={"city": "Dubai"}, headers={"If-Match": '"1"'})
    assert ok.status_code == 200 and ok.headers["ETag"] == '"2"'
    stale = api.patch(path, json={"city": "Sharjah"}, headers={"If-Match": '"1"'})
    assert stale.status_code == 409
    error = stale.get_json()["error"]
    assert error["code"] == "stale_version" and error["details"]["current"]["city"] == "Dubai"


def test_openapi_documents_if_match_etag_and_409(api):
    doc = api.get("/api/v1/openapi.json").get_json()
    patch = doc["paths"]["/api/v1/invoices/{invoice_id}"]["patch"]
    assert "If-Match" in [p["name"] for p in patch["parameters"]]
    assert "stale_version" in patch["responses"]["409"]["description"]
    assert "ETag" in patch["responses"]["200"]["headers"]
    get = doc["paths"]["/api/v1/customers/{customer_id}"]["get"]
    assert "ETag" in get["responses"]["200"]["headers"]
    assert "stale_version" in doc["info"]["description"]
