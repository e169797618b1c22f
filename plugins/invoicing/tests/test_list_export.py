"""CSV and XLSX export of the invoice list: the current filter and order, every page of it."""

import csv
import io
import re
from decimal import Decimal

from openpyxl import load_workbook

from plugins.invoicing.tests.test_pages_list import book  # noqa: F401  (fixture)


def _csv(client, query=""):
    resp = client.get(f"/invoicing/invoices/export.csv{query}")
    assert resp.status_code == 200
    assert resp.mimetype == "text/csv" and "attachment" in resp.headers["Content-Disposition"]
    return list(csv.reader(io.StringIO(resp.get_data(as_text=True).lstrip("\ufeff"))))


def test_csv_has_the_filtered_rows_in_the_page_order(client, book):  # noqa: F811
    rows = _csv(client, "?status=FINALIZED&sort=-total")
    assert rows[0][:3] == ["Number", "Type", "Customer"]
    assert [r[0] for r in rows[1:]] == [book[k].number for k in "bca"]
    assert rows[1][6] == "315.00" and rows[1][2] == "Desert Rose Trading"
    everything = _csv(client)
    assert len(everything) == 1 + 5  # drafts too, with their live totals
    assert "420.00" in [r[6] for r in everything]


def test_the_page_links_the_export_of_its_filter(client, book):  # noqa: F811
    html = client.get("/invoicing/invoices?status=DRAFT&sort=total").get_data(as_text=True)
    link = re.search(r'href="([^"]*export\.csv[^"]*)"', html).group(1)
    assert "status=DRAFT" in link and "sort=total" in link


def test_csv_is_read_in_batches_across_pages(client, book, monkeypatch):  # noqa: F811
    from core.listing import views
    from core.listing.page import batches as real

    monkeypatch.setattr(views, "batches", lambda *a, **k: real(*a, **{**k, "size": 2}))
    rows = _csv(client, "?sort=date")
    assert [r[3] for r in rows[1:]] == sorted(r[3] for r in rows[1:])
    assert len(rows) == 6


def test_xlsx_has_numbers_and_dates(client, book):  # noqa: F811
    resp = client.get("/invoicing/invoices/export.xlsx?status=FINALIZED&sort=total")
    assert resp.status_code == 200 and resp.mimetype.endswith("spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(resp.get_data())).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "Number"
    assert [v[0] for v in values[1:]] == [book[k].number for k in "acb"]
    assert Decimal(str(values[1][6])) == Decimal("105.00")
    assert values[1][3].date().isoformat() == "2026-01-10"


def test_a_formula_in_a_name_is_text_in_the_csv(client, book):  # noqa: F811
    from core.api import db

    book["other"].name = "=HYPERLINK(1)"
    db.session.commit()
    rows = _csv(client, f"?customer_id={book['other'].id}")
    assert {r[2] for r in rows[1:]} == {"'=HYPERLINK(1)"}


def test_export_refuses_bad_filters_and_needs_sign_in(client, book):  # noqa: F811
    assert client.get("/invoicing/invoices/export.csv?status=LOST").status_code == 400
    assert client.get("/invoicing/invoices/export.xlsx?sort=colour").status_code == 400


def test_other_companies_invoices_are_not_exported(client, book, make_company):  # noqa: F811
    from plugins.invoicing.tests.test_pages_support import make_customer, make_final, one_line

    rival = make_company(
        name="Rival LLC",
        trn="100555555500003",
        iban="AE070331234567890123456",
        city="Dubai",
        address_line1="9 Al Wasl Road",
    )
    make_final(rival, make_customer(rival, "Rival Customer"), lines=one_line("10"))
    rows = _csv(client, "?limit=200")
    assert len(rows) == 6 and "Rival Customer" not in {r[2] for r in rows}


def test_streamed_export_keeps_the_company_scope_after_the_request_ends(
    app,
    client,
    book,  # noqa: F811
    make_company,
    monkeypatch,
):
    """As served: no app context around the request, so Flask tears the request down (tenant
    scope reset, session removed) before the body is streamed; later batches stay scoped."""
    import threading

    from core.api import db
    from core.listing import views
    from core.listing.page import batches as real
    from plugins.invoicing.tests.test_pages_support import make_customer, make_final, one_line

    rival = make_company(
        name="Rival LLC",
        trn="100555555500003",
        iban="AE070331234567890123456",
        city="Dubai",
        address_line1="9 Al Wasl Road",
    )
    make_final(rival, make_customer(rival, "Rival Customer"), lines=one_line("10"))
    monkeypatch.setattr(views, "batches", lambda *a, **k: real(*a, **{**k, "size": 2}))
    db.session.remove()
    got = {}

    def served():  # a thread starts with no context, as a server's worker does
        resp = client.get("/invoicing/invoices/export.csv?sort=date", buffered=False)
        got["body"] = b"".join(
            c if isinstance(c, bytes) else c.encode() for c in resp.response
        ).decode()
        resp.close()

    worker = threading.Thread(target=served)
    worker.start()
    worker.join(60)
    rows = list(csv.reader(io.StringIO(got["body"].lstrip("\ufeff"))))
    assert len(rows) == 6 and "Rival Customer" not in {r[2] for r in rows}
