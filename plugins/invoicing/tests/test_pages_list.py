"""Invoice list page: search, filters, sorting, pagination, HTMX block, tenancy."""

import pytest

from plugins.invoicing.tests.test_pages_support import (
    make_customer,
    make_draft,
    make_final,
    one_line,
    row_ids,
)
from tests.support.lists import analyze, assert_api_list_flat, statements

INVOICE_TABLES = ("invoicing_invoice", "invoicing_customer")


@pytest.fixture
def book(company, admin, customer, login):
    """Five invoices of two customers, three finalized, on different dates and totals."""
    other = make_customer(company, "Desert Rose Trading")
    made = {
        "a": make_final(company, customer, issue_date="2026-01-10", lines=one_line("100")),
        "b": make_final(company, other, issue_date="2026-02-10", lines=one_line("300")),
        "c": make_final(company, customer, issue_date="2026-03-10", lines=one_line("200")),
        "d": make_draft(company, other, issue_date="2026-04-10", lines=one_line("50")),
        "e": make_draft(company, customer, issue_date="2026-05-10", lines=one_line("400")),
    }
    login()
    made["other"] = other
    return made


def _ids(client, query=""):
    resp = client.get(f"/invoicing/invoices{query}")
    assert resp.status_code == 200, resp.get_data(as_text=True)[:300]
    return row_ids(resp.get_data(as_text=True))


def test_default_order_is_newest_first_with_amounts(client, book):
    html = client.get("/invoicing/invoices").get_data(as_text=True)
    ids = row_ids(html)
    assert ids == [book[k].id for k in "edcba"]
    assert "AED\xa0420.00" in html  # draft e: 400 + 5 % VAT, computed live
    assert "AED\xa0315.00" in html  # finalized b, stored
    assert book["a"].number in html and "Desert Rose Trading" in html
    # New and Import beside the title; dates in the reader's locale.
    assert 'href="/invoicing/invoices/new"' in html and 'href="/invoicing/invoices/import"' in html
    assert "Jan 10, 2026" in html


def test_search_by_customer_name_and_number(client, book):
    assert _ids(client, "?q=desert") == [book["d"].id, book["b"].id]
    assert _ids(client, f"?q={book['c'].number}") == [book["c"].id]


def test_filters_status_payment_customer_and_dates(client, book):
    assert _ids(client, "?status=DRAFT") == [book["e"].id, book["d"].id]
    assert _ids(client, "?payment_status=paid") == []
    assert _ids(client, f"?customer_id={book['other'].id}") == [book["d"].id, book["b"].id]
    window = "?date_from=2026-02-01&date_to=2026-04-10"
    assert _ids(client, window) == [book["d"].id, book["c"].id, book["b"].id]


def test_sorting_by_total_due_and_number(client, book):
    finals = "&status=FINALIZED"
    assert _ids(client, "?sort=total" + finals) == [book[k].id for k in "acb"]
    assert _ids(client, "?sort=-total" + finals) == [book[k].id for k in "bca"]
    assert _ids(client, "?sort=number" + finals) == [book[k].id for k in "abc"]
    assert _ids(client, "?sort=due" + finals) == [book[k].id for k in "abc"]


def test_pages_are_stable_and_complete(client, book):
    seen = []
    for offset in (0, 2, 4):
        seen += _ids(client, f"?limit=2&offset={offset}&sort=-date")
    assert seen == [book[k].id for k in "edcba"]
    html = client.get("/invoicing/invoices?limit=2&offset=2").get_data(as_text=True)
    assert "3–4 of 5" in html and 'rel="next"' in html and 'rel="prev"' in html


def test_bad_filter_shows_a_message_not_a_crash(client, book):
    resp = client.get("/invoicing/invoices?status=LOST")
    assert resp.status_code == 400
    assert "status must be one of" in resp.get_data(as_text=True)
    resp = client.get("/invoicing/invoices?date_from=yesterday")
    assert resp.status_code == 400 and "date_from" in resp.get_data(as_text=True)
    resp = client.get("/invoicing/invoices?sort=colour")
    assert resp.status_code == 400 and "sort must be one of" in resp.get_data(as_text=True)


def test_htmx_request_gets_only_the_table_block(client, book):
    resp = client.get("/invoicing/invoices?status=DRAFT", headers={"HX-Request": "true"})
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200
    assert "HX-Request" in resp.headers["Vary"]
    assert html.lstrip().startswith('<section id="invoice-table"')
    assert "<html" not in html and "invoice-filters" not in html
    assert row_ids(html) == [book["e"].id, book["d"].id]
    # The block re-fetches itself with the same query when invoices change anywhere.
    assert 'hx-get="/invoicing/invoices?status=DRAFT"' in html
    assert (
        "ll:invoicing_status_changed from:body" in html
        and "ll:invoicing_invoice_created from:body" in html
    )


def test_other_company_invoices_are_not_listed(client, book, make_company, make_user):
    from plugins.invoicing.tests.test_pages_support import make_customer as mk

    rival = make_company(
        name="Rival LLC",
        trn="100555555500003",
        iban="AE070331234567890123456",
        city="Dubai",
        address_line1="9 Al Wasl Road",
    )
    theirs = make_final(rival, mk(rival, "Rival Customer"), lines=one_line("10"))
    assert theirs.id not in _ids(client)
    assert "Rival Customer" not in client.get("/invoicing/invoices").get_data(as_text=True)


def test_list_needs_sign_in(client, company):
    resp = client.get("/invoicing/invoices")
    assert resp.status_code == 302 and "/login" in resp.headers["Location"]


def _statements_for(client, path):
    from sqlalchemy import event

    from core.api import db

    seen = []

    def record(conn, cursor, statement, *args):
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        assert client.get(path).status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return [s for s in seen if "invoicing_" in s]


def test_list_queries_do_not_grow_with_the_rows_shown(client, api, book, company, customer):
    few = _statements_for(client, "/invoicing/invoices?limit=2")
    for _ in range(8):
        make_draft(company, customer, lines=one_line("5"))
    many = _statements_for(client, "/invoicing/invoices?limit=10")
    assert len(many) == len(few)
    # One COUNT and one page query with the customer joined, plus the drafts' lines.
    assert sum("count(" in s.lower() for s in many) == 1
    assert any("JOIN invoicing_customer" in s and "LIMIT" in s for s in many)
    # The API lists too (whose drafts' totals are summed from their lines, loaded per page),
    # on an ANALYZEd database: SQLite must not build a Bloom filter over every customer (a
    # cost growing with all companies' customers) to join each page's few.
    analyze()
    assert_api_list_flat(api, "/api/v1/invoices", 10, INVOICE_TABLES)
    assert_api_list_flat(api, "/api/v1/invoices?sort=-total", 10, INVOICE_TABLES)
    assert_api_list_flat(api, "/api/v1/customers", 2, ("invoicing_customer",))


def test_a_plain_list_reads_its_total_with_its_page(api, book):
    """The customers list (plain rows) reads its exact ``total`` in the page's own statement,
    one round trip; a page past the end still counts the list."""
    path = "/api/v1/customers?limit=1"
    read = [s for s, _ in statements(api.get, path) if "FROM invoicing_customer" in s]
    assert len(read) == 1 and "count(*)" in read[0], read
    pages = {"limit": 1, "offset": 0, "total": 2, "next_offset": 1}
    assert api.get(path).get_json()["pagination"] == pages
    past = api.get("/api/v1/customers?offset=5").get_json()
    assert past["data"] == [] and past["pagination"]["total"] == 2
