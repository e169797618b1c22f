"""The products and services catalogue: API, pages and the line editors' autocomplete."""

from __future__ import annotations

import lxml.html
import pytest

from plugins.invoicing.tests.test_pages_support import post_form

CONSULTING = {
    "code": "CONS-HR",
    "name": "Consulting hour",
    "unit_code": "HUR",
    "unit_price": "450.00",
    "tax_category": "S",
}


def _add(api, **fields):
    resp = api.post("/api/v1/catalog-items", json={**CONSULTING, **fields})
    assert resp.status_code == 201, resp.get_json()
    return resp.get_json()


def test_create_list_search_read_and_update_with_versions(api):
    made = _add(api)
    assert made["unit_price"] == "450.00" and made["unit_code"] == "HUR" and made["active"]
    _add(api, code="LIC-1", name="Licence", unit_code="C62", unit_price="1200")
    names = [i["name"] for i in api.get("/api/v1/catalog-items").get_json()["data"]]
    assert names == ["Consulting hour", "Licence"]
    found = api.get("/api/v1/catalog-items?q=lic").get_json()["data"]
    assert [i["code"] for i in found] == ["LIC-1"]

    path = f"/api/v1/catalog-items/{made['id']}"
    read = api.get(path)
    assert read.headers["ETag"] == '"1"'
    changed = api.patch(path, json={"unit_price": "475"}, headers={"If-Match": '"1"'})
    assert changed.status_code == 200 and changed.get_json()["unit_price"] == "475.00"
    assert changed.headers["ETag"] == '"2"'
    stale = api.patch(path, json={"unit_price": "500"}, headers={"If-Match": '"1"'})
    assert stale.status_code == 409
    assert stale.get_json()["error"]["code"] == "stale_version"
    assert stale.get_json()["error"]["details"]["current"]["unit_price"] == "475.00"
    hidden = api.patch(path, json={"active": False})
    assert hidden.get_json()["active"] is False
    offered = api.get("/api/v1/catalog-items?active=true").get_json()["data"]
    assert [i["code"] for i in offered] == ["LIC-1"]


def test_bad_items_are_refused_field_by_field(api):
    _add(api)
    resp = api.post(
        "/api/v1/catalog-items",
        json={
            "code": "cons-hr",
            "name": "",
            "unit_code": "XX",
            "unit_price": "-1",
            "tax_category": "Q",
        },
    )
    assert resp.status_code == 422
    fields = resp.get_json()["error"]["details"]["fields"]
    assert set(fields) == {"code", "name", "unit_code", "unit_price", "tax_category"}
    assert "already used" in fields["code"]
    assert fields["unit_code"].startswith("is not a UN/ECE Rec 20 unit code")
    assert fields["tax_category"] == "is not a VAT category (S, Z, E, O, AE)"
    missing = api.post("/api/v1/catalog-items", json={"name": "x"})
    assert missing.status_code == 422
    assert api.get("/api/v1/catalog-items/999999").status_code == 404


def test_other_companies_items_are_invisible(api, make_company, make_user, api_token, client):
    from plugins.invoicing.tests.helpers import Api

    made = _add(api)
    other = make_company(name="Globex FZE", trn="100999888700003")
    globex = Api(client, api_token(make_user("admin@globex.ae", other)))
    assert globex.get("/api/v1/catalog-items").get_json()["data"] == []
    assert globex.get(f"/api/v1/catalog-items/{made['id']}").status_code == 404
    # The same code is free in another company.
    assert globex.post("/api/v1/catalog-items", json=CONSULTING).status_code == 201


@pytest.fixture
def signed_in(company, admin, customer, login):
    return login()


def test_suggestions_fill_unit_price_and_vat(api, signed_in):
    _add(api)
    _add(
        api,
        code="EXP-1",
        name="Export freight",
        unit_code="KGM",
        unit_price="3.5",
        tax_category="Z",
    )
    _add(api, code="OLD", name="Old consulting", active=False)
    resp = signed_in.get(
        "/invoicing/catalog/suggest?lines-2-description=consul", headers={"HX-Request": "true"}
    )
    assert resp.status_code == 200
    options = lxml.html.fragment_fromstring(resp.get_data(as_text=True), create_parent=True)
    found = options.xpath("//*[@data-suggestion]")
    assert [o.get("data-name") for o in found] == ["Consulting hour"]  # inactive not offered
    item = found[0]
    assert (item.get("data-unit"), item.get("data-price"), item.get("data-vat")) == (
        "HUR",
        "450.00",
        "S",
    )
    assert item.get("id").startswith("lines-2-description-suggestion-")
    by_code = signed_in.get("/invoicing/catalog/suggest?q=exp").get_data(as_text=True)
    assert 'data-price="3.50"' in by_code and 'data-vat="Z"' in by_code
    nothing = signed_in.get("/invoicing/catalog/suggest?q=").get_data(as_text=True)
    assert "data-suggestion" not in nothing


def test_catalog_pages_add_and_edit(signed_in):
    page = signed_in.get("/invoicing/catalog/new")
    assert page.status_code == 200
    made = post_form(
        signed_in,
        "/invoicing/catalog/new",
        {**CONSULTING, "active": "y"},
        page="/invoicing/catalog/new",
    )
    assert made.status_code == 303
    listing = signed_in.get("/invoicing/catalog").get_data(as_text=True)
    assert "Consulting hour" in listing and "CONS-HR" in listing
    assert "Consulting hour added to the catalogue." in listing  # the flash, once
    listing = signed_in.get("/invoicing/catalog").get_data(as_text=True)
    refused = post_form(
        signed_in,
        "/invoicing/catalog/new",
        {**CONSULTING, "unit_price": "abc"},
        page="/invoicing/catalog/new",
    )
    assert refused.status_code == 422
    assert "nothing was saved" in refused.get_data(as_text=True)
    link = lxml.html.fromstring(listing).xpath("//tr[@data-catalog-item]//a")[0].get("href")
    form = dict(
        lxml.html.fromstring(signed_in.get(link).get_data(as_text=True))
        .get_element_by_id("catalog-form")
        .form_values()
    )
    assert form["_version"] == "1" and form["unit_price"] == "450.00"
    saved = signed_in.post(link, data={**form, "unit_price": "480"})
    assert saved.status_code == 303
    after = signed_in.get("/invoicing/catalog").get_data(as_text=True)
    assert "480" in after and "Consulting hour saved." in after
    stale = signed_in.post(link, data={**form, "name": "Consulting (senior)"})
    assert stale.status_code == 409  # opened at version 1, now 2
    assert "Consulting (senior)" in stale.get_data(as_text=True)


def test_editor_lines_carry_their_net_and_catalogue_autocomplete(signed_in):
    html = signed_in.get("/invoicing/invoices/new").get_data(as_text=True)
    tree = lxml.html.fromstring(html)
    line = tree.xpath("//table[@id='invoice-lines']//tbody[@data-line-row]")[0]
    description = line.xpath(".//input[@data-line-description]")[0]
    assert description.get("hx-get") == "/invoicing/catalog/suggest"
    assert line.xpath(".//output[@id='line-net-0']")
    details = line.xpath(".//tr[@data-line-details]")[0]
    assert details.get("hidden") is not None  # folded for a standard-rated line
    assert details.xpath(".//input[@name='lines-0-allowance']")
