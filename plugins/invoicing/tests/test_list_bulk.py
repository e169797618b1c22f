"""Bulk actions of the invoice list: finalize, send, void (after a confirmation), export."""

import csv
import io

from core.api import db
from plugins.invoicing.models import Invoice
from plugins.invoicing.tests.test_pages_list import book  # noqa: F401  (fixture)
from plugins.invoicing.tests.test_pages_support import post_form


def _status(invoice_id):
    db.session.expire_all()
    return db.session.get(Invoice, invoice_id).status


def test_the_list_offers_a_checkbox_per_row_and_the_actions(client, book):  # noqa: F811
    html = client.get("/invoicing/invoices").get_data(as_text=True)
    assert f'name="ids" value="{book["a"].id}" form="invoice-bulk"' in html
    for value in ("export", "finalize", "send", "void"):
        assert f'<option value="{value}">' in html


def test_bulk_finalize_does_what_it_can_and_names_what_it_could_not(client, book):  # noqa: F811
    ids = [book["d"].id, book["e"].id, book["a"].id]  # two drafts and one already final
    resp = post_form(
        client,
        "/invoicing/invoices/bulk",
        {"action": "finalize", "ids": ids, "back": "/invoicing/invoices?status=DRAFT"},
    )
    assert resp.status_code == 303 and resp.headers["Location"].endswith("?status=DRAFT")
    assert _status(book["d"].id) == "FINALIZED" and _status(book["e"].id) == "FINALIZED"
    html = client.get("/invoicing/invoices").get_data(as_text=True)
    assert "2 of 3 done" in html and book["a"].number in html


def test_bulk_void_asks_first_then_voids(client, book):  # noqa: F811
    ids = [book["a"].id, book["b"].id]
    resp = post_form(client, "/invoicing/invoices/bulk", {"action": "void", "ids": ids})
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200 and "Void · 2 records" in html
    assert book["a"].number in html and book["b"].number in html
    assert 'name="confirm" value="1"' in html
    assert _status(book["a"].id) != "VOID"  # nothing happened yet
    resp = post_form(
        client, "/invoicing/invoices/bulk", {"action": "void", "ids": ids, "confirm": "1"}
    )
    assert resp.status_code == 303
    assert _status(book["a"].id) == "VOID" and _status(book["b"].id) == "VOID"


def test_bulk_export_is_a_csv_of_the_ticked_rows(client, book):  # noqa: F811
    ids = [book["b"].id, book["c"].id]
    resp = post_form(client, "/invoicing/invoices/bulk", {"action": "export", "ids": ids})
    assert resp.status_code == 200 and resp.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(resp.get_data(as_text=True).lstrip("\ufeff"))))
    assert sorted(r[0] for r in rows[1:]) == sorted([book["b"].number, book["c"].number])


def test_bad_bulk_requests_are_refused_with_a_reason(client, book, make_company):  # noqa: F811
    assert post_form(client, "/invoicing/invoices/bulk", {"action": "void"}).status_code == 400
    resp = post_form(client, "/invoicing/invoices/bulk", {"action": "burn", "ids": [1]})
    assert resp.status_code == 400 and "action" in resp.get_data(as_text=True)
    bad = post_form(client, "/invoicing/invoices/bulk", {"action": "send", "ids": ["1x"]})
    assert bad.status_code == 400


def test_another_companys_invoice_is_left_alone(client, book, make_company):  # noqa: F811
    from plugins.invoicing.tests.test_pages_support import make_customer, make_final, one_line

    rival = make_company(
        name="Rival LLC",
        trn="100555555500003",
        iban="AE070331234567890123456",
        city="Dubai",
        address_line1="9 Al Wasl Road",
    )
    theirs = make_final(rival, make_customer(rival, "Rival Customer"), lines=one_line("10"))
    ids = [book["a"].id, theirs.id]
    post_form(client, "/invoicing/invoices/bulk", {"action": "void", "ids": ids, "confirm": "1"})
    assert _status(theirs.id) == "FINALIZED" and _status(book["a"].id) == "VOID"
