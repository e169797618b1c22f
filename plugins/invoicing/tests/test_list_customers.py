"""Customer list: balance and ageing buckets per customer, every column sorts and pages by
keyset, filters stay in the URL, CSV/XLSX of the filter, bulk export of ticked rows, and the
page's queries read indexes (EXPLAIN on both databases)."""

import csv
import datetime as dt
import html as htmllib
import io
import re

import pytest
from openpyxl import load_workbook

from plugins.invoicing.tests.test_list_plans import _full_scans
from plugins.invoicing.tests.test_pages_support import (
    make_customer,
    make_draft,
    make_final,
    one_line,
    post_form,
)

KEYS = ("name", "trn", "country", "peppol_id", "balance", "current", "days_1_30")
KEYS += ("days_31_60", "days_61_90", "days_90")


def _due(days_ago: int) -> str:
    return (dt.date.today() - dt.timedelta(days_ago)).isoformat()


@pytest.fixture
def owed(company, admin, customer, login, make_company):
    """Gulf Buyer owes 105.00 not yet due and 210.00 45 days late; Desert Rose 105 USD at
    3.6725 (385.61 AED) 70 days late and a draft (not owed); Zeta owes nothing."""
    rose, zeta = make_customer(company, "Desert Rose Trading"), make_customer(company, "Zeta Co")
    make_final(company, customer, due_date=_due(-10), lines=one_line("100"))
    make_final(company, customer, issue_date=_due(60), due_date=_due(45), lines=one_line("200"))
    make_final(
        company,
        rose,
        issue_date=_due(80),
        due_date=_due(70),
        currency="USD",
        exchange_rate="3.6725",
        lines=one_line("100"),
    )
    make_draft(company, rose, lines=one_line("999"))
    other = make_company(name="Other Co")
    make_customer(other, "Other Company's Customer")
    login()
    return {"gulf": customer, "rose": rose, "zeta": zeta}


def _page(client, path):
    resp = client.get(path)
    assert resp.status_code == 200, resp.get_data(as_text=True)[:500]
    return resp.get_data(as_text=True)


def _ids(html):
    return [int(n) for n in re.findall(r'data-row-id="(\d+)"', html)]


def _link(html, rel):
    found = re.search(rf'<a href="([^"]+)"[^>]*rel="{rel}"', html)
    return htmllib.unescape(found.group(1)) if found else None


def _row(html, row_id):
    row = re.search(rf'<tr data-row-id="{row_id}">(.*?)</tr>', html, re.S).group(1)
    return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]


def test_balance_and_ageing_buckets_per_customer(client, owed):
    html = _page(client, "/invoicing/customers")
    assert _ids(html) == [owed[k].id for k in ("rose", "gulf", "zeta")]  # by name
    assert "Other Company" not in html
    gulf = _row(html, owed["gulf"].id)
    assert gulf[1] == "Gulf Buyer LLC"
    assert gulf[5:] == ["315.00", "105.00", "0.00", "210.00", "0.00", "0.00"]
    rose = _row(html, owed["rose"].id)
    assert rose[5:] == ["385.61", "0.00", "0.00", "0.00", "385.61", "0.00"]
    assert _row(html, owed["zeta"].id)[5:] == ["0.00"] * 6
    assert 'title="Gulf Buyer LLC"' in html and "ll-truncate" in html  # full text on hover


def test_sort_by_what_is_owed(client, owed):
    by = {k: owed[k].id for k in owed}
    assert _ids(_page(client, "/invoicing/customers?sort=-balance")) == [
        by["rose"],
        by["gulf"],
        by["zeta"],
    ]
    assert _ids(_page(client, "/invoicing/customers?sort=-days_31_60"))[0] == by["gulf"]
    html = _page(client, "/invoicing/customers?sort=balance")
    assert 'aria-sort="ascending"' in html and "sort=-balance" in html
    assert _ids(html) == [by["zeta"], by["gulf"], by["rose"]]


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("direction", ("", "-"))
def test_every_column_pages_by_keyset_in_one_order(client, owed, key, direction):
    whole = _ids(_page(client, f"/invoicing/customers?sort={direction}{key}&limit=200"))
    assert sorted(whole) == sorted(c.id for c in owed.values())
    seen, path = [], f"/invoicing/customers?sort={direction}{key}&limit=1"
    while path:
        html = _page(client, path)
        seen += _ids(html)
        path = _link(html, "next")
        assert len(seen) <= 3
    assert seen == whole


def test_filters_are_in_the_url_and_kept_by_sort_links(client, owed):
    html = _page(client, "/invoicing/customers?owing=1")
    assert _ids(html) == [owed["rose"].id, owed["gulf"].id]
    assert re.search(r'href="[^"]*owing=1[^"]*sort=balance|sort=balance[^"]*owing=1', html)
    assert 'name="owing" value="1" checked' in html
    assert _ids(_page(client, "/invoicing/customers?overdue=1&q=gulf")) == [owed["gulf"].id]
    assert _ids(_page(client, "/invoicing/customers?q=100987654300003")) == [owed["gulf"].id]
    bad = client.get("/invoicing/customers?sort=nope")
    assert bad.status_code == 400 and "sort must be one of" in bad.get_data(as_text=True)


def test_export_is_the_current_filter_in_the_current_order(client, owed):
    resp = client.get("/invoicing/customers/export.csv?owing=1&sort=-balance")
    assert resp.status_code == 200 and resp.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(resp.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][:5] == ["Name", "TRN", "Country", "Peppol ID", "Balance (AED)"]
    assert [r[0] for r in rows[1:]] == ["Desert Rose Trading", "Gulf Buyer LLC"]
    assert rows[2][4:] == ["315.00", "105.00", "0.00", "210.00", "0.00", "0.00"]
    resp = client.get("/invoicing/customers/export.xlsx?sort=name")
    sheet = load_workbook(io.BytesIO(resp.get_data())).active
    names = [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == ["Desert Rose Trading", "Gulf Buyer LLC", "Zeta Co"]
    assert client.get("/invoicing/customers/export.csv?sort=bad").status_code == 400


def test_bulk_export_of_the_ticked_customers(client, owed):
    ids = [owed["gulf"].id, owed["zeta"].id]
    resp = post_form(client, "/invoicing/customers/bulk", {"action": "export", "ids": ids})
    assert resp.status_code == 200 and resp.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(resp.get_data(as_text=True).lstrip("\ufeff"))))
    assert sorted(r[0] for r in rows[1:]) == ["Gulf Buyer LLC", "Zeta Co"]
    bad = post_form(client, "/invoicing/customers/bulk", {"action": "delete", "ids": ids})
    assert bad.status_code == 400


@pytest.mark.parametrize("query", ["", "?sort=-balance", "?sort=days_90", "?q=gulf&owing=1"])
def test_the_page_reads_indexes(client, owed, query):
    from sqlalchemy import event

    from core.api import db

    seen = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT") and "invoicing_" in statement:
            seen.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        _page(client, f"/invoicing/customers{query}")
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    assert seen
    for statement, parameters in seen:
        assert not _full_scans(statement, parameters), statement
