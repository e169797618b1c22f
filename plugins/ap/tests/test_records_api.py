"""Vendors, purchase orders, goods receipts, duplicates and settings through the API."""

from plugins.ap.tests.helpers import bill_body, post_bill, receive


def test_vendor_is_validated_like_a_customer(api):
    resp = api.post(
        "/api/v1/vendors",
        json={"name": "Bad", "trn": "123", "peppol_id": "nonsense", "iban": "AE00123"},
    )
    assert resp.status_code == 422
    fields = resp.get_json()["error"]["details"]["fields"]
    assert {"trn", "peppol_id", "iban"} <= set(fields)


def test_vendor_list_search_and_detail(api, vendor):
    listed = api.get("/api/v1/vendors?q=desert").get_json()
    assert [v["id"] for v in listed["data"]] == [vendor["id"]]
    assert api.get(f"/api/v1/vendors/{vendor['id']}").get_json()["iban"].startswith("AE07")
    assert api.get("/api/v1/vendors/99999").status_code == 404


def test_po_is_a_draft_without_number_then_sent_with_gapless_numbers(api, sent_po):
    draft = sent_po(send=False)
    assert (draft["status"], draft["number"]) == ("DRAFT", None)
    assert draft["total"] == "1312.50" and draft["lines"][0]["id"]
    numbers = []
    for _ in range(3):
        po = sent_po()
        numbers.append(po["number"])
    assert numbers == ["PO/2026/00001", "PO/2026/00002", "PO/2026/00003"]
    sent = api.post(f"/api/v1/purchase-orders/{draft['id']}/send").get_json()
    assert (sent["status"], sent["number"]) == ("SENT", "PO/2026/00004")


def test_only_drafts_can_be_edited(api, sent_po):
    draft = sent_po(send=False)
    resp = api.patch(f"/api/v1/purchase-orders/{draft['id']}", json={"notes": "Urgent"})
    assert resp.status_code == 200 and resp.get_json()["notes"] == "Urgent"
    po = sent_po()
    resp = api.patch(f"/api/v1/purchase-orders/{po['id']}", json={"notes": "Late"})
    assert (resp.status_code, resp.get_json()["error"]["code"]) == (409, "po_not_draft")


def test_receipts_need_a_sent_po_and_refuse_over_receipt(api, sent_po):
    draft = sent_po(send=False)
    assert receive(api, draft, ("1", "1")).status_code == 409
    po = sent_po()
    assert receive(api, po, ("90", "90")).status_code == 201
    over = receive(api, po, ("11", "11"))
    assert over.status_code == 422
    error = over.get_json()["error"]
    assert error["code"] == "over_receipt"
    assert "10 more can be received" in error["details"]["fields"]["lines[0].received_quantity"]
    order = api.get(f"/api/v1/purchase-orders/{po['id']}").get_json()
    assert order["lines"][0]["received_quantity"] == "90"


def test_over_receipt_within_the_company_tolerance(api, sent_po, settings):
    settings(over_receipt_percent="10")
    po = sent_po()
    assert receive(api, po, ("110", "110")).status_code == 201
    assert receive(api, po, ("1", "1")).status_code == 422


def test_rejected_goods_need_a_reason(api, sent_po):
    po = sent_po()
    resp = receive(api, po, ("10", "8"))
    assert resp.status_code == 422
    assert "lines[0].rejection_reason" in resp.get_json()["error"]["details"]["fields"]
    resp = receive(api, po, ("10", "12", "x"))
    assert "lines[0].accepted_quantity" in resp.get_json()["error"]["details"]["fields"]


def test_cancel_and_close(api, sent_po):
    po = sent_po()
    assert api.post(f"/api/v1/purchase-orders/{po['id']}/cancel").get_json()["status"] == (
        "CANCELLED"
    )
    po = sent_po()
    receive(api, po, ("1", "1"))
    assert api.post(f"/api/v1/purchase-orders/{po['id']}/cancel").status_code == 409
    assert api.post(f"/api/v1/purchase-orders/{po['id']}/close").get_json()["status"] == "CLOSED"
    assert receive(api, po, ("1", "1")).status_code == 409


def test_same_number_in_the_same_fiscal_year_is_refused(api, vendor, sent_po):
    first = post_bill(api, vendor, None, (None, "1", "10.00"), number="DUP-1").get_json()
    again = post_bill(api, vendor, None, (None, "2", "10.00"), number="DUP-1")
    assert again.status_code == 409
    error = again.get_json()["error"]
    assert (error["code"], error["details"]["bill_id"]) == ("duplicate_bill", first["id"])
    next_year = post_bill(
        api, vendor, None, (None, "2", "10.00"), number="DUP-1", issue_date="2027-01-05"
    )
    assert next_year.status_code == 201


def test_same_total_and_date_is_flagged_or_blocked(api, vendor, settings):
    first = post_bill(api, vendor, None, (None, "1", "10.00"), number="A-1").get_json()
    twin = post_bill(api, vendor, None, (None, "1", "10.00"), number="A-2").get_json()
    assert twin["possible_duplicate_of"] == first["id"]
    assert any("Possible duplicate" in w for w in twin["warnings"])
    settings(duplicate_policy="block")
    blocked = post_bill(api, vendor, None, (None, "1", "10.00"), number="A-3")
    assert blocked.status_code == 409
    assert blocked.get_json()["error"]["details"]["bill_id"] == first["id"]


def test_bill_post_honours_idempotency_key(api, vendor):
    body = bill_body(vendor, None, (None, "1", "10.00"), number="IDEM")
    headers = {"Idempotency-Key": "bill-idem-1"}
    first = api.post("/api/v1/bills", json=body, headers=headers)
    second = api.post("/api/v1/bills", json=body, headers=headers)
    assert (first.status_code, second.status_code) == (201, 201)
    assert first.get_json()["id"] == second.get_json()["id"]
    assert second.headers.get("Idempotent-Replayed") == "true"


def test_bill_input_errors_name_each_field(api, vendor, sent_po):
    draft = sent_po(send=False)
    resp = api.post(
        "/api/v1/bills",
        json={"vendor_id": vendor["id"], "issue_date": "10/03/2026", "purchase_order_id":
              draft["id"], "lines": [{"description": "x", "quantity": 1.5, "unit_price": "1"}]},
    )  # fmt: skip
    assert resp.status_code == 422  # the shape first: missing and mistyped fields
    fields = resp.get_json()["error"]["details"]["fields"]
    assert {"vendor_invoice_number", "lines[0].quantity"} <= set(fields)
    resp = api.post(
        "/api/v1/bills",
        json={"vendor_id": vendor["id"], "vendor_invoice_number": "V-1", "issue_date": "10/03/2026",
              "purchase_order_id": draft["id"], "lines": [{"description": "x", "quantity": "1.5",
              "unit_price": "1", "unit_code": "BOX"}]},
    )  # fmt: skip
    fields = resp.get_json()["error"]["details"]["fields"]
    assert {"issue_date", "purchase_order_id", "lines[0].unit_code"} <= set(fields)


def test_settings_read_change_and_refuse_nonsense(api, finance_api):
    assert api.get("/api/v1/ap/settings").get_json()["price_tolerance_percent"] == "5"
    resp = api.patch(
        "/api/v1/ap/settings", json={"price_tolerance_percent": "2", "price_tolerance_amount": "50"}
    )
    assert resp.get_json()["price_tolerance_amount"] == "50"
    bad = api.patch("/api/v1/ap/settings", json={"duplicate_policy": "maybe", "colour": "red"})
    assert set(bad.get_json()["error"]["details"]["fields"]) == {"duplicate_policy", "colour"}
    assert finance_api.patch("/api/v1/ap/settings", json={}).status_code == 403


def test_other_companies_records_are_not_found(api, vendor, make_company, make_user, api_token):
    from plugins.invoicing.tests.helpers import Api

    other = make_company(name="Globex FZE", trn="100111222300003")
    user = make_user(email="admin@globex.ae", company=other)
    theirs = Api(api.client, api_token(user))
    assert theirs.get(f"/api/v1/vendors/{vendor['id']}").status_code == 404
    assert theirs.get("/api/v1/vendors").get_json()["data"] == []


def test_po_lines_of_two_orders_or_another_vendor_are_refused(api, vendor, sent_po):
    first, second = sent_po(), sent_po()
    body = bill_body(vendor, None, (None, "1", "2.50"), (None, "1", "2.50"))
    body["lines"][0]["po_line_id"] = first["lines"][0]["id"]
    body["lines"][1]["po_line_id"] = second["lines"][0]["id"]
    resp = api.post("/api/v1/bills", json=body)
    assert resp.status_code == 422
    assert "lines[1].po_line_id" in resp.get_json()["error"]["details"]["fields"]
    other = api.post("/api/v1/vendors", json={"name": "Other Vendor"}).get_json()
    body = bill_body(other, None, (None, "1", "2.50"))
    body["lines"][0]["po_line_id"] = first["lines"][0]["id"]
    resp = api.post("/api/v1/bills", json=body)
    assert resp.get_json()["error"]["details"]["fields"] == {
        "lines[0].po_line_id": "belongs to a purchase order of another vendor"
    }
    body = bill_body(vendor, None, (None, "1", "2.50"))
    body["lines"][0]["po_line_id"] = first["lines"][0]["id"]
    bill = api.post("/api/v1/bills", json=body).get_json()
    assert bill["purchase_order_id"] == first["id"]  # the PO follows from its lines


def test_a_bill_is_in_its_pos_currency(api, vendor, sent_po):
    po = sent_po()
    resp = post_bill(api, vendor, po, (0, "1", "2.50"), currency="USD")
    assert resp.status_code == 422
    assert resp.get_json()["error"]["details"]["fields"]["currency"].endswith("(AED)")
