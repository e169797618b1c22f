"""AP lists (bills, purchase orders, vendors) as a user sees them: every column sorts and pages
by keyset, filters stay in the URL, CSV/XLSX of the filter, bulk actions through the services
(each record locked and checked again; a refusal is named, the others still done), and the
sorted first page reads indexes."""

import pytest

from core.api import db
from plugins.ap.models import Bill, PurchaseOrder
from plugins.ap.tests.helpers import post_bill, receive
from plugins.invoicing.tests.test_pages_support import post_form
from tests.support.lists import (
    analyze,
    assert_api_list_flat,
    assert_every_sort_walks,
    assert_reads_indexes,
    case,
    cells,
    csv_rows,
    double_rows,
    ids,
    page,
    xlsx_rows,
)

BILL_KEYS = ("number", "vendor", "issue_date", "order", "total", "currency", "match")
BILL_KEYS += ("bill_status",)
BILL_TABLES = ("ap_bill", "ap_vendor", "ap_purchase_order")
ORDER_KEYS = ("number", "vendor", "order_date", "expected_date", "total", "currency", "status")
VENDOR_KEYS = ("name", "trn", "peppol_id", "country", "payment_terms_days")


@pytest.fixture
def bills(api, vendor, sent_po, login):
    """A clean bill (full match), one with a variance, one with no PO."""
    po = sent_po()
    receive(api, po, ("100", "100"), ("10", "10"))
    clean = post_bill(api, vendor, po, (0, "100", "2.50"), (1, "10", "100.00"), number="INV-1")
    other = sent_po()
    receive(api, other, ("100", "90"), ("10", "10"))
    off = post_bill(api, vendor, other, (0, "90", "2.60"), (1, "10", "100.00"), number="INV-2")
    loose = post_bill(api, vendor, None, (None, "1", "5.00"), number="LOOSE")
    login()
    return {k: r.get_json() for k, r in (("clean", clean), ("off", off), ("loose", loose))}


def _bill(bill_id):
    db.session.expire_all()
    return db.session.get(Bill, bill_id)


def test_bills_sort_on_every_column_and_page_by_keyset(client, bills):
    assert_every_sort_walks(client, "/ap/bills", BILL_KEYS, [b["id"] for b in bills.values()])


def test_bill_filters_in_the_url_and_old_sort_names(client, bills):
    html = page(client, "/ap/bills?match_status=NOT_MATCHED")
    assert ids(html) == [bills["loose"]["id"]]
    assert '<option value="NOT_MATCHED" selected>' in html
    assert "match_status=NOT_MATCHED" in html  # kept by the sort links and the export
    totals = ids(page(client, "/ap/bills?sort=total"))
    assert totals[0] == bills["loose"]["id"]
    assert ids(page(client, "/ap/bills?sort=status"))  # the old name of the match sort
    mine = ids(page(client, f"/ap/bills?vendor_id={bills['clean']['vendor_id']}"))
    assert sorted(mine) == sorted(b["id"] for b in bills.values())
    assert ids(page(client, f"/ap/bills?vendor_id={bills['clean']['vendor_id'] + 1000}")) == []
    assert client.get("/ap/bills?vendor_id=first").status_code == 400
    row = cells(page(client, "/ap/bills?q=INV-2"), bills["off"]["id"])
    assert row[1] == "INV-2" and row[2] == "Desert Supplies LLC" and row[4].startswith("PO/")
    assert row[5].startswith("AED\xa0") and "match" in row[6].lower()  # badges in words


def test_bill_export_follows_filter_and_order(client, bills):
    rows = csv_rows(client.get("/ap/bills/export.csv?q=INV&sort=-number"))
    assert rows[0][:2] == ["Vendor number", "Vendor"]
    assert [r[0] for r in rows[1:]] == ["INV-2", "INV-1"]
    sheet = xlsx_rows(client.get("/ap/bills/export.xlsx?sort=number"))
    assert [r[0] for r in sheet[1:]] == ["INV-1", "INV-2", "LOOSE"]


def test_bulk_approve_approves_what_matches_and_names_the_rest(client, bills):
    ticked = [bills["clean"]["id"], bills["off"]["id"]]
    resp = post_form(
        client, "/ap/bills/bulk", {"action": "approve", "ids": ticked}, page="/ap/bills"
    )
    assert resp.status_code == 303
    assert _bill(bills["clean"]["id"]).status == "APPROVED"
    assert _bill(bills["off"]["id"]).status != "APPROVED"  # a variance needs an override
    html = page(client, "/ap/bills")
    assert "1 of 2 done" in html and "INV-2" in html and "needs" in html


def _a_busy_book(make_company, doublings: int) -> None:
    """What a maintained database holds: a company's bills far outnumbering its vendors (the
    fixture's bills copied, each under a number of its own), other companies' vendors beside
    its own, and SQLite's statistics of it all (``ANALYZE``)."""
    from plugins.ap.models import Vendor

    other = make_company("Other Trading LLC", trn="100999888700003")
    db.session.add_all(Vendor(company_id=other.id, name=f"Vendor {n}") for n in range(2))
    double_rows(Bill, "vendor_invoice_number", doublings)
    db.session.commit()
    analyze()


def test_bill_list_reads_indexes(client, api, bills, make_company):
    for query in ["", "?sort=-total", "?sort=issue_date", "?sort=match"]:
        with case(query=query):
            assert_reads_indexes(client, f"/ap/bills{query}", ("ap_bill",))
    # In a busy book, with the joined vendors checked too: each page's bills look their vendor
    # up by key, never reading (or building a Bloom filter over) the vendors for every page.
    _a_busy_book(make_company, 3)
    for query in ["", "?sort=-total", "?sort=vendor", "?sort=order"]:
        with case(query=query):
            assert_reads_indexes(client, f"/ap/bills{query}", BILL_TABLES)
    assert_api_list_flat(api, "/api/v1/bills", 3, BILL_TABLES)


@pytest.fixture
def orders(api, sent_po, login):
    made = {
        "sent": sent_po(order_date="2026-03-01"),
        "draft": sent_po(send=False, order_date="2026-03-05", expected_date="2026-04-01"),
        "other": sent_po(order_date="2026-02-01"),
    }
    receive(api, made["sent"], ("100", "100"), ("10", "10"))  # something to bill now
    login()
    return made


def test_orders_sort_on_every_column_and_page_by_keyset(client, orders):
    assert_every_sort_walks(
        client, "/ap/purchase-orders", ORDER_KEYS, [o["id"] for o in orders.values()]
    )


def test_orders_show_billing_filter_and_export(client, orders):
    html = page(client, "/ap/purchase-orders?status=SENT&sort=order_date")
    assert ids(html) == [orders["other"]["id"], orders["sent"]["id"]]
    assert "Waiting for bills" in cells(html, orders["sent"]["id"])[-1]
    rows = csv_rows(client.get("/ap/purchase-orders/export.csv?status=SENT&sort=-order_date"))
    assert [r[0] for r in rows[1:]] == [orders["sent"]["number"], orders["other"]["number"]]
    assert rows[1][-1] == "waiting_bills"


def test_bulk_send_then_cancel_after_confirming(client, orders):
    draft, sent = orders["draft"]["id"], orders["sent"]["id"]
    resp = post_form(
        client,
        "/ap/purchase-orders/bulk",
        {"action": "send", "ids": [draft, sent]},
        page="/ap/purchase-orders",
    )
    assert resp.status_code == 303
    db.session.expire_all()
    assert db.session.get(PurchaseOrder, draft).status == "SENT"
    assert "1 of 2 done" in page(client, "/ap/purchase-orders")  # the sent one was refused
    ask = post_form(client, "/ap/purchase-orders/bulk", {"action": "cancel", "ids": [draft]})
    assert ask.status_code == 200 and 'name="confirm" value="1"' in ask.get_data(as_text=True)
    done = post_form(
        client, "/ap/purchase-orders/bulk", {"action": "cancel", "ids": [draft], "confirm": "1"}
    )
    assert done.status_code == 303
    db.session.expire_all()
    assert db.session.get(PurchaseOrder, draft).status == "CANCELLED"


def test_order_list_reads_indexes(client, api, orders):
    for query in ["", "?sort=-total", "?sort=order_date", "?sort=status"]:
        with case(query=query):
            assert_reads_indexes(client, f"/ap/purchase-orders{query}", ("ap_purchase_order",))
    assert_api_list_flat(api, "/api/v1/purchase-orders", 3, ("ap_purchase_order",))


@pytest.fixture
def vendors(api, vendor, login):
    more = [
        {"name": "Atlas Metals", "country": "AE", "emirate": "AE-SH", "payment_terms_days": 60},
        {"name": "Zenith GmbH", "country": "DE", "payment_terms_days": 14},
    ]
    made = [vendor] + [api.post("/api/v1/vendors", json=v).get_json() for v in more]
    login()
    return made


def test_vendors_sort_on_every_column_and_page_by_keyset(client, vendors):
    assert_every_sort_walks(client, "/ap/vendors", VENDOR_KEYS, [v["id"] for v in vendors])


def test_vendor_search_sort_and_export(client, vendors):
    assert ids(page(client, "/ap/vendors?sort=-payment_terms_days")) == [
        vendors[1]["id"], vendors[0]["id"], vendors[2]["id"]
    ]  # fmt: skip
    html = page(client, "/ap/vendors?q=desert")
    assert ids(html) == [vendors[0]["id"]] and 'value="desert"' in html
    rows = csv_rows(client.get("/ap/vendors/export.csv?sort=country"))
    assert [r[3] for r in rows[1:]] == ["AE", "AE", "DE"]


def test_vendor_list_reads_indexes(client, api, vendors):
    for query in ["", "?sort=-payment_terms_days", "?sort=country"]:
        with case(query=query):
            assert_reads_indexes(client, f"/ap/vendors{query}", ("ap_vendor",))
    assert_api_list_flat(api, "/api/v1/vendors", 3, ("ap_vendor",))
