"""Vendors and draft purchase orders carry versions: ETag on GET, If-Match on PATCH, 409
``stale_version`` with the current record. Runs on SQLite and PostgreSQL."""

import json
import re


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
    # Once sent, the order's state is refused before any If-Match (checked on the locked row).
    assert api.post(f"{path}/send").status_code == 200
    late = api.patch(path, json={"notes": "late"}, headers={"If-Match": '"1"'})
    assert late.status_code == 409 and late.get_json()["error"]["code"] == "po_not_draft"


def _open_bill(api, vendor, sent_po):
    from plugins.ap.tests.helpers import post_bill, receive

    po = sent_po()
    receive(api, po, ("100", "100"), ("10", "10"))
    bill = post_bill(api, vendor, po, (0, "100", "2.50"), (None, "10", "100.00")).get_json()
    return po, bill


def test_bill_if_match_on_relink_approve_and_reject(api, vendor, sent_po):
    po, bill = _open_bill(api, vendor, sent_po)
    path = f"/api/v1/bills/{bill['id']}"
    tag = api.get(path).headers["ETag"]
    assert tag == '"1"' and bill["version"] == 1
    line = f"{path}/lines/{bill['lines'][1]['id']}"
    ok = api.patch(line, json={"po_line_id": po["lines"][1]["id"]}, headers={"If-Match": tag})
    assert ok.status_code == 200 and ok.headers["ETag"] == '"2"'

    # Approving or rejecting what one read before that relink is refused; nothing changes.
    for action, body in (("approve", {}), ("reject", {"reason": "wrong price"})):
        stale = api.post(f"{path}/{action}", json=body, headers={"If-Match": tag})
        assert stale.status_code == 409
        error = stale.get_json()["error"]
        assert error["code"] == "stale_version" and error["details"]["current"]["version"] == 2
    assert api.get(path).get_json()["status"] == "MATCHED"
    approved = api.post(f"{path}/approve", json={}, headers={"If-Match": '"2"'})
    assert approved.status_code == 200 and approved.headers["ETag"] == '"3"'


def test_bill_relinked_meanwhile_shows_the_merge_page(api, vendor, sent_po, login):
    from tests.support.fixtures import csrf_token

    po, bill = _open_bill(api, vendor, sent_po)
    client = login()
    url = f"/ap/bills/{bill['id']}"
    page = client.get(url).get_data(as_text=True)
    assert "data-edit-watch" in page and f"edit.ap_bill:{bill['id']}" in page
    token = csrf_token(client, url)
    first, second = (line["id"] for line in bill["lines"])
    original = json.dumps({f"line-{first}": str(po["lines"][0]["id"]), f"line-{second}": ""})
    # A colleague links line 2 to PO line 2 (version 2) while this page shows version 1.
    api.patch(
        f"/api/v1/bills/{bill['id']}/lines/{second}", json={"po_line_id": po["lines"][1]["id"]}
    )
    form = {"csrf_token": token, "_version": "1", "_original": original}
    refused = client.post(f"{url}/lines/{second}", data=form | {"po_line_id": po["lines"][0]["id"]})
    assert refused.status_code == 409
    html = refused.get_data(as_text=True)
    assert "saved this record after you opened it" in html
    assert f'data-change="line-{second}"' in html and "2. " in html  # theirs: PO line 2
    assert api.get(f"/api/v1/bills/{bill['id']}").get_json()["version"] == 2  # nothing saved

    # Keep theirs: the merge saves nothing new and the bill stays as the colleague left it.
    merge = {"csrf_token": token, "_merge": "1", "_version": "2"}
    merged = client.post(f"{url}/links", data=merge | {"_mine": "{}", "_theirs": "{}"})
    assert merged.status_code == 303
    # Take mine: line 2 goes to PO line 1 against version 2.
    mine = json.dumps({f"line-{second}": str(po["lines"][0]["id"])})
    theirs = json.dumps({f"line-{second}": str(po["lines"][1]["id"])})
    choice = {"_mine": mine, "_theirs": theirs, f"take:line-{second}": "mine"}
    taken = client.post(f"{url}/links", data=merge | choice)
    assert taken.status_code == 303
    now = api.get(f"/api/v1/bills/{bill['id']}").get_json()
    assert now["version"] == 3 and now["lines"][1]["po_line_id"] == po["lines"][0]["id"]


def test_approving_a_bill_changed_meanwhile_is_refused_in_the_page(api, vendor, sent_po, login):
    from tests.support.fixtures import csrf_token

    po, bill = _open_bill(api, vendor, sent_po)
    client = login()
    url = f"/ap/bills/{bill['id']}"
    token = csrf_token(client, url)
    second = bill["lines"][1]["id"]
    api.patch(
        f"/api/v1/bills/{bill['id']}/lines/{second}", json={"po_line_id": po["lines"][1]["id"]}
    )
    resp = client.post(
        f"{url}/approve", data={"csrf_token": token, "_version": "1", "reason": "ok"}
    )
    page = client.get(resp.headers["Location"]).get_data(as_text=True)
    assert "changed this bill after you opened it; nothing was done" in page
    assert api.get(f"/api/v1/bills/{bill['id']}").get_json()["status"] == "MATCHED"


def test_vendor_edit_page_saves_refuses_when_stale_and_merges(api, vendor, login):
    from tests.support.fixtures import csrf_token

    client = login()
    url = f"/ap/vendors/{vendor['id']}/edit"
    assert f"/ap/vendors/{vendor['id']}/edit" in client.get("/ap/vendors").get_data(as_text=True)
    page = client.get(url).get_data(as_text=True)
    assert f"edit.ap_vendor:{vendor['id']}" in page and "data-edit-watch" in page
    token = csrf_token(client, url)
    original = api.get(f"/api/v1/vendors/{vendor['id']}").get_json()
    fields = ("name", "trn", "peppol_id", "email", "address_line1", "city", "country",
              "emirate", "iban", "payment_terms_days")  # fmt: skip
    opened = {name: "" if original.get(name) is None else str(original[name]) for name in fields}
    form = {"csrf_token": token, "_version": "1", "_original": json.dumps(opened)}

    # A colleague changes the city through the API (version 2) while the page shows version 1.
    api.patch(f"/api/v1/vendors/{vendor['id']}", json={"city": "Sharjah"})
    mine = opened | {"email": "billing@vendor.ae"}
    refused = client.post(url, data=form | mine)
    assert refused.status_code == 409
    html = refused.get_data(as_text=True)
    assert 'data-change="city"' in html and 'data-change="email"' in html
    assert api.get(f"/api/v1/vendors/{vendor['id']}").get_json()["email"] != "billing@vendor.ae"

    theirs = json.dumps(opened | {"city": "Sharjah"})
    merge = {"csrf_token": token, "_merge": "1", "_version": "2", "_mine": json.dumps(mine)}
    done = client.post(url, data=merge | {"_theirs": theirs, "take:email": "mine"})
    assert done.status_code == 303
    stored = api.get(f"/api/v1/vendors/{vendor['id']}")
    now = stored.get_json()
    assert (now["city"], now["email"], stored.headers["ETag"]) == (
        "Sharjah",
        "billing@vendor.ae",
        '"3"',
    )

    # An ordinary save at the current version goes through.
    current = {name: "" if now.get(name) is None else str(now[name]) for name in fields}
    form = {"csrf_token": token, "_version": "3", "_original": json.dumps(current)}
    assert client.post(url, data=form | current | {"city": "Ajman"}).status_code == 303
    assert api.get(f"/api/v1/vendors/{vendor['id']}").get_json()["city"] == "Ajman"


def test_draft_order_edit_page_saves_and_merges_a_stale_save(api, sent_po, login):
    from tests.support.fixtures import csrf_token

    draft = sent_po(send=False)
    client = login()
    url = f"/ap/purchase-orders/{draft['id']}/edit"
    assert url in client.get(f"/ap/purchase-orders/{draft['id']}").get_data(as_text=True)
    page = client.get(url)
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and f"edit.ap_purchase_order:{draft['id']}" in html
    original = re.search(r'name="_original" value="([^"]*)"', html).group(1)
    original = json.loads(original.replace("&#34;", '"').replace("&quot;", '"'))
    token = csrf_token(client, url)
    fields = {name: original[name] for name in ("vendor_id", "order_date", "currency")}
    fields["expected_date"] = original["expected_date"]
    for i, line in enumerate(original["lines"]):
        fields |= {f"lines-{i}-{name}": value for name, value in line.items()}
    form = {"csrf_token": token, "_version": "1", "_original": json.dumps(original)}

    # Unchanged form at the current version: saved, nothing lost (quantities as typed).
    assert client.post(url, data=form | fields | {"expected_date": "2026-04-01"}).status_code == 303
    assert api.get(f"/api/v1/purchase-orders/{draft['id']}").get_json()["expected_date"] == (
        "2026-04-01"
    )
    # The same form again (version 1 opened): refused, the merge page shows the date.
    refused = client.post(url, data=form | fields | {"currency": "USD"})
    assert refused.status_code == 409
    html = refused.get_data(as_text=True)
    assert 'data-change="expected_date"' in html and 'data-change="currency"' in html
    assert 'data-change="lines"' not in html  # the lines compare equal as typed


def test_settings_if_match_from_the_defaults_on(api):
    first = api.get("/api/v1/ap/settings")
    assert first.headers["ETag"] == '"0"'  # the defaults: no change made yet
    ok = api.patch("/api/v1/ap/settings", json={"duplicate_policy": "block"},
                   headers={"If-Match": '"0"'})  # fmt: skip
    assert ok.status_code == 200 and ok.headers["ETag"] == '"1"'
    stale = api.patch("/api/v1/ap/settings", json={"duplicate_policy": "flag"},
                      headers={"If-Match": '"0"'})  # fmt: skip
    assert stale.status_code == 409
    assert stale.get_json()["error"]["details"]["current"]["duplicate_policy"] == "block"
    assert api.patch("/api/v1/ap/settings", json={"over_receipt_percent": "5"}).status_code == 200
    assert api.get("/api/v1/ap/settings").headers["ETag"] == '"2"'


def test_settings_page_shows_the_merge_page_for_a_stale_save(api, login):
    from tests.support.fixtures import csrf_token

    client = login()
    page = client.get("/ap/settings").get_data(as_text=True)
    assert 'name="_version" value="0"' in page
    opened = api.get("/api/v1/ap/settings").get_json()
    token = csrf_token(client, "/ap/settings")
    api.patch("/api/v1/ap/settings", json={"duplicate_policy": "block"})  # a colleague
    form = {"csrf_token": token, "_version": "0", "_original": json.dumps(opened)}
    refused = client.post("/ap/settings", data=form | opened | {"over_receipt_percent": "7"})
    assert refused.status_code == 409
    html = refused.get_data(as_text=True)
    assert 'data-change="duplicate_policy"' in html and 'data-change="over_receipt_percent"' in html
    assert api.get("/api/v1/ap/settings").get_json()["over_receipt_percent"] != "7"
