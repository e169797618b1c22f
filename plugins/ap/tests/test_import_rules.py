"""Import rules a user notices: vendors found or created, the buyer check, the PO link by the
document's order references, duplicates (validation first), unsafe or non-XML bodies."""

from pathlib import Path

from plugins.ap.tests.helpers import post_xml

SHARED = Path(__file__).resolve().parents[3].parent / "shared" / "einvoice"
PINT = (SHARED / "examples/pint-ae/pint-ae-2025.11_Standard-tax-invoice.xml").read_bytes()
BROKEN_SAME_NUMBER = (SHARED / "tests/broken-pint-ae/payable-amount-wrong.xml").read_bytes()


def _vendor(api, **fields):
    resp = api.post("/api/v1/vendors", json={"name": "Party Trade Name", **fields})
    assert resp.status_code == 201, resp.get_json()
    return resp.get_json()


def test_unknown_seller_becomes_a_vendor_and_another_buyer_is_warned(api):
    resp = post_xml(api, PINT)
    assert resp.status_code == 201, resp.get_json()
    bill = resp.get_json()
    assert bill["vendor_invoice_number"] == "AE-01TEST" and bill["total"] == "11175.45"
    vendor = api.get(f"/api/v1/vendors/{bill['vendor_id']}").get_json()
    assert vendor["created_by_import"] is True
    assert (vendor["peppol_id"], vendor["trn"]) == ("0235:1987654321", "198765432102003")
    assert bill["warnings"][0].startswith("Addressed to another buyer: Buyer Trade Name")
    assert bill["match_status"] == "NOT_MATCHED"  # PO-AE-220 is no PO of ours


def test_document_addressed_to_us_has_no_buyer_warning(api, company):
    from core.api import db

    company.trn, company.peppol_id = "134567890123003", "0235:1345678901"
    db.session.commit()
    bill = post_xml(api, PINT).get_json()
    assert not any("another buyer" in w for w in bill["warnings"])


def test_known_vendor_is_found_by_endpoint_then_by_trn(api):
    by_endpoint = _vendor(api, peppol_id="0235:1987654321")
    bill = post_xml(api, PINT).get_json()
    assert bill["vendor_id"] == by_endpoint["id"]


def test_known_vendor_is_found_by_trn(api):
    by_trn = _vendor(api, trn="198765432102003")
    bill = post_xml(api, PINT).get_json()
    assert bill["vendor_id"] == by_trn["id"]


def test_lines_link_to_the_po_named_by_the_order_references(api, settings):
    vendor = _vendor(api, peppol_id="0235:1987654321")
    po = api.post(
        "/api/v1/purchase-orders",
        json={"vendor_id": vendor["id"], "order_date": "2025-01-20", "lines": [
            {"description": "Item Description", "quantity": "2000", "unit_code": "H87",
             "unit_price": "4.90", "tax_category": "S", "tax_rate": "5"}]},
    ).get_json()  # fmt: skip
    po = api.post(f"/api/v1/purchase-orders/{po['id']}/send").get_json()
    api.post(
        f"/api/v1/purchase-orders/{po['id']}/receipts",
        json={"received_date": "2025-01-31", "lines": [
            {"po_line_id": po["lines"][0]["id"], "received_quantity": "2000",
             "accepted_quantity": "2000"}]},
    )  # fmt: skip
    xml = PINT.replace(b"PO-AE-220", po["number"].encode())
    bill = post_xml(api, xml).get_json()
    assert bill["purchase_order_id"] == po["id"]
    line = bill["match"]["lines"][0]
    assert (line["po_line_id"], line["link_method"]) == (
        po["lines"][0]["id"],
        "order_line_reference",
    )
    # The line's own discount and surcharge (+686.00) and the document's (+157.29) are billed
    # beyond the PO: 843.29 over 9800.00 is more than 5 %.
    assert (line["amount_variance"], bill["match"]["total_variance"]) == ("686.00", "843.29")
    assert bill["match_status"] == "PARTIAL_MATCH"
    settings(price_tolerance_percent="10")
    again = api.post(f"/api/v1/bills/{bill['id']}/match").get_json()
    assert again["match_status"] == "VARIANCE_DETECTED"


def test_same_document_twice_is_a_duplicate_naming_the_first_bill(api):
    first = post_xml(api, PINT).get_json()
    again = post_xml(api, PINT)
    assert again.status_code == 409
    error = again.get_json()["error"]
    assert (error["code"], error["details"]["bill_id"]) == ("duplicate_bill", first["id"])


def test_validation_comes_before_the_duplicate_check(api):
    post_xml(api, PINT)
    resp = post_xml(api, BROKEN_SAME_NUMBER)
    assert resp.status_code == 422
    assert "ibr-co-16" in resp.get_json()["error"]["details"]["rules"]


def test_import_honours_idempotency_key(api):
    first = post_xml(api, PINT, {"Idempotency-Key": "imp-1"})
    second = post_xml(api, PINT, {"Idempotency-Key": "imp-1"})
    assert (first.status_code, second.status_code) == (201, 201)
    assert second.headers.get("Idempotent-Replayed") == "true"


def test_bodies_that_are_not_e_invoices(api):
    as_json = api.post("/api/v1/bills/import", json={"xml": "no"})
    assert as_json.status_code == 415
    error = as_json.get_json()["error"]
    assert error["code"] == "unsupported_media_type"
    assert error["details"]["content_type"] == "application/json"
    assert "application/xml" in error["message"]
    garbage = post_xml(api, b"<Invoice><unclosed></Invoice>")
    assert garbage.status_code == 422 and garbage.get_json()["error"]["details"]["rules"] == ["UBL"]
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        + PINT[PINT.index(b"<Invoice") :]
    )
    resp = post_xml(api, xxe)
    assert resp.status_code == 422 and b"root:" not in resp.data
    assert api.get("/api/v1/bills").get_json()["pagination"]["total"] == 0


def test_public_import_bill_for_the_peppol_provider(app, company):
    """What plugins/peppol calls: no commit inside, documented exceptions with their ids."""
    from core.api import Scope, db, scoped
    from plugins.ap.public import DuplicateBill, InvalidEInvoice, import_bill

    source = "peppol:" + "m" * 120
    with scoped(Scope(company_id=company.id)):
        result = import_bill(company.id, PINT, source=source)
        db.session.commit()
        assert result.bill.source == source and result.bill.match_status == "NOT_MATCHED"
        assert any("another buyer" in w for w in result.warnings)
        try:
            import_bill(company.id, PINT, source=source)
        except DuplicateBill as exc:
            assert exc.bill_id == result.bill.id
        else:
            raise AssertionError("a duplicate was accepted")
        db.session.rollback()
        try:
            import_bill(company.id, BROKEN_SAME_NUMBER, source=source)
        except InvalidEInvoice as exc:
            assert "ibr-co-16" in exc.rules
        else:
            raise AssertionError("an invalid document was accepted")


def test_the_original_xml_is_read_only_in_the_database(api):
    import pytest
    from sqlalchemy.exc import DBAPIError

    from plugins.invoicing.tests.helpers import raw_sql

    bill = post_xml(api, PINT).get_json()
    with pytest.raises(DBAPIError, match="ap_document_readonly"):
        raw_sql("UPDATE ap_bill_document SET sha256 = 'x' WHERE bill_id = :id", id=bill["id"])
    from core.api import db

    db.session.rollback()
    assert api.get(f"/api/v1/bills/{bill['id']}/document").data == PINT
