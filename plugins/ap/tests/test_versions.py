"""Vendors and draft purchase orders carry versions: ETag on GET, If-Match on PATCH, 409
``stale_version`` with the current record. Runs on SQLite and PostgreSQL."""

import json


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
