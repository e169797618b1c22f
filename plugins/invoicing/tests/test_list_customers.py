"""Customer list: balance and ageing buckets per customer, every column sorts and pages by
keyset, filters stay in the URL, CSV/XLSX of the filter, bulk export of ticked rows, and the
page's queries read indexes (EXPLAIN on both databases)."""

import datetime as dt
import re

import pytest

from plugins.invoicing.tests.test_pages_support import (
    make_customer,
    make_draft,
    make_final,
    one_line,
    post_form,
)
from tests.support.lists import (
    assert_every_sort_walks,
    assert_reads_indexes,
    case,
    cells,
    csv_rows,
    ids,
    page,
    xlsx_rows,
)

KEYS = ("name", "trn", "country", "peppol_id", "balance", "current", "days_1_30")
KEYS += ("days_31_60", "days_61_90", "days_90")
TABLES = ("invoicing_invoice", "invoicing_customer")


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


def test_balance_and_ageing_buckets_per_customer(client, owed):
    html = page(client, "/invoicing/customers")
    assert ids(html) == [owed[k].id for k in ("rose", "gulf", "zeta")]  # by name
    assert "Other Company" not in html
    gulf = cells(html, owed["gulf"].id)  # tick box, name, TRN, country, Peppol ID, amounts
    assert gulf[1] == "Gulf Buyer LLC"
    assert gulf[5:] == ["315.00", "105.00", "0.00", "210.00", "0.00", "0.00"]
    rose = cells(html, owed["rose"].id)
    assert rose[5:] == ["385.61", "0.00", "0.00", "0.00", "385.61", "0.00"]
    assert cells(html, owed["zeta"].id)[5:] == ["0.00"] * 6
    assert 'title="Gulf Buyer LLC"' in html and "ll-truncate" in html  # full text on hover


def test_sort_by_what_is_owed(client, owed):
    by = {k: owed[k].id for k in owed}
    assert ids(page(client, "/invoicing/customers?sort=-balance")) == [
        by["rose"],
        by["gulf"],
        by["zeta"],
    ]
    assert ids(page(client, "/invoicing/customers?sort=-days_31_60"))[0] == by["gulf"]
    html = page(client, "/invoicing/customers?sort=balance")
    assert 'aria-sort="ascending"' in html and "sort=-balance" in html
    assert ids(html) == [by["zeta"], by["gulf"], by["rose"]]


def test_every_column_pages_by_keyset_in_one_order(client, owed):
    expected = [c.id for c in owed.values()]
    assert_every_sort_walks(client, "/invoicing/customers", KEYS, expected, first_limit=200)


def test_filters_are_in_the_url_and_kept_by_sort_links(client, owed):
    html = page(client, "/invoicing/customers?owing=1")
    assert ids(html) == [owed["rose"].id, owed["gulf"].id]
    assert re.search(r'href="[^"]*owing=1[^"]*sort=balance|sort=balance[^"]*owing=1', html)
    assert 'name="owing" value="1" checked' in html
    assert ids(page(client, "/invoicing/customers?overdue=1&q=gulf")) == [owed["gulf"].id]
    assert ids(page(client, "/invoicing/customers?q=100987654300003")) == [owed["gulf"].id]
    bad = client.get("/invoicing/customers?sort=nope")
    assert bad.status_code == 400 and "sort must be one of" in bad.get_data(as_text=True)


def test_export_is_the_current_filter_in_the_current_order(client, owed):
    rows = csv_rows(client.get("/invoicing/customers/export.csv?owing=1&sort=-balance"))
    assert rows[0][:5] == ["Name", "TRN", "Country", "Peppol ID", "Balance (AED)"]
    assert [r[0] for r in rows[1:]] == ["Desert Rose Trading", "Gulf Buyer LLC"]
    assert rows[2][4:] == ["315.00", "105.00", "0.00", "210.00", "0.00", "0.00"]
    names = [r[0] for r in xlsx_rows(client.get("/invoicing/customers/export.xlsx?sort=name"))[1:]]
    assert names == ["Desert Rose Trading", "Gulf Buyer LLC", "Zeta Co"]
    assert client.get("/invoicing/customers/export.csv?sort=bad").status_code == 400


def test_bulk_export_of_the_ticked_customers(client, owed):
    ticked = [owed["gulf"].id, owed["zeta"].id]
    rows = csv_rows(
        post_form(client, "/invoicing/customers/bulk", {"action": "export", "ids": ticked})
    )
    assert sorted(r[0] for r in rows[1:]) == ["Gulf Buyer LLC", "Zeta Co"]
    bad = post_form(client, "/invoicing/customers/bulk", {"action": "delete", "ids": ticked})
    assert bad.status_code == 400


def test_the_page_reads_indexes(client, owed):
    for query in ["", "?sort=-balance", "?sort=days_90", "?q=gulf&owing=1"]:
        with case(query=query):
            assert_reads_indexes(client, f"/invoicing/customers{query}", TABLES)
