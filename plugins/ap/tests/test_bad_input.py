"""Nonsense in, a JSON error out: never a 500, every bad field named."""

import pytest

NASTY = [None, True, 1.5, "1e400", "NaN", "-1", "1.1234567", [], {}, "abc", 10**30]


@pytest.mark.parametrize("value", NASTY)
def test_po_line_numbers(api, vendor, value):
    line = {"description": "x", "quantity": value, "unit_price": value, "tax_rate": value}
    resp = api.post(
        "/api/v1/purchase-orders",
        json={"vendor_id": vendor["id"], "order_date": "2026-01-01", "lines": [line]},
    )
    assert resp.status_code == 422, resp.get_json()
    assert "lines[0].quantity" in resp.get_json()["error"]["details"]["fields"]


@pytest.mark.parametrize(
    "body",
    [[], "x", {"lines": "x"}, {"vendor_id": "1", "lines": [1]}, {"vendor_id": 10**20},
     {"vendor_id": 1, "vendor_invoice_number": "x" * 101, "issue_date": "2026-02-30",
      "currency": "XXX", "kind": "debit", "lines": [{"po_line_id": -1}]}],
)  # fmt: skip
def test_bill_bodies(api, body):
    resp = api.post("/api/v1/bills", json=body)
    assert resp.status_code in (400, 422), resp.get_json()
    assert resp.get_json()["error"]["code"] in ("bad_request", "invalid_json", "validation_failed")


@pytest.mark.parametrize(
    "path",
    ["/api/v1/bills?status=nope", "/api/v1/bills?vendor_id=x", "/api/v1/bills?date_from=soon",
     "/api/v1/purchase-orders?status=x", "/api/v1/bills/999999", "/api/v1/goods-receipts/0",
     "/api/v1/bills/99999999999999999999", "/api/v1/bills?vendor_id=99999999999999999999",
     "/api/v1/bills?vendor_id=%C2%B2"],
)  # fmt: skip
def test_queries(api, path):
    resp = api.get(path)
    assert resp.status_code in (400, 404) and resp.get_json()["error"]["code"]


def test_settings_precision(api):
    resp = api.patch(
        "/api/v1/ap/settings", json={"full_match_limit": "0.001", "price_tolerance_percent": 1}
    )
    fields = resp.get_json()["error"]["details"]["fields"]
    assert fields == {"full_match_limit": "must have at most 2 decimals"}


def test_receipt_bodies(api, sent_po):
    po = sent_po()
    for body in ({}, {"received_date": "x", "lines": [{"po_line_id": "a"}]},
                 {"received_date": "2026-01-01", "lines": [{"po_line_id": 999999,
                  "received_quantity": "1"}]}):  # fmt: skip
        resp = api.post(f"/api/v1/purchase-orders/{po['id']}/receipts", json=body)
        assert resp.status_code in (400, 422), resp.get_json()


def test_pages_with_nonsense_ids(api, login):
    client = login()
    assert client.get("/ap/bills/99999999999999999999").status_code == 404
    # A query parameter that is not a record id is a 400 naming it (core's rule, as on the
    # invoice and payment lists), not an unfiltered list.
    for path in ("/ap/bills?vendor_id=99999999999999999999", "/ap/bills?offset=x",
                 "/ap/purchase-orders?vendor_id=%C2%B2"):  # fmt: skip
        resp = client.get(path)
        assert resp.status_code == 400 and "must be a whole number" in resp.get_data(as_text=True)
    assert client.get("/ap/bills?vendor_id=&offset=").status_code == 200


def test_unknown_fields_are_named(api, vendor, sent_po):
    resp = api.post("/api/v1/vendors", json={"name": "X", "colour": "red"})
    assert resp.get_json()["error"]["details"]["fields"] == {"colour": "is not a known field"}
    po = sent_po()
    resp = api.post(f"/api/v1/purchase-orders/{po['id']}/send", json={"now": True})
    assert resp.status_code == 422
    body = {"received_date": "2026-03-01", "lines": [{"po_line_id": po["lines"][0]["id"],
            "received_quantity": "1", "bonus": 1}]}  # fmt: skip
    resp = api.post(f"/api/v1/purchase-orders/{po['id']}/receipts", json=body)
    assert resp.get_json()["error"]["details"]["fields"] == {
        "lines[0].bonus": "is not a known field"
    }
