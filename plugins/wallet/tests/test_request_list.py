"""The payment requests list as a user sees it: every column sorts and pages by keyset,
filters in the URL, CSV/XLSX of the filter, bulk "stop watching" (asks first; one already
stopped is named), and the sorted first page reads indexes."""

import pytest

from plugins.invoicing.tests.test_pages_support import post_form
from tests.support.lists import (
    assert_api_list_flat,
    assert_every_sort_walks,
    assert_reads_indexes,
    case,
    cells,
    csv_rows,
    ids,
    page,
    xlsx_rows,
)

KEYS = ("id", "invoice", "address", "amount_units", "invoice_amount", "status", "expires_at")
KEYS += ("created_at", "destroyed_at")


@pytest.fixture
def requests_made(request_for, wallet_api, login):
    made = [request_for(price) for price in ("100.00", "300.00", "200.00")]
    return login(), made


def test_every_column_sorts_and_pages_by_keyset(requests_made):
    client, made = requests_made
    assert_every_sort_walks(client, "/wallet/requests", KEYS, [r["id"] for r in made])


def test_the_list_its_filters_and_export(requests_made):
    client, made = requests_made
    html = page(client, "/wallet/requests?sort=-invoice_amount")
    assert ids(html) == [made[1]["id"], made[2]["id"], made[0]["id"]]
    row = cells(html, made[1]["id"])
    assert row[3] == made[1]["address"] and row[5] == "$315.00"
    assert f'title="{made[1]["address"]}"' in html  # long addresses cut short, whole on hover
    short = made[0]["address"][-6:]
    assert ids(page(client, f"/wallet/requests?q={short}")) == [made[0]["id"]]
    rows = csv_rows(client.get("/wallet/requests/export.csv?sort=invoice_amount"))
    assert [r[2] for r in rows[1:]] == [m["address"] for m in (made[0], made[2], made[1])]
    sheet = xlsx_rows(client.get("/wallet/requests/export.xlsx?status=New"))
    assert len(sheet) == 4


def test_bulk_stop_watching_asks_first_then_stops(requests_made):
    client, made = requests_made
    ticked = {"action": "destroy", "ids": [made[0]["id"]]}
    ask = post_form(client, "/wallet/requests/bulk", ticked, page="/wallet/requests")
    assert ask.status_code == 200 and made[0]["address"] in ask.get_data(as_text=True)
    assert ids(page(client, "/wallet/requests?watched=no")) == []
    done = post_form(client, "/wallet/requests/bulk", {**ticked, "confirm": "1"})
    assert done.status_code == 303
    assert ids(page(client, "/wallet/requests?watched=no")) == [made[0]["id"]]
    both = {"action": "destroy", "ids": [made[0]["id"], made[1]["id"]], "confirm": "1"}
    post_form(client, "/wallet/requests/bulk", both)
    html = page(client, "/wallet/requests")
    assert "1 of 2 done" in html and "no longer watched" in html


def test_the_page_reads_indexes(requests_made, wallet_api):
    for query in ["", "?sort=-invoice_amount", "?sort=status", "?sort=address"]:
        with case(query=query):
            client, _ = requests_made
            assert_reads_indexes(client, f"/wallet/requests{query}", ("wallet_payment_request",))
    table = ("wallet_payment_request",)
    assert_api_list_flat(wallet_api, "/api/v1/wallet/payment-requests", 3, table)
