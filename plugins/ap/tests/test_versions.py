"""Vendors and draft purchase orders carry versions: ETag on GET, If-Match on PATCH, 409
``stale_version`` with the current record. Runs on SQLite and PostgreSQL."""


def test_vendor_if_match(api, vendor):
    path = f"/api/v1/vendors/{vendor['id']}"
    tag = api.get(path).headers["ETag"]
    assert tag == '"1"'
    ok = api.patch(path, json={"city": "Sharjah"}, headers={"If-Match": tag})
    assert ok.status_code == 200 and ok.headers["ETag"] == '"2"'
    stale = api.patch(path, json={"city": "Ajman"}, headers={"If-Match": tag})
    assert stale.status_code == 409
    error = stale.get_json()["error"]
    assert error["code"] == "stale_version" and error["details"]["current"]["city"] == "Sharjah"
    assert api.get(path).get_json()["city"] == "Sharjah"


def test_draft_order_if_match(api, sent_po):
    draft = sent_po(send=False)
    path = f"/api/v1/purchase-orders/{draft['id']}"
    assert api.get(path).headers["ETag"] == '"1"'
    ok = api.patch(path, json={"notes": "first"}, headers={"If-Match": '"1"'})
    assert ok.status_code == 200 and ok.headers["ETag"] == '"2"'
    stale = api.patch(path, json={"notes": "second"}, headers={"If-Match": '"1"'})
    assert stale.status_code == 409
    assert stale.get_json()["error"]["details"]["current"]["notes"] == "first"
    # Without If-Match the write goes through as before.
    assert api.patch(path, json={"notes": "third"}).get_json()["notes"] == "third"
