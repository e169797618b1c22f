"""Catalogue list: a declared list like the others (not a copy of the customer list): every
column sorts and pages by keyset, search and "offered" in the URL, export, and bulk "stop
offering" / "offer again" for those who may change the catalogue."""

import pytest

from core.api import db
from plugins.invoicing.catalog_model import CatalogItem
from plugins.invoicing.services import catalog
from plugins.invoicing.tests.test_pages_support import post_form
from tests.support.lists import (
    assert_reads_indexes,
    assert_sort_walks,
    case,
    cells,
    csv_rows,
    ids,
    page,
    sort_cases,
    xlsx_rows,
)

KEYS = ("code", "name", "unit_code", "unit_price", "tax_category", "active")


@pytest.fixture
def items(company, admin, login, make_company):
    made = {}
    for code, name, unit, price, vat in (
        ("CONS-HR", "Consulting hour", "HUR", "450", "S"),
        ("LIC-1", "Licence " + "very long name " * 12, "C62", "1200", "S"),
        ("EXP-1", "Export freight", "C62", "80.5", "Z"),
        ("OLD-9", "Retired item", "H87", "10", "E"),
    ):
        made[code] = catalog.create(
            company.id,
            {
                "code": code,
                "name": name,
                "unit_code": unit,
                "unit_price": price,
                "tax_category": vat,
            },
        )
    catalog.update(made["OLD-9"], {"active": False})
    other = make_company(name="Other Co")
    catalog.create(other.id, {"code": "ZZZ", "name": "Other company's item", "unit_price": "1"})
    db.session.commit()
    login()
    return made


def _offered(item_id):
    db.session.expire_all()
    return db.session.get(CatalogItem, item_id).active


def test_the_list_shows_labels_and_truncates_long_names(client, items):
    html = page(client, "/invoicing/catalog")
    assert ids(html) == [items[c].id for c in ("CONS-HR", "EXP-1", "LIC-1", "OLD-9")]
    assert "Other company" not in html
    row = cells(html, items["CONS-HR"].id)
    assert row[1:] == ["CONS-HR", "Consulting hour", "Hour", "450", "Standard rate", "yes"]
    assert 'class="ll-truncate" title="Licence very long name' in html
    assert f'data-catalog-item="{items["LIC-1"].id}"' in html


def test_every_column_sorts_and_pages_by_keyset(client, items):
    for key, direction in sort_cases(KEYS):
        with case(sort=direction + key):
            expected = [i.id for i in items.values()]
            whole = assert_sort_walks(client, "/invoicing/catalog", direction + key, expected)
            if key == "unit_price":
                expected = ["OLD-9", "EXP-1", "CONS-HR", "LIC-1"]
                assert whole == [items[c].id for c in (expected[::-1] if direction else expected)]


def test_filters_are_in_the_url(client, items):
    assert ids(page(client, "/invoicing/catalog?offered=no")) == [items["OLD-9"].id]
    assert ids(page(client, "/invoicing/catalog?q=exp&offered=yes")) == [items["EXP-1"].id]
    html = page(client, "/invoicing/catalog?offered=no")
    assert '<option value="no" selected>' in html and "offered=no" in html


def test_export_follows_the_filter_and_order(client, items):
    rows = csv_rows(client.get("/invoicing/catalog/export.csv?offered=yes&sort=-unit_price"))
    assert rows[0] == ["Code", "Name", "Unit", "Unit price", "VAT", "Offered"]
    assert [r[0] for r in rows[1:]] == ["LIC-1", "CONS-HR", "EXP-1"]
    assert rows[3][3] == "80.500000" and rows[3][2] == "C62"  # exact decimal, the code
    sheet = xlsx_rows(client.get("/invoicing/catalog/export.xlsx?q=cons"))
    assert sheet[1][0] == "CONS-HR" and sheet[1][3] == 450


def test_export_of_a_filter_matching_nothing_is_the_header_alone(client, items):
    response = client.get("/invoicing/catalog/export.csv?q=nothing-matches-this")
    assert response.status_code == 200
    assert csv_rows(response) == [["Code", "Name", "Unit", "Unit price", "VAT", "Offered"]]
    sheet = xlsx_rows(client.get("/invoicing/catalog/export.xlsx?q=nothing-matches-this"))
    assert sheet == [("Code", "Name", "Unit", "Unit price", "VAT", "Offered")]


def test_bulk_stop_offering_and_offer_again(client, items):
    ticked = [items["CONS-HR"].id, items["EXP-1"].id]
    resp = post_form(
        client,
        "/invoicing/catalog/bulk",
        {"action": "withdraw", "ids": ticked, "back": "/invoicing/catalog?offered=yes"},
        page="/invoicing/catalog",
    )
    assert resp.status_code == 303 and resp.headers["Location"].endswith("?offered=yes")
    assert not _offered(items["CONS-HR"].id) and not _offered(items["EXP-1"].id)
    assert "Stop offering: 2 of 2 done." in page(client, "/invoicing/catalog")
    resp = post_form(
        client, "/invoicing/catalog/bulk", {"action": "offer", "ids": [items["OLD-9"].id]}
    )
    assert resp.status_code == 303 and _offered(items["OLD-9"].id)


def test_bulk_is_refused_without_the_permission_and_for_other_companies(
    client, items, make_user, company, login, make_company
):
    other = make_company(name="Elsewhere")
    theirs = catalog.create(other.id, {"code": "X-1", "name": "Theirs", "unit_price": "5"})
    db.session.commit()
    resp = post_form(client, "/invoicing/catalog/bulk", {"action": "withdraw", "ids": [theirs.id]})
    assert resp.status_code == 303 and _offered(theirs.id)
    assert "0 of 1 done" in page(client, "/invoicing/catalog")
    make_user(email="root@example.test", role="SUPER_ADMIN")  # reads everything, changes nothing
    post_form(client, "/logout", {})
    login("root@example.test")
    html = page(client, "/invoicing/catalog")
    assert '<option value="withdraw">' not in html
    resp = post_form(
        client, "/invoicing/catalog/bulk", {"action": "withdraw", "ids": [items["LIC-1"].id]}
    )
    assert resp.status_code == 403 and _offered(items["LIC-1"].id)


def test_the_page_reads_indexes(client, items):
    for query in ["", "?sort=-unit_price", "?sort=active", "?sort=tax_category"]:
        with case(query=query):
            assert_reads_indexes(client, f"/invoicing/catalog{query}", ("invoicing_catalog_item",))
