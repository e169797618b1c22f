"""Every match outcome and the tolerance edges, as a user of the API sees them."""

from plugins.ap.tests.helpers import post_bill, receive

ONE_LINE = [{"description": "Pump", "item_code": "P-1", "quantity": "1", "unit_code": "H87",
             "unit_price": "100.00", "tax_category": "S", "tax_rate": "5"}]  # fmt: skip


def _one(api, vendor, sent_po, price, received=("1", "1"), number="INV-1"):
    po = sent_po(lines=ONE_LINE)
    assert receive(api, po, received).status_code == 201
    resp = post_bill(api, vendor, po, (0, "1", price), number=number)
    assert resp.status_code == 201, resp.get_json()
    return resp.get_json()


def test_full_match_when_bill_equals_po_and_receipt(api, vendor, sent_po):
    po = sent_po()
    assert receive(api, po, ("100", "100"), ("10", "10")).status_code == 201
    bill = post_bill(api, vendor, po, (0, "100", "2.50"), (1, "10", "100.00")).get_json()
    assert (bill["status"], bill["match_status"]) == ("MATCHED", "FULL_MATCH")
    first = bill["match"]["lines"][0]
    assert first["po_line_id"] == po["lines"][0]["id"]
    assert (first["ordered_quantity"], first["accepted_quantity"]) == ("100", "100")
    assert (first["billed_quantity"], first["quantity_variance"]) == ("100", "0")
    assert (first["po_unit_price"], first["billed_unit_price"]) == ("2.50", "2.50")
    assert (first["price_variance"], first["amount_variance"]) == ("0.00", "0.00")
    assert first["within_tolerance"] is True
    assert bill["match"]["total_variance"] == "0.00"
    assert bill["total"] == "1312.50"  # 1250.00 + 5 % VAT, by invoicing's compute_totals


def test_within_the_full_match_limit_is_still_full(api, vendor, sent_po):
    assert _one(api, vendor, sent_po, "100.01")["match_status"] == "FULL_MATCH"


def test_price_over_the_limit_but_within_tolerance_is_a_variance(api, vendor, sent_po):
    bill = _one(api, vendor, sent_po, "103.00")
    assert bill["match_status"] == "VARIANCE_DETECTED"
    line = bill["match"]["lines"][0]
    assert (line["price_variance"], line["within_tolerance"]) == ("3.00", True)
    assert bill["match"]["total_variance"] == "3.00"


def test_exactly_at_the_tolerance_is_a_variance_one_cent_over_is_partial(api, vendor, sent_po):
    at_limit = _one(api, vendor, sent_po, "105.00", number="AT")
    assert at_limit["match_status"] == "VARIANCE_DETECTED"
    over = _one(api, vendor, sent_po, "105.01", number="OVER")
    assert over["match_status"] == "PARTIAL_MATCH"
    line = over["match"]["lines"][0]
    assert line["within_tolerance"] is False
    assert "beyond the tolerance of 5.00" in " ".join(line["reasons"])


def test_zero_percent_tolerance_means_exactly_zero(api, vendor, sent_po, settings):
    settings(price_tolerance_percent="0", price_tolerance_amount="0", full_match_limit="0")
    assert _one(api, vendor, sent_po, "100.00", number="SAME")["match_status"] == "FULL_MATCH"
    assert _one(api, vendor, sent_po, "100.01", number="CENT")["match_status"] == "PARTIAL_MATCH"


def test_greater_of_percent_or_amount(api, vendor, sent_po, settings):
    settings(price_tolerance_percent="2", price_tolerance_amount="50.00")
    lines = [{**ONE_LINE[0], "unit_price": "1000.00"}]
    po = sent_po(lines=lines)
    receive(api, po, ("1", "1"))
    # 40.00 over is more than 2 % (20.00) but less than 50.00: the greater one applies.
    bill = post_bill(api, vendor, po, (0, "1", "1040.00"), number="G1").get_json()
    assert bill["match_status"] == "VARIANCE_DETECTED"
    assert bill["match"]["lines"][0]["price_tolerance"] == "50.00"
    bill = post_bill(api, vendor, po, (0, "1", "1050.01"), number="G2").get_json()
    assert bill["match_status"] == "PARTIAL_MATCH"


def test_billing_what_was_received_but_not_accepted_is_partial(api, vendor, sent_po):
    po = sent_po()
    resp = receive(api, po, ("100", "90", "10 bolts rusted"), ("10", "10"))
    assert resp.status_code == 201
    assert resp.get_json()["lines"][0]["rejected_quantity"] == "10"
    bill = post_bill(api, vendor, po, (0, "100", "2.50"), (1, "10", "100.00")).get_json()
    assert bill["match_status"] == "PARTIAL_MATCH"
    line = bill["match"]["lines"][0]
    assert (line["accepted_quantity"], line["quantity_variance"]) == ("90", "10")
    assert "billed more than was accepted" in line["reasons"]
    refused = api.post(f"/api/v1/bills/{bill['id']}/reject", json={"reason": "Bills rusted bolts"})
    assert refused.get_json()["status"] == "REJECTED"
    fine = post_bill(api, vendor, po, (0, "90", "2.50"), number="INV-2").get_json()
    assert fine["match"]["lines"][0]["quantity_variance"] == "0"


def test_billing_a_little_less_than_accepted_is_a_variance(api, vendor, sent_po):
    po = sent_po()
    receive(api, po, ("100", "100"), ("10", "10"))
    bill = post_bill(api, vendor, po, (0, "96", "2.50"), (1, "10", "100.00")).get_json()
    assert bill["match_status"] == "VARIANCE_DETECTED"
    half = post_bill(api, vendor, po, (0, "2", "2.50"), number="INV-2").get_json()
    assert half["match_status"] == "PARTIAL_MATCH"


def test_no_purchase_order_is_not_matched(api, vendor):
    bill = post_bill(api, vendor, None, (None, "1", "10.00")).get_json()
    assert (bill["status"], bill["match_status"]) == ("MATCHED", "NOT_MATCHED")
    assert bill["match"]["lines"][0]["po_line_id"] is None


def test_bill_line_without_po_line_makes_it_partial(api, vendor, sent_po):
    po = sent_po()
    receive(api, po, ("100", "100"), ("10", "10"))
    bill = post_bill(
        api, vendor, po, (0, "100", "2.50"), (1, "10", "100.00"), (None, "1", "99.00")
    ).get_json()
    assert bill["match_status"] == "PARTIAL_MATCH"
    assert bill["match"]["lines"][2]["state"] == "unmatched"


def test_several_receipts_add_up_and_a_receipt_rematches_open_bills(api, vendor, sent_po):
    po = sent_po()
    assert receive(api, po, ("60", "60"), ("10", "10")).status_code == 201
    bill = post_bill(api, vendor, po, (0, "100", "2.50"), (1, "10", "100.00")).get_json()
    assert bill["match_status"] == "PARTIAL_MATCH"  # 40 bolts not here yet
    second = receive(api, po, ("40", "40"), None, date="2026-03-08")
    assert second.status_code == 201
    assert second.get_json()["number"].startswith("GRN/2026/")
    again = api.get(f"/api/v1/bills/{bill['id']}").get_json()
    assert again["match_status"] == "FULL_MATCH"
    order = api.get(f"/api/v1/purchase-orders/{po['id']}").get_json()
    assert [line["received_quantity"] for line in order["lines"]] == ["100", "10"]
    assert [line["billed_quantity"] for line in order["lines"]] == ["100", "10"]
    assert order["billing_status"] == "fully_billed"
    receipts = api.get(f"/api/v1/purchase-orders/{po['id']}/receipts").get_json()["data"]
    assert len(receipts) == 2


def test_two_way_line_matches_without_a_receipt(api, vendor, sent_po):
    lines = [{"description": "Installation service", "quantity": "8", "unit_code": "HUR",
              "unit_price": "150.00", "tax_category": "S", "tax_rate": "5",
              "match_type": "two_way"}]  # fmt: skip
    po = sent_po(lines=lines)
    assert po["billing_status"] == "waiting_bills"
    bill = post_bill(api, vendor, po, (0, "8", "150.00")).get_json()
    assert bill["match_status"] == "FULL_MATCH"
    assert bill["match"]["lines"][0]["match_type"] == "two_way"


def test_second_bill_sees_what_the_first_one_billed(api, vendor, sent_po):
    po = sent_po()
    receive(api, po, ("100", "100"), ("10", "10"))
    post_bill(api, vendor, po, (0, "100", "2.50"), number="A")
    second = post_bill(api, vendor, po, (0, "100", "2.50"), number="B").get_json()
    assert second["match_status"] == "PARTIAL_MATCH"
    assert second["match"]["lines"][0]["quantity_variance"] == "100"


def test_lines_found_by_item_code_and_description(api, vendor, sent_po):
    po = sent_po()
    receive(api, po, ("100", "100"), ("10", "10"))
    body = {
        "vendor_id": vendor["id"], "vendor_invoice_number": "AUTO", "issue_date": "2026-03-10",
        "purchase_order_id": po["id"],
        "lines": [
            {"description": "copper wire 2.5 mm", "quantity": "10", "unit_price": "100.00"},
            {"description": "Anything", "item_code": "bolt-m8", "quantity": "100",
             "unit_price": "2.50"},
        ],
    }  # fmt: skip
    bill = api.post("/api/v1/bills", json=body).get_json()
    assert [line["link_method"] for line in bill["match"]["lines"]] == ["description", "item_code"]
    assert bill["match_status"] == "FULL_MATCH"


def test_relinking_a_line_by_hand_rematches(api, vendor, sent_po):
    po = sent_po()
    receive(api, po, ("100", "100"), ("10", "10"))
    bill = post_bill(api, vendor, po, (0, "100", "2.50"), (None, "10", "100.00")).get_json()
    assert bill["match_status"] == "PARTIAL_MATCH"
    line_id = bill["lines"][1]["id"]
    resp = api.patch(
        f"/api/v1/bills/{bill['id']}/lines/{line_id}", json={"po_line_id": po["lines"][1]["id"]}
    )
    assert resp.status_code == 200, resp.get_json()
    assert resp.get_json()["match_status"] == "FULL_MATCH"
    assert resp.get_json()["match"]["lines"][1]["link_method"] == "manual"


def test_changing_a_tolerance_rematches_open_bills_and_leaves_approved_ones(
    api, vendor, sent_po, settings
):
    open_bill = _one(api, vendor, sent_po, "103.00", number="OPEN")
    approved = _one(api, vendor, sent_po, "103.00", number="DECIDED")
    resp = api.post(f"/api/v1/bills/{approved['id']}/approve", json={"reason": "agreed +3"})
    assert resp.status_code == 200, resp.get_json()
    assert open_bill["match_status"] == "VARIANCE_DETECTED"

    settings(price_tolerance_percent="2")  # 3.00 on 100.00 is now beyond tolerance
    now = api.get(f"/api/v1/bills/{open_bill['id']}").get_json()
    assert now["match_status"] == "PARTIAL_MATCH"
    assert now["match"]["lines"][0]["price_tolerance"] == "2.00"
    kept = api.get(f"/api/v1/bills/{approved['id']}").get_json()
    assert (kept["status"], kept["match_status"]) == ("APPROVED", "VARIANCE_DETECTED")

    settings(price_tolerance_percent="5")
    assert api.get(f"/api/v1/bills/{open_bill['id']}").get_json()["match_status"] == (
        "VARIANCE_DETECTED"
    )
    # The rematch job wrote the bill twice but left its version alone (core.versioning): a
    # user who opened it before (ETag "1") is not refused as stale, and the job's match stays.
    path = f"/api/v1/bills/{open_bill['id']}"
    assert open_bill["version"] == 1 and api.get(path).headers["ETag"] == '"1"'
    rejected = api.post(
        f"{path}/reject", json={"reason": "wrong price"}, headers={"If-Match": '"1"'}
    )
    assert rejected.status_code == 200, rejected.get_json()
    after = rejected.get_json()
    assert (after["status"], after["match_status"], after["version"]) == (
        "REJECTED", "VARIANCE_DETECTED", 2
    )  # fmt: skip


def test_a_setting_that_does_not_touch_matching_starts_no_rematch(api, settings):
    def rematches():
        jobs = api.get("/api/v1/jobs").get_json()["data"]
        return [j for j in jobs if j["name"] == "ap.rematch_open_bills"]

    settings(duplicate_policy="block", peppol_rules="warn")
    assert rematches() == []
    settings(full_match_limit="0.05")
    [job] = rematches()
    assert job["status"] == "completed"
    assert job["result"] == {"changed": ["full_match_limit"], "bills": 0, "match_status": {}}
