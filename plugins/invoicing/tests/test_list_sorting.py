"""Invoice list: every column sorts, "Next"/"Previous" page by keyset cursors, counts bounded."""

import html as htmllib
import re

from plugins.invoicing.tests.test_pages_list import book  # noqa: F401  (fixture)
from plugins.invoicing.tests.test_pages_support import make_draft, one_line, row_ids
from tests.support.lists import case, sort_cases

KEYS = ("number", "customer", "date", "due", "total", "amount_due", "status", "payment")


def _page(client, path):
    resp = client.get(path)
    assert resp.status_code == 200, resp.get_data(as_text=True)[:300]
    return resp.get_data(as_text=True)


def _link(html, rel):
    found = re.search(rf'<a href="([^"]+)"[^>]*rel="{rel}"', html)
    return htmllib.unescape(found.group(1)) if found else None


def _walk(client, path):
    """Follow "Next" from ``path`` to the end; the ids seen, in order."""
    seen, pages = [], []
    while path:
        html = _page(client, path)
        seen += row_ids(html)
        pages.append(html)
        path = _link(html, "next")
        assert len(pages) < 20
    return seen, pages


def test_every_column_pages_by_keyset_in_one_order(client, book):  # noqa: F811
    for key, direction in sort_cases(KEYS):
        with case(sort=direction + key):
            whole = row_ids(_page(client, f"/invoicing/invoices?sort={direction}{key}&limit=200"))
            assert sorted(whole) == sorted(b.id for k, b in book.items() if k != "other")
            walked, pages = _walk(client, f"/invoicing/invoices?sort={direction}{key}&limit=2")
            assert walked == whole  # nothing skipped, nothing twice, NULLs (drafts) included
            assert "after=" in _link(pages[0], "next") and "offset=" in _link(pages[0], "next")
            # And back: "Previous" from the last page returns the pages before it.
            back = _link(pages[-1], "prev")
            assert "before=" in back
            assert row_ids(_page(client, back)) == row_ids(pages[-2])


def test_sort_by_customer_and_amount_due_and_header_links(client, book):  # noqa: F811
    names = "/invoicing/invoices?sort=customer&limit=200"
    html = _page(client, names)
    ids = row_ids(html)
    gulf_first = [b.id for k, b in book.items() if k in "bd"]  # Desert Rose Trading < the other
    assert set(ids[:2]) == set(gulf_first)
    # The active column's header says so and its link reverses the order; filters stay.
    html = _page(client, "/invoicing/invoices?status=FINALIZED&sort=total")
    assert 'aria-sort="ascending"' in html
    assert re.search(r'href="[^"]*sort=-total[^"]*"', html)
    assert re.search(r'href="[^"]*status=FINALIZED[^"]*sort=amount_due', html) or re.search(
        r'href="[^"]*sort=amount_due[^"]*status=FINALIZED', html
    )
    finals = row_ids(_page(client, "/invoicing/invoices?status=FINALIZED&sort=-amount_due"))
    assert finals == [book[k].id for k in "bca"]


def test_a_forged_cursor_is_a_message_not_a_crash(client, book):  # noqa: F811
    resp = client.get("/invoicing/invoices?after=bm90IGEgY3Vyc29y")
    assert resp.status_code == 400
    assert "after is not a cursor this list gave out" in resp.get_data(as_text=True)
    assert client.get("/invoicing/invoices?before=%%%").status_code == 400


def test_count_beyond_the_cap_comes_from_the_cache_and_follows_writes(
    client,
    book,  # noqa: F811
    company,
    customer,
    monkeypatch,
):
    from core.listing import counting, views

    monkeypatch.setattr(views, "COUNT_CAP", 3)
    counted = []
    real = counting.cached_count
    monkeypatch.setattr(counting, "cached_count", lambda q: counted.append(1) or real(q))
    assert "1–2 of 5" in _page(client, "/invoicing/invoices?limit=2")
    assert "1–2 of 2<" in _page(client, "/invoicing/invoices?limit=2&status=DRAFT")
    assert len(counted) == 1  # 5 is beyond the cap of 3; 2 is counted directly
    assert "1–2 of 4" in _page(client, "/invoicing/invoices?limit=2&date_from=2026-02-01")
    assert "1–2 of 5" in _page(client, "/invoicing/invoices?limit=2&sort=total")  # cached
    make_draft(company, customer, lines=one_line("5"))  # a write drops the cached count
    assert "1–2 of 6" in _page(client, "/invoicing/invoices?limit=2")


def test_api_pages_by_cursor_and_keeps_offset(client, book, admin, api_token):  # noqa: F811
    headers = {"Authorization": f"Bearer {api_token(admin)}"}
    first = client.get("/api/v1/invoices?limit=2&sort=-total", headers=headers).get_json()
    assert first["pagination"]["total"] == 5 and first["pagination"]["next_offset"] == 2
    cursor = first["pagination"]["next_cursor"]
    by_cursor = client.get(f"/api/v1/invoices?limit=2&sort=-total&after={cursor}", headers=headers)
    by_offset = client.get("/api/v1/invoices?limit=2&sort=-total&offset=2", headers=headers)
    assert [r["id"] for r in by_cursor.get_json()["data"]] == [
        r["id"] for r in by_offset.get_json()["data"]
    ]
    for sort in ("customer", "-amount_due", "status", "due_date", "-issue_date", "number"):
        resp = client.get(f"/api/v1/invoices?sort={sort}", headers=headers)
        assert resp.status_code == 200 and len(resp.get_json()["data"]) == 5
    bad = client.get("/api/v1/invoices?after=xyz", headers=headers)
    assert bad.status_code == 400 and bad.get_json()["error"]["code"] == "invalid_parameter"
