"""The AP pages as a signed-in user sees them."""

import re

from plugins.ap.tests.helpers import post_bill, receive
from tests.support.fixtures import csrf_token

HX = {"HX-Request": "true"}


def _variance_bill(api, vendor, sent_po):
    po = sent_po()
    receive(api, po, ("100", "90", "10 bolts rusted"), ("10", "10"))
    return po, post_bill(api, vendor, po, (0, "90", "2.60"), (1, "10", "100.00")).get_json()


def test_bill_list_filters_and_sorts(api, vendor, sent_po, login):
    po, bill = _variance_bill(api, vendor, sent_po)
    post_bill(api, vendor, None, (None, "1", "5.00"), number="LOOSE")
    client = login()
    html = client.get("/ap/bills").get_data(as_text=True)
    assert "INV-1001" in html and "LOOSE" in html and "Variance detected" in html
    part = client.get("/ap/bills?match_status=NOT_MATCHED", headers=HX).get_data(as_text=True)
    assert "LOOSE" in part and "INV-1001" not in part and "<html" not in part
    found = client.get("/ap/bills?q=desert", headers=HX).get_data(as_text=True)
    assert "LOOSE" in found and "INV-1001" in found
    ordered = client.get("/ap/bills?sort=total", headers=HX).get_data(as_text=True)
    assert ordered.index("LOOSE") < ordered.index("INV-1001")


def test_review_page_puts_po_receipt_and_bill_side_by_side(api, vendor, sent_po, login):
    po, bill = _variance_bill(api, vendor, sent_po)
    html = login().get(f"/ap/bills/{bill['id']}").get_data(as_text=True)
    assert "Steel bolts M8" in html and "GRN/2026/00001" in html and "10 bolts rusted" in html
    assert "Variance within tolerance" in html  # words, not colour alone
    assert "price differs by 9.00, within the tolerance of 11.25" in html
    assert "Tolerance: price 11.25" in html
    assert 'data-state="variance"' in html


def test_approve_with_override_from_the_page(api, vendor, sent_po, login):
    po, bill = _variance_bill(api, vendor, sent_po)
    client = login()
    url = f"/ap/bills/{bill['id']}"
    token = csrf_token(client, url)
    resp = client.post(f"{url}/approve", data={"csrf_token": token, "reason": ""})
    page = client.get(resp.headers["Location"]).get_data(as_text=True)
    assert "approving it needs a written reason" in page
    client.post(f"{url}/approve", data={"csrf_token": token, "reason": "Agreed price rise"})
    page = client.get(url).get_data(as_text=True)
    assert 'data-status="APPROVED"' in page and "Agreed price rise" in page
    assert "BillApproved" in page  # the audit timeline


def test_relink_a_line_from_the_page(api, vendor, sent_po, login):
    po = sent_po()
    receive(api, po, ("100", "100"), ("10", "10"))
    bill = post_bill(api, vendor, po, (0, "100", "2.50"), (None, "10", "100.00")).get_json()
    client = login()
    url = f"/ap/bills/{bill['id']}"
    token = csrf_token(client, url)
    line_id = bill["lines"][1]["id"]
    client.post(f"{url}/lines/{line_id}", data={"csrf_token": token,
                                               "po_line_id": po["lines"][1]["id"]})  # fmt: skip
    assert api.get(f"/api/v1/bills/{bill['id']}").get_json()["match_status"] == "FULL_MATCH"


def test_po_pages_show_ordered_received_accepted_billed(api, vendor, sent_po, login):
    po, bill = _variance_bill(api, vendor, sent_po)
    client = login()
    assert po["number"] in client.get("/ap/purchase-orders").get_data(as_text=True)
    html = client.get(f"/ap/purchase-orders/{po['id']}").get_data(as_text=True)
    assert "data-received>100<" in html and "data-accepted>90<" in html
    assert "GRN/2026/00001" in html and "INV-1001" in html
    receipts = api.get(f"/api/v1/purchase-orders/{po['id']}/receipts").get_json()["data"]
    html = client.get(f"/ap/receipts/{receipts[0]['id']}").get_data(as_text=True)
    assert "10 bolts rusted" in html


def test_vendor_list_and_menu(api, finance_api, vendor, login):
    client = login()
    html = client.get("/ap/vendors?q=desert").get_data(as_text=True)
    assert "Desert Supplies LLC" in html
    assert 'href="/ap/settings"' in html
    assert 'href="/ap/bills"' in client.get("/").get_data(as_text=True)
    # A finance user may not change AP settings: no link that would answer 403.
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    html = login("finance@acme.ae").get("/ap/vendors").get_data(as_text=True)
    assert "Desert Supplies LLC" in html
    assert 'href="/ap/settings"' not in html
    assert client.get("/ap/settings").status_code == 403


def test_send_and_receive_from_the_po_page(api, sent_po, login):
    draft = sent_po(send=False)
    client = login()
    url = f"/ap/purchase-orders/{draft['id']}"
    token = csrf_token(client, url)
    client.post(f"{url}/send", data={"csrf_token": token})
    po = api.get(f"/api/v1/purchase-orders/{draft['id']}").get_json()
    assert po["status"] == "SENT"
    first, second = po["lines"]
    resp = client.post(f"{url}/receive", data={
        "csrf_token": token, "received_date": "2026-03-05",
        f"received_{first['id']}": "100", f"accepted_{first['id']}": "95",
        f"reason_{first['id']}": "5 damaged",
    })  # fmt: skip
    page = client.get(resp.headers["Location"]).get_data(as_text=True)
    assert "Goods receipt GRN/2026/00001 posted." in page
    assert "data-accepted>95<" in page
    over = client.post(
        f"{url}/receive",
        data={"csrf_token": token, "received_date": "2026-03-06", f"received_{second['id']}": "11"},
    )
    page = client.get(over.headers["Location"]).get_data(as_text=True)
    assert "1 more can be received" not in page and "10 more can be received" in page


def test_create_vendor_and_po_and_change_settings_in_pages(api, login):
    client = login()
    token = csrf_token(client, "/ap/vendors/new")
    bad = client.post("/ap/vendors/new", data={"csrf_token": token, "name": "V", "trn": "12"})
    assert bad.status_code == 422 and "ll-field-error" in bad.get_data(as_text=True)
    client.post("/ap/vendors/new", data={"csrf_token": token, "name": "Oasis Parts LLC"})
    vendor = api.get("/api/v1/vendors?q=oasis").get_json()["data"][0]
    refused = client.post("/ap/purchase-orders/new", data={
        "csrf_token": token, "order_date": "2026-03-01", "lines-0-description": "Gaskets",
        "lines-0-quantity": "-4", "lines-0-unit_price": "12.50"})  # fmt: skip
    page = refused.get_data(as_text=True)
    # Each problem named as the form names its field, and that field marked: no field keys.
    assert refused.status_code == 422 and "Vendor: is required" in page
    assert "Line 1, Quantity: must be at least 0" in page and "vendor_id:" not in page
    assert 'name="lines-0-quantity" aria-label="Quantity of line 1" value="-4" aria-invalid' in page
    assert 'value="Gaskets"' in page  # what was typed is kept
    resp = client.post("/ap/purchase-orders/new", data={
        "csrf_token": token, "vendor_id": vendor["id"], "order_date": "2026-03-01",
        "currency": "AED", "lines-0-description": "Gaskets", "lines-0-quantity": "4",
        "lines-0-unit_price": "12.50", "lines-0-unit_code": "H87", "lines-0-tax_rate": "5",
        "lines-0-match_type": "three_way",
    })  # fmt: skip
    assert resp.status_code == 302, resp.get_data(as_text=True)[:2000]
    po = api.get("/api/v1/purchase-orders").get_json()["data"][0]
    assert (po["status"], po["total"]) == ("DRAFT", "52.50")
    client.post("/ap/settings", data={
        "csrf_token": token, "full_match_limit": "0.01", "price_tolerance_percent": "2",
        "price_tolerance_amount": "50.00", "quantity_tolerance_percent": "5",
        "quantity_tolerance_amount": "0", "over_receipt_percent": "0",
        "duplicate_policy": "block", "peppol_rules": "warn"})  # fmt: skip
    saved = api.get("/api/v1/ap/settings").get_json()
    assert (saved["price_tolerance_amount"], saved["duplicate_policy"]) == ("50.00", "block")
    assert saved["peppol_rules"] == "warn"


def test_enter_a_bill_for_a_po_prefilled_with_what_is_left(api, vendor, sent_po, login):
    po = sent_po()
    receive(api, po, ("100", "80", "20 wrong size"), ("10", "10"))
    client = login()
    url = f"/ap/purchase-orders/{po['id']}/bill"
    html = client.get(url).get_data(as_text=True)
    first, second = po["lines"]
    assert f'name="quantity_{first["id"]}"' in html and 'value="80"' in html
    token = csrf_token(client, url)
    resp = client.post(url, data={
        "csrf_token": token, "vendor_invoice_number": "DS-77", "issue_date": "2026-03-10",
        f"quantity_{first['id']}": "80", f"price_{first['id']}": "2.50",
        f"quantity_{second['id']}": "10", f"price_{second['id']}": "100.00",
    })  # fmt: skip
    page = resp.get_data(as_text=True)
    assert resp.status_code == 302, page[page.find("ll-flash-error") :][:600]
    bill = api.get("/api/v1/bills").get_json()["data"][0]
    assert (bill["vendor_invoice_number"], bill["match_status"]) == ("DS-77", "FULL_MATCH")


def test_pages_speak_arabic_with_codes_as_tooltips(api, vendor, sent_po, login):
    po, bill = _variance_bill(api, vendor, sent_po)
    client = login()
    arabic = {"Accept-Language": "ar"}
    listing = client.get("/ap/bills", headers=arabic).get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in listing
    assert "فواتير الموردين" in listing and "Vendor bills" not in listing
    assert '<span class="ll-code" title="VARIANCE_DETECTED">اكتُشف فرق</span>' in listing
    review = client.get(f"/ap/bills/{bill['id']}", headers=arabic).get_data(as_text=True)
    assert "فرق ضمن السماحية" in review and "Variance within tolerance" not in review
    # Why the line differs, in Arabic too (the API keeps the stored English reason).
    assert "يختلف السعر بمقدار 9.00، ضمن السماحية البالغة 11.25" in review
    assert "price differs by" not in review
    order = client.get(f"/ap/purchase-orders/{po['id']}", headers=arabic).get_data(as_text=True)
    assert 'title="SENT"' in order and ">Sent<" not in order  # the label, the code on hover
    # The vendor form names its fields in Arabic, and a refusal on it is in Arabic too.
    edit = f"/ap/vendors/{vendor['id']}/edit"
    form = client.get(edit, headers=arabic).get_data(as_text=True)
    assert "المدينة" in form and "شروط الدفع (بالأيام)" in form and "Payment terms" not in form
    token = csrf_token(client, edit)
    data = {"csrf_token": token, "_version": "1", "name": vendor["name"], "iban": "XX00"}
    refused = client.post(edit, data=data, headers=arabic).get_data(as_text=True)
    assert "ليس رقم IBAN صالحًا" in refused and "is not a valid IBAN" not in refused


def test_every_reason_the_matcher_writes_has_arabic_words(app):
    """The review page rewords the matcher's stored English reasons; a reason it did not know
    would reach an Arabic reader in English."""
    from decimal import Decimal

    from flask_babel import force_locale

    from plugins.ap.services import matching
    from plugins.ap.views.match_reasons import reason_text

    written = [matching._quantity_state(Decimal(v), Decimal(2))[1] for v in ("1", "-1", "-5")]
    sides = (matching.VARIANCE, matching.BEYOND)
    written += [matching._price_reason(side, Decimal(3), Decimal(2), 2) for side in sides]
    loose = matching.BillLineFacts(1, Decimal(1), Decimal(1), Decimal(1), None)
    written += matching.match_line(loose, Decimal(0), None, 2)[0].reasons
    with app.test_request_context(), force_locale("ar"):
        arabic = [reason_text(r) for r in written]
    assert all(not re.search(r"[a-z]{3}", text) for text in arabic), arabic
